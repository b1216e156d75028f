//! Lessons in the session: starting one, moving between its steps, doing a step for the
//! reader, and the lesson as the page shows it (its step, whether the step's check is met on
//! the run shown, whether the reader has changed the scenario away from the lesson). And the
//! headless check of a whole lesson that the CLI and the tests run.

use super::session::{to_text, Session};
use crate::meanfield::Trace;
use crate::record::{Bin, SpikeFilter};
use crate::scenario::lessons::{lesson, Lesson, Observed, Series, LESSONS};
use crate::scenario::{self, presets::preset};
use crate::transfer::coefficients::CoefficientSet;
use crate::Error;
use serde_json::json;

/// (t, ν_e) of a conductance trace.
fn nu_e(trace: &Trace) -> Vec<(f64, f64)> {
    trace
        .t_ms
        .iter()
        .zip(&trace.states)
        .map(|(t, x)| (*t, x.nu_e))
        .collect()
}

/// (bin end, ν_e) of a network's bins.
fn network_rates(bins: &[Bin]) -> Vec<(f64, f64)> {
    bins.iter().map(|b| (b.t_end_ms, b.nu_e_hz)).collect()
}

/// The curves of one run that the checks read.
#[derive(Default)]
struct Curves {
    mean_field: Vec<(f64, f64)>,
    stationary: Vec<(f64, f64)>,
    network: Vec<(f64, f64)>,
}

impl Curves {
    fn observed(&self) -> Observed<'_> {
        Observed {
            mean_field: &self.mean_field,
            stationary: &self.stationary,
            network: &self.network,
        }
    }
}

/// What a step's check found on a run.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StepReport {
    /// The step, from 1.
    pub step: usize,
    /// What it says.
    pub text: &'static str,
    /// The check in words.
    pub check: String,
    /// The value read [Hz] (`None` when the run did not reach the window).
    pub value: Option<f64>,
    /// Whether the check is met.
    pub done: bool,
}

/// Runs every step of `lesson` as the page makes it (the steps' actions done, seed `seed`):
/// the mean field, the overlay when the step reads it, the network when the step reads it;
/// and evaluates each step's check. Steps on the same scenario (look-only steps, or a step whose
/// action changes nothing the runs see) share its runs, as the page does: they are
/// deterministic, and the network is the costly one.
///
/// # Errors
/// When a step's scenario makes no model or no network.
pub fn check_lesson(lesson: &Lesson, seed: u64) -> Result<Vec<StepReport>, Error> {
    let mut out = Vec::new();
    // (the scenario's link without its step, its curves so far)
    let mut runs: Vec<(String, Curves)> = Vec::new();
    for (k, step) in lesson.steps.iter().enumerate() {
        let s = lesson.scenario(k + 1, true, seed)?;
        let key = {
            let mut t = s.clone();
            t.step = 1.0;
            scenario::to_query(&t)
        };
        let at = match runs.iter().position(|(q, _)| *q == key) {
            Some(at) => at,
            None => {
                runs.push((key, Curves::default()));
                runs.len() - 1
            }
        };
        let curves = &mut runs[at].1;
        let lorentz = s.model.family().is_some();
        if curves.mean_field.is_empty() {
            if let Some(tr) = s.run_lorentz() {
                curves.mean_field = tr
                    .t_ms
                    .iter()
                    .copied()
                    .zip(tr.r_hz.iter().copied())
                    .collect();
            } else {
                let set = CoefficientSet::builtin(s.coeffs().unwrap_or_default())?;
                curves.mean_field = nu_e(&s.run(&set)?);
            }
        }
        if step.check.series == Series::Stationary && !lorentz && curves.stationary.is_empty() {
            let set = CoefficientSet::builtin(s.coeffs().unwrap_or_default())?;
            curves.stationary = nu_e(&s.stationary_variant().run(&set)?);
        }
        if step.check.series == Series::Network && curves.network.is_empty() {
            curves.network = network_rates(&s.network(SpikeFilter::RASTER, None)?.run().bins);
        }
        let found = step.check.evaluate(&curves.observed());
        out.push(StepReport {
            step: k + 1,
            text: step.text,
            check: step.check.describe(),
            value: found.map(|f| f.0),
            done: found.is_some_and(|f| f.1),
        });
    }
    Ok(out)
}

impl Session {
    /// The page's one entry to the lessons (its buttons and its panel): `list` (the lessons,
    /// [`Session::lessons_json`]), `state` ([`Session::lesson_state`]), `start:ID` (or
    /// `start:` to leave the lesson), `goto:STEP` and `do`; an action returns the new state.
    ///
    /// # Errors
    /// Unknown action, lesson or step.
    pub fn lesson_action(&mut self, action: &str) -> Result<String, Error> {
        let (verb, arg) = action.split_once(':').unwrap_or((action, ""));
        match verb {
            "list" => return Ok(self.lessons_json()),
            "state" => {}
            "start" if arg.is_empty() => self.lesson_leave(),
            "start" => self.lesson_start(arg)?,
            "goto" => {
                let step = arg
                    .parse()
                    .map_err(|_| Error::Usage(format!("lesson step '{arg}' is not a number")))?;
                self.lesson_goto(step)?;
            }
            "do" => self.lesson_do()?,
            _ => return Err(Error::Usage(format!("unknown lesson action '{action}'"))),
        }
        Ok(self.lesson_state())
    }

