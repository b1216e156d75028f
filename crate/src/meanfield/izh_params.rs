//! Parameters of the conductance-based Izhikevich (adaptive QIF) mean field of Alexandersen et
//! al. 2023 (`izhikevich_mf.md` §1): the two cell types and their adaptation. Synapses,
//! in-degrees, N, the drive and the Markovian settings are shared with the AdEx model
//! ([`super::AdexParams`]), with this model's defaults set by the scenario.

use super::adex_params::AdexCell;
use crate::neuron::Pop;
use crate::transfer::izhikevich::IzhNeuron;

/// One Izhikevich population: the cell and its adaptation u̇ = (b v − u)/τ_u, u += d per spike.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IzhCell {
    /// The cell (g_iz, E_iz, C = 1 nF, b, reset c, v_peak, refractory).
    pub neuron: IzhNeuron,
    /// Adaptation time constant τ_u = T_u / a [ms] (1000 ms: T_u = 1 s, a = 1).
    pub tau_u_ms: f64,
    /// Spike-triggered jump d of u [pA] (E 15, I 0); plays the role of AdEx b.
    pub d_pa: f64,
}

/// Both populations and the coefficient set.
#[derive(Clone, Debug, PartialEq)]
pub struct IzhParams {
    /// Excitatory cells (g_iz 0.01 nS/mV, E_iz −65 mV, reset −65 mV, d = 15 pA).
    pub exc: IzhCell,
    /// Inhibitory cells (g_iz 0.04 nS/mV, E_iz −60 mV, reset −55 mV, d = 0).
    pub inh: IzhCell,
    /// Id of the Izhikevich coefficient set.
    pub coeffs: String,
}

impl Default for IzhParams {
    fn default() -> Self {
        Self {
            exc: IzhCell {
                neuron: IzhNeuron::EXC,
                tau_u_ms: 1000.0,
                d_pa: 15.0,
            },
            inh: IzhCell {
                neuron: IzhNeuron::INH,
                tau_u_ms: 1000.0,
                d_pa: 0.0,
            },
            coeffs: "meanfield-fit-izhikevich".into(),
        }
    }
}

impl IzhParams {
    /// Population `pop`.
    #[must_use]
    pub fn cell(&self, pop: Pop) -> &IzhCell {
        match pop {
            Pop::Exc => &self.exc,
            Pop::Inh => &self.inh,
        }
    }
}

impl IzhCell {
    /// The adaptation law in the AdEx mean field's form τ_w Ẇ = −W + a (μ_V − E_L) + b τ_w ν:
    /// a = b_iz, E_L = 0 (u couples to v itself), b = d, τ_w = τ_u. The passive fields are
    /// unused (the Izhikevich transfer function has its own membrane).
    #[must_use]
    pub fn adaptation(&self) -> AdexCell {
        AdexCell {
            g_l_ns: 0.0,
            c_m_pf: self.neuron.c_m_pf,
            e_l_mv: 0.0,
            a_ns: self.neuron.b_ns,
            b_pa: self.d_pa,
            tau_w_ms: self.tau_u_ms,
        }
    }
}
