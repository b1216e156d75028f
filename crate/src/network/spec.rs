//! What a conductance network is made of, as one typed value: its cells, synapses, sizes,
//! in-degrees, external drive, wiring rule and time grid. A network reads these numbers and no
//! others (with the stimulus, the run's length and its seed, in [`super::NetworkSetup`]), so two
//! equal specs make the same network: the page's network cache key is derived from this value.

use super::params::{Connectivity, NetworkParams, SpikingCell, MAX_SYNAPSES};
use super::Wiring;
use crate::error::Quantity;
use crate::meanfield::{AdexCell, AdexParams, IzhCell, IzhParams};
use crate::transfer::Synapses;
use crate::Error;

/// The cells of both populations.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cells {
    /// AdEx cells: membrane and adaptation, with the spike-generating part.
    Adex {
        /// RS cells.
        exc: (AdexCell, SpikingCell),
        /// FS cells.
        inh: (AdexCell, SpikingCell),
    },
    /// Izhikevich cells.
    Izhikevich {
        /// Excitatory cells.
        exc: IzhCell,
        /// Inhibitory cells.
        inh: IzhCell,
    },
}

/// Everything a conductance network is, apart from its stimulus, length and seed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NetworkSpec {
    /// The cells.
    pub cells: Cells,
    /// Conductance synapses (quanta, time constants, reversals).
    pub synapses: Synapses,
    /// Network size N [neurons].
    pub n_total: f64,
    /// Inhibitory fraction g [1]: N_e = (1 − g) N, N_i = g N.
    pub frac_i: f64,
    /// Excitatory in-degree K_e [1].
    pub k_e: f64,
    /// Inhibitory in-degree K_i [1].
    pub k_i: f64,
    /// External Poisson inputs per neuron K_ext [1].
    pub k_ext: f64,
    /// Constant external rate per external synapse [Hz].
    pub nu_drive_hz: f64,
    /// Initial adaptation current of the excitatory cells [pA].
    pub w_e0_pa: f64,
    /// Wiring rule.
    pub connectivity: Connectivity,
    /// Integration step [ms].
    pub dt_ms: f64,
    /// Width of the population-rate bins [ms].
    pub bin_ms: f64,
}

impl NetworkSpec {
    /// The network of the shared parameters `adex`, the network-only ones `net`, with the
    /// Izhikevich cells `izh` instead of the AdEx cells when given.
    #[must_use]
    pub fn new(adex: &AdexParams, net: &NetworkParams, izh: Option<&IzhParams>) -> Self {
        let cells = match izh {
            None => Cells::Adex {
                exc: (adex.exc, net.exc),
                inh: (adex.inh, net.inh),
            },
            Some(izh) => Cells::Izhikevich {
                exc: izh.exc,
                inh: izh.inh,
            },
        };
        Self {
            cells,
            synapses: adex.synapses,
            n_total: adex.n_total,
            frac_i: adex.frac_i,
            k_e: adex.k_e,
            k_i: adex.k_i,
            k_ext: adex.k_ext,
            nu_drive_hz: adex.nu_drive_hz,
            w_e0_pa: adex.w_e0_pa,
            connectivity: net.connectivity,
            dt_ms: net.dt_ms,
            bin_ms: net.bin_ms,
        }
    }

    /// The population sizes (N_e, N_i), as whole neurons.
    #[must_use]
    pub fn population_sizes(&self) -> (usize, usize) {
        let whole = |n: f64| n.round().max(0.0) as usize;
        (
            whole((1.0 - self.frac_i) * self.n_total),
            whole(self.frac_i * self.n_total),
        )
    }

    /// Checks that the spec makes a network and returns its wiring.
    ///
    /// # Errors
    /// Empty populations, impossible in-degrees, too many synapses for memory, a step that does
    /// not fit the bins, or spike parameters that make no spike.
    pub fn check(&self) -> Result<Wiring, Error> {
        let (n_e, n_i) = self.population_sizes();
        if n_e < 2 || n_i < 2 {
            return Err(Error::model(
                Quantity::NetworkSize,
                self.n_total,
                "the network needs at least two neurons in each population",
            ));
        }
        let wiring = Wiring {
            n_e,
            n_i,
            k_e: self.k_e,
            k_i: self.k_i,
            rule: self.connectivity,
        };
        wiring.validate()?;
        let synapses = (n_e + n_i) as f64 * (self.k_e + self.k_i);
        if synapses > MAX_SYNAPSES {
            return Err(Error::model(
                Quantity::NetworkSize,
                self.n_total,
                format!(
                    "N (K_e + K_i) = {synapses:.3e} synapses is more than the {MAX_SYNAPSES:.0e} the network can hold in memory"
                ),
            ));
        }
        if !(self.dt_ms > 0.0 && self.dt_ms <= 1.0) {
            return Err(Error::model(
                Quantity::NetworkStep,
                self.dt_ms,
                "the step must be in (0, 1] ms",
            ));
        }
        if self.bin_ms.is_nan() || self.bin_ms < self.dt_ms {
            return Err(Error::model(
                Quantity::RateBin,
                self.bin_ms,
                "a bin must be at least one step long",
            ));
        }
        match self.cells {
            Cells::Izhikevich { exc, inh } => {
                for (key, cell) in [(Quantity::IzhResetExc, exc), (Quantity::IzhResetInh, inh)] {
                    let n = &cell.neuron;
                    if n.v_reset_mv.is_nan() || n.v_reset_mv >= n.v_peak_mv {
                        return Err(Error::model(
                            key,
                            n.v_reset_mv,
                            "the reset must lie below the spike cut v_peak",
                        ));
                    }
                }
            }
            Cells::Adex { exc, inh } => {
                for (key, (_, cell)) in [
                    (Quantity::SlopeFactorExc, exc),
                    (Quantity::SlopeFactorInh, inh),
                ] {
                    if cell.delta_t_mv.is_nan() || cell.delta_t_mv <= 0.0 {
                        return Err(Error::model(key, cell.delta_t_mv, "Δ_T must be positive"));
                    }
                    if !cell.v_peak_mv().is_finite()
                        || cell.v_reset_mv.is_nan()
                        || cell.v_reset_mv >= cell.v_peak_mv()
                    {
                        return Err(Error::model(
                            key,
                            cell.delta_t_mv,
                            "the reset must lie below the spike cut V_T + 5 Δ_T",
                        ));
                    }
                }
            }
        }
        Ok(wiring)
    }
}
