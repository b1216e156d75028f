//! Parameters of the AdEx mean field, with the defaults of the official di Volo et al. 2019 code
//! (ModelDB 263236: `cell_library.py` 'RS-cellbis' and 'FS-cell', `syn_and_connec_library.py`
//! 'CONFIG1', `MF_simulation.py`), as collected in `adex_mf.md`.

use crate::error::Quantity;
use crate::neuron::Pop;
use crate::transfer::coefficients::CoefficientSet;
use crate::transfer::{InDegrees, Membrane, Synapses, TransferFunction};
use crate::Error;

/// Order of the Markovian mean field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Rates only: T dν/dt = F − ν.
    First,
    /// Rates plus (co)variances c_ee, c_ei, c_ii with finite-size terms.
    Second,
}

/// How the adaptation current W is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdaptationMode {
    /// W follows its own ODE with time constant τ_w (di Volo 2019).
    Dynamic,
    /// W pinned at every instant to its steady value for the current rate, W̄ = b ν τ_w (+ the
    /// `a` term): the paper's "stationary" comparison model (dashed lines, Figs 3 and 4).
    Stationary,
}

/// One AdEx population as the mean field sees it: passive membrane plus adaptation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdexCell {
    /// Leak conductance g_L [nS].
    pub g_l_ns: f64,
    /// Membrane capacitance C_m [pF].
    pub c_m_pf: f64,
    /// Leak reversal E_L [mV].
    pub e_l_mv: f64,
    /// Subthreshold adaptation a [nS].
    pub a_ns: f64,
    /// Spike-triggered adaptation b [pA].
    pub b_pa: f64,
    /// Adaptation time constant τ_w [ms].
    pub tau_w_ms: f64,
}

impl AdexCell {
    /// The passive membrane the transfer function uses.
    #[must_use]
    pub fn membrane(&self) -> Membrane {
        Membrane {
            g_l_ns: self.g_l_ns,
            c_m_pf: self.c_m_pf,
            e_l_mv: self.e_l_mv,
        }
    }
}

/// Everything the AdEx mean field needs besides the coefficient set.
#[derive(Clone, Debug, PartialEq)]
pub struct AdexParams {
    /// Excitatory regular-spiking population (MDB 'RS-cellbis': a = 0, b = 100 pA, τ_w = 500 ms).
    pub exc: AdexCell,
    /// Inhibitory fast-spiking population (MDB 'FS-cell': no adaptation).
    pub inh: AdexCell,
    /// Synapses (MDB 'CONFIG1': Q_e = 1.5 nS, not the paper text's 1 nS; `adex_mf.md` §6.1).
    pub synapses: Synapses,
    /// Excitatory in-degree K_e = p (1−g) N [1] (400).
    pub k_e: f64,
    /// Inhibitory in-degree K_i = p g N [1] (100).
    pub k_i: f64,
    /// Number of external Poisson inputs per neuron K_ext [1] (400; the drive arrives through
    /// synapses like the recurrent excitation, so K_ext = K_e reproduces the official code).
    pub k_ext: f64,
    /// Network size N [neurons] (10 000); enters the mean field only through the finite-size
    /// terms, with N_e = (1 − g) N and N_i = g N.
    pub n_total: f64,
    /// Inhibitory fraction g [1] (0.2).
    pub frac_i: f64,
    /// Constant external drive ν_drive [Hz] per external synapse (2.5 Hz, `MF_simulation.py`).
    pub nu_drive_hz: f64,
    /// First or second order (second, as the official code).
    pub order: Order,
    /// Markovian time constant T [ms] (5 ms: what the official code actually uses, §3).
    pub t_mf_ms: f64,
    /// Dynamic or stationary adaptation.
    pub adaptation: AdaptationMode,
    /// Id of the transfer-function coefficient set (a file in `www/data/`).
    pub coeffs: String,
    /// Initial excitatory rate [Hz] (MDB X0: 1 Hz).
    pub nu_e0_hz: f64,
    /// Initial inhibitory rate [Hz] (MDB X0: 30 Hz).
    pub nu_i0_hz: f64,
    /// Initial excitatory adaptation current [pA] (MDB X0: 1e-10 A = 100 pA).
    pub w_e0_pa: f64,
}

impl Default for AdexParams {
    fn default() -> Self {
        let passive = AdexCell {
            g_l_ns: 10.0,
            c_m_pf: 200.0,
            e_l_mv: -65.0,
            a_ns: 0.0,
            b_pa: 0.0,
            tau_w_ms: 500.0,
        };
        Self {
            exc: AdexCell {
                b_pa: 100.0,
                ..passive
            },
            inh: passive,
            synapses: Synapses {
                q_e_ns: 1.5,
                q_i_ns: 5.0,
                tau_e_ms: 5.0,
                tau_i_ms: 5.0,
                e_e_mv: 0.0,
                e_i_mv: -80.0,
            },
            k_e: 400.0,
            k_i: 100.0,
            k_ext: 400.0,
            n_total: 10_000.0,
            frac_i: 0.2,
            nu_drive_hz: 2.5,
            order: Order::Second,
            t_mf_ms: 5.0,
            adaptation: AdaptationMode::Dynamic,
            coeffs: crate::transfer::coefficients::DEFAULT_ID.to_string(),
            nu_e0_hz: 1.0,
            nu_i0_hz: 30.0,
            w_e0_pa: 100.0,
        }
    }
}

impl AdexParams {
    /// In-degrees of the recurrent synapses.
    #[must_use]
    pub fn in_degrees(&self) -> InDegrees {
        InDegrees {
            k_e: self.k_e,
            k_i: self.k_i,
        }
    }

    /// Excitatory and inhibitory population sizes N_e, N_i.
    #[must_use]
    pub fn population_sizes(&self) -> (f64, f64) {
        (
            (1.0 - self.frac_i) * self.n_total,
            self.frac_i * self.n_total,
        )
    }

    /// The parameters of population `pop`.
    #[must_use]
    pub fn cell(&self, pop: Pop) -> &AdexCell {
        match pop {
            Pop::Exc => &self.exc,
            Pop::Inh => &self.inh,
        }
    }

    /// The transfer function of population `pop` with coefficient set `set`.
    #[must_use]
    pub fn transfer_function(&self, set: &CoefficientSet, pop: Pop) -> TransferFunction {
        let fit = set.cell(pop);
        TransferFunction {
            membrane: self.cell(pop).membrane(),
            synapses: self.synapses,
            in_degrees: self.in_degrees(),
            poly: fit.p,
            norm: set.norm,
        }
    }

    /// Checks relations between parameters that single-key ranges cannot express.
    ///
    /// # Errors
    /// When a population would be empty.
    pub fn validate(&self) -> Result<(), Error> {
        let (n_e, n_i) = self.population_sizes();
        if n_e < 1.0 || n_i < 1.0 {
            return Err(Error::model(
                Quantity::InhibitoryFraction,
                self.frac_i,
                format!("with n = {} a population would be empty", self.n_total),
            ));
        }
        Ok(())
    }
}
