//! The model registry: one row per model — its id (the `model` key), label, family, the views
//! and exports it has, and its defaults (its paper's parameters and documented example). A new
//! model is a row here; the rest of the house asks the row.

use super::defaults::Scenario;
use super::kind::ModelKind;
use super::view::AnalysisSpec;
use crate::lorentz::{Family, Initial};
use crate::neuron::NeuronModel;
use crate::stimulus::{Stimulus, StimulusKind};

/// The `coeffs` value of a set fitted for the scenario's own cells (in the page's worker, or by
/// the CLI before it runs): deterministic, so a link with it reproduces the fit.
pub const REFIT: &str = "refit";

/// What the product knows of one model.
#[derive(Clone, Copy, Debug)]
pub struct ModelInfo {
    /// Which model.
    pub kind: ModelKind,
    /// Id in links, JSON and the CLI.
    pub name: &'static str,
    /// Human-readable name with its reference.
    pub label: &'static str,
    /// The exact (Lorentzian) family, for the exact mean fields.
    pub family: Option<Family>,
    /// The cells of a conductance model (its transfer function's neuron model).
    pub cells: Option<NeuronModel>,
    /// Whether the page has the analysis view for it.
    pub analysis: bool,
    /// Whether the page has the transfer-function view (and refit) for it.
    pub tf_view: bool,
    /// The simulators it exports to (`meanfield export --to`).
    pub exports: &'static [&'static str],
    /// Sets its defaults on a default (AdEx) scenario.
    pub defaults: fn(&mut Scenario),
}

/// A rectangular pulse of the stimulus.
fn pulse(amp: f64, t0: f64, dur: f64) -> Stimulus {
    Stimulus {
        kind: StimulusKind::Pulse,
        amp_hz: amp,
        t0_ms: t0,
        dur_ms: dur,
        ..Stimulus::default()
    }
}

/// The official di Volo et al. 2019 code's run: the scenario's own defaults.
fn adex(_: &mut Scenario) {}

/// The reference run of Alexandersen et al. (`izhikevich_mf.md` §3.3): ν_ext = 10 Hz, start
/// (4, 8) Hz, U = 60 pA, T = 5 ms, dt = 0.1 ms, 5 s.
fn izhikevich(s: &mut Scenario) {
    s.adex.nu_drive_hz = 10.0;
    s.adex.nu_e0_hz = 4.0;
    s.adex.nu_i0_hz = 8.0;
    s.adex.w_e0_pa = 60.0;
    s.stimulus.kind = StimulusKind::None;
    s.duration_ms = 5000.0;
    s.dt_ms = 0.1;
    s.analysis = AnalysisSpec::izhikevich();
}

/// The PyRates example (T = 100 τ, I = 3 from 20 τ to 80 τ) with τ = 10 ms.
fn qif(s: &mut Scenario) {
    s.stimulus = pulse(3.0, 200.0, 600.0);
    s.duration_ms = 1000.0;
    s.dt_ms = 0.05;
    s.adex.n_total = 5000.0;
    s.net.bin_ms = 1.0;
    s.net.dt_ms = 0.1;
}

/// Chen & Campbell's standard set (η̄ = 0.12: collective bursting), 3 s.
fn izh_cc(s: &mut Scenario) {
    s.stimulus.kind = StimulusKind::None;
    s.duration_ms = 3000.0;
    s.dt_ms = 0.05;
    s.adex.n_total = 2000.0;
    s.net.bin_ms = 2.0;
    s.net.dt_ms = 0.05;
    s.lz.init = Initial { r_hz: 0.0, v: 0.0 };
}

/// The regular-spiking set with a 30 pA input from 300 to 1200 ms (both biophysical families).
fn izh_gsk(s: &mut Scenario) {
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

/// Every model, in menu order.
pub const MODELS: [ModelInfo; 7] = [
    ModelInfo {
        kind: ModelKind::Adex,
        name: "adex",
        label: "AdEx mean field with adaptation (di Volo et al. 2019)",
        family: None,
        cells: Some(NeuronModel::Adex),
        analysis: true,
        tf_view: true,
        exports: &["nest", "brian2", "tvb"],
        defaults: adex,
    },
    ModelInfo {
        kind: ModelKind::Izhikevich,
        name: "izhikevich",
        label: "Izhikevich (adaptive QIF) conductance mean field (Alexandersen et al. 2023)",
        family: None,
        cells: Some(NeuronModel::Izhikevich),
        analysis: true,
        tf_view: false,
        exports: &["brian2"],
        defaults: izhikevich,
    },
    ModelInfo {
        kind: ModelKind::Qif,
        name: "qif",
        label: "QIF exact mean field (Montbrió, Pazó & Roxin 2015)",
        family: Some(Family::Qif),
        cells: None,
        analysis: false,
        tf_view: false,
        exports: &["pyrates"],
        defaults: qif,
    },
    ModelInfo {
        kind: ModelKind::QifSfa,
        name: "qif_sfa",
        label: "QIF with spike-frequency adaptation (Gast et al. 2020)",
        family: Some(Family::QifSfa),
        cells: None,
        analysis: false,
        tf_view: false,
        exports: &["pyrates"],
        defaults: qif,
    },
    ModelInfo {
        kind: ModelKind::IzhCc,
        name: "izh_cc",
        label: "Izhikevich exact mean field, dimensionless (Chen & Campbell 2022)",
        family: Some(Family::Cc),
        cells: None,
        analysis: false,
        tf_view: false,
        exports: &["pyrates"],
        defaults: izh_cc,
    },
    ModelInfo {
        kind: ModelKind::IzhGsk,
        name: "izh_gsk",
        label: "Izhikevich with distributed thresholds (Gast, Solla & Kennedy)",
        family: Some(Family::Gsk),
        cells: None,
        analysis: false,
        tf_view: false,
        exports: &["pyrates"],
        defaults: izh_gsk,
    },
    ModelInfo {
        kind: ModelKind::IzhEta,
        name: "izh_eta",
        label: "Izhikevich with distributed background currents (Gast, Solla & Kennedy)",
        family: Some(Family::Eta),
        cells: None,
        analysis: false,
        tf_view: false,
        exports: &["pyrates"],
        defaults: izh_gsk,
    },
];

impl ModelKind {
    /// This model's row of [`MODELS`].
    #[must_use]
    pub fn info(self) -> &'static ModelInfo {
        MODELS.iter().find(|m| m.kind == self).unwrap_or(&MODELS[0])
    }

    /// Id used in URLs, JSON and the CLI.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Human-readable name with its reference.
    #[must_use]
    pub fn label(self) -> &'static str {
        self.info().label
    }

    /// The exact (Lorentzian) family of this model, if it is one.
    #[must_use]
    pub fn family(self) -> Option<Family> {
        self.info().family
    }

    /// Parses a [`ModelKind::name`].
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        MODELS.iter().find(|m| m.name == name).map(|m| m.kind)
    }
}

impl Scenario {
    /// The default scenario of `model`: its paper's parameters and documented example (the
    /// `defaults` of its row in [`MODELS`]).
    #[must_use]
    pub fn for_model(model: ModelKind) -> Self {
        let mut s = Self {
            model,
            ..Self::default()
        };
        (model.info().defaults)(&mut s);
        s
    }
}
