//! The [`Scenario`] struct and each model's defaults: its paper's parameters and documented
//! example.

use super::models::ModelKind;
use super::view::AnalysisSpec;
use crate::lorentz::{Initial, LorentzParams};
use crate::meanfield::{AdexParams, IzhParams};
use crate::network::NetworkParams;
use crate::stimulus::{Stimulus, StimulusKind};

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
    /// Parameters of the exact families (`qif`, `qif_sfa`, `izh_cc`, `izh_gsk`).
    pub lz: LorentzParams,
    /// The exact families' networks use one global adaptation variable (the mean field's
    /// closure made exact) instead of one per neuron.
    pub lz_global_adaptation: bool,
    /// The stimulus reaches the mean field only, not the network: OU noise standing in for the
    /// network's own finite-size fluctuations (di Volo et al. 2019 Fig 6).
    pub stim_mf_only: bool,
    /// The analysis view and its settings.
    pub analysis: AnalysisSpec,
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
        }
    }
}

impl Scenario {
    /// The default scenario of `model`: its paper's parameters and documented example.
    ///
    /// * `izhikevich`: the reference run of Alexandersen et al. (`izhikevich_mf.md` §3.3):
    ///   ν_ext = 10 Hz, start (4, 8) Hz, U = 60 pA, T = 5 ms, dt = 0.1 ms, 5 s.
    /// * `qif`, `qif_sfa`: the PyRates example (T = 100 τ, I = 3 from 20 τ to 80 τ) with τ = 10 ms.
    /// * `izh_cc`: Chen & Campbell's standard set (η̄ = 0.12: collective bursting), 3 s.
    /// * `izh_gsk`: the regular-spiking set with a 30 pA input from 300 to 1200 ms.
    #[must_use]
    pub fn for_model(model: ModelKind) -> Self {
        let mut s = Self {
            model,
            ..Self::default()
        };
        let pulse = |amp: f64, t0: f64, dur: f64| Stimulus {
            kind: StimulusKind::Pulse,
            amp_hz: amp,
            t0_ms: t0,
            dur_ms: dur,
            ..Stimulus::default()
        };
        match model {
            ModelKind::Adex => {}
            ModelKind::Izhikevich => {
                s.adex.nu_drive_hz = 10.0;
                s.adex.nu_e0_hz = 4.0;
                s.adex.nu_i0_hz = 8.0;
                s.adex.w_e0_pa = 60.0;
                s.stimulus.kind = StimulusKind::None;
                s.duration_ms = 5000.0;
                s.dt_ms = 0.1;
                s.analysis = AnalysisSpec::izhikevich();
            }
            ModelKind::Qif | ModelKind::QifSfa => {
                s.stimulus = pulse(3.0, 200.0, 600.0);
                s.duration_ms = 1000.0;
                s.dt_ms = 0.05;
                s.adex.n_total = 5000.0;
                s.net.bin_ms = 1.0;
                s.net.dt_ms = 0.1;
            }
            ModelKind::IzhCc => {
                s.stimulus.kind = StimulusKind::None;
                s.duration_ms = 3000.0;
                s.dt_ms = 0.05;
                s.adex.n_total = 2000.0;
                s.net.bin_ms = 2.0;
                s.net.dt_ms = 0.05;
                s.lz.init = Initial { r_hz: 0.0, v: 0.0 };
            }
            ModelKind::IzhGsk => {
                s.stimulus = pulse(30.0, 300.0, 900.0);
                s.duration_ms = 1500.0;
                s.dt_ms = 0.05;
                s.adex.n_total = 2000.0;
                s.net.bin_ms = 2.0;
                s.net.dt_ms = 0.05;
                s.lz.init = Initial {
                    r_hz: 0.0,
                    v: -60.0,
                };
            }
        }
        s
    }
}
