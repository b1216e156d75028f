//! An analysis as a list of independent items (scan values, map cells, frequencies), so that a
//! worker can compute it piece by piece, report progress and be cancelled between pieces. The
//! CLI runs the same jobs to the end.

use super::bifurcation::{diagram, Diagram, DiagramSpec};
use super::curves::{two_parameter, TwoDiagram, TwoSpec};
use super::fixed_points::{fixed_points, FixedPoints};
use super::freq::{frequency_response_point, FreqPoint};
use super::map::{map_cell, MapCell};
use super::network_samples::{network_sample, NetworkSample};
use super::phase_plane::{phase_plane, PhasePlane};
use super::scan::{scan_point, ScanPoint};
use crate::scenario::{self, linspace, AnalysisKind, OutOfRange, Scenario};
use crate::text::format_number;
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
        /// The horizontal range used (cell centres), in `x_key`'s unit.
        x_range: (f64, f64),
        /// The vertical range used, in `y_key`'s unit.
        y_range: (f64, f64),
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
    /// A bifurcation diagram and the network at values along its range.
    Bifurcation {
        /// The diagram's parameter.
        key: String,
        /// The range used (after clamping to the key's range).
        range: (f64, f64),
        /// The diagram (the job's first item), once computed.
        diagram: Option<Diagram>,
        /// The network runs computed so far.
        network: Vec<NetworkSample>,
    },
    /// The run in the (r, v) plane, its equilibria and nullclines.
    PhasePlane {
        /// The plane, once computed.
        plane: Option<PhasePlane>,
    },
    /// Curves of folds and Hopf points in two parameters.
    TwoParam {
        /// The spec after clamping each range to its key's range.
        spec: TwoSpecOut,
        /// The diagram, once computed.
        diagram: Option<TwoDiagram>,
    },
}

/// A two-parameter diagram's keys and ranges, as computed.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TwoSpecOut {
    /// The horizontal key.
    pub key: String,
    /// Its range.
    pub range: (f64, f64),
    /// The vertical key.
    pub key2: String,
    /// Its range.
    pub range2: (f64, f64),
}

/// An analysis in progress.
#[derive(Clone, Debug)]
pub struct Job {
    scenario: Scenario,
    /// The transfer function of a conductance model (the exact families have none).
    set: Option<CoefficientSet>,
    items: Vec<(f64, f64)>,
    next: usize,
    result: AnalysisResult,
    failures: Vec<String>,
    notices: Vec<String>,
}

/// The range `(from, to)` of the scanned numeric `key` within the key's own range: clamped to
/// it with a notice, or refused, as `policy` says; `names` are the keys holding the ends.
fn range_within(
    key: &str,
    (from, to): (f64, f64),
    names: (&str, &str),
    policy: OutOfRange,
    notices: &mut Vec<String>,
) -> Result<(f64, f64), Error> {
    let spec = scenario::spec(key)?;
    let (min, max) = spec
        .range()
        .ok_or_else(|| Error::invalid(key, key, "is not a number to scan"))?;
    let unit = if spec.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", spec.unit)
    };
    let range = format!("{} to {}{unit}", format_number(min), format_number(max));
    let (a, b) = (from.clamp(min, max), to.clamp(min, max));
    for (name, v, used) in [(names.0, from, a), (names.1, to, b)] {
        if v == used {
            continue;
        }
        let why = format!("is beyond the range of {key} ({range})");
        match policy {
            OutOfRange::Reject => return Err(Error::invalid(name, format_number(v), why)),
            OutOfRange::Clamp => notices.push(format!(
                "{name} = {} {why}; the analysis uses {}{unit}.",
                format_number(v),
                format_number(used)
            )),
        }
    }
    Ok((a, b))
}

/// `s` with the diagram's parameter `key` at its range's start `from`: a diagram does not
/// depend on the parameter's own value (it is computed from the range's ends), so computing it
/// from the start keeps it when the value moves.
fn at_start(s: &Scenario, key: &str, from: f64) -> Result<Scenario, Error> {
    let mut base = s.clone();
    scenario::spec(key)?.set_number(&mut base, from, OutOfRange::Reject)?;
    Ok(base)
}

impl Job {
    /// The analysis the scenario asks for, with the conductance model's transfer function
    /// `set` (`None` for an exact family); a range beyond its key's range is clamped to it
    /// with a notice ([`Job::notices`]).
    ///
    /// # Errors
    /// An analysis the model does not have, a conductance model without `set`, or parameters
    /// that make no model.
    pub fn new(scenario: &Scenario, set: Option<&CoefficientSet>) -> Result<Self, Error> {
        Self::with_policy(scenario, set, OutOfRange::Clamp)
    }

