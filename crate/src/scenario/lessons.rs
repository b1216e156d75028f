//! Lessons: an example from the papers told in steps. Each step says what to do (and can do it
//! for the reader: a link query applied on top of the lesson so far) and what to look for, and
//! carries a check evaluated on the run, which marks it done. The lesson and its step are in
//! the link (`lesson`, `step`), so a shared link opens the story where it was; the page, the
//! CLI (`meanfield lesson --check`) and the tests evaluate the same checks.

/// Which curve a check reads: ν_e (the rate r of an exact family).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Series {
    /// The mean field.
    MeanField,
    /// The mean field with adaptation pinned to its stationary value (the dashed overlay).
    Stationary,
    /// The spiking network (its binned rate).
    Network,
}

/// What a check takes of the curve over its window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stat {
    /// The mean.
    Mean,
    /// The largest value.
    Max,
    /// The smallest value.
    Min,
    /// Largest minus smallest.
    Swing,
}

/// What the value must satisfy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Test {
    /// Below this [Hz].
    Below(f64),
    /// Above this [Hz].
    Above(f64),
    /// Within this fraction of the same statistic of the mean field.
    NearMeanField(f64),
}

/// A condition on the run that marks a step done.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Check {
    /// The curve.
    pub series: Series,
    /// What is taken of it.
    pub stat: Stat,
    /// The window [ms].
    pub window_ms: (f64, f64),
    /// The condition.
    pub test: Test,
}

/// One step of a lesson.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    /// What to do and what to look for.
    pub text: &'static str,
    /// What "Do it" sets, as a link query on top of the steps before ("" for a step that
    /// only asks to look).
    pub set: &'static str,
    /// What marks it done.
    pub check: Check,
}

/// A lesson: an example told in steps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lesson {
    /// Id (stable: links and tests name it).
    pub id: &'static str,
    /// Title.
    pub title: &'static str,
    /// The figure of the paper it reproduces.
    pub figure: &'static str,
    /// The example it starts from (its scenario and its note).
    pub example: &'static str,
    /// The keys a reader of the lesson moves (the embed's sliders).
    pub controls: &'static [&'static str],
    /// The steps, in order.
    pub steps: &'static [Step],
}

/// The curves a check reads: (t [ms], ν_e [Hz]) samples of each.
#[derive(Clone, Copy, Debug, Default)]
pub struct Observed<'a> {
    /// The mean field.
    pub mean_field: &'a [(f64, f64)],
    /// The stationary-adaptation overlay (empty when not run).
    pub stationary: &'a [(f64, f64)],
    /// The network's bins (by bin end; empty before the network has run).
    pub network: &'a [(f64, f64)],
}

const fn check(series: Series, stat: Stat, window_ms: (f64, f64), test: Test) -> Check {
    Check {
        series,
        stat,
        window_ms,
        test,
    }
}

use Series::{MeanField, Network, Stationary};
use Stat::{Max, Mean, Min, Swing};
use Test::{Above, Below, NearMeanField};

