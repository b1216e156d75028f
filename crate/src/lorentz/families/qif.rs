//! QIF, Montbrió, Pazó & Roxin 2015 (`exact_mf.md` §1; PyRates `qif`): dimensionless, time
//! in units of τ. Its network's heterogeneity is the excitability η_j.

use super::rules::var;
use super::rules::{Coeffs, PyRatesTemplate, Rules, Shared, State, Third, Var};
use std::f64::consts::PI;

/// The QIF population of Montbrió, Pazó & Roxin 2015 (`exact_mf.md` §1), dimensionless with time
/// in units of τ.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QifParams {
    /// Membrane time constant τ, the time unit [ms] (10 ms, as MPR's figures).
    pub tau_ms: f64,
    /// Half-width Δ of the Lorentzian of excitabilities η_j [1] (1).
    pub delta: f64,
    /// Centre η̄ of the excitabilities [1] (−5).
    pub eta: f64,
    /// Recurrent coupling J [1] (15).
    pub j: f64,
    /// Constant external current I_0 [1] (0); the stimulus adds to it.
    pub i0: f64,
    /// Spike cut of the network, reset to −v_peak [1] (100, MPR).
    pub v_peak: f64,
}

impl Default for QifParams {
    fn default() -> Self {
        Self {
            tau_ms: 10.0,
            delta: 1.0,
            eta: -5.0,
            j: 15.0,
            i0: 0.0,
            v_peak: 100.0,
        }
    }
}

/// The QIF family.
pub struct Qif;

impl Qif {
    /// QIF's (r, v) derivative with an extra current `minus_a` subtracted (QIF-SFA's a).
    pub(super) fn rv(p: &QifParams, r: f64, v: f64, i: f64, minus_a: f64) -> (f64, f64) {
        let q = p;
        let dr = q.delta / PI + 2.0 * r * v;
        let dv = v * v + q.eta - minus_a + i + q.j * r - (PI * r).powi(2);
        (dr, dv)
    }
}

impl Rules for Qif {
    type P = QifParams;
    const VARS: &'static [Var] = &[var("r", "r", "Hz"), var("v", "v", "")];
    const THIRD: Third = Third::Zero;

    fn t_unit_ms(p: &Self::P) -> f64 {
        p.tau_ms
    }

    fn i0(p: &Self::P) -> f64 {
        p.i0
    }

    fn derivative(p: &Self::P, x: &State, i: f64) -> State {
        let (dr, dv) = Self::rv(p, x[0], x[1], i, 0.0);
        [dr, dv, 0.0, 0.0]
    }

    fn heterogeneity(p: &Self::P) -> (f64, f64, f64) {
        (p.eta, p.delta, p.v_peak)
    }

    fn coeffs(p: &Self::P, i: f64, shared: &Shared) -> Coeffs {
        Coeffs {
            a: 1.0,
            d0: i + p.j * shared.r - shared.sfa[0],
            d1: 1.0,
            ..Coeffs::default()
        }
    }

    fn advance(_: &Self::P, _: f64, _: f64, _: f64, _: &mut Shared) {}

    fn pyrates(p: &Self::P) -> PyRatesTemplate {
        PyRatesTemplate {
            template: "qif.qif",
            op: "qif_op",
            j: p.j,
            vars: vec![("tau", 1.0), ("Delta", p.delta), ("eta", p.eta)],
            extra: &[],
            note: None,
        }
    }
}
