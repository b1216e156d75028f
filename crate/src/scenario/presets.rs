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
pub const PRESETS: [Preset; 21] = [
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
        look_for: "Fig 3-A2: the drive is off from 1.5 to 2 s. When it returns, adaptation has decayed and the population rebounds far above its baseline; the stationary-W model shows no rebound. First order: at the abrupt return the second-order terms run away (switch to order 2 to see the page's warning).",
        query: "v=2&coeffs=divolo2019-code&order=1&stim=drive_off&stim_t0=1500&stim_dur=500&compare_stationary=1&duration=3500&plot_from=1000",
    },
    Preset {
        id: "divolo-fig3a3",
        label: "di Volo Fig 3-A3: sinusoidal input",
        look_for: "Fig 3-A3: a 2 Hz sinusoid of 1 Hz per synapse. With dynamic W the response is larger than the stationary-W model predicts, which stays constant and underestimates it.",
        query: "v=2&coeffs=divolo2019-code&stim=sine&stim_amp=1&stim_freq=2&stim_t0=1000&compare_stationary=1&duration=4000&plot_from=1000",
    },
    Preset {
        id: "divolo-fig3d",
        label: "di Volo Fig 3-D: frequency response",
        look_for: "Fig 3D: peak-to-peak ν_e against the input frequency. Dynamic adaptation lifts the response around 1/τ_w and above; the stationary-W model (dashed) lacks that rise. Both share the resonance of the E-I loop.",
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
        look_for: "Fig 4-B: low drive, low adaptation. The same stimulus causes a much larger response than at 7 Hz; the stationary-W model (dashed) misses the peak.",
        query: "v=2&coeffs=divolo2019-code&nu_drive=1.5&stim=sine_cycle&stim_amp=2&stim_freq=5&stim_t0=2000&compare_stationary=1&duration=3000&plot_from=1500",
    },
    Preset {
        id: "divolo-fig5-sustained",
        label: "di Volo Fig 5 (ii): kick at E_L = −63 mV, self-sustained",
        look_for: "Fig 5: no drive, b = 0, a 100 ms kick at 0.5 s. The network stays active after the kick (near 7 Hz). F(ν_e) crosses the bisector three times: silent, saddle and active. The first-order mean field's active point is an unstable focus of the E-I loop (ν_i is not slaved to ν_e), so its own kicked run falls back; the paper's construction, with ν_i slaved, calls it stable.",
        query: "v=2&coeffs=divolo2019-code&order=1&el_e=-63&nu_drive=0&b_e=0&nu_e0=0&nu_i0=0&w_e0=0&stim=pulse&stim_amp=1&stim_t0=500&stim_dur=100&duration=3000",
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
        look_for: "Fig 5A: green cells hold a silent and a self-sustained state; grey only the silent one. The transition runs close to the bisector E_L^E ≈ E_L^I (R_c ≈ 1). Dots mark active states that oscillate in the full first-order system. The red cross is the scenario's own E_L pair.",
        query: "v=2&coeffs=divolo2019-code&order=1&el_e=-63&nu_drive=0&b_e=0&nu_e0=0&nu_i0=0&w_e0=0&stim=pulse&stim_amp=1&stim_t0=500&stim_dur=100&duration=3000&analysis=bistability",
    },
    Preset {
        id: "divolo-fig6",
        label: "di Volo Fig 6: UP/DOWN states from noise and adaptation",
        look_for: "Fig 6: E_L = −63 mV, b = 60 pA, ν_drive = 0.315 Hz. Noise kicks the population into UP states that adaptation (W rising) ends. The network makes its own noise; the mean field gets OU noise on its drive instead (σ = 0.15 Hz, τ = 5 ms; the paper's 10.5 is in TVB's units), first order with T = 20 ms.",
        query: "v=2&coeffs=divolo2019-code&order=1&t_mf=20&el_e=-63&b_e=60&nu_drive=0.315&nu_e0=0&nu_i0=0&w_e0=0&stim=ou&stim_amp=0.15&stim_tau_ou=5&stim_target=mean_field&duration=10000",
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
    Preset {
        id: "eta-global",
        label: "Izhikevich, distributed background currents (Gast, Solla & Kennedy): a 30 pA step",
        look_for: "Regular-spiking Izhikevich cells whose background currents are spread (Δ_η = 5 pA) around η = 50 pA. Before the step the population bursts together every ~130 ms (3 to 25 Hz), in the mean field and the network alike; the 30 pA step from 300 to 1200 ms stops the bursts and holds the rate at 22.6 Hz, and after it the bursts return. The network's adaptation is one global u here, so the mean field's closure u_j = ⟨u⟩ holds exactly and the two agree to about 1 %; switch 'Network adaptation' to per neuron to see the closure's cost (the network fires about 10 % less during the step).",
        query: "v=2&model=izh_eta&lz_adaptation=global&n=5000",
    },
];

/// The preset `id`.
#[must_use]
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