/// Every lesson, in menu order.
pub const LESSONS: &[Lesson] = &[
    Lesson {
        id: "official-run",
        title: "A pulse, a dip, and the network under the mean field",
        figure: "di Volo et al. 2019, the official code's run",
        example: "adex-divolo",
        controls: &["b_e", "tau_w_e", "stim_amp"],
        steps: &[
            Step {
                text: "The official code's run: a double-Gaussian pulse of 5 Hz (σ = 10 ms before its peak at 2 s, 200 ms after) on top of the 2.5 Hz drive. ν_e climbs from its rest at 1.43 Hz to a sharp peak of 8.8 Hz just before 2 s.",
                set: "",
                check: check(MeanField, Max, (1950.0, 2100.0), Above(6.0)),
            },
            Step {
                text: "After the pulse ν_e dips below its rest, to 0.91 Hz near 2.45 s: the adaptation W, raised by the pulse, decays only over τ_w = 0.5 s, and the rate recovers with it.",
                set: "",
                check: check(MeanField, Min, (2300.0, 2700.0), Below(1.2)),
            },
            Step {
                text: "The network agrees on the response: over 2.0–2.2 s its mean rate is within 10 % of the mean field's (3.4 against 3.6 Hz).",
                set: "",
                check: check(Network, Mean, (2000.0, 2200.0), NearMeanField(0.1)),
            },
            Step {
                text: "But not on its sharp top: the network's highest 5 ms bin is 5.4 Hz, where the mean field peaks at 8.8 Hz.",
                set: "",
                check: check(Network, Max, (1950.0, 2100.0), Below(7.0)),
            },
            Step {
                text: "Draw the stationary-W model (dashed): with W pinned to b ν τ_w it has no memory of the pulse, and after it returns to its rest (1.41 Hz) without a dip.",
                set: "compare_stationary=1",
                check: check(Stationary, Min, (2300.0, 2700.0), Above(1.3)),
            },
        ],
    },
    Lesson {
        id: "fig2-adaptation",
        title: "Adaptation lowers the spontaneous rates",
        figure: "di Volo et al. 2019, Fig 2",
        example: "divolo-fig2",
        controls: &["b_e", "nu_drive"],
        steps: &[
            Step {
                text: "No stimulus, b = 60 pA: the mean field settles at ν_e = 2.06 Hz (the analysis below scans b from 0 to 100 pA: 5.19 Hz at 0, 1.46 Hz at 100). The network fires 2.09 Hz, within 10 % of it.",
                set: "",
                check: check(Network, Mean, (1500.0, 3000.0), NearMeanField(0.1)),
            },
            Step {
                text: "Raise b to 100 pA (the official code's RS cells): ν_e falls to 1.49 Hz.",
                set: "b_e=100",
                check: check(MeanField, Mean, (1500.0, 3000.0), Below(1.75)),
            },
            Step {
                text: "Remove adaptation (b = 0): ν_e rises to 5.3 Hz over 2–3 s (still creeping up as the initial W decays).",
                set: "b_e=0",
                check: check(MeanField, Mean, (2000.0, 3000.0), Above(4.5)),
            },
            Step {
                text: "Without adaptation network and mean field part: the network fires 7.8 Hz, about 50 % more than the mean field.",
                set: "",
                check: check(Network, Mean, (2000.0, 3000.0), Above(6.5)),
            },
        ],
    },
    Lesson {
        id: "fig4",
        title: "Adaptation shapes the response to the same input",
        figure: "di Volo et al. 2019, Fig 4",
        example: "divolo-fig4-low",
        controls: &["nu_drive", "b_e", "stim_amp"],
        steps: &[
            Step {
                text: "At a low drive (ν_drive = 1.5 Hz) one 5 Hz cycle of 2 Hz arrives at 2 s. Watch ν_e: with dynamic adaptation (green) it climbs from 1 Hz to above 3 Hz.",
                set: "",
                check: check(MeanField, Max, (2000.0, 2100.0), Above(3.0)),
            },
            Step {
                text: "The dashed curve pins W to its stationary value W̄ = b ν τ_w: it misses the peak, staying below 2 Hz.",
                set: "",
                check: check(Stationary, Max, (2000.0, 2100.0), Below(2.0)),
            },
            Step {
                text: "The spiking network (light green) follows the dynamic model, not the stationary one: over the rising half-cycle its mean is within 30 % of the mean field's.",
                set: "",
                check: check(Network, Mean, (2000.0, 2100.0), NearMeanField(0.3)),
            },
            Step {
                text: "Raise the drive to 7 Hz (Fig 4-A, a high-conductance state): the same cycle now moves ν_e far less. Over the rising half-cycle it swings by about 0.65 Hz, against 2.6 Hz at the low drive.",
                set: "nu_drive=7",
                check: check(MeanField, Swing, (2000.0, 2100.0), Below(1.0)),
            },
        ],
    },
    Lesson {
        id: "fig4a-high-drive",
        title: "A high-conductance state barely moves",
        figure: "di Volo et al. 2019, Fig 4-A",
        example: "divolo-fig4-high",
        controls: &["nu_drive", "stim_amp", "b_e"],
        steps: &[
            Step {
                text: "At ν_drive = 7 Hz ν_e rests at 2.65 Hz, and one 5 Hz cycle of 2 Hz at 2 s barely moves it: over the rising half-cycle (2.0–2.1 s) it stays between 2.53 and 3.17 Hz, a swing of 0.65 Hz.",
                set: "",
                check: check(MeanField, Swing, (2000.0, 2100.0), Below(1.0)),
            },
            Step {
                text: "The stationary-W model (dashed) misses little here: it peaks at 2.92 Hz, within 10 % of the dynamic model's 3.17 Hz (at ν_drive = 1.5 Hz it misses the peak by 44 %).",
                set: "",
                check: check(Stationary, Max, (2000.0, 2100.0), Above(2.85)),
            },
            Step {
                text: "The network agrees with the mean field over the rising half-cycle: within 15 % (2.86 against 2.97 Hz).",
                set: "",
                check: check(Network, Mean, (2000.0, 2100.0), NearMeanField(0.15)),
            },
            Step {
                text: "Lower the drive to 1.5 Hz (Fig 4-B): the same cycle now lifts ν_e from 1.0 to 3.3 Hz, a swing of 2.6 Hz over the same 0.1 s.",
                set: "nu_drive=1.5",
                check: check(MeanField, Swing, (2000.0, 2100.0), Above(1.5)),
            },
        ],
    },
    Lesson {
        id: "fig3a1",
        title: "Adaptation remembers: the dip after a pulse",
        figure: "di Volo et al. 2019, Fig 3-A1",
        example: "divolo-fig3a1",
        controls: &["b_e", "tau_w_e", "stim_amp"],
        steps: &[
            Step {
                text: "A fast pulse at 1.5 s. With dynamic adaptation (green) ν_e overshoots to about 3 Hz, then dips below its baseline of 1.49 Hz (to 1.32 Hz near 2 s): W, raised by the pulse, decays only slowly.",
                set: "",
                check: check(MeanField, Min, (1800.0, 2300.0), Below(1.4)),
            },
            Step {
                text: "The stationary-W model (dashed) has no memory: it returns to its baseline without a dip.",
                set: "",
                check: check(Stationary, Min, (1800.0, 3500.0), Above(1.45)),
            },
            Step {
                text: "Before the pulse the network fires at the mean field's rate, within 15 %.",
                set: "",
                check: check(Network, Mean, (1000.0, 1500.0), NearMeanField(0.15)),
            },
        ],
    },
    Lesson {
        id: "fig3a2-rebound",
        title: "Silence, then a rebound",
        figure: "di Volo et al. 2019, Fig 3-A2",
        example: "divolo-fig3a2",
        controls: &["stim_dur", "b_e", "order"],
        steps: &[
            Step {
                text: "First order: with the paper's second-order model the abrupt return of the drive makes the variance terms run away (last step), so this lesson runs the first-order model. The drive is off from 1.5 to 2 s: the network falls silent (below 0.1 Hz from 1.6 s), and the mean field with it.",
                set: "",
                check: check(Network, Max, (1600.0, 1995.0), Below(0.1)),
            },
            Step {
                text: "When the drive returns, W has decayed during the silence and the mean field rebounds above its baseline of 1.46 Hz: a sharp peak at 2.0 s, then 2.0 Hz on average over 2.05–2.3 s.",
                set: "",
                check: check(MeanField, Mean, (2050.0, 2300.0), Above(1.75)),
            },
            Step {
                text: "The stationary-W model (dashed) has no such memory: after a 10 ms blip it sits at its baseline, 1.46 Hz.",
                set: "",
                check: check(Stationary, Mean, (2050.0, 2300.0), Below(1.5)),
            },
            Step {
                text: "The network rebounds too, and more than the mean field: 2.6 Hz over 2.05–2.3 s, against 1.6 Hz before the pause.",
                set: "",
                check: check(Network, Mean, (2050.0, 2300.0), Above(2.1)),
            },
            Step {
                text: "Switch to second order, the paper's model: at the return the variance terms run away and ν_e sits at the 175 Hz cap (the page warns). The first-order model is the nearest that shows the rebound.",
                set: "order=2",
                check: check(MeanField, Mean, (2050.0, 2300.0), Above(100.0)),
            },
        ],
    },
    Lesson {
        id: "fig3a3-sine",
        title: "Slow adaptation lets a sinusoid through",
        figure: "di Volo et al. 2019, Fig 3-A3",
        example: "divolo-fig3a3",
        controls: &["stim_freq", "stim_amp", "tau_w_e"],
        steps: &[
            Step {
                text: "A 2 Hz sinusoid of 1 Hz per synapse from 1 s. With dynamic W (green) ν_e swings between 0.32 and 2.52 Hz, by 2.2 Hz.",
                set: "",
                check: check(MeanField, Swing, (2500.0, 4000.0), Above(1.8)),
            },
            Step {
                text: "The stationary-W model (dashed) swings only between 0.96 and 1.85 Hz: its W follows the input at once and damps it, where the real W, too slow for 2 Hz, stays near its mean.",
                set: "",
                check: check(Stationary, Swing, (2500.0, 4000.0), Below(1.2)),
            },
            Step {
                text: "The network swings as widely as the dynamic model: in the trough near 3.37 s it averages 0.58 Hz over 0.1 s, below anything the stationary model reaches (0.96 Hz)…",
                set: "",
                check: check(Network, Mean, (3316.0, 3416.0), Below(0.85)),
            },
            Step {
                text: "…and on the crest near 3.09 s 2.8 Hz, above the stationary model's top (1.85 Hz).",
                set: "",
                check: check(Network, Mean, (3041.0, 3141.0), Above(2.1)),
            },
            Step {
                text: "Slow the input to 0.5 Hz: W now partly follows it, and the dynamic swing shrinks to 1.45 Hz (the stationary model's stays 0.89 Hz).",
                set: "stim_freq=0.5",
                check: check(MeanField, Swing, (2000.0, 4000.0), Below(1.7)),
            },
        ],
    },
    Lesson {
        id: "fig3d-frequency",
        title: "The response against the input's frequency",
        figure: "di Volo et al. 2019, Fig 3-D",
        example: "divolo-fig3d",
        controls: &["stim_freq", "tau_w_e", "b_e"],
        steps: &[
            Step {
                text: "At 2 Hz a sinusoid of 0.5 Hz per synapse moves ν_e by 1.19 Hz peak to peak with dynamic W. The analysis below sweeps 0.1–100 Hz: the response rises from 0.45 Hz to at most 1.36 Hz, near 40 Hz.",
                set: "",
                check: check(MeanField, Swing, (2500.0, 4000.0), Above(0.9)),
            },
            Step {
                text: "The stationary-W model (dashed) moves by only 0.44 Hz: the rise comes from the adaptation lagging behind the input.",
                set: "",
                check: check(Stationary, Swing, (2500.0, 4000.0), Below(0.6)),
            },
            Step {
                text: "On the crests the network follows the dynamic model: near 3.09 s its mean over 0.1 s is within 15 % of the mean field's 2.02 Hz (the stationary model's 1.65 Hz is 18 % below).",
                set: "",
                check: check(Network, Mean, (3041.0, 3141.0), NearMeanField(0.15)),
            },
            Step {
                text: "Slow the input to 0.4 Hz (a 2.5 s period, five times τ_w): W keeps up with it, and the dynamic response falls to 0.64 Hz, near the stationary model's 0.43 Hz.",
                set: "stim_freq=0.4",
                check: check(MeanField, Swing, (2500.0, 4000.0), Below(0.8)),
            },
            Step {
                text: "Speed it up to 40 Hz: the dynamic response is the sweep's largest, 1.36 Hz, and the stationary model's rises too, to 0.66 Hz: the resonance of the E-I loop.",
                set: "stim_freq=40",
                check: check(Stationary, Swing, (2500.0, 4000.0), Above(0.55)),
            },
        ],
    },
    Lesson {
        id: "fig5",
        title: "Self-sustained activity after a kick",
        figure: "di Volo et al. 2019, Fig 5",
        example: "divolo-fig5-sustained",
        controls: &["nu_drive", "el_e", "b_e"],
        steps: &[
            Step {
                text: "Without input the populations are silent: before the kick at 0.5 s the network fires below 0.1 Hz.",
                set: "",
                check: check(Network, Mean, (300.0, 500.0), Below(0.1)),
            },
            Step {
                text: "A 100 ms kick, and the network stays active on its own: above 5 Hz long after the kick has ended.",
                set: "",
                check: check(Network, Mean, (2000.0, 3000.0), Above(5.0)),
            },
            Step {
                text: "With ν_drive = 0.3 Hz the first-order mean field stays active too (4.7 Hz): its active fixed point is stable.",
                set: "",
                check: check(MeanField, Mean, (2000.0, 3000.0), Above(4.0)),
            },
            Step {
                text: "Set the drive to 0, the paper's value: the network still sustains its activity, but this mean field falls back to silence (its active point has become an unstable focus).",
                set: "nu_drive=0",
                check: check(MeanField, Mean, (2000.0, 3000.0), Below(0.01)),
            },
            Step {
                text: "Make the RS cells less excitable (E_L = −67 mV, Fig 5 (i)): after the kick the network falls silent too.",
                set: "el_e=-67",
                check: check(Network, Mean, (2000.0, 3000.0), Below(0.5)),
            },
        ],
    },
    Lesson {
        id: "fig5-silent",
        title: "A kick with nothing to hold it",
        figure: "di Volo et al. 2019, Fig 5 (i)",
        example: "divolo-fig5-silent",
        controls: &["el_e", "el_i", "stim_amp"],
        steps: &[
            Step {
                text: "E_L = −67 mV for the RS cells, no drive, no adaptation. During the 100 ms kick at 0.5 s the mean field fires 1.7 Hz (after an onset peak of 7.3 Hz).",
                set: "",
                check: check(MeanField, Mean, (520.0, 600.0), Above(1.0)),
            },
            Step {
                text: "After the kick it falls back to silence and stays there: F(ν_e) meets the bisector only at 0 (the analysis below finds one fixed point, silent).",
                set: "",
                check: check(MeanField, Mean, (700.0, 3000.0), Below(0.01)),
            },
            Step {
                text: "The network does the same: after the kick it is silent, below 0.1 Hz from 0.7 s on.",
                set: "",
                check: check(Network, Mean, (700.0, 3000.0), Below(0.1)),
            },
            Step {
                text: "Make the RS cells more excitable, E_L = −63 mV (Fig 5 (ii)): after the same kick the network now stays active, above 5 Hz.",
                set: "el_e=-63",
                check: check(Network, Mean, (2000.0, 3000.0), Above(5.0)),
            },
        ],
    },
    Lesson {
        id: "fig5a-map",
        title: "Where silence and activity coexist",
        figure: "di Volo et al. 2019, Fig 5-A",
        example: "divolo-fig5a",
        controls: &["el_e", "el_i", "nu_drive"],
        steps: &[
            Step {
                text: "With the paper's numbers (no drive) this mean field cannot hold the self-sustained state at the paper's point (the red cross: E_L = −63 mV for RS, −65 mV for FS): the map puts it on a dot, an active state that oscillates, and after the kick the mean field falls back to silence.",
                set: "",
                check: check(MeanField, Mean, (2000.0, 3000.0), Below(0.01)),
            },
            Step {
                text: "The network can: after the kick it stays active at 7.3 Hz, a bistable (green) cell as in the paper.",
                set: "",
                check: check(Network, Mean, (2000.0, 3000.0), Above(5.0)),
            },
            Step {
                text: "Add the weakest drive that stabilises it, ν_drive = 0.3 Hz: in the map the dots shrink to a thin band along the edge and the cross turns green (212 bistable cells instead of 175); the kicked mean field stays active at 4.7 Hz.",
                set: "nu_drive=0.3",
                check: check(MeanField, Mean, (2000.0, 3000.0), Above(4.0)),
            },
            Step {
                text: "Back without drive, put the RS cells on the bisector, E_L = −65 mV: a grey cell of the mean field's map (silent only), yet the network still sustains 4.9 Hz after the kick. The network's bistable region reaches the bisector, about 1.5 mV beyond the mean field's.",
                set: "nu_drive=0&el_e=-65",
                check: check(Network, Mean, (2000.0, 3000.0), Above(3.0)),
            },
        ],
    },
    Lesson {
        id: "fig6-up-down",
        title: "UP and DOWN states from noise and adaptation",
        figure: "di Volo et al. 2019, Fig 6",
        example: "divolo-fig6",
        controls: &["b_e", "stim_amp", "nu_drive"],
        steps: &[
            Step {
                text: "E_L = −63 mV, b = 60 pA, ν_drive = 0.315 Hz, and OU noise (σ = 0.15 Hz) on the mean field's drive. The noise kicks the mean field into brief UP states, most of them peaking near 14 Hz…",
                set: "",
                check: check(MeanField, Max, (1000.0, 10000.0), Above(8.0)),
            },
            Step {
                text: "…that adaptation ends: each lasts about 0.1 s while W climbs (from about 10 to 30 pA). Between them the population is DOWN, so over 1–10 s ν_e averages only 0.68 Hz.",
                set: "",
                check: check(MeanField, Mean, (1000.0, 10000.0), Below(2.0)),
            },
            Step {
                text: "The network, without the added noise, has UP states of its own, peaking at 8–14 Hz, but fewer and longer than the mean field's (4 between 1 and 10 s, each 0.25–0.4 s).",
                set: "",
                check: check(Network, Max, (1000.0, 10000.0), Above(5.0)),
            },
            Step {
                text: "Remove adaptation (b = 0): nothing ends an UP state. After the first kick the mean field stays UP, never below 2.6 Hz over 1–10 s.",
                set: "b_e=0",
                check: check(MeanField, Min, (1000.0, 10000.0), Above(1.0)),
            },
            Step {
                text: "Restore b = 60 pA and switch the noise off (σ = 0): with nothing to kick it, the mean field stays DOWN.",
                set: "b_e=60&stim_amp=0",
                check: check(MeanField, Max, (1000.0, 10000.0), Below(0.5)),
            },
        ],
    },
    Lesson {
        id: "izh-reference",
        title: "Izhikevich cells settle under a constant drive",
        figure: "Alexandersen et al. 2023, reference run",
        example: "izh-reference",
        controls: &["izh_d_e", "nu_drive", "izh_tau_u_e"],
        steps: &[
            Step {
                text: "The reference run: ν_ext = 10 Hz, from (4, 8) Hz with U = 60 pA. After an overshoot to 16.5 Hz, ν_e settles at 8.84 Hz (ν_i at 15.1 Hz) as U builds up: over 3–5 s it moves by less than 0.01 Hz.",
                set: "",
                check: check(MeanField, Swing, (3000.0, 5000.0), Below(0.05)),
            },
            Step {
                text: "The network of 10 000 Izhikevich cells settles beside it: 8.1 Hz over 2–5 s, 8 % below the mean field (within 15 %).",
                set: "",
                check: check(Network, Mean, (2000.0, 5000.0), NearMeanField(0.15)),
            },
            Step {
                text: "Remove the spike-triggered adaptation (d = 0, the start of Fig 3's sweep): ν_e climbs to 23 Hz…",
                set: "izh_d_e=0",
                check: check(MeanField, Mean, (3000.0, 5000.0), Above(15.0)),
            },
            Step {
                text: "…and the network follows, within 10 % (23.6 Hz).",
                set: "",
                check: check(Network, Mean, (3000.0, 5000.0), NearMeanField(0.1)),
            },
            Step {
                text: "Double it instead (d = 30 pA, the end of the sweep): ν_e drops to 5.45 Hz.",
                set: "izh_d_e=30",
                check: check(MeanField, Mean, (3000.0, 5000.0), Below(7.0)),
            },
        ],
    },
    Lesson {
        id: "qif-hysteresis",
        title: "Two states under the same input",
        figure: "Montbrió, Pazó & Roxin 2015 (PyRates' QIF example)",
        example: "qif-hysteresis",
        controls: &["qif_eta", "stim_amp"],
        steps: &[
            Step {
                text: "Before the step (0–200 ms) the population fires slowly, about 8 Hz.",
                set: "",
                check: check(MeanField, Mean, (100.0, 200.0), Below(10.0)),
            },
            Step {
                text: "After the step has ended (from 800 ms) the input is the same as before, yet the rate stays high, about 100 Hz: the low and the high state coexist.",
                set: "",
                check: check(MeanField, Mean, (850.0, 1000.0), Above(90.0)),
            },
            Step {
                text: "The network of 10 000 quadratic neurons holds the high state too, within 10 % of the mean field.",
                set: "",
                check: check(Network, Mean, (850.0, 1000.0), NearMeanField(0.1)),
            },
        ],
    },
    Lesson {
        id: "qif-sfa-step",
        title: "Adaptation turns the high state into a transient",
        figure: "Gast et al. 2020 (PyRates' QIF-SFA example)",
        example: "qif-sfa-step",
        controls: &["sfa_alpha", "sfa_tau_a", "stim_amp"],
        steps: &[
            Step {
                text: "The QIF lesson's step (I = 3 from 200 to 800 ms), now with adaptation. At the onset the rate bursts to 270 Hz, then holds a high state near 100 Hz.",
                set: "",
                check: check(MeanField, Max, (200.0, 300.0), Above(200.0)),
            },
            Step {
                text: "The adaptation a builds up (to about 4) and ends the high state while the input is still on: at 0.47 s the rate falls back to 7 Hz.",
                set: "",
                check: check(MeanField, Mean, (490.0, 550.0), Below(15.0)),
            },
            Step {
                text: "After the step the rate stays low, 7.4 Hz: no lasting high state, where without adaptation the QIF held 103 Hz.",
                set: "",
                check: check(MeanField, Mean, (850.0, 1000.0), Below(20.0)),
            },
            Step {
                text: "The 10 000-neuron network follows all of it: over the high state (0.25–0.45 s) its mean is within 5 % of the mean field's (108.5 against 109 Hz).",
                set: "",
                check: check(Network, Mean, (250.0, 450.0), NearMeanField(0.05)),
            },
            Step {
                text: "Remove the adaptation (α = 0): this is the QIF again, and the high state outlasts the input, 103 Hz after the step.",
                set: "sfa_alpha=0",
                check: check(MeanField, Mean, (850.0, 1000.0), Above(90.0)),
            },
        ],
    },
    Lesson {
        id: "qif-sfa-bursting",
        title: "Bursts under a constant input",
        figure: "Gast et al. 2020",
        example: "qif-sfa-bursting",
        controls: &["sfa_alpha", "stim_amp", "sfa_tau_a"],
        steps: &[
            Step {
                text: "Under a constant I = 3 the population bursts: every 0.63 s the rate jumps above 200 Hz, holds near 100 Hz for about 0.24 s and drops to 7 Hz while the adaptation decays.",
                set: "",
                check: check(MeanField, Swing, (1000.0, 2000.0), Above(150.0)),
            },
            Step {
                text: "The 10 000-neuron network bursts in step: over 1–2 s its mean rate is within 15 % of the mean field's (39.3 against 41.5 Hz).",
                set: "",
                check: check(Network, Mean, (1000.0, 2000.0), NearMeanField(0.15)),
            },
            Step {
                text: "Halve the adaptation (α = 0.25): it can no longer end the high state, and the population fires tonically at 108 Hz.",
                set: "sfa_alpha=0.25",
                check: check(MeanField, Swing, (1000.0, 2000.0), Below(1.0)),
            },
            Step {
                text: "Double it instead (α = 1): it holds the rate low and steady, at 12.9 Hz. The bursts live between the two.",
                set: "sfa_alpha=1",
                check: check(MeanField, Max, (1000.0, 2000.0), Below(20.0)),
            },
        ],
    },
    Lesson {
        id: "cc-hopf",
        title: "Bursting between two Hopf points",
        figure: "Chen & Campbell 2022",
        example: "cc-bursting",
        controls: &["cc_eta", "n"],
        steps: &[
            Step {
                text: "At η̄ = 0.12, between the Hopf points 0.0749 and 0.1909, the asynchronous state is unstable: the mean field fires in collective bursts, its rate swinging by tens of Hz.",
                set: "",
                check: check(MeanField, Swing, (1500.0, 3000.0), Above(20.0)),
            },
            Step {
                text: "The network of 10 000 neurons bursts too: averaged over the bursts its rate is within 15 % of the mean field's.",
                set: "",
                check: check(Network, Mean, (1500.0, 3000.0), NearMeanField(0.15)),
            },
            Step {
                text: "Raise η̄ to 0.25, above the upper Hopf point: the bursts stop and the population fires tonically, a steady rate.",
                set: "cc_eta=0.25",
                check: check(MeanField, Swing, (1500.0, 3000.0), Below(1.0)),
            },
        ],
    },
    Lesson {
        id: "cc-tonic",
        title: "Tonic firing above the Hopf point",
        figure: "Chen & Campbell 2022",
        example: "cc-tonic",
        controls: &["cc_eta", "cc_delta"],
        steps: &[
            Step {
                text: "At η̄ = 0.25, above the upper Hopf point 0.1909, a damped transient (its first peak near 480 Hz) gives way to a steady 76 Hz: over 1–3 s the rate moves by less than 0.5 Hz.",
                set: "",
                check: check(MeanField, Swing, (1000.0, 3000.0), Below(0.5)),
            },
            Step {
                text: "The network of 10 000 neurons fires at the same rate, within 5 % (77.1 Hz).",
                set: "",
                check: check(Network, Mean, (1000.0, 3000.0), NearMeanField(0.05)),
            },
            Step {
                text: "Lower η̄ to 0.2, just above the Hopf point: the population is still tonic, at 64 Hz, but its transient now dies out slowly: over 0.5–1 s the rate still swings by 5.8 Hz.",
                set: "cc_eta=0.2",
                check: check(MeanField, Swing, (500.0, 1000.0), Above(1.0)),
            },
            Step {
                text: "Go below the lower Hopf point, η̄ = 0.05: tonic again, at a low rate, 9.8 Hz.",
                set: "cc_eta=0.05",
                check: check(MeanField, Mean, (2500.0, 3000.0), Below(15.0)),
            },
        ],
    },
    Lesson {
        id: "cc-near-hopf",
        title: "Asynchronous, just below a Hopf point",
        figure: "PyRates' Izhikevich example, on Chen & Campbell 2022",
        example: "cc-pyrates-g05",
        controls: &["cc_g", "cc_i0", "n"],
        steps: &[
            Step {
                text: "g = 0.5, the input I = 0.15 paused from 615 to 923 ms. Before the pause the mean field fires asynchronously, at a steady 23.3 Hz.",
                set: "",
                check: check(MeanField, Swing, (400.0, 600.0), Below(1.0)),
            },
            Step {
                text: "The network's mean rate agrees: over 0.3–0.6 s it is within 10 % of the mean field's (24.7 against 23.3 Hz)…",
                set: "",
                check: check(Network, Mean, (300.0, 600.0), NearMeanField(0.1)),
            },
            Step {
                text: "…but the network is not asynchronous: it keeps swinging between about 13 and 43 Hz. Its finite-size fluctuations keep up oscillations that the mean field damps.",
                set: "",
                check: check(Network, Swing, (300.0, 600.0), Above(25.0)),
            },
            Step {
                text: "When the input returns the population synchronises for a moment: the mean field jumps to 82 Hz (the network to 110 Hz) before settling back.",
                set: "",
                check: check(MeanField, Max, (920.0, 1000.0), Above(60.0)),
            },
            Step {
                text: "The mean field sits just below a Hopf point: raise g to 0.7 and it oscillates too, swinging by 19 Hz before the pause.",
                set: "cc_g=0.7",
                check: check(MeanField, Swing, (400.0, 600.0), Above(10.0)),
            },
        ],
    },
    Lesson {
        id: "cc-pause-bursts",
        title: "An input pause stops the bursts",
        figure: "PyRates' Izhikevich example, on Chen & Campbell 2022",
        example: "cc-pyrates-g15",
        controls: &["cc_g", "cc_i0", "stim_amp"],
        steps: &[
            Step {
                text: "With stronger synapses (g = 1.5) the population bursts: the mean field swings between 7 and 104 Hz, a burst about every 0.35 s.",
                set: "",
                check: check(MeanField, Swing, (1000.0, 1538.0), Above(50.0)),
            },
            Step {
                text: "The network bursts with it: over 1–1.54 s its mean is within 10 % of the mean field's (43.9 against 42.7 Hz).",
                set: "",
                check: check(Network, Mean, (1000.0, 1538.0), NearMeanField(0.1)),
            },
            Step {
                text: "The input pause (615–923 ms) stops the bursts: the mean field only creeps from 4.8 to 6.1 Hz.",
                set: "",
                check: check(MeanField, Swing, (650.0, 900.0), Below(3.0)),
            },
            Step {
                text: "In the pause the network fires less than the mean field: 3.3 Hz against 5.5 Hz.",
                set: "",
                check: check(Network, Mean, (650.0, 900.0), Below(4.5)),
            },
            Step {
                text: "Cancel the pause (stimulus amplitude 0): the bursts go on through 0.62–0.92 s.",
                set: "stim_amp=0",
                check: check(MeanField, Swing, (650.0, 900.0), Above(50.0)),
            },
        ],
    },
    Lesson {
        id: "gsk-closure",
        title: "When is the exact mean field exact?",
        figure: "Gast, Solla & Kennedy 2023",
        example: "gsk-global",
        controls: &["lz_adaptation", "gsk_delta", "stim_amp"],
        steps: &[
            Step {
                text: "Under the 30 pA step the mean field holds 21 Hz.",
                set: "",
                check: check(MeanField, Mean, (600.0, 1200.0), Above(20.0)),
            },
            Step {
                text: "With one global adaptation variable in the network the mean field's closure u_j = ⟨u⟩ holds exactly: network and mean field agree within 2 %.",
                set: "",
                check: check(Network, Mean, (600.0, 1200.0), NearMeanField(0.02)),
            },
            Step {
                text: "Give each neuron its own adaptation, as in the papers: the closure is now an approximation and the network fires about 11 % less than the mean field during the step.",
                set: "lz_adaptation=per_neuron",
                check: check(Network, Mean, (600.0, 1200.0), Below(19.5)),
            },
        ],
    },
    Lesson {
        id: "eta-spread",
        title: "Spread currents: bursts, a plateau, and steady firing",
        figure: "Gast, Solla & Kennedy 2023",
        example: "eta-global",
        controls: &["eta_delta", "lz_adaptation", "stim_amp"],
        steps: &[
            Step {
                text: "Izhikevich cells whose background currents are spread (Δ_η = 5 pA around η = 50 pA). Before the step the population fires a collective burst, near 26 Hz at 0.24 s.",
                set: "",
                check: check(MeanField, Max, (0.0, 300.0), Above(20.0)),
            },
            Step {
                text: "The 30 pA step from 0.3 s, after an onset peak near 35 Hz, stops the bursts: the rate holds 22.65 Hz, flat over 0.6–1.2 s.",
                set: "",
                check: check(MeanField, Swing, (600.0, 1200.0), Below(0.5)),
            },
            Step {
                text: "With one global adaptation variable the network agrees with the mean field within 2 %.",
                set: "",
                check: check(Network, Mean, (600.0, 1200.0), NearMeanField(0.02)),
            },
            Step {
                text: "Spread the currents wider (Δ_η = 40 pA): after the step the rate no longer falls to 2 Hz before the next burst; it stays above 13 Hz, settling towards steady firing near 15 Hz.",
                set: "eta_delta=40",
                check: check(MeanField, Min, (1250.0, 1500.0), Above(8.0)),
            },
        ],
    },
];

