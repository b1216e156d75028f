//! An analysis as a list of independent items (scan values, map cells, frequencies), so that a
//! worker can compute it piece by piece, report progress and be cancelled between pieces. The
//! CLI runs the same jobs to the end.

use super::fixed_points::{fixed_points, FixedPoints};
use super::freq::{frequency_response_point, FreqPoint};
use super::map::{map_cell, MapCell};
use super::scan::{scan_point, ScanPoint};
use crate::scenario::{AnalysisKind, Scenario};
use crate::transfer::coefficients::CoefficientSet;
use crate::Error;

/// A finished (or partial) analysis.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnalysisResult {
    /// The F(ν_e) curve and its fixed points.
    FixedPoints(FixedPoints),
    /// Fixed points against `key`.
    Scan {
        /// The scanned key.
        key: String,
        /// One entry per value computed.
        points: Vec<ScanPoint>,
    },
    /// The bistability map.
    Map {
        /// Horizontal key.
        x_key: String,
        /// Vertical key.
        y_key: String,
        /// Grid points per axis.
        n: usize,
        /// Cells computed so far, row by row (y outer).
        cells: Vec<MapCell>,
    },
    /// Response amplitude against frequency.
    Freq {
        /// Sinusoid amplitude [Hz].
        amp_hz: f64,
        /// One entry per frequency computed.
        points: Vec<FreqPoint>,
    },
}

/// An analysis in progress.
#[derive(Clone, Debug)]
pub struct Job {
    scenario: Scenario,
    set: CoefficientSet,
    items: Vec<(f64, f64)>,
    next: usize,
    result: AnalysisResult,
    failures: Vec<String>,
}

impl Job {
    /// The analysis the scenario asks for.
    ///
    /// # Errors
    /// An exact-family model, or parameters that make no model.
    pub fn new(scenario: &Scenario, set: &CoefficientSet) -> Result<Self, Error> {
        let spec = &scenario.analysis;
        // Fails early (and cheaply) for models the analysis does not cover.
        super::fixed_points::Reduced::new(scenario, set)?;
        let (items, result) = match spec.kind {
            AnalysisKind::FixedPoints => (
                vec![(0.0, 0.0)],
                AnalysisResult::FixedPoints(FixedPoints {
                    curve: Vec::new(),
                    points: Vec::new(),
                    stimulus_removed: false,
                }),
            ),
            AnalysisKind::Scan => (
                spec.scan_values().into_iter().map(|x| (x, 0.0)).collect(),
                AnalysisResult::Scan {
                    key: spec.scan_x.clone(),
                    points: Vec::new(),
                },
            ),
            AnalysisKind::Map => {
                let (xs, ys) = spec.map_values();
                let items = ys
                    .iter()
                    .flat_map(|&y| xs.iter().map(move |&x| (x, y)))
                    .collect();
                (
                    items,
                    AnalysisResult::Map {
                        x_key: spec.map_x.clone(),
                        y_key: spec.map_y.clone(),
                        n: xs.len(),
                        cells: Vec::new(),
                    },
                )
            }
            AnalysisKind::Freq => (
                {
                    let freqs = spec.frequencies();
                    super::freq::check_budget(scenario, &freqs)?;
                    freqs.into_iter().map(|f| (f, 0.0)).collect()
                },
                AnalysisResult::Freq {
                    amp_hz: spec.fr_amp_hz,
                    points: Vec::new(),
                },
            ),
        };
        Ok(Self {
            scenario: scenario.clone(),
            set: set.clone(),
            items,
            next: 0,
            result,
            failures: Vec::new(),
        })
    }

    /// Items in the job.
    #[must_use]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the job has no items.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Items done.
    #[must_use]
    pub fn done_items(&self) -> usize {
        self.next
    }

    /// Whether every item is done.
    #[must_use]
    pub fn done(&self) -> bool {
        self.next >= self.items.len()
    }

    /// Computes the next item; an item that fails is recorded in [`Job::failures`] and
    /// skipped.
    pub fn step(&mut self) {
        let Some(&(a, b)) = self.items.get(self.next) else {
            return;
        };
        self.next += 1;
        let (s, set) = (&self.scenario, &self.set);
        let outcome = match &mut self.result {
            AnalysisResult::FixedPoints(fp) => fixed_points(s, set).map(|r| *fp = r),
            AnalysisResult::Scan { key, points } => {
                scan_point(s, set, key, a).map(|p| points.push(p))
            }
            AnalysisResult::Map {
                x_key,
                y_key,
                cells,
                ..
            } => {
                // A failed cell stays in the grid, with no stable state.
                let cell = map_cell(s, set, (x_key, a), (y_key, b));
                let blank = MapCell {
                    x: a,
                    y: b,
                    silent: false,
                    active_hz: None,
                    active_stable: false,
                };
                cells.push(*cell.as_ref().unwrap_or(&blank));
                cell.map(|_| ())
            }
            AnalysisResult::Freq { amp_hz, points } => {
                frequency_response_point(s, set, a, *amp_hz).map(|p| points.push(p))
            }
        };
        if let Err(e) = outcome {
            self.failures.push(e.to_string());
        }
    }

    /// Runs every remaining item.
    pub fn run_to_end(&mut self) {
        while !self.done() {
            self.step();
        }
    }

    /// The result so far.
    #[must_use]
    pub fn result(&self) -> &AnalysisResult {
        &self.result
    }

    /// Why items failed (one message per failed item).
    #[must_use]
    pub fn failures(&self) -> &[String] {
        &self.failures
    }
}
