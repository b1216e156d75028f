//! An analysis as a list of independent items (scan values, map cells, frequencies), so that a
//! worker can compute it piece by piece, report progress and be cancelled between pieces. The
//! CLI runs the same jobs to the end.

use super::fixed_points::{fixed_points, FixedPoints};
use super::freq::{frequency_response_point, FreqPoint};
use super::map::{map_cell, MapCell};
use super::scan::{scan_point, ScanPoint};
use crate::scenario::Scenario;
use crate::transfer::coefficients::CoefficientSet;
use crate::Error;

/// Which analysis the page shows (the `analysis` key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnalysisKind {
    /// F(ν_e) against the bisector (Fig 5B).
    FixedPoints,
    /// Fixed points against one parameter (Fig 2).
    Scan,
    /// Self-sustained activity over two parameters (Fig 5A).
    Map,
    /// Response amplitude against input frequency (Fig 3D).
    Freq,
}

impl AnalysisKind {
    /// Every kind, in menu order.
    pub const ALL: [Self; 4] = [Self::FixedPoints, Self::Scan, Self::Map, Self::Freq];

    /// Name in links, JSON and the CLI.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::FixedPoints => "fixed_points",
            Self::Scan => "scan",
            Self::Map => "bistability",
            Self::Freq => "freq_response",
        }
    }

    /// Menu text.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::FixedPoints => "Fixed points: F(ν_e) and the bisector (Fig 5B)",
            Self::Scan => "Parameter scan of the fixed points (Fig 2)",
            Self::Map => "Bistability map over two parameters (Fig 5A)",
            Self::Freq => "Frequency response (Fig 3D)",
        }
    }

    /// Parses [`AnalysisKind::name`].
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The settings keys this kind uses (the page hides the others).
    #[must_use]
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Self::FixedPoints => &[],
            Self::Scan => &["scan_x", "scan_min", "scan_max", "scan_n"],
            Self::Map => &[
                "map_x",
                "map_x_min",
                "map_x_max",
                "map_y",
                "map_y_min",
                "map_y_max",
                "map_n",
            ],
            Self::Freq => &["fr_min", "fr_max", "fr_n", "fr_amp"],
        }
    }
}

/// The analysis settings of a scenario (schema keys `analysis`, `scan_*`, `map_*`, `fr_*`).
#[derive(Clone, Debug, PartialEq)]
pub struct AnalysisSpec {
    /// Which analysis is shown.
    pub kind: AnalysisKind,
    /// Scanned parameter (a numeric schema key).
    pub scan_x: String,
    /// Scan range, in the parameter's unit.
    pub scan_min: f64,
    /// Scan range end.
    pub scan_max: f64,
    /// Values in the scan.
    pub scan_n: f64,
    /// The map's horizontal parameter.
    pub map_x: String,
    /// Its range.
    pub map_x_min: f64,
    /// Its range end.
    pub map_x_max: f64,
    /// The map's vertical parameter.
    pub map_y: String,
    /// Its range.
    pub map_y_min: f64,
    /// Its range end.
    pub map_y_max: f64,
    /// Grid points per axis.
    pub map_n: f64,
    /// Lowest input frequency [Hz].
    pub fr_min_hz: f64,
    /// Highest input frequency [Hz].
    pub fr_max_hz: f64,
    /// Frequencies (log-spaced).
    pub fr_n: f64,
    /// Sinusoid amplitude per external synapse [Hz].
    pub fr_amp_hz: f64,
}

impl Default for AnalysisSpec {
    /// di Volo et al. 2019: b from 0 to 100 pA (Fig 2), E_L of RS and FS from −70 to −60 mV
    /// (Fig 5A), input frequencies 0.1–100 Hz (Fig 3D).
    fn default() -> Self {
        Self {
            kind: AnalysisKind::FixedPoints,
            scan_x: "b_e".into(),
            scan_min: 0.0,
            scan_max: 100.0,
            scan_n: 21.0,
            map_x: "el_e".into(),
            map_x_min: -70.0,
            map_x_max: -60.0,
            map_y: "el_i".into(),
            map_y_min: -70.0,
            map_y_max: -60.0,
            map_n: 21.0,
            fr_min_hz: 0.1,
            fr_max_hz: 100.0,
            fr_n: 16.0,
            fr_amp_hz: 0.5,
        }
    }
}

impl AnalysisSpec {
    /// The Izhikevich model's defaults: scan the E cells' jump d, map their E_iz.
    #[must_use]
    pub fn izhikevich() -> Self {
        Self {
            scan_x: "izh_d_e".into(),
            scan_max: 60.0,
            map_x: "izh_eiz_e".into(),
            map_y: "izh_eiz_i".into(),
            ..Self::default()
        }
    }

    fn count(n: f64) -> usize {
        n.round().max(1.0) as usize
    }

    /// The scan's values.
    #[must_use]
    pub fn scan_values(&self) -> Vec<f64> {
        linspace(self.scan_min, self.scan_max, Self::count(self.scan_n))
    }

    /// The map's values along (x, y).
    #[must_use]
    pub fn map_values(&self) -> (Vec<f64>, Vec<f64>) {
        let n = Self::count(self.map_n);
        (
            linspace(self.map_x_min, self.map_x_max, n),
            linspace(self.map_y_min, self.map_y_max, n),
        )
    }

    /// The frequencies, log-spaced.
    #[must_use]
    pub fn frequencies(&self) -> Vec<f64> {
        let (lo, hi) = (self.fr_min_hz.ln(), self.fr_max_hz.ln());
        linspace(lo, hi, Self::count(self.fr_n))
            .into_iter()
            .map(f64::exp)
            .collect()
    }
}

fn linspace(a: f64, b: f64, n: usize) -> Vec<f64> {
    if n == 1 {
        return vec![a];
    }
    (0..n)
        .map(|k| a + (b - a) * k as f64 / (n - 1) as f64)
        .collect()
}

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
