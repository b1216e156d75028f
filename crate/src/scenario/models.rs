//! The model registry: one row per model — its id (the `model` key), label, family, the views
//! and exports it has, its defaults (its paper's parameters) and its documented examples. A new
//! model is a row here; the rest of the house asks the row.

use super::defaults::Scenario;
use super::kind::ModelKind;
use super::view::{AnalysisKind, AnalysisSpec};
use crate::lorentz::{Family, Initial};
use crate::neuron::NeuronModel;
use crate::stimulus::{Stimulus, StimulusKind};

/// The `coeffs` value of a set fitted for the scenario's own cells (in the page's worker, or by
/// the CLI before it runs): deterministic, so a link with it reproduces the fit.
pub const REFIT: &str = "refit";

/// One example.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Id (stable: links and tests name it).
    pub id: &'static str,
    /// Menu text.
    pub label: &'static str,
    /// What it reproduces and what to look for.
    pub look_for: &'static str,
    /// The link query that sets it up (on the model's defaults).
    pub query: &'static str,
}

/// The documented examples of `adex`.
const ADEX_EXAMPLES: &[Preset] = &[
    Preset {
        id: "adex-divolo",
        label: "AdEx: di Volo et al. 2019, official run",
        look_for: "The official code's run: a double-Gaussian pulse at 2 s; the network under the mean field.",
        query: "v=2",
    },
    Preset {
        id: "divolo-fig2",
        label: "di Volo Fig 2: spontaneous activity against b",
        look_for: "Fig 2: the analysis scans b from 0 to 100 pA; ν_e and ν_i fall as adaptation grows. Move b and let the network run: each finished run adds its mean rates as crosses beside the mean field's curve.",
        query: "v=2&coeffs=divolo2019-code&b_e=60&stim=none&duration=3000&plot_from=500&analysis=scan",
    },
    Preset {
        id: "divolo-fig3a1",
        label: "di Volo Fig 3-A1: exponential pulse, dynamic vs stationary W",
        look_for: "Fig 3-A1: a fast pulse on top of the drive (a = 0). The model with dynamic W (green) catches the first peak and the hyperpolarised dip at the offset; the stationary-W model (dashed blue) misses the dip.",
        query: "v=2&coeffs=divolo2019-code&stim=exp_pulse&stim_amp=2&stim_t0=1500&stim_rise=50&stim_decay=150&compare_stationary=1&duration=3500&plot_from=1000",
    },
    Preset {
        id: "divolo-fig3a2",
        label: "di Volo Fig 3-A2: drive switched off, rebound",
        look_for: "Fig 3-A2: the drive is off from 1.5 to 2 s. When it returns, adaptation has decayed and the population rebounds: a 10 ms spike (24 Hz in the mean field, 5 Hz in the network's 5 ms bins), then about 2.8 Hz, twice its 1.46 Hz baseline, until W has recovered; the stationary-W model shows no rebound. First order: at the abrupt return the second-order terms run away (switch to order 2 to see the page's warning).",
        query: "v=2&coeffs=divolo2019-code&order=1&stim=drive_off&stim_t0=1500&stim_dur=500&compare_stationary=1&duration=3500&plot_from=1000",
    },
    Preset {
        id: "divolo-fig3a3",
        label: "di Volo Fig 3-A3: sinusoidal input",
        look_for: "Fig 3-A3: a 2 Hz sinusoid of 1 Hz per synapse. With dynamic W the response is much larger (ν_e swings between 0.3 and 2.5 Hz) than the stationary-W model (dashed) predicts (1.0 to 1.9 Hz): W, too slow to follow a 2 Hz input, no longer damps it. The network swings as widely as the dynamic model.",
        query: "v=2&coeffs=divolo2019-code&stim=sine&stim_amp=1&stim_freq=2&stim_t0=1000&compare_stationary=1&duration=4000&plot_from=1000",
    },
    Preset {
        id: "divolo-fig3d",
        label: "di Volo Fig 3-D: frequency response",
        look_for: "Fig 3D: peak-to-peak ν_e against the input frequency. Dynamic adaptation lifts the response around 1/τ_w and above, to a peak near 40 Hz (1.36 Hz); the stationary-W model (dashed) lacks that rise and is still climbing at 60–100 Hz (0.9 Hz).",
        query: "v=2&coeffs=divolo2019-code&stim=sine&stim_amp=0.5&stim_freq=2&stim_t0=1000&compare_stationary=1&duration=4000&plot_from=1000&analysis=freq_response",
    },
    Preset {
        id: "divolo-fig4-high",
        label: "di Volo Fig 4-A: one sine cycle at ν_drive = 7 Hz",
        look_for: "Fig 4-A: high-conductance state. One 5 Hz cycle of amplitude 2 Hz barely moves the rates; compare with the ν_drive = 1.5 Hz example.",
        query: "v=2&coeffs=divolo2019-code&nu_drive=7&stim=sine_cycle&stim_amp=2&stim_freq=5&stim_t0=2000&compare_stationary=1&duration=3000&plot_from=1500",
    },
    Preset {
        id: "divolo-fig4-low",
        label: "di Volo Fig 4-B: one sine cycle at ν_drive = 1.5 Hz",
        look_for: "Fig 4-B: low drive, low adaptation. The same stimulus causes a much larger response than at 7 Hz (ν_e 1.0 → 3.3 Hz); the stationary-W model (dashed) misses the peak (1.9 Hz). Where the drive, clipped at 0 in the cycle's trough, comes back (2.19 s), the dashed curve restarts from silence with a brief spike of its variance terms (about 8 Hz for 10 ms) that the network does not show: a limit of the second-order stationary model near silence.",
        query: "v=2&coeffs=divolo2019-code&nu_drive=1.5&stim=sine_cycle&stim_amp=2&stim_freq=5&stim_t0=2000&compare_stationary=1&duration=3000&plot_from=1500",
    },
    Preset {
        id: "divolo-fig5-sustained",
        label: "di Volo Fig 5 (ii): kick at E_L = −63 mV, self-sustained (ν_drive = 0.3 Hz)",
        look_for: "With the paper's numbers (no drive) the network sustains 7.3 Hz after the kick but this mean field falls silent: its active point is an unstable focus of the E-I loop (the paper, with ν_i slaved to ν_e, calls it stable). This example adds the weakest drive that makes it stable, ν_drive = 0.3 Hz. Fig 5: b = 0, a 100 ms kick at 0.5 s; before it network and mean field are silent, after it both stay active (network 7.7 Hz, mean field 4.7 Hz). F(ν_e) crosses the bisector three times: silent, saddle and active (stable). Set ν_drive to 0 to see the paper's setting fall back.",
        query: "v=2&coeffs=divolo2019-code&order=1&el_e=-63&nu_drive=0.3&b_e=0&nu_e0=0&nu_i0=0&w_e0=0&stim=pulse&stim_amp=1&stim_t0=500&stim_dur=100&duration=3000",
    },
    Preset {
        id: "divolo-fig5-silent",
        label: "di Volo Fig 5 (i): kick at E_L = −67 mV, back to silence",
        look_for: "Fig 5: the same kick with less excitable RS cells. F(ν_e) meets the bisector only at 0: the network and the mean field fall silent after the kick.",
        query: "v=2&coeffs=divolo2019-code&order=1&el_e=-67&nu_drive=0&b_e=0&nu_e0=0&nu_i0=0&w_e0=0&stim=pulse&stim_amp=1&stim_t0=500&stim_dur=100&duration=3000",
    },
    Preset {
        id: "divolo-fig5a",
        label: "di Volo Fig 5-A: bistability map over E_L of RS and FS",
        look_for: "Fig 5A: green cells hold a silent and a self-sustained state; grey only the silent one. In this mean field the transition runs 1.5–2 mV off the bisector E_L^E = E_L^I (at E_L^I = −65 mV the first bistable cell is E_L^E = −63.5 mV), while the network's own edge is on it (it sustains at −65 mV, falls silent at −65.5). Dots mark active states that oscillate in the full first-order system; the red cross, the scenario's own E_L pair, sits on one.",
        query: "v=2&coeffs=divolo2019-code&order=1&el_e=-63&nu_drive=0&b_e=0&nu_e0=0&nu_i0=0&w_e0=0&stim=pulse&stim_amp=1&stim_t0=500&stim_dur=100&duration=3000&analysis=bistability",
    },
    Preset {
        id: "divolo-fig6",
        label: "di Volo Fig 6: UP/DOWN states from noise and adaptation",
        look_for: "Fig 6: E_L = −63 mV, b = 60 pA, ν_drive = 0.315 Hz. Noise kicks the population into UP states that adaptation (W rising) ends. The network makes its own noise; the mean field gets OU noise on its drive instead (σ = 0.15 Hz, τ = 5 ms; the paper's 10.5 is in TVB's units), first order with T = 20 ms.",
        query: "v=2&coeffs=divolo2019-code&order=1&t_mf=20&el_e=-63&b_e=60&nu_drive=0.315&nu_e0=0&nu_i0=0&w_e0=0&stim=ou&stim_amp=0.15&stim_tau_ou=5&stim_target=mean_field&duration=10000",
    },
];

