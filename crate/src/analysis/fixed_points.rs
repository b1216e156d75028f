//! The graphical fixed-point construction of di Volo et al. 2019 (Fig 5B): for each ν_e, the
//! inhibitory rate that the FS transfer function makes self-consistent,
//! ν̄_i = F_i(ν_e, ν̄_i), then F(ν_e) = F_e(ν_e, ν̄_i). Fixed points are the crossings of F with
//! the bisector; adaptation sits at its stationary value for the rates, so they are also the
//! fixed points of the model with dynamic adaptation. Each is classified by the linear
//! stability of the first-order system with dynamic adaptation ([`super::stability`]).

use super::stability::{self, Stability};
use crate::meanfield::{AdaptationMode, AdexMeanField, AdexState, Order};
use crate::scenario::Scenario;
use crate::stimulus::StimSample;
use crate::transfer::coefficients::CoefficientSet;
use crate::Error;

/// Highest rate searched for fixed points [Hz]. Above it lie only the unphysical pair near
/// 1/τ_ref that the paper sets aside (§3.4).
pub const NU_MAX_HZ: f64 = 100.0;
/// Bracket of the self-consistent inhibitory rate [Hz].
const NU_I_MAX_HZ: f64 = 1000.0;
/// Points of the F(ν_e) curve; spaced quadratically, densest near the silent state.
const CURVE_POINTS: usize = 161;
/// Bisection steps: 2⁻⁵² of the bracket, below the rounding of the rates.
const BISECTIONS: usize = 52;
/// |F − ν| below which a rate counts as on the bisector [Hz].
const ON_BISECTOR_HZ: f64 = 1e-9;

/// One fixed point.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FixedPoint {
    /// Excitatory rate [Hz].
    pub nu_e: f64,
    /// Inhibitory rate [Hz].
    pub nu_i: f64,
    /// Stationary excitatory adaptation [pA].
    pub w_e: f64,
    /// Stationary inhibitory adaptation [pA].
    pub w_i: f64,
    /// Slope dF/dν_e of the reduced map there [1] (< 1 where F crosses the bisector from above).
    pub slope: f64,
    /// Linear stability in the full first-order system.
    pub stability: Stability,
}

/// The F(ν_e) curve and its crossings with the bisector.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FixedPoints {
    /// (ν_e, F(ν_e)) [Hz, Hz].
    pub curve: Vec<(f64, f64)>,
    /// The fixed points, by increasing ν_e.
    pub points: Vec<FixedPoint>,
    /// Whether a time-varying stimulus was left out (fixed points need constant input).
    pub stimulus_removed: bool,
}

impl FixedPoints {
    /// The stable points.
    pub fn stable(&self) -> impl Iterator<Item = &FixedPoint> {
        self.points.iter().filter(|p| p.stability.is_stable())
    }

    /// Whether a silent (ν_e < `active_hz`) and an active stable state coexist.
    #[must_use]
    pub fn bistable(&self, active_hz: f64) -> bool {
        self.stable().any(|p| p.nu_e < active_hz) && self.stable().any(|p| p.nu_e >= active_hz)
    }

    /// The highest stable rate, if any.
    #[must_use]
    pub fn highest_stable(&self) -> Option<&FixedPoint> {
        self.stable().last()
    }
}

/// The reduced one-dimensional map of a scenario.
#[derive(Clone, Debug)]
pub struct Reduced {
    stationary: AdexMeanField,
    dynamic: AdexMeanField,
    input: StimSample,
    /// Whether a time-varying stimulus was left out.
    pub stimulus_removed: bool,
}

/// F and the self-consistent state at one ν_e.
#[derive(Clone, Copy, Debug)]
struct Point {
    f: f64,
    state: AdexState,
}

impl Reduced {
    /// The map of `scenario` (first order; a constant stimulus is kept, others left out).
    ///
    /// # Errors
    /// When the scenario is an exact family or its parameters are inconsistent.
    pub fn new(scenario: &Scenario, set: &CoefficientSet) -> Result<Self, Error> {
        if scenario.model.family().is_some() {
            return Err(Error::Usage(format!(
                "the fixed-point analysis is for the conductance-based models; {} is an exact mean field",
                scenario.model.name()
            )));
        }
        let (mut s, stimulus_removed) = scenario.without_time_dependence();
        s.adex.order = Order::First;
        s.adex.adaptation = AdaptationMode::Dynamic;
        let dynamic = s.adex_model(set)?;
        let stationary = s.stationary_variant().adex_model(set)?;
        Ok(Self {
            stationary,
            dynamic,
            input: s.signal().at(0.0),
            stimulus_removed,
        })
    }

