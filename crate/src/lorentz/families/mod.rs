//! The exact (Lorentzian-ansatz) families, one file each behind one small trait, [`Rules`]:
//! a family's parameters with their cited defaults, state variables, time unit, right-hand
//! side, and what its network needs (the heterogeneity's quantiles, the per-step coefficients
//! of the quadratic membrane, the shared variables' update). [`Family`] names them; the
//! [`dispatch!`] macro turns a `Family` into a call of its rules with a `match`, so the hot
//! loops stay free of `dyn`.
//!
//! A new family is a file here; in this file, its variant, its arms in [`dispatch!`] and its
//! parameters in [`LorentzParams`].

mod cc;
mod eta;
mod gsk;
mod qif;
mod qif_sfa;
mod rules;

pub use cc::{Cc, CcParams};
pub use eta::{Eta, EtaParams};
pub use gsk::{Gsk, GskParams};
pub use qif::{Qif, QifParams};
pub use qif_sfa::{QifSfa, SfaParams};
pub use rules::{exp_det, tan_det, Coeffs, PyRatesTemplate, Rules, Shared, State, Third, Var};

/// The exact (Lorentzian-ansatz) families.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// QIF, Montbrió, Pazó & Roxin 2015: (r, v).
    Qif,
    /// QIF with spike-frequency adaptation, Gast et al. 2020: (r, v, a, x).
    QifSfa,
    /// Dimensionless Izhikevich, Chen & Campbell 2022: (r, v, u, s).
    Cc,
    /// Biophysical Izhikevich with distributed thresholds, Gast, Solla & Kennedy: (r, v, u, s).
    Gsk,
    /// Biophysical Izhikevich with distributed background currents, Gast, Solla & Kennedy
    /// (PyRates `ik_eta`): (r, v, u, s).
    Eta,
}

/// Calls `$f` of the rules of `$family` (a [`Family`]) with the family's own parameters out of
/// `$p` (a [`LorentzParams`]) as the first argument, then `$args`: one `match`, no `dyn`.
/// Without `$p`, calls `$f($args)`.
macro_rules! dispatch {
    ($family:expr, $p:expr => $f:ident($($args:expr),*)) => {{
        use $crate::lorentz::families::{Cc, Eta, Gsk, Qif, QifSfa, Rules};
        let p: &$crate::lorentz::families::LorentzParams = $p;
        match $family {
            $crate::lorentz::Family::Qif => <Qif as Rules>::$f(&p.qif, $($args),*),
            $crate::lorentz::Family::QifSfa => <QifSfa as Rules>::$f(&(p.qif, p.sfa), $($args),*),
            $crate::lorentz::Family::Cc => <Cc as Rules>::$f(&p.cc, $($args),*),
            $crate::lorentz::Family::Gsk => <Gsk as Rules>::$f(&p.gsk, $($args),*),
            $crate::lorentz::Family::Eta => <Eta as Rules>::$f(&(p.gsk, p.eta), $($args),*),
        }
    }};
    ($family:expr, $f:ident($($args:expr),*)) => {{
        use $crate::lorentz::families::{Cc, Eta, Gsk, Qif, QifSfa, Rules};
        match $family {
            $crate::lorentz::Family::Qif => <Qif as Rules>::$f($($args),*),
            $crate::lorentz::Family::QifSfa => <QifSfa as Rules>::$f($($args),*),
            $crate::lorentz::Family::Cc => <Cc as Rules>::$f($($args),*),
            $crate::lorentz::Family::Gsk => <Gsk as Rules>::$f($($args),*),
            $crate::lorentz::Family::Eta => <Eta as Rules>::$f($($args),*),
        }
    }};
}
pub(crate) use dispatch;

/// Initial state of an exact mean field (and the centre and width of the network's initial
/// voltages).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Initial {
    /// Initial rate r(0) [Hz].
    pub r_hz: f64,
    /// Initial centre of the voltage distribution v(0), in the model's unit of v.
    pub v: f64,
}

impl Default for Initial {
    /// PyRates' QIF initial state r = 0.01/τ = 1 Hz, v = −2.
    fn default() -> Self {
        Self { r_hz: 1.0, v: -2.0 }
    }
}

/// Everything the exact families need.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct LorentzParams {
    /// QIF (also the membrane of QIF-SFA).
    pub qif: QifParams,
    /// Adaptation of QIF-SFA.
    pub sfa: SfaParams,
    /// Chen & Campbell.
    pub cc: CcParams,
    /// Gast, Solla & Kennedy (also the cells of the distributed-η model).
    pub gsk: GskParams,
    /// The distributed-η model's heterogeneity.
    pub eta: EtaParams,
    /// Initial state.
    pub init: Initial,
}