/// The documented examples of `izhikevich`.
const IZHIKEVICH_EXAMPLES: &[Preset] = &[
    Preset {
        id: "izh-reference",
        label: "Izhikevich conductance MF: reference run (ν_ext = 10 Hz, d = 15 pA)",
        look_for: "Alexandersen et al.'s constant-drive run: E and I rates settle near 8.8 and 15.1 Hz, the network beside them (8.1 and 14.5 Hz). In the first 2 ms, from the reference code's initial state, the excitatory cells lie outside the transfer function's domain; the page says so under the plot.",
        query: "v=2&model=izhikevich",
    },
];

/// The documented examples of `qif`.
const QIF_EXAMPLES: &[Preset] = &[
    Preset {
        id: "qif-hysteresis",
        label: "QIF: step input, hysteresis (PyRates / MPR 2015)",
        look_for: "I = 3 from 200 to 800 ms. Before the step the rate sits at 8.1 Hz; after it, with the same zero input, it stays high at 103 Hz: the low and high states coexist.",
        query: "v=2&model=qif",
    },
];

/// The documented examples of `qif_sfa`.
const QIF_SFA_EXAMPLES: &[Preset] = &[
    Preset {
        id: "qif-sfa-step",
        label: "QIF-SFA: the same step with adaptation (PyRates)",
        look_for: "Adaptation turns the step into a transient: a burst at onset, then a slow return, and no lasting high state after the input.",
        query: "v=2&model=qif_sfa",
    },
    Preset {
        id: "qif-sfa-bursting",
        label: "QIF-SFA: periodic bursting under constant input (Gast et al. 2020)",
        look_for: "A constant I = 3: the population fires in periodic collective bursts, each ended by the adaptation a it builds up.",
        query: "v=2&model=qif_sfa&stim=constant&stim_amp=3&duration=2000",
    },
];