    /// What the map reads, as text (for cache keys): its two first-order models and the
    /// constant input.
    #[must_use]
    pub fn key(&self) -> String {
        format!(
            "{}; {}; {:?}; removed {}",
            self.dynamic.equations_key(),
            self.stationary.equations_key(),
            self.input,
            self.stimulus_removed
        )
    }

    fn pinned(&self, nu_e: f64, nu_i: f64) -> AdexState {
        let x = AdexState {
            nu_e,
            nu_i,
            ..AdexState::default()
        };
        self.stationary.with_pinned_adaptation(&x, self.input)
    }

    /// ν̄_i with F_i(ν_e, ν̄_i) = ν̄_i: F_i falls as ν_i grows, so the root is unique.
    fn nu_i(&self, nu_e: f64) -> f64 {
        let h = |nu_i: f64| {
            let x = self.pinned(nu_e, nu_i);
            self.stationary.transfer_rates(&x, self.input).1 - nu_i
        };
        let (mut lo, mut hi) = (0.0, NU_I_MAX_HZ);
        if h(lo) <= 0.0 {
            return 0.0;
        }
        if h(hi) >= 0.0 {
            return hi;
        }
        for _ in 0..BISECTIONS {
            let mid = 0.5 * (lo + hi);
            if h(mid) > 0.0 {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    }

    fn at(&self, nu_e: f64) -> Point {
        let state = self.pinned(nu_e, self.nu_i(nu_e));
        let f = self.stationary.transfer_rates(&state, self.input).0;
        Point { f, state }
    }

    /// F(ν_e) [Hz].
    #[must_use]
    pub fn f(&self, nu_e: f64) -> f64 {
        self.at(nu_e).f
    }

    /// Classifies the fixed point at ν_e.
    fn fixed_point(&self, nu_e: f64) -> FixedPoint {
        let p = self.at(nu_e);
        let h = 1e-4_f64.max(1e-6 * nu_e);
        let lo = (nu_e - h).max(0.0);
        let slope = (self.f(nu_e + h) - self.f(lo)) / (nu_e + h - lo);
        let x = [p.state.nu_e, p.state.nu_i, p.state.w_e, p.state.w_i];
        let j = stability::jacobian(&self.dynamic, x, self.input);
        FixedPoint {
            nu_e,
            nu_i: p.state.nu_i,
            w_e: p.state.w_e,
            w_i: p.state.w_i,
            slope,
            stability: stability::classify(&j),
        }
    }

    /// The root of F(ν) − ν between `lo` (F above the bisector) and `hi` (below), or the
    /// reverse.
    fn crossing(&self, mut lo: f64, mut hi: f64) -> f64 {
        let above_at_lo = self.f(lo) > lo;
        for _ in 0..BISECTIONS {
            let mid = 0.5 * (lo + hi);
            if (self.f(mid) > mid) == above_at_lo {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    }
}

fn sign(g: f64) -> i8 {
    if g > ON_BISECTOR_HZ {
        1
    } else if g < -ON_BISECTOR_HZ {
        -1
    } else {
        0
    }
}

/// The F(ν_e) curve of `scenario` on [0, [`NU_MAX_HZ`]] and every fixed point there.
///
/// # Errors
/// See [`Reduced::new`].
pub fn fixed_points(scenario: &Scenario, set: &CoefficientSet) -> Result<FixedPoints, Error> {
    let map = Reduced::new(scenario, set)?;
    let last = (CURVE_POINTS - 1) as f64;
    let curve: Vec<(f64, f64)> = (0..CURVE_POINTS)
        .map(|k| {
            let nu = NU_MAX_HZ * (k as f64 / last).powi(2);
            (nu, map.f(nu))
        })
        .collect();
    let mut points = Vec::new();
    for (k, &(nu, f)) in curve.iter().enumerate() {
        let s = sign(f - nu);
        if s == 0 {
            points.push(map.fixed_point(nu));
            continue;
        }
        if let Some(&(next, fnext)) = curve.get(k + 1) {
            let sn = sign(fnext - next);
            if sn != 0 && sn != s {
                points.push(map.fixed_point(map.crossing(nu, next)));
            }
        }
    }
    Ok(FixedPoints {
        curve,
        points,
        stimulus_removed: map.stimulus_removed,
    })
}
