//! The documented examples of each model as link queries: one click in the page (the
//! "Examples" menu), `--set`-able in the CLI, and tested to show what they promise.

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

/// Every example, in menu order.
pub const PRESETS: [Preset; 9] = [
    Preset {
        id: "adex-divolo",
        label: "AdEx: di Volo et al. 2019, official run",
        look_for: "The official code's run: a double-Gaussian pulse at 2 s; the network under the mean field.",
        query: "v=2",
    },
    Preset {
        id: "izh-reference",
        label: "Izhikevich conductance MF: reference run (ν_ext = 10 Hz, d = 15 pA)",
        look_for: "Alexandersen et al.'s constant-drive run: E and I rates settle near 8.7 and 15 Hz, the network beside them.",
        query: "v=2&model=izhikevich",
    },
    Preset {
        id: "qif-hysteresis",
        label: "QIF: step input, hysteresis (PyRates / MPR 2015)",
        look_for: "I = 3 from 200 to 800 ms. Before the step the rate sits at 8.1 Hz; after it, with the same zero input, it stays high at 103 Hz: the low and high states coexist.",
        query: "v=2&model=qif",
    },
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
        look_for: "PyRates defaults, I = 0.15 paused from 400 to 600 time units: asynchronous firing (23.3 Hz), a transient synchronisation when the input returns.",
        query: "v=2&model=izh_cc&cc_eta=0&cc_alpha=0.6&cc_g=0.5&cc_a=0.008&cc_b=-0.01&cc_d=0.02&cc_j=1&cc_i0=0.15&stim=pulse&stim_amp=-0.15&stim_t0=615.4&stim_dur=307.7&duration=1538.5",
    },
    Preset {
        id: "cc-pyrates-g15",
        label: "Izhikevich (PyRates example): g = 1.5 with an input pause",
        look_for: "Stronger synapses: the population oscillates (bursts), and the input pause suppresses the oscillation while it lasts.",
        query: "v=2&model=izh_cc&cc_eta=0&cc_alpha=0.6&cc_g=1.5&cc_a=0.008&cc_b=-0.01&cc_d=0.02&cc_j=1&cc_i0=0.15&stim=pulse&stim_amp=-0.15&stim_t0=615.4&stim_dur=307.7&duration=1538.5",
    },
];

/// The preset `id`.
#[must_use]
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