/// The documented examples of `izh_cc`.
const IZH_CC_EXAMPLES: &[Preset] = &[
    Preset {
        id: "cc-bursting",
        label: "Izhikevich (Chen & Campbell 2022): bursting at η̄ = 0.12",
        look_for: "Between the Hopf points η̄ = 0.0749 and 0.1909 the asynchronous state is unstable: collective bursts, in the network too.",
        query: "v=2&model=izh_cc",
    },
    Preset {
        id: "cc-tonic",
        label: "Izhikevich (Chen & Campbell 2022): tonic firing at η̄ = 0.25",
        look_for: "Above the upper Hopf point the population fires tonically: a steady rate after a damped transient.",
        query: "v=2&model=izh_cc&cc_eta=0.25",
    },
    Preset {
        id: "cc-pyrates-g05",
        label: "Izhikevich (PyRates example): g = 0.5 with an input pause",
        look_for: "PyRates defaults, I = 0.15 paused from 615 to 923 ms (PyRates' 400 to 600 of its dimensionless time, 1.54 ms each): the mean field fires asynchronously (23.3 Hz), just below a Hopf point (it oscillates from g ≈ 0.6), while the finite network (10 000 neurons) keeps oscillating between about 13 and 43 Hz around the same mean; a transient synchronisation when the input returns.",
        query: "v=2&model=izh_cc&cc_eta=0&cc_alpha=0.6&cc_g=0.5&cc_a=0.008&cc_b=-0.01&cc_d=0.02&cc_j=1&cc_i0=0.15&stim=pulse&stim_amp=-0.15&stim_t0=615.4&stim_dur=307.7&duration=1538.5",
    },
    Preset {
        id: "cc-pyrates-g15",
        label: "Izhikevich (PyRates example): g = 1.5 with an input pause",
        look_for: "Stronger synapses: the population oscillates (bursts), and the input pause suppresses the oscillation while it lasts.",
        query: "v=2&model=izh_cc&cc_eta=0&cc_alpha=0.6&cc_g=1.5&cc_a=0.008&cc_b=-0.01&cc_d=0.02&cc_j=1&cc_i0=0.15&stim=pulse&stim_amp=-0.15&stim_t0=615.4&stim_dur=307.7&duration=1538.5",
    },
];

