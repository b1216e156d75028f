//! The exact mean fields (PyRates templates `qif`, `qif_sfa`, `ik_nodim`, `ik_theta`, `ik_eta`;
//! `exact_mf.md` §§1–4), written in each family's own time unit ([`super::families`]), and
//! their fixed-step RK4 run.

use super::families::{dispatch, Family, LorentzParams, State, Var};
use crate::meanfield::RunEvent;
use crate::stimulus::{Signal, StimSample};

/// An exact mean field, ready to integrate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LorentzMeanField {
    /// Which family.
    pub family: Family,
    /// Its parameters.
    pub p: LorentzParams,
}

impl LorentzMeanField {
    /// The family's time unit [ms]: τ (QIF), C/(k|V_R|) (Chen–Campbell), 1 ms (GSK).
    #[must_use]
    pub fn t_unit_ms(&self) -> f64 {
        dispatch!(self.family, &self.p => t_unit_ms())
    }

    /// The state variables this family has (r and v first).
    #[must_use]
    pub fn vars(&self) -> Vec<Var> {
        dispatch!(self.family, vars()).to_vec()
    }

    /// The unit of the input current and of v: dimensionless, except pA and mV for the
    /// biophysical families.
    #[must_use]
    pub fn current_unit(&self) -> &'static str {
        dispatch!(self.family, current_unit())
    }

    /// The input current at a stimulus sample: I_0 (gated like a drive) plus the stimulus.
    #[must_use]
    pub fn input(&self, s: StimSample) -> f64 {
        s.drive_gain * dispatch!(self.family, &self.p => i0()) + s.extra_hz
    }

    /// A rate in the family's unit (per time unit) in Hz.
    #[must_use]
    pub fn to_hz(&self, r: f64) -> f64 {
        r / self.t_unit_ms() * 1e3
    }

    /// A rate in Hz in the family's unit.
    #[must_use]
    pub fn from_hz(&self, r_hz: f64) -> f64 {
        r_hz * self.t_unit_ms() * 1e-3
    }

    /// The initial state: r(0), v(0) from the parameters; adaptation and synapses at 0.
    #[must_use]
    pub fn initial_state(&self) -> State {
        [self.from_hz(self.p.init.r_hz), self.p.init.v, 0.0, 0.0]
    }

    /// The quadratic gain A of v̇ = A v² + …: the half-width of the voltage Lorentzian is π r / A.
    #[must_use]
    pub fn gain(&self) -> f64 {
        dispatch!(self.family, &self.p => gain())
    }

    /// Whether the family's neurons each have an adaptation variable u_j (the Izhikevich
    /// families), which the network may also run as one global u.
    #[must_use]
    pub fn neuron_adaptation(&self) -> bool {
        dispatch!(self.family, third()) == super::families::Third::MeanU
    }

    /// dx/dt per time unit at state `x` under input current `i`.
    #[must_use]
    pub fn derivative(&self, x: &State, i: f64) -> State {
        dispatch!(self.family, &self.p => derivative(x, i))
    }
}

/// The time series of one run of an exact mean field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LorentzTrace {
    /// Sample times [ms].
    pub t_ms: Vec<f64>,
    /// States (r per time unit, v, …) at those times.
    pub states: Vec<State>,
    /// Rate r [Hz] at those times.
    pub r_hz: Vec<f64>,
    /// Input current at those times (the model's current unit).
    pub input: Vec<f64>,
    /// What went wrong, in order.
    pub events: Vec<RunEvent>,
}

fn axpy(x: &State, h: f64, k: &State) -> State {
    std::array::from_fn(|n| x[n] + h * k[n])
}

/// Largest magnitude any state variable may reach, in the model's units [1]: far beyond every
/// physical value (|v| ≤ 10³ at most), so a state beyond it is a blow-up still on its way to ∞.
const BLOWN_UP: f64 = 1e8;

/// Highest rate a population can be said to fire at [Hz]: a thousand times a neuron's firing
/// at one spike per millisecond. A mean field beyond it is blowing up.
const MAX_RATE_HZ: f64 = 1e6;

/// Whether state variable `m` of `mf` may take `value`: finite, within [`BLOWN_UP`], and for
/// the rate (variable 0, the Lorentzian's width over π) not negative and below
/// [`MAX_RATE_HZ`]. A negative rate, or one of 10⁹ Hz on its way to the overflow, is no
/// prediction and must not be drawn as one.
fn physical(mf: &LorentzMeanField, m: usize, value: f64) -> bool {
    value.is_finite()
        && value.abs() <= BLOWN_UP
        && (m != 0 || (value >= 0.0 && mf.to_hz(value) <= MAX_RATE_HZ))
}

/// Integrates `mf` from its initial state with classical RK4 at step `dt_ms` for `duration_ms`.
/// The input is sampled at the start, middle and end of each step.
#[must_use]
pub fn run(mf: &LorentzMeanField, signal: &Signal, duration_ms: f64, dt_ms: f64) -> LorentzTrace {
    run_from(mf, mf.initial_state(), signal, duration_ms, dt_ms)
}

/// [`run`] from state `x0`.
#[must_use]
pub fn run_from(
    mf: &LorentzMeanField,
    x0: State,
    signal: &Signal,
    duration_ms: f64,
    dt_ms: f64,
) -> LorentzTrace {
    let n = (duration_ms / dt_ms).round().max(0.0) as usize;
    let h = dt_ms / mf.t_unit_ms();
    let mut tr = LorentzTrace::default();
    let mut x = x0;
    let names = mf.vars();
    for k in 0..=n {
        let t = k as f64 * dt_ms;
        let i0 = mf.input(signal.at(t));
        tr.t_ms.push(t);
        tr.states.push(x);
        tr.r_hz.push(mf.to_hz(x[0]));
        tr.input.push(i0);
        if k == n {
            break;
        }
        let im = mf.input(signal.at(t + 0.5 * dt_ms));
        let i1 = mf.input(signal.at(t + dt_ms));
        let k1 = mf.derivative(&x, i0);
        let k2 = mf.derivative(&axpy(&x, 0.5 * h, &k1), im);
        let k3 = mf.derivative(&axpy(&x, 0.5 * h, &k2), im);
        let k4 = mf.derivative(&axpy(&x, h, &k3), i1);
        let next: State =
            std::array::from_fn(|m| x[m] + h / 6.0 * (k1[m] + 2.0 * k2[m] + 2.0 * k3[m] + k4[m]));
        if let Some(m) = (0..names.len()).find(|&m| !physical(mf, m, next[m])) {
            tr.events.push(RunEvent::NonFinite {
                t_ms: t + dt_ms,
                variable: names[m].key,
                exact: true,
            });
            break;
        }
        x = next;
    }
    tr
}
