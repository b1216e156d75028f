//! The [`Scenario`] struct and each model's defaults: its paper's parameters and documented
//! example.

use super::kind::ModelKind;
use super::view::AnalysisSpec;
use crate::lorentz::LorentzParams;
use crate::meanfield::{AdexParams, IzhParams};
use crate::network::NetworkParams;
use crate::stimulus::Stimulus;

/// Everything that determines a run and its view.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Which model.
    pub model: ModelKind,
    /// AdEx mean-field parameters.
    pub adex: AdexParams,
    /// External stimulus.
    pub stimulus: Stimulus,
    /// Model time to simulate [ms].
    pub duration_ms: f64,
    /// Euler step of the mean field [ms].
    pub dt_ms: f64,
    /// Seed of every random draw (OU noise).
    pub seed: u64,
    /// Also run the stationary-adaptation model and overlay it (dashed, as in the paper).
    pub compare_stationary: bool,
    /// Plots start at this time [ms] (to leave out the initial transient).
    pub plot_from_ms: f64,
    /// Parameters only the spiking network has (spike shape, wiring rule, grid).
    pub net: NetworkParams,
    /// Izhikevich cells (model `izhikevich`; synapses, K, N and drive are in `adex`).
    pub izh: IzhParams,
    /// Parameters of the exact families (the models with a `family` in the registry).
    pub lz: LorentzParams,
    /// The exact families' networks use one global adaptation variable (the mean field's
    /// closure made exact) instead of one per neuron.
    pub lz_global_adaptation: bool,
    /// The stimulus reaches the mean field only, not the network: OU noise standing in for the
    /// network's own finite-size fluctuations (di Volo et al. 2019 Fig 6).
    pub stim_mf_only: bool,
    /// The analysis view and its settings.
    pub analysis: AnalysisSpec,
    /// The lesson being followed ("" for none; see [`super::lessons`]).
    pub lesson: String,
    /// Its step, from 1.
    pub step: f64,
}

impl Default for Scenario {
    /// The official di Volo et al. 2019 code's run: 4 s, dt = 0.5 ms, second order, T = 5 ms.
    fn default() -> Self {
        Self {
            model: ModelKind::Adex,
            adex: AdexParams::default(),
            stimulus: Stimulus::default(),
            duration_ms: 4000.0,
            dt_ms: 0.5,
            seed: 1,
            compare_stationary: false,
            plot_from_ms: 0.0,
            net: NetworkParams::default(),
            izh: IzhParams::default(),
            lz: LorentzParams::default(),
            lz_global_adaptation: false,
            stim_mf_only: false,
            analysis: AnalysisSpec::default(),
            lesson: String::new(),
            step: 1.0,
        }
    }
}
