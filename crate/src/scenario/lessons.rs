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
                text: "Raise the drive to 7 Hz (Fig 4-A, a high-conductance state): the same cycle now moves ν_e far less. Over the rising half-cycle it climbs by about 0.6 Hz, against 2.3 Hz at the low drive.",
                set: "nu_drive=7",
                check: check(MeanField, Swing, (2000.0, 2100.0), Below(1.0)),
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
                text: "The network of 5000 quadratic neurons holds the high state too, within 10 % of the mean field.",
                set: "",
                check: check(Network, Mean, (850.0, 1000.0), NearMeanField(0.1)),
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
                text: "The network of 2000 neurons bursts too: averaged over the bursts its rate is within 15 % of the mean field's.",
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
