//! A scenario's mean field as the diagrams see it: a vector field of a few state variables
//! under the scenario's constant input, in the model's own time unit, whichever model it is.
//!
//! - **Exact families**: r (per time unit), v and the family's third and fourth variables.
//! - **Conductance models** (AdEx and Izhikevich, `adex_mf.md` §3): the rates ν_e, ν_i [Hz],
//!   in second order the covariances c_ee, c_ei, c_ii [Hz²], and with dynamic adaptation the
//!   adaptation currents W_e, W_i (u_e, u_i) [pA]; time in ms. With stationary adaptation W is
//!   pinned at its steady value for the rates, as the model's runs pin it, so that model has
//!   two (first order) or five (second order) variables. The Izhikevich transfer function is
//!   undefined where the cell has no subthreshold rest: there the field is undefined too, and a
//!   branch that runs into that region ends there (`lost`). So is it at negative rates and
//!   variances (where the second-order equations have equilibria that are no state of the
//!   model).

use crate::error::Error;
use crate::lorentz::{self, LorentzMeanField};
use crate::meanfield::{
    run as mf_run, AdaptationMode, AdexMeanField, AdexState, Order, RunOptions,
};
use crate::scenario::Scenario;
use crate::stimulus::StimSample;
use crate::transfer::coefficients::CoefficientSet;

/// A state variable: key (JSON), label, unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct VarName {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
}

/// The conductance models' variables, in [`AdexState::to_array`]'s order; the Izhikevich
/// model's adaptation is u.
const ADEX_VARS: [(&str, &str, &str); 7] = [
    ("nu_e", "ν_e", "Hz"),
    ("nu_i", "ν_i", "Hz"),
    ("c_ee", "c_ee", "Hz²"),
    ("c_ei", "c_ei", "Hz²"),
    ("c_ii", "c_ii", "Hz²"),
    ("w_e", "W_e", "pA"),
    ("w_i", "W_i", "pA"),
];
const IZH_ADAPTATION: [(&str, &str, &str); 2] = [("w_e", "u_e", "pA"), ("w_i", "u_i", "pA")];

/// How far below 0 a conductance model's rates [Hz] and variances [Hz²] may go: only as far as
/// the difference quotients at the silent state reach; the field is undefined beyond.
const NEGATIVE_RATE_HZ: f64 = 0.5;

/// A conductance model's field: which of [`AdexState`]'s seven variables are free.
#[derive(Clone, Debug)]
pub(crate) struct Conductance {
    mf: AdexMeanField,
    input: StimSample,
    /// Indices into [`AdexState::to_array`] of the free variables.
    free: Vec<usize>,
}

impl Conductance {
    fn state(&self, x: &[f64]) -> AdexState {
        let mut a = [0.0; 7];
        for (&k, v) in self.free.iter().zip(x) {
            a[k] = *v;
        }
        self.mf
            .with_pinned_adaptation(&AdexState::from_array(a), self.input)
    }

    fn eval(&self, x: &[f64]) -> Option<Vec<f64>> {
        // Rates below 0 (beyond a margin for difference quotients at the silent state) are no
        // state of the model: the second-order equations have equilibria there.
        if x[0] < -NEGATIVE_RATE_HZ || x[1] < -NEGATIVE_RATE_HZ {
            return None;
        }
        let st = self.state(x);
        if self.mf.order() == Order::Second
            && (st.c_ee < -NEGATIVE_RATE_HZ || st.c_ii < -NEGATIVE_RATE_HZ)
        {
            return None;
        }
        if self.mf.is_izhikevich() && self.mf.out_of_domain(&st, self.input).is_some() {
            return None;
        }
        let d = self.mf.derivative(&st, self.input).to_array();
        Some(self.free.iter().map(|&k| d[k]).collect())
    }
}

/// A scenario's mean field under its constant input.
#[derive(Clone, Debug)]
pub(crate) enum System {
    /// An exact family and its input current.
    Exact(Box<LorentzMeanField>, f64),
    /// A conductance model.
    Conductance(Box<Conductance>),
}