    /// [`Job::new`], with a range beyond its key's range clamped or refused as `policy` says.
    ///
    /// # Errors
    /// As [`Job::new`], and (with [`OutOfRange::Reject`]) a range beyond its key's range.
    pub fn with_policy(
        scenario: &Scenario,
        set: Option<&CoefficientSet>,
        policy: OutOfRange,
    ) -> Result<Self, Error> {
        let spec = &scenario.analysis;
        let mut notices = Vec::new();
        let count = |n: f64| n.round().max(1.0) as usize;
        if !AnalysisKind::for_model(scenario.model).contains(&spec.kind) {
            return Err(Error::invalid(
                "analysis",
                spec.kind.name(),
                format!(
                    "is not an analysis of the {} model (it has: {})",
                    scenario.model.name(),
                    AnalysisKind::for_model(scenario.model)
                        .iter()
                        .map(|k| k.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        // The exact families' analyses need no transfer function.
        if scenario.model.family().is_none() {
            let set = set.ok_or_else(|| {
                Error::Usage(format!(
                    "the {} analysis needs the model's transfer function",
                    spec.kind.name()
                ))
            })?;
            // Fails early (and cheaply) for parameters that make no model.
            super::fixed_points::Reduced::new(scenario, set)?;
        }
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
                {
                    let ends = (spec.scan_min, spec.scan_max);
                    let (a, b) = range_within(
                        &spec.scan_x,
                        ends,
                        ("scan_min", "scan_max"),
                        policy,
                        &mut notices,
                    )?;
                    linspace(a, b, count(spec.scan_n))
                        .into_iter()
                        .map(|x| (x, 0.0))
                        .collect()
                },
                AnalysisResult::Scan {
                    key: spec.scan_x.clone(),
                    points: Vec::new(),
                },
            ),
            AnalysisKind::Map => {
                let n = count(spec.map_n);
                let xr = (spec.map_x_min, spec.map_x_max);
                let yr = (spec.map_y_min, spec.map_y_max);
                let (x0, x1) = range_within(
                    &spec.map_x,
                    xr,
                    ("map_x_min", "map_x_max"),
                    policy,
                    &mut notices,
                )?;
                let (y0, y1) = range_within(
                    &spec.map_y,
                    yr,
                    ("map_y_min", "map_y_max"),
                    policy,
                    &mut notices,
                )?;
                let (xs, ys) = (linspace(x0, x1, n), linspace(y0, y1, n));
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
                        x_range: (x0, x1),
                        y_range: (y0, y1),
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
            AnalysisKind::Bifurcation => {
                let ends = (spec.bif_min, spec.bif_max);
                let (a, b) = range_within(
                    &spec.bif_x,
                    ends,
                    ("bif_min", "bif_max"),
                    policy,
                    &mut notices,
                )?;
                // Item 0 is the diagram, then one network run per sample value.
                let mut items = vec![(f64::NAN, 0.0)];
                let n = spec.network_count();
                if n > 0 {
                    items.extend(linspace(a, b, n).into_iter().map(|x| (x, 1.0)));
                }
                (
                    items,
                    AnalysisResult::Bifurcation {
                        key: spec.bif_x.clone(),
                        range: (a, b),
                        diagram: None,
                        network: Vec::new(),
                    },
                )
            }
            AnalysisKind::PhasePlane => {
                (vec![(0.0, 0.0)], AnalysisResult::PhasePlane { plane: None })
            }
            AnalysisKind::TwoParam => {
                let range = range_within(
                    &spec.bif_x,
                    (spec.bif_min, spec.bif_max),
                    ("bif_min", "bif_max"),
                    policy,
                    &mut notices,
                )?;
                let range2 = range_within(
                    &spec.bif_y,
                    (spec.bif_ymin, spec.bif_ymax),
                    ("bif_ymin", "bif_ymax"),
                    policy,
                    &mut notices,
                )?;
                (
                    vec![(0.0, 0.0)],
                    AnalysisResult::TwoParam {
                        spec: TwoSpecOut {
                            key: spec.bif_x.clone(),
                            range,
                            key2: spec.bif_y.clone(),
                            range2,
                        },
                        diagram: None,
                    },
                )
            }
        };
        Ok(Self {
            scenario: scenario.clone(),
            set: set.cloned(),
            items,
            next: 0,
            result,
            failures: Vec::new(),
            notices,
        })
    }

    /// What was adjusted before the job started (a range clamped to its key's range).
    #[must_use]
    pub fn notices(&self) -> &[String] {
        &self.notices
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
        if let Err(e) = self.compute(a, b) {
            self.failures.push(e.to_string());
        }
    }

    /// Computes the item (a, b) into the result.
    fn compute(&mut self, a: f64, b: f64) -> Result<(), Error> {
        let s = &self.scenario;
        let set = self.set.as_ref();
        let need = || set.ok_or_else(|| Error::Usage("no transfer function".into()));
        match &mut self.result {
            AnalysisResult::FixedPoints(fp) => fixed_points(s, need()?).map(|r| *fp = r),
            AnalysisResult::Scan { key, points } => {
                scan_point(s, need()?, key, a).map(|p| points.push(p))
            }
            AnalysisResult::Map {
                x_key,
                y_key,
                cells,
                ..
            } => {
                // A failed cell stays in the grid, with no stable state.
                let cell = map_cell(s, need()?, (x_key, a), (y_key, b));
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
                frequency_response_point(s, need()?, a, *amp_hz).map(|p| points.push(p))
            }
            AnalysisResult::Bifurcation {
                key,
                range,
                diagram: held,
                network,
            } => {
                if b == 0.0 {
                    let from = range.0;
                    at_start(s, key, from)
                        .and_then(|base| {
                            diagram(
                                &base,
                                set,
                                &DiagramSpec {
                                    key: key.clone(),
                                    from,
                                    to: range.1,
                                },
                            )
                        })
                        .map(|d| *held = Some(d))
                } else {
                    network_sample(s, set, key, a).map(|p| network.push(p))
                }
            }
            AnalysisResult::PhasePlane { plane } => {
                let spec = &s.analysis;
                phase_plane(s, set, &spec.bif_x, (spec.bif_min, spec.bif_max))
                    .map(|p| *plane = Some(p))
            }
            AnalysisResult::TwoParam {
                spec,
                diagram: held,
            } => at_start(s, &spec.key, spec.range.0).and_then(|base| {
                two_parameter(
                    &base,
                    set,
                    &TwoSpec {
                        key: spec.key.clone(),
                        from: spec.range.0,
                        to: spec.range.1,
                        key2: spec.key2.clone(),
                        from2: spec.range2.0,
                        to2: spec.range2.1,
                    },
                )
                .map(|d| *held = Some(d))
            }),
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