/// The documented examples of `izh_eta`.
const IZH_ETA_EXAMPLES: &[Preset] = &[
    Preset {
        id: "eta-global",
        label: "Izhikevich, distributed background currents (Gast, Solla & Kennedy): a 30 pA step",
        look_for: "Regular-spiking Izhikevich cells whose background currents are spread (Δ_η = 5 pA) around η = 50 pA. Without input the population fires in slow collective bursts, one every 0.24 s (the first peaks near 26 Hz at 240 ms); the 30 pA step from 300 to 1200 ms, after an onset peak near 35 Hz, stops them and holds the rate at 22.6 Hz, and after it the rate falls to 2 Hz and climbs towards the next burst. The network's adaptation is one global u here, so the mean field's closure u_j = ⟨u⟩ holds exactly and the two agree to about 1 %; switch 'Network adaptation' to per neuron to see the closure's cost (the network fires about 10 % less during the step).",
        query: "v=2&model=izh_eta&lz_adaptation=global",
    },
];

/// The documented examples of `izh_gsk`.
const IZH_GSK_EXAMPLES: &[Preset] = &[
    Preset {
        id: "gsk-global",
        label: "Izhikevich, distributed spike thresholds (Gast, Solla & Kennedy): a 30 pA step",
        look_for: "Regular-spiking Izhikevich cells whose spike thresholds are spread (Δ_v = 1 mV around v_t = −40 mV), η = 50 pA. Without input the population fires in slow collective bursts (the first peaks near 19 Hz at 270 ms); the 30 pA step from 300 to 1200 ms, after an onset peak near 28 Hz, holds the rate at 21 Hz, and after it the rate falls below 2 Hz and climbs towards the next burst. The network's adaptation is one global u here, so the mean field's closure u_j = ⟨u⟩ holds exactly and the two agree to about 1 %; switch 'Network adaptation' to per neuron to see the closure's cost (the network fires about 11 % less during the step).",
        query: "v=2&model=izh_gsk&lz_adaptation=global",
    },
];

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
    /// The analyses the page's analysis view offers for it, in menu order.
    pub analyses: &'static [AnalysisKind],
    /// Whether the page has the transfer-function view (and refit) for it.
    pub tf_view: bool,
    /// The simulators it exports to (`meanfield export --to`).
    pub exports: &'static [&'static str],
    /// Sets its defaults on a default (AdEx) scenario.
    pub defaults: fn(&mut Scenario),
    /// Its documented examples (the page's "Examples" menu, in this order).
    pub examples: &'static [Preset],
    /// The parameters a course moves (the page's "Key parameters", in this order, with their
    /// full names; the rest of the schema goes under "Advanced"): its own cells first, then the
    /// input, the network's size and the run.
    pub course: &'static [(&'static str, &'static str)],
}