impl System {
    /// The mean field of `s` (a scenario without time dependence: its input at t = 0 is used),
    /// with the conductance models' transfer function `set`.
    ///
    /// # Errors
    /// A conductance model without `set`, or parameters that make no model.
    pub(crate) fn of(s: &Scenario, set: Option<&CoefficientSet>) -> Result<Self, Error> {
        let sample = s.signal().at(0.0);
        if let Some(mf) = s.lorentz() {
            let i = mf.input(sample);
            return Ok(Self::Exact(Box::new(mf), i));
        }
        let set = set.ok_or_else(|| {
            Error::Usage(format!(
                "the {} model's diagrams need its transfer function",
                s.model.name()
            ))
        })?;
        let mf = s.adex_model(set)?;
        let second = mf.order() == Order::Second;
        let dynamic = mf.adaptation() == AdaptationMode::Dynamic;
        let free = (0..7)
            .filter(|&k| (k < 2 || second || k >= 5) && (k < 5 || dynamic))
            .collect();
        Ok(Self::Conductance(Box::new(Conductance {
            mf,
            input: sample,
            free,
        })))
    }

    /// Number of state variables.
    pub(crate) fn dim(&self) -> usize {
        match self {
            Self::Exact(mf, _) => mf.vars().len(),
            Self::Conductance(c) => c.free.len(),
        }
    }

    /// dx/dt (per time unit), or `None` outside the model's domain.
    pub(crate) fn eval(&self, x: &[f64]) -> Option<Vec<f64>> {
        match self {
            Self::Exact(mf, i) => {
                let n = x.len().min(4);
                let mut st = [0.0; 4];
                st[..n].copy_from_slice(&x[..n]);
                let d = mf.derivative(&st, *i);
                Some(d[..n].to_vec())
            }
            Self::Conductance(c) => c.eval(x),
        }
    }

    /// The state variables (the rate first; the conductance models' second is ν_i).
    pub(crate) fn vars(&self) -> Vec<VarName> {
        match self {
            Self::Exact(mf, _) => mf
                .vars()
                .iter()
                .map(|v| VarName {
                    key: v.key,
                    label: v.label,
                    unit: v.unit,
                })
                .collect(),
            Self::Conductance(c) => c
                .free
                .iter()
                .map(|&k| {
                    let (key, label, unit) = if c.mf.is_izhikevich() && k >= 5 {
                        IZH_ADAPTATION[k - 5]
                    } else {
                        ADEX_VARS[k]
                    };
                    VarName { key, label, unit }
                })
                .collect(),
        }
    }

    /// The time unit [ms].
    pub(crate) fn t_unit_ms(&self) -> f64 {
        match self {
            Self::Exact(mf, _) => mf.t_unit_ms(),
            Self::Conductance(_) => 1.0,
        }
    }

    /// The first variable (a rate in the model's unit) in Hz.
    pub(crate) fn to_hz(&self, r: f64) -> f64 {
        match self {
            Self::Exact(mf, _) => mf.to_hz(r),
            Self::Conductance(_) => r,
        }
    }

    /// A rate in Hz in the model's unit.
    pub(crate) fn hz_to_unit(&self, r_hz: f64) -> f64 {
        match self {
            Self::Exact(mf, _) => mf.from_hz(r_hz),
            Self::Conductance(_) => r_hz,
        }
    }

    /// A state with its first variable in Hz.
    pub(crate) fn state_to_hz(&self, x: &[f64]) -> Vec<f64> {
        let mut y = x.to_vec();
        if let Some(r) = y.first_mut() {
            *r = self.to_hz(*r);
        }
        y
    }

    /// A state with its first variable in the model's unit.
    pub(crate) fn state_from_hz(&self, x: &[f64]) -> Vec<f64> {
        let mut y = x.to_vec();
        if let Some(r) = y.first_mut() {
            *r = self.hz_to_unit(*r);
        }
        y
    }

    /// Whether the conductance model is of second order (its equilibria include covariances).
    pub(crate) fn second_order(&self) -> bool {
        matches!(self, Self::Conductance(c) if c.mf.order() == Order::Second)
    }

    /// A conductance model's state in this field's variables (empty for an exact family).
    pub(crate) fn pick(&self, st: &AdexState) -> Vec<f64> {
        match self {
            Self::Exact(..) => Vec::new(),
            Self::Conductance(c) => {
                let a = st.to_array();
                c.free.iter().map(|&k| a[k]).collect()
            }
        }
    }

    /// The conductance model's state of this field's variables `x` (W pinned in stationary
    /// mode); the default state for an exact family.
    pub(crate) fn unpick(&self, x: &[f64]) -> AdexState {
        match self {
            Self::Exact(..) => AdexState::default(),
            Self::Conductance(c) => c.state(x),
        }
    }