/// The lesson with id `id`.
#[must_use]
pub fn lesson(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}

impl Check {
    /// The check in words: "the network's ν_e, mean over 2–3 s, above 5 Hz".
    #[must_use]
    pub fn describe(&self) -> String {
        let series = match self.series {
            Series::MeanField => "the mean field's rate",
            Series::Stationary => "the stationary-W model's rate",
            Series::Network => "the network's rate",
        };
        let stat = match self.stat {
            Stat::Mean => "mean",
            Stat::Max => "peak",
            Stat::Min => "lowest value",
            Stat::Swing => "swing (largest minus smallest)",
        };
        let (a, b) = self.window_ms;
        let test = match self.test {
            Test::Below(x) => format!("below {} Hz", crate::text::format_number(x)),
            Test::Above(x) => format!("above {} Hz", crate::text::format_number(x)),
            Test::NearMeanField(f) => format!(
                "within {} % of the mean field's",
                crate::text::format_number(f * 100.0)
            ),
        };
        format!(
            "{series}, {stat} over {}–{} ms, {test}",
            crate::text::format_number(a),
            crate::text::format_number(b)
        )
    }

    /// The value the check reads and whether it passes; `None` while the curve has no
    /// sample that far (a network still running, an overlay not drawn).
    #[must_use]
    pub fn evaluate(&self, o: &Observed) -> Option<(f64, bool)> {
        let curve = match self.series {
            Series::MeanField => o.mean_field,
            Series::Stationary => o.stationary,
            Series::Network => o.network,
        };
        let value = stat(curve, self.stat, self.window_ms)?;
        let passed = match self.test {
            Test::Below(x) => value < x,
            Test::Above(x) => value > x,
            Test::NearMeanField(f) => {
                let mf = stat(o.mean_field, self.stat, self.window_ms)?;
                (value - mf).abs() <= f * mf.abs()
            }
        };
        Some((value, passed))
    }
}