/// The input, the network and the run: the course keys every model shares.
macro_rules! course {
    ($($own:expr),* $(,)?) => {
        &[$($own,)* ("stim", "Stimulus"), ("stim_amp", "Stimulus amplitude"), ("n", "Network size N"), ("duration", "Duration of the run")]
    };
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

/// The conductance models' analyses (di Volo et al. 2019's figures).
const CONDUCTANCE_ANALYSES: &[AnalysisKind] = &[
    AnalysisKind::FixedPoints,
    AnalysisKind::Scan,
    AnalysisKind::Map,
    AnalysisKind::Freq,
    AnalysisKind::Bifurcation,
    AnalysisKind::TwoParam,
    AnalysisKind::PhasePlane,
];

/// The exact families' analyses.
const EXACT_ANALYSES: &[AnalysisKind] = &[
    AnalysisKind::Bifurcation,
    AnalysisKind::TwoParam,
    AnalysisKind::PhasePlane,
];

/// The PyRates example (T = 100 τ, I = 3 from 20 τ to 80 τ) with τ = 10 ms; its diagrams: η̄
/// over its folds (−5.74, −3.14), against Δ (the cusp at 3.70).
fn qif(s: &mut Scenario) {
    s.analysis = AnalysisSpec::diagram("qif_eta", (-10.0, 0.0), "qif_delta", (0.01, 5.0));
    s.stimulus = pulse(3.0, 200.0, 600.0);
    s.duration_ms = 1000.0;
    s.dt_ms = 0.05;
    s.adex.n_total = 10_000.0;
    s.net.bin_ms = 1.0;
    s.net.dt_ms = 0.1;
}

/// Chen & Campbell's standard set (η̄ = 0.12: collective bursting), 3 s.
fn izh_cc(s: &mut Scenario) {
    s.analysis = AnalysisSpec::diagram("cc_eta", (0.0, 0.3), "cc_g", (0.0, 3.0));
    s.stimulus.kind = StimulusKind::None;
    s.duration_ms = 3000.0;
    s.dt_ms = 0.05;
    s.adex.n_total = 10_000.0;
    s.net.bin_ms = 2.0;
    s.net.dt_ms = 0.05;
    s.lz.init = Initial { r_hz: 0.0, v: 0.0 };
}

/// The regular-spiking set with a 30 pA input from 300 to 1200 ms (both biophysical families).
fn izh_gsk(s: &mut Scenario) {
    s.analysis = AnalysisSpec::diagram("gsk_eta", (30.0, 70.0), "gsk_delta", (0.1, 3.0));
    s.stimulus = pulse(30.0, 300.0, 900.0);
    s.duration_ms = 1500.0;
    s.dt_ms = 0.05;
    s.adex.n_total = 10_000.0;
    s.net.bin_ms = 2.0;
    s.net.dt_ms = 0.05;
    s.lz.init = Initial {
        r_hz: 0.0,
        v: -60.0,
    };
}

/// QIF-SFA: the QIF run; its diagrams: η̄ over its two folds and two Hopf points (−2.64 to
/// −1.87), against the adaptation α (Hopf curves from Bogdanov–Takens points on the folds).
fn qif_sfa(s: &mut Scenario) {
    qif(s);
    s.analysis = AnalysisSpec::diagram("qif_eta", (-6.0, 0.0), "sfa_alpha", (0.0, 2.0));
}

/// The biophysical family with distributed background currents: GSK's run; its diagrams: η
/// over its folds and Hopf point (44–52 pA), against Δ_η (a cusp and a Bogdanov–Takens point
/// near 7 pA).
fn izh_eta(s: &mut Scenario) {
    izh_gsk(s);
    s.analysis = AnalysisSpec::diagram("gsk_eta", (30.0, 70.0), "eta_delta", (0.5, 20.0));
}

/// Every model, in menu order.
pub const MODELS: [ModelInfo; 7] = [
    ModelInfo {
        kind: ModelKind::Adex,
        name: "adex",
        label: "AdEx mean field with adaptation (di Volo et al. 2019)",
        family: None,
        cells: Some(NeuronModel::Adex),
        analyses: CONDUCTANCE_ANALYSES,
        tf_view: true,
        exports: &["nest", "brian2", "tvb"],
        defaults: adex,
        examples: ADEX_EXAMPLES,
        course: course!(
            ("b_e", "Adaptation jump b of the RS cells"),
            ("tau_w_e", "Adaptation time constant τ_w of the RS cells"),
            ("el_e", "Leak reversal E_L of the RS cells"),
            ("nu_drive", "External drive ν_drive")
        ),
    },
    ModelInfo {
        kind: ModelKind::Izhikevich,
        name: "izhikevich",
        label: "Izhikevich (adaptive QIF) conductance mean field (Alexandersen et al. 2023)",
        family: None,
        cells: Some(NeuronModel::Izhikevich),
        analyses: CONDUCTANCE_ANALYSES,
        tf_view: false,
        exports: &["brian2"],
        defaults: izhikevich,
        examples: IZHIKEVICH_EXAMPLES,
        course: course!(
            ("izh_d_e", "Adaptation jump d of the E cells"),
            ("izh_tau_u_e", "Adaptation time constant τ_u of the E cells"),
            ("nu_drive", "External drive ν_drive"),
            ("q_e", "Excitatory quantal conductance Q_e")
        ),
    },
    ModelInfo {
        kind: ModelKind::Qif,
        name: "qif",
        label: "QIF exact mean field (Montbrió, Pazó & Roxin 2015)",
        family: Some(Family::Qif),
        cells: None,
        analyses: EXACT_ANALYSES,
        tf_view: false,
        exports: &["pyrates"],
        defaults: qif,
        examples: QIF_EXAMPLES,
        course: course!(
            ("qif_eta", "Mean excitability η̄"),
            ("qif_delta", "Spread of excitabilities Δ"),
            ("qif_j", "Synaptic coupling J")
        ),
    },
    ModelInfo {
        kind: ModelKind::QifSfa,
        name: "qif_sfa",
        label: "QIF with spike-frequency adaptation (Gast et al. 2020)",
        family: Some(Family::QifSfa),
        cells: None,
        analyses: EXACT_ANALYSES,
        tf_view: false,
        exports: &["pyrates"],
        defaults: qif_sfa,
        examples: QIF_SFA_EXAMPLES,
        course: course!(
            ("qif_eta", "Mean excitability η̄"),
            ("qif_j", "Synaptic coupling J"),
            ("sfa_alpha", "Adaptation strength α"),
            ("sfa_tau_a", "Adaptation time constant τ_a")
        ),
    },
    ModelInfo {
        kind: ModelKind::IzhCc,
        name: "izh_cc",
        label: "Izhikevich exact mean field, dimensionless (Chen & Campbell 2022)",
        family: Some(Family::Cc),
        cells: None,
        analyses: EXACT_ANALYSES,
        tf_view: false,
        exports: &["pyrates"],
        defaults: izh_cc,
        examples: IZH_CC_EXAMPLES,
        course: course!(
            ("cc_eta", "Mean excitability η̄"),
            ("cc_delta", "Spread of excitabilities Δη"),
            ("cc_g", "Synaptic conductance g_syn"),
            ("cc_d", "Adaptation jump w_jump")
        ),
    },
    ModelInfo {
        kind: ModelKind::IzhGsk,
        name: "izh_gsk",
        label: "Izhikevich with distributed thresholds (Gast, Solla & Kennedy)",
        family: Some(Family::Gsk),
        cells: None,
        analyses: EXACT_ANALYSES,
        tf_view: false,
        exports: &["pyrates"],
        defaults: izh_gsk,
        examples: IZH_GSK_EXAMPLES,
        course: course!(
            ("gsk_eta", "Mean background current η"),
            ("gsk_delta", "Spread of thresholds Δ_v"),
            ("gsk_d", "Adaptation jump κ"),
            ("lz_adaptation", "Adaptation in the network")
        ),
    },
    ModelInfo {
        kind: ModelKind::IzhEta,
        name: "izh_eta",
        label: "Izhikevich with distributed background currents (Gast, Solla & Kennedy)",
        family: Some(Family::Eta),
        cells: None,
        analyses: EXACT_ANALYSES,
        tf_view: false,
        exports: &["pyrates"],
        defaults: izh_eta,
        examples: IZH_ETA_EXAMPLES,
        course: course!(
            ("gsk_eta", "Mean background current η"),
            ("eta_delta", "Spread of background currents Δ_η"),
            ("gsk_d", "Adaptation jump κ"),
            ("lz_adaptation", "Adaptation in the network")
        ),
    },
];

impl ModelKind {
    /// This model's row of [`MODELS`].
    #[must_use]
    pub fn info(self) -> &'static ModelInfo {
        // MODELS lists the models in the enum's order (a unit test checks it).
        &MODELS[self as usize]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_lists_every_model_once_in_the_enums_order() {
        assert_eq!(MODELS.len(), ModelKind::ALL.len());
        for (i, (row, kind)) in MODELS.iter().zip(ModelKind::ALL).enumerate() {
            assert_eq!(row.kind, kind, "row {i}");
            assert_eq!(kind as usize, i);
            assert_eq!(ModelKind::from_name(row.name), Some(kind));
        }
    }
}
