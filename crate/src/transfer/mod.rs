//! The semi-analytic transfer function of Zerlaut et al. 2018 with the adaptation term of
//! di Volo et al. 2019: presynaptic rates → subthreshold moments (μ_V, σ_V, τ_V) → effective
//! threshold polynomial → output rate through erfc.
//!
//! The numerical guards of the official di Volo code (ModelDB 263236, `theoretical_tools.py`)
//! are kept so the rates agree with it to the last digits (`adex_mf.md` §2).

pub mod coefficients;
pub mod grid;
pub mod izhikevich;
pub mod jet;
pub mod moments;
pub mod provenance;
pub mod threshold_poly;

pub use coefficients::{CellFit, CoefficientSet};
pub use moments::{Membrane, Moments, Synapses};
pub use threshold_poly::{Normalisation, ThresholdPoly};

use crate::units::HZ_MS;
use jet::Real;

/// Floor on every per-synapse input rate and on the output rate [Hz] (MDB guards 1 and 5).
pub const RATE_FLOOR_HZ: f64 = 1e-8;
/// Lower bound on σ_V inside the erfc only [mV] (MDB guard 4: 1e-4 V).
pub const SIGMA_V_FLOOR_MV: f64 = 0.1;

/// Number of synapses of each kind that a neuron receives (also the `in_degrees` object of a
/// coefficient file).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InDegrees {
    /// Excitatory in-degree K_e [1]; di Volo 2019: p (1−g) N = 400.
    pub k_e: f64,
    /// Inhibitory in-degree K_i [1]; di Volo 2019: p g N = 100.
    pub k_i: f64,
}

/// The transfer function of one cell type in one network: everything needed to turn
/// per-synapse input rates and an adaptation current into an output rate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TransferFunction {
    /// Passive membrane of the target cell.
    pub membrane: Membrane,
    /// Synapses onto it.
    pub synapses: Synapses,
    /// Its in-degrees.
    pub in_degrees: InDegrees,
    /// Fitted effective-threshold polynomial [mV].
    pub poly: ThresholdPoly,
    /// Normalisation of the polynomial's variables.
    pub norm: Normalisation,
}

/// Everything the transfer function computes at one input point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TfPoint {
    /// Subthreshold moments.
    pub moments: Moments,
    /// Effective threshold V_thr^eff [mV].
    pub v_thr_eff_mv: f64,
    /// Output rate [Hz].
    pub rate_hz: f64,
}

impl TransferFunction {
    /// Full evaluation at per-synapse rates `fe_hz`, `fi_hz` and adaptation current `w_pa`.
    #[must_use]
    pub fn evaluate(&self, fe_hz: f64, fi_hz: f64, w_pa: f64) -> TfPoint {
        let fe_total = fe_hz.max(RATE_FLOOR_HZ) * self.in_degrees.k_e;
        let fi_total = fi_hz.max(RATE_FLOOR_HZ) * self.in_degrees.k_i;
        let moments = moments::moments(&self.membrane, &self.synapses, fe_total, fi_total, w_pa);
        let v_thr_eff_mv = self.poly.evaluate(&self.norm, &moments);
        let rate_hz = erfc_rate(&moments, v_thr_eff_mv);
        TfPoint {
            moments,
            v_thr_eff_mv,
            rate_hz,
        }
    }

    /// Output rate [Hz] at per-synapse rates `fe_hz`, `fi_hz` and adaptation current `w_pa`.
    #[must_use]
    pub fn rate(&self, fe_hz: f64, fi_hz: f64, w_pa: f64) -> f64 {
        self.rate_of(fe_hz, fi_hz, w_pa)
    }

    /// [`TransferFunction::rate`] in any [`Real`] (a [`jet::Jet`]: with its derivatives).
    #[must_use]
    pub fn rate_of<T: Real>(&self, fe_hz: T, fi_hz: T, w_pa: T) -> T {
        let fe_total = fe_hz.at_least(RATE_FLOOR_HZ) * self.in_degrees.k_e;
        let fi_total = fi_hz.at_least(RATE_FLOOR_HZ) * self.in_degrees.k_i;
        let m = moments::moments(&self.membrane, &self.synapses, fe_total, fi_total, w_pa);
        erfc_rate(&m, self.poly.evaluate(&self.norm, &m))
    }

    /// Mean membrane potential μ_V [mV] without any rate floor (used by the `a` term of the
    /// adaptation equation, `adex_mf.md` §3). Negative inputs count as zero.
    #[must_use]
    pub fn mu_v<T: Real>(&self, fe_hz: T, fi_hz: T, w_pa: T) -> T {
        let g = moments::mean_conductances(
            &self.membrane,
            &self.synapses,
            fe_hz.at_least(0.0) * self.in_degrees.k_e,
            fi_hz.at_least(0.0) * self.in_degrees.k_i,
        );
        g.mu_v(&self.membrane, &self.synapses, w_pa)
    }
}

/// ν_out = 1/(2 τ_V) · erfc((V_thr^eff − μ_V)/(√2 σ_V)), floored at [`RATE_FLOOR_HZ`].
#[must_use]
pub fn erfc_rate<T: Real>(m: &Moments<T>, v_thr_eff_mv: T) -> T {
    let sigma = m.sigma_v_mv.at_least(SIGMA_V_FLOOR_MV);
    let arg = (v_thr_eff_mv - m.mu_v_mv) / (sigma * std::f64::consts::SQRT_2);
    let rate = arg.erfc() / (m.tau_v_ms * 2.0 * HZ_MS);
    rate.at_least(RATE_FLOOR_HZ)
}

/// ∂ν_out/∂V_thr^eff [Hz/mV] of [`erfc_rate`] (0 where the rate floor holds): the rate-space
/// fit's Jacobian.
#[must_use]
pub fn erfc_rate_slope(m: &Moments, v_thr_eff_mv: f64) -> f64 {
    let sigma = m.sigma_v_mv.max(SIGMA_V_FLOOR_MV);
    let scale = std::f64::consts::SQRT_2 * sigma;
    let arg = (v_thr_eff_mv - m.mu_v_mv) / scale;
    if libm::erfc(arg) / (2.0 * m.tau_v_ms * HZ_MS) <= RATE_FLOOR_HZ {
        return 0.0;
    }
    let d_erfc = -2.0 / std::f64::consts::PI.sqrt() * libm::exp(-arg * arg);
    d_erfc / scale / (2.0 * m.tau_v_ms * HZ_MS)
}
