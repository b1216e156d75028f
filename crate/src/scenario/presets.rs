//! The documented examples of each model as link queries: one click in the page (the
//! "Examples" menu), `--set`-able in the CLI, and tested to show what they promise. Each model's
//! examples are in its row of the model registry ([`super::models::MODELS`]); the menu lists
//! them model by model. And the scenario of each step of a lesson, which starts from one.

use super::defaults::Scenario;
use super::lessons::Lesson;
use super::link::apply_query;
pub use super::models::Preset;
use super::models::MODELS;
use crate::Error;

/// Every example, in menu order.
pub fn presets() -> impl Iterator<Item = &'static Preset> {
    MODELS.iter().flat_map(|m| m.examples.iter())
}

/// The preset `id`.
#[must_use]
pub fn preset(id: &str) -> Option<&'static Preset> {
    presets().find(|p| p.id == id)
}

impl Lesson {
    /// The step `s` is at (its `step`, within the lesson's steps).
    #[must_use]
    pub fn step_of(&self, s: &Scenario) -> usize {
        (s.step.round().max(1.0) as usize).clamp(1, self.steps.len().max(1))
    }

    /// The lesson's scenario at the step `s` is at, before that step's action, with `s`'s
    /// seed: what a lesson link is written against and read on top of.
    ///
    /// # Errors
    /// As [`Lesson::scenario`].
    pub fn base_of(&self, s: &Scenario) -> Result<Scenario, Error> {
        self.scenario(self.step_of(s), false, s.seed)
    }

    /// The scenario of step `step` (1-based) with its own action done or not: the example on
    /// the model's defaults, the actions of the steps before and, if `done`, its own; seed
    /// `seed`, the lesson and step recorded.
    ///
    /// # Errors
    /// When the lesson's example is unknown (a table error the tests catch).
    pub fn scenario(&self, step: usize, done: bool, seed: u64) -> Result<Scenario, Error> {
        let example = preset(self.example).ok_or_else(|| {
            Error::Usage(format!(
                "lesson '{}': no example '{}'",
                self.id, self.example
            ))
        })?;
        let mut s = Scenario::default();
        apply_query(&mut s, example.query);
        let upto = if done { step } else { step.saturating_sub(1) };
        for st in self.steps.iter().take(upto.min(self.steps.len())) {
            apply_query(&mut s, st.set);
        }
        s.seed = seed;
        s.lesson = self.id.to_string();
        s.step = step as f64;
        Ok(s)
    }
}
