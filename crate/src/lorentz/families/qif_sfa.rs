//! QIF with spike-frequency adaptation, Gast, Schmidt & Knösche 2020 (`exact_mf.md` §2;
//! PyRates `qif_sfa`): the QIF membrane with a global adaptation a = α τ_a (κ ∗ r).

use super::qif::{Qif, QifParams};
use super::rules::var;
use super::rules::{Coeffs, PyRatesTemplate, Rules, Shared, State, Third, Var};

/// Spike-frequency adaptation of Gast, Schmidt & Knösche 2020 in the PyRates form: a global
/// a(t) = α τ_a (κ ∗ r)(t) with the unit alpha kernel κ(t) = t/τ_a² e^(−t/τ_a) (`exact_mf.md` §2).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SfaParams {
    /// Adaptation strength α [1] (0.5).
    pub alpha: f64,
    /// Adaptation time constant τ_a in units of τ [1] (10).
    pub tau_a: f64,
}

impl Default for SfaParams {
    fn default() -> Self {
        Self {
            alpha: 0.5,
            tau_a: 10.0,
        }
    }
}

/// The QIF-SFA family.
pub struct QifSfa;

impl Rules for QifSfa {
    type P = (QifParams, SfaParams);
    const VARS: &'static [Var] = &[
        var("r", "r", "Hz"),
        var("v", "v", ""),
        var("a", "a", ""),
        var("x", "x", ""),
    ];
    const THIRD: Third = Third::Sfa;

    fn t_unit_ms(p: &Self::P) -> f64 {
        p.0.tau_ms
    }

    fn i0(p: &Self::P) -> f64 {
        p.0.i0
    }

    fn derivative(p: &Self::P, x: &State, i: f64) -> State {
        let [r, v, a, z] = *x;
        let (dr, dv) = Qif::rv(&p.0, r, v, i, a);
        let s = &p.1;
        [
            dr,
            dv,
            z / s.tau_a,
            s.alpha * r - 2.0 * z / s.tau_a - a / s.tau_a,
        ]
    }

    fn heterogeneity(p: &Self::P) -> (f64, f64, f64) {
        Qif::heterogeneity(&p.0)
    }

    fn coeffs(p: &Self::P, i: f64, shared: &Shared) -> Coeffs {
        Qif::coeffs(&p.0, i, shared)
    }

    fn advance(p: &Self::P, dt: f64, r: f64, _: f64, shared: &mut Shared) {
        let s = &p.1;
        let [a, x] = shared.sfa;
        shared.sfa = [
            a + dt * x / s.tau_a,
            x + dt * (s.alpha * r - 2.0 * x / s.tau_a - a / s.tau_a),
        ];
    }

    fn pyrates(p: &Self::P) -> PyRatesTemplate {
        let (q, s) = p;
        let mut vars = Qif::pyrates(q).vars;
        vars.extend([
            ("alpha", s.alpha),
            ("tau_a", s.tau_a),
            ("a", 0.0),
            ("x", 0.0),
        ]);
        PyRatesTemplate {
            template: "qif.qif_sfa",
            op: "qif_sfa_op",
            j: q.j,
            vars,
            extra: &["a", "x"],
            note: None,
        }
    }
}