    /// Starts for Newton's method at `s` (whose mean field this is): the state a run settles on
    /// ([`System::settled_guess`]) and, for a conductance model, every fixed point of its
    /// reduced map F(ν_e) ([`super::fixed_points`]: all of them below 100 Hz, the silent, the
    /// saddle and the active one, which no single run reaches), with the covariances at 0.
    pub(crate) fn starts(&self, s: &Scenario, set: Option<&CoefficientSet>) -> Vec<Vec<f64>> {
        let mut out = vec![self.settled_guess(s)];
        if let Some(set) = set {
            out.extend(self.starts_from_fixed_points(s, set));
        }
        out
    }

    /// A conductance model's first-order fixed points below 100 Hz (every one of its reduced
    /// map F(ν_e)), in this field's variables with the covariances at 0; none for an exact
    /// family.
    pub(crate) fn starts_from_fixed_points(
        &self,
        s: &Scenario,
        set: &CoefficientSet,
    ) -> Vec<Vec<f64>> {
        if matches!(self, Self::Exact(..)) {
            return Vec::new();
        }
        super::fixed_points::fixed_points(s, set).map_or_else(
            |_| Vec::new(),
            |fp| {
                fp.points
                    .iter()
                    .map(|p| {
                        self.pick(&AdexState {
                            nu_e: p.nu_e,
                            nu_i: p.nu_i,
                            w_e: p.w_e,
                            w_i: p.w_i,
                            ..AdexState::default()
                        })
                    })
                    .collect()
            },
        )
    }

    /// The state a run of `s` (whose mean field this is) settles on, or the mean of the orbit
    /// it circles, in this field's variables: a start for Newton's method. The run starts from
    /// the scenario's initial state, under the constant input.
    pub(crate) fn settled_guess(&self, s: &Scenario) -> Vec<f64> {
        let n = self.dim();
        let mean_of = |tail: Vec<Vec<f64>>, fallback: Vec<f64>| {
            if tail.is_empty() {
                return fallback;
            }
            (0..n)
                .map(|k| tail.iter().map(|x| x[k]).sum::<f64>() / tail.len() as f64)
                .collect()
        };
        match self {
            Self::Exact(mf, _) => {
                let unit = mf.t_unit_ms();
                // Long enough for the slowest adaptation of the defaults (τ_a, 1/a: a few
                // hundred units), in chunks of 100 units: a run that has come to rest (it
                // moved less than 1e-10 of its size in a chunk) ends there; one that has
                // not is averaged over its last 400 units (an orbit's mean).
                const CHUNK: f64 = 100.0;
                const CHUNKS: usize = 20;
                let dt = (0.01 * unit).min(s.dt_ms).max(1e-3);
                let signal = s.signal();
                let fallback = mf.initial_state()[..n].to_vec();
                let mut x = mf.initial_state();
                let mut recent: Vec<Vec<Vec<f64>>> = Vec::new();
                for _ in 0..CHUNKS {
                    let tr = lorentz::run_from(mf, x, &signal, CHUNK * unit, dt);
                    let Some(&last) = tr.states.last() else {
                        return fallback;
                    };
                    if !tr.events.is_empty() {
                        return fallback;
                    }
                    let size = last[..n].iter().fold(1e-3_f64, |m, v| m.max(v.abs()));
                    let moved = tr
                        .states
                        .iter()
                        .flat_map(|y| y[..n].iter().zip(&last[..n]).map(|(a, b)| (a - b).abs()))
                        .fold(0.0_f64, f64::max);
                    if moved < 1e-10 * size {
                        return last[..n].to_vec();
                    }
                    recent.push(tr.states.iter().map(|y| y[..n].to_vec()).collect());
                    if recent.len() > 4 {
                        recent.remove(0);
                    }
                    x = last;
                }
                mean_of(recent.concat(), fallback)
            }
            Self::Conductance(c) => {
                // 20 s: ten times the slowest adaptation of the defaults (τ_w = 500 ms … 1 s).
                let opts = RunOptions {
                    duration_ms: 20_000.0,
                    dt_ms: s.dt_ms.clamp(0.01, 0.5),
                };
                let tr = mf_run(&c.mf, s.initial_state(), &s.signal(), opts);
                let fallback = self.pick(&s.initial_state());
                let tail = tr.states[tr.states.len() * 4 / 5..]
                    .iter()
                    .map(|st| self.pick(st))
                    .collect();
                mean_of(tail, fallback)
            }
        }
    }
}
