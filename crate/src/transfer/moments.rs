//! Subthreshold membrane-potential moments under shot-noise conductance input
//! (Zerlaut et al. 2018, with the −W term of di Volo et al. 2019 eq. 12).

use super::jet::Real;
use crate::units::HZ_MS;
use serde::{Deserialize, Serialize};

/// Extra σ_V added after its computation [mV] (MDB guard 2: 1e-12 V).
const SIGMA_V_EPS_MV: f64 = 1e-9;
/// Shift of the total input rates inside τ_V only [Hz] (MDB guard 3).
const TAU_V_RATE_EPS_HZ: f64 = 1e-9;

/// Passive membrane of a cell type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Membrane {
    /// Leak conductance g_L [nS].
    pub g_l_ns: f64,
    /// Membrane capacitance C_m [pF].
    pub c_m_pf: f64,
    /// Leak reversal potential E_L [mV].
    pub e_l_mv: f64,
}

/// Conductance-based exponential synapses onto a cell type (also the `synapses` object of a
/// coefficient file).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synapses {
    /// Excitatory quantal conductance Q_e [nS].
    pub q_e_ns: f64,
    /// Inhibitory quantal conductance Q_i [nS].
    pub q_i_ns: f64,
    /// Excitatory decay time τ_e [ms].
    pub tau_e_ms: f64,
    /// Inhibitory decay time τ_i [ms].
    pub tau_i_ms: f64,
    /// Excitatory reversal potential E_e [mV].
    pub e_e_mv: f64,
    /// Inhibitory reversal potential E_i [mV].
    pub e_i_mv: f64,
}

/// The subthreshold moments the threshold polynomial and the erfc rate need (in `f64`, or in
/// a [`Jet`](super::jet::Jet) with their derivatives).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moments<T = f64> {
    /// Total mean conductance μ_G [nS].
    pub mu_g_ns: T,
    /// Mean membrane potential μ_V [mV].
    pub mu_v_mv: T,
    /// Standard deviation of V, σ_V [mV] (with the 1e-12 V guard added).
    pub sigma_v_mv: T,
    /// Autocorrelation time of V, τ_V [ms].
    pub tau_v_ms: T,
    /// τ_V normalised by C_m/g_L [1].
    pub tau_v_n: T,
}

/// Mean synaptic conductances for given total input rates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeanConductances<T = f64> {
    /// μ_Ge [nS].
    pub mu_ge_ns: T,
    /// μ_Gi [nS].
    pub mu_gi_ns: T,
    /// μ_G = g_L + μ_Ge + μ_Gi [nS].
    pub mu_g_ns: T,
}

impl<T: Real> MeanConductances<T> {
    /// Mean membrane potential μ_V [mV] with adaptation current `w_pa` [pA].
    #[must_use]
    pub fn mu_v(&self, mem: &Membrane, syn: &Synapses, w_pa: T) -> T {
        (self.mu_ge_ns * syn.e_e_mv + self.mu_gi_ns * syn.e_i_mv + mem.g_l_ns * mem.e_l_mv - w_pa)
            / self.mu_g_ns
    }
}

/// μ_Gs = Q_s τ_s f_s for total input rates `fe_total_hz`, `fi_total_hz` (K already applied).
#[must_use]
pub fn mean_conductances<T: Real>(
    mem: &Membrane,
    syn: &Synapses,
    fe_total_hz: T,
    fi_total_hz: T,
) -> MeanConductances<T> {
    let mu_ge_ns = fe_total_hz * (syn.q_e_ns * syn.tau_e_ms) * HZ_MS;
    let mu_gi_ns = fi_total_hz * (syn.q_i_ns * syn.tau_i_ms) * HZ_MS;
    MeanConductances {
        mu_ge_ns,
        mu_gi_ns,
        mu_g_ns: mu_ge_ns + mem.g_l_ns + mu_gi_ns,
    }
}

/// Moments of V for total input rates (per-synapse rate × in-degree) and adaptation `w_pa`.
#[must_use]
pub fn moments<T: Real>(
    mem: &Membrane,
    syn: &Synapses,
    fe_total_hz: T,
    fi_total_hz: T,
    w_pa: T,
) -> Moments<T> {
    let g = mean_conductances(mem, syn, fe_total_hz, fi_total_hz);
    let mu_v_mv = g.mu_v(mem, syn, w_pa);
    let tau_m_ms = T::cst(mem.c_m_pf) / g.mu_g_ns;
    // PSP amplitudes times the synaptic time constant [mV·ms].
    let ue_tau = (T::cst(syn.e_e_mv) - mu_v_mv) * syn.q_e_ns / g.mu_g_ns * syn.tau_e_ms;
    let ui_tau = (T::cst(syn.e_i_mv) - mu_v_mv) * syn.q_i_ns / g.mu_g_ns * syn.tau_i_ms;
    let var_e = |fe: T| fe * ue_tau * ue_tau / ((tau_m_ms + syn.tau_e_ms) * 2.0);
    let var_i = |fi: T| fi * ui_tau * ui_tau / ((tau_m_ms + syn.tau_i_ms) * 2.0);
    let sigma_v_mv = ((var_e(fe_total_hz) + var_i(fi_total_hz)) * HZ_MS).sqrt() + SIGMA_V_EPS_MV;
    let fe = fe_total_hz + TAU_V_RATE_EPS_HZ;
    let fi = fi_total_hz + TAU_V_RATE_EPS_HZ;
    let tau_v_ms = (fe * ue_tau * ue_tau + fi * ui_tau * ui_tau) / ((var_e(fe) + var_i(fi)) * 2.0);
    Moments {
        mu_g_ns: g.mu_g_ns,
        mu_v_mv,
        sigma_v_mv,
        tau_v_ms,
        tau_v_n: tau_v_ms * mem.g_l_ns / mem.c_m_pf,
    }
}
