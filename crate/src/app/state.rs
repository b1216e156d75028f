//! What a [`super::Session`] holds besides the scenario: the network run streamed so far, the
//! analysis result and the refit it was handed, each tagged with what it was made for.

use crate::analysis::AnalysisResult;
use crate::record::{decode_chunk, Progress, Recording};
use crate::scenario::Scenario;
use crate::transfer::coefficients::CoefficientSet;
use crate::Error;
use std::collections::VecDeque;

/// Wall time over which the speed readout averages [ms].
const SPEED_WINDOW_MS: f64 = 1500.0;

/// What the page knows of the current network run: the pieces its worker streamed, numbered by
/// the run's generation so that pieces of an older run are dropped.
#[derive(Default)]
pub struct NetView {
    /// Which run this is.
    pub generation: u32,
    /// Everything recorded so far.
    pub rec: Recording,
    /// The last piece's progress.
    pub progress: Option<Progress>,
    /// Why there is no run, or why it failed.
    pub error: Option<String>,
    /// (model ms, wall ms) of recent pieces.
    speed: VecDeque<(f64, f64)>,
    /// (model ms, wall ms) of the whole run so far.
    total: (f64, f64),
}

impl NetView {
    /// A new, empty run numbered `generation`, with `error` if it cannot run.
    #[must_use]
    pub fn new(generation: u32, error: Option<String>) -> Self {
        Self {
            generation,
            error,
            ..Self::default()
        }
    }

    /// Recorded data of the current run.
    #[must_use]
    pub fn recording(&self) -> &Recording {
        &self.rec
    }

    /// Model s per wall s over the last 1.5 s of wall time.
    #[must_use]
    pub fn speed(&self) -> Option<f64> {
        let (model, wall) = self
            .speed
            .iter()
            .fold((0.0, 0.0), |(m, w), (dm, dw)| (m + dm, w + dw));
        (wall > 0.0 && model > 0.0).then(|| model / wall)
    }

    /// Model s per wall s over the whole run so far.
    #[must_use]
    pub fn speed_run(&self) -> Option<f64> {
        (self.total.1 > 0.0).then(|| self.total.0 / self.total.1)
    }

    /// Adds a piece of run `generation` that took `wall_ms` to simulate.
    ///
    /// # Errors
    /// When the data is not a chunk.
    pub fn ingest(
        &mut self,
        generation: u32,
        chunk: &[f64],
        wall_ms: f64,
    ) -> Result<Ingested, Error> {
        if generation != self.generation {
            return Ok(Ingested::Stale);
        }
        let (p, rec) = decode_chunk(chunk)?;
        let before = self.progress.map_or(0.0, |q| q.t_ms);
        if wall_ms > 0.0 && p.t_ms > before {
            self.total.0 += p.t_ms - before;
            self.total.1 += wall_ms;
            self.speed.push_back((p.t_ms - before, wall_ms));
            let mut total: f64 = self.speed.iter().map(|x| x.1).sum();
            while total > SPEED_WINDOW_MS && self.speed.len() > 1 {
                total -= self.speed.pop_front().map_or(0.0, |x| x.1);
            }
        }
        let was_done = self.progress.is_some_and(|q| q.done);
        self.rec.extend(rec);
        self.progress = Some(p);
        let finished = (p.done && !was_done && p.diverged_at_ms.is_none())
            .then(|| self.rec.mean_rates_after(0.5 * p.t_ms))
            .flatten();
        Ok(Ingested::Added { finished })
    }
}

/// What became of a piece the network worker streamed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ingested {
    /// It belongs to an older run and was dropped.
    Stale,
    /// It was added; `finished` holds the mean rates (ν_e, ν_i) over the second half when this
    /// piece ended the run without a divergence.
    Added {
        /// The finished run's mean rates [Hz].
        finished: Option<(f64, f64)>,
    },
}

/// A finished (or partial) analysis as the session holds it.
pub struct HeldAnalysis {
    /// The analysis key of the scenario it was made for.
    pub key: String,
    /// The result.
    pub result: AnalysisResult,
    /// Messages of the items that failed.
    pub failures: Vec<String>,
    /// What was adjusted before the job started (a range clamped to its key's range).
    pub notices: Vec<String>,
}

/// A refit the session holds: the key of the fit inputs it was made for, and the set.
pub struct Refit {
    /// [`crate::fit::FitInputs::key`] of its inputs.
    pub key: String,
    /// The fitted set.
    pub set: CoefficientSet,
}

/// The pinned run: its scenario and, once computed, its curves.
pub struct Pinned {
    /// What was pinned.
    pub scenario: Scenario,
    /// Its curves (computed on the next run after the pin was read from a link).
    pub curves: Option<GhostCurves>,
}

/// The ghost's curves: (t [ms], value) of each.
#[derive(Clone, Debug, Default)]
pub struct GhostCurves {
    /// ν_e [Hz] (the rate r of an exact family).
    pub rate: Vec<(f64, f64)>,
    /// ν_i [Hz] (empty for an exact family).
    pub rate_i: Vec<(f64, f64)>,
    /// W_e [pA] (empty for an exact family).
    pub w: Vec<(f64, f64)>,
}