/// `stat` of `curve` over the samples in [t0, t1]; `None` unless the curve reaches t1.
fn stat(curve: &[(f64, f64)], stat: Stat, (t0, t1): (f64, f64)) -> Option<f64> {
    if curve.last().is_none_or(|&(t, _)| t < t1) {
        return None;
    }
    let v: Vec<f64> = curve
        .iter()
        .filter(|(t, _)| (t0..=t1).contains(t))
        .map(|&(_, y)| y)
        .collect();
    if v.is_empty() {
        return None;
    }
    let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = v.iter().copied().fold(f64::INFINITY, f64::min);
    Some(match stat {
        Stat::Mean => v.iter().sum::<f64>() / v.len() as f64,
        Stat::Max => max,
        Stat::Min => min,
        Stat::Swing => max - min,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_reads_its_window_and_waits_for_the_curve_to_reach_it() {
        let curve: Vec<(f64, f64)> = (0..=10)
            .map(|k| (f64::from(k) * 100.0, f64::from(k)))
            .collect();
        let c = check(MeanField, Mean, (200.0, 400.0), Above(2.5));
        let o = Observed {
            mean_field: &curve,
            ..Observed::default()
        };
        assert_eq!(c.evaluate(&o), Some((3.0, true)));
        assert_eq!(
            check(MeanField, Swing, (200.0, 400.0), Below(1.0)).evaluate(&o),
            Some((2.0, false))
        );
        assert_eq!(
            check(MeanField, Mean, (200.0, 2000.0), Above(0.0)).evaluate(&o),
            None
        );
        assert_eq!(
            check(Network, Mean, (0.0, 100.0), Above(0.0)).evaluate(&o),
            None
        );
        assert_eq!(
            c.describe(),
            "the mean field's rate, mean over 200–400 ms, above 2.5 Hz"
        );
    }
}