    /// The lessons as JSON [{id, title, figure, steps, model (its model's label)}].
    #[must_use]
    pub fn lessons_json(&self) -> String {
        to_text(&json!(LESSONS
            .iter()
            .map(|l| json!({
                "id": l.id,
                "title": l.title,
                "figure": l.figure,
                "steps": l.steps.len(),
                "model": l.scenario(1, false, 0).map(|s| s.model.label()).unwrap_or_default(),
            }))
            .collect::<Vec<_>>()))
    }

    /// Starts lesson `id` at its first step (the seed is kept).
    ///
    /// # Errors
    /// Unknown lesson.
    pub fn lesson_start(&mut self, id: &str) -> Result<(), Error> {
        let l = lesson(id).ok_or_else(|| Error::Usage(format!("unknown lesson '{id}'")))?;
        self.scenario = l.scenario(1, false, self.scenario.seed)?;
        Ok(())
    }

    /// Leaves the lesson (the scenario stays as it is).
    pub fn lesson_leave(&mut self) {
        self.scenario.lesson.clear();
        self.scenario.step = 1.0;
    }

    /// Moves to step `step` (from 1) of the current lesson: the lesson's scenario before that
    /// step's action (the earlier steps' actions done, the reader's own changes undone; the
    /// seed is kept).
    ///
    /// # Errors
    /// No lesson, or no such step.
    pub fn lesson_goto(&mut self, step: usize) -> Result<(), Error> {
        let l = self.current_lesson()?;
        if step == 0 || step > l.steps.len() {
            return Err(Error::Usage(format!(
                "lesson '{}' has steps 1 to {}",
                l.id,
                l.steps.len()
            )));
        }
        self.scenario = l.scenario(step, false, self.scenario.seed)?;
        Ok(())
    }

    /// Does the current step for the reader: the lesson's scenario with this step's action
    /// done (the seed is kept).
    ///
    /// # Errors
    /// No lesson.
    pub fn lesson_do(&mut self) -> Result<(), Error> {
        let l = self.current_lesson()?;
        let step = self.lesson_step(l);
        self.scenario = l.scenario(step, true, self.scenario.seed)?;
        Ok(())
    }

    fn current_lesson(&self) -> Result<&'static Lesson, Error> {
        lesson(&self.scenario.lesson)
            .ok_or_else(|| Error::Usage("no lesson is being followed".into()))
    }

    fn lesson_step(&self, l: &Lesson) -> usize {
        l.step_of(&self.scenario)
    }

    /// The lesson as the page shows it, JSON: {active: false} without one; else id, title,
    /// figure, note (its example's), step, steps [{text, check, can_do}], and for the current
    /// step: value (or null while the run has not reached its window), done, waiting; and
    /// modified (the scenario is neither the lesson's before nor after this step's action).
    #[must_use]
    pub fn lesson_state(&self) -> String {
        let Ok(l) = self.current_lesson() else {
            return to_text(&json!({"active": false}));
        };
        let step = self.lesson_step(l);
        let found = l.steps[step - 1].check.evaluate(&self.curves().observed());
        let seed = self.scenario.seed;
        let same = |done: bool| {
            l.scenario(step, done, seed)
                .is_ok_and(|s| scenario::to_query(&s) == scenario::to_query(&self.scenario))
        };
        to_text(&json!({
            "active": true,
            "id": l.id,
            "title": l.title,
            "figure": l.figure,
            "note": preset(l.example).map(|p| p.look_for),
            "controls": l.controls,
            "step": step,
            "steps": l.steps.iter().map(|st| json!({
                "text": st.text,
                "check": st.check.describe(),
                "can_do": !st.set.is_empty(),
            })).collect::<Vec<_>>(),
            "value": found.map(|f| f.0),
            "done": found.is_some_and(|f| f.1),
            "waiting": found.is_none(),
            "modified": !same(false) && !same(true),
        }))
    }

    /// The curves of the run shown: the mean field, the overlay, the network so far.
    fn curves(&self) -> Curves {
        Curves {
            mean_field: match (&self.lz_trace, &self.trace) {
                (Some(tr), _) => tr
                    .t_ms
                    .iter()
                    .copied()
                    .zip(tr.r_hz.iter().copied())
                    .collect(),
                (None, Some(tr)) => nu_e(tr),
                (None, None) => Vec::new(),
            },
            stationary: self.stationary.as_ref().map(nu_e).unwrap_or_default(),
            network: network_rates(&self.net.recording().bins),
        }
    }
}
