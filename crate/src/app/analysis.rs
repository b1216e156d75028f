//! The analysis view: the request the page's analysis worker gets, the result it hands back
//! (held with the key of the scenario it was made for), and the result in words.

use super::session::{to_text, Session};
use super::state::HeldAnalysis;
use crate::analysis::{AnalysisResult, MapCell, ScanPoint};
use crate::meanfield::{steady, Order, SteadyOptions};
use crate::scenario;
use crate::Error;
use serde_json::json;

/// Model time the second-order model may take to come to rest for the summary [ms].
const REST_MAX_MS: f64 = 30_000.0;

/// Most network results kept for the scan's crosses.
const NET_POINTS: usize = 400;

/// A rate for the summaries: three decimals, "≈ 0" below 1 mHz.
fn fmt(v: f64) -> String {
    if v.abs() < 1e-3 {
        "≈ 0".into()
    } else {
        fmt_value(v)
    }
}

/// A parameter value for the summaries: three decimals at most.
fn fmt_value(v: f64) -> String {
    crate::text::format_number((v * 1000.0).round() / 1000.0)
}

impl Session {
    /// Which order the analyses use, and, when the scenario runs the second order, where that
    /// model comes to rest (the analyses' first-order points leave out its covariances).
    fn order_note(&self) -> String {
        let mut text = String::from(" The analyses use the first-order mean field");
        if self.scenario.adex.order != Order::Second {
            text.push('.');
            return text;
        }
        text.push_str("; the second-order model shown above");
        let (s, _) = self.scenario.without_time_dependence();
        let rest = self
            .current_set()
            .and_then(|set| s.adex_model(set))
            .map(|model| {
                let opts = SteadyOptions {
                    max_ms: REST_MAX_MS,
                    ..SteadyOptions::default()
                };
                steady(&model, s.initial_state(), &s.signal(), opts)
            });
        match rest {
            Ok(r) if r.settled => text.push_str(&format!(
                ", from its initial state, comes to rest at ν_e {} Hz, ν_i {} Hz.",
                fmt(r.state.nu_e),
                fmt(r.state.nu_i)
            )),
            Ok(_) => text.push_str(&format!(
                " does not come to rest within {} s from its initial state.",
                REST_MAX_MS / 1000.0
            )),
            Err(e) => text.push_str(&format!(" cannot be run ({e}).")),
        }
        text
    }

    /// Records a finished network run for the scan's crosses.
    pub(super) fn record_network_result(&mut self, nu_e: f64, nu_i: f64) {
        if self.net_points.len() >= NET_POINTS {
            self.net_points.remove(0);
        }
        self.net_points.push((self.scenario.clone(), nu_e, nu_i));
    }

    /// Network results of scenarios that differ from the current one only in `key`, as
    /// (value, ν_e, ν_i).
    pub(super) fn network_points_along(&self, key: &str) -> Vec<(f64, f64, f64)> {
        let Ok(spec) = scenario::spec(key) else {
            return Vec::new();
        };
        let here = scenario::to_query(&self.scenario);
        self.net_points
            .iter()
            .filter_map(|(s, e, i)| {
                let value: f64 = spec.get(s).parse().ok()?;
                let mut moved = s.clone();
                spec.set(
                    &mut moved,
                    &spec.get(&self.scenario),
                    scenario::OutOfRange::Clamp,
                )
                .ok()?;
                moved.analysis = self.scenario.analysis.clone();
                (scenario::to_query(&moved) == here).then_some((value, *e, *i))
            })
            .collect()
    }

    fn held(&self) -> Option<&HeldAnalysis> {
        self.analysis.as_ref()
    }

    /// The held analysis in words (the canvas's text alternative).
    #[must_use]
    pub fn analysis_summary(&self) -> String {
        let Some(h) = self.held() else {
            return "No analysis computed yet.".into();
        };
        let list = |points: &[crate::analysis::FixedPoint]| {
            points
                .iter()
                .map(|p| {
                    format!(
                        "ν_e {} Hz, ν_i {} Hz ({})",
                        fmt(p.nu_e),
                        fmt(p.nu_i),
                        p.stability.name()
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let mut text = match &h.result {
            AnalysisResult::FixedPoints(fp) => {
                let mut t = format!(
                    "{} fixed point{} of the mean field below {} Hz: {}.",
                    fp.points.len(),
                    if fp.points.len() == 1 { "" } else { "s" },
                    crate::analysis::NU_MAX_HZ,
                    list(&fp.points)
                );
                if fp.stimulus_removed {
                    t.push_str(
                        " The time-varying stimulus is left out: fixed points need constant input.",
                    );
                }
                t.push_str(&self.order_note());
                t
            }
            AnalysisResult::Scan { key, points } => scan_text(
                &scenario::scan_label(key),
                points,
                self.network_points_along(key).len(),
            ),
            AnalysisResult::Map {
                x_key,
                y_key,
                cells,
                ..
            } => map_text(
                &scenario::scan_label(x_key),
                &scenario::scan_label(y_key),
                cells,
            ),
            AnalysisResult::Freq { amp_hz, points } => {
                let peak = points
                    .iter()
                    .max_by(|a, b| a.amplitude_hz.total_cmp(&b.amplitude_hz));
                match peak {
                    Some(p) => format!(
                        "Peak-to-peak ν_e for a {amp_hz} Hz sinusoid at {} frequencies from {} to {} Hz: largest {} Hz at {} Hz with dynamic adaptation ({} Hz there with stationary adaptation).",
                        points.len(),
                        fmt(points[0].f_hz),
                        fmt(points[points.len() - 1].f_hz),
                        fmt(p.amplitude_hz),
                        fmt(p.f_hz),
                        fmt(p.amplitude_stationary_hz)
                    ),
                    None => "No frequency computed.".into(),
                }
            }
        };
        for n in &h.notices {
            text.push(' ');
            text.push_str(n);
        }
        if !h.failures.is_empty() {
            text.push_str(&format!(
                " {} point(s) failed: {}",
                h.failures.len(),
                h.failures[0]
            ));
        }
        text
    }
}

fn scan_text(label: &str, points: &[ScanPoint], network: usize) -> String {
    let bistable: Vec<f64> = points
        .iter()
        .filter(|p| p.points.iter().filter(|f| f.stability.is_stable()).count() > 1)
        .map(|p| p.x)
        .collect();
    let ends = |p: Option<&ScanPoint>| {
        p.and_then(|p| {
            p.points
                .iter()
                .find(|f| f.stability.is_stable())
                .map(|f| (p.x, f.nu_e))
        })
    };
    let mut t = format!("Scan of {label} over {} values.", points.len());
    if let (Some(a), Some(b)) = (ends(points.first()), ends(points.last())) {
        t.push_str(&format!(
            " Lowest stable ν_e: {} Hz at {}, {} Hz at {}.",
            fmt(a.1),
            fmt_value(a.0),
            fmt(b.1),
            fmt_value(b.0)
        ));
    }
    if !bistable.is_empty() {
        t.push_str(&format!(
            " Two stable states from {} to {}.",
            fmt_value(bistable[0]),
            fmt_value(bistable[bistable.len() - 1])
        ));
    }
    if network > 0 {
        t.push_str(&format!(" {network} network run(s) shown as crosses."));
    }
    t
}

fn map_text(x: &str, y: &str, cells: &[MapCell]) -> String {
    let bistable = cells.iter().filter(|c| c.bistable()).count();
    let silent = cells
        .iter()
        .filter(|c| c.silent && c.active_hz.is_none())
        .count();
    let active = cells
        .iter()
        .filter(|c| !c.silent && c.active_hz.is_some())
        .count();
    format!(
        "Map over {x} and {y}, {} cells: {bistable} bistable (silent and self-sustained), {silent} silent only, {active} active only.",
        cells.len()
    )
}

impl Session {
    /// What the analysis worker needs, as JSON {key, query, coeffs}, or {error} when the model
    /// has no analysis view.
    #[must_use]
    pub fn analysis_request(&self) -> String {
        if !self.scenario.model.info().analysis {
            return to_text(
                &json!({"error": "The analysis views are for the conductance-based models (AdEx and Izhikevich)."}),
            );
        }
        match self.current_set() {
            Ok(set) => to_text(&json!({
                "key": super::keys::analysis(&self.scenario, set),
                "query": self.query(),
                "coeffs": set.to_json(),
                "kind": self.scenario.analysis.kind.name(),
            })),
            Err(e) => to_text(&json!({"error": e.to_string()})),
        }
    }

    /// The key of the analysis the current scenario needs.
    #[must_use]
    pub fn analysis_key(&self) -> String {
        match self.current_set() {
            Ok(set) => super::keys::analysis(&self.scenario, set),
            Err(e) => format!("no set: {e}"),
        }
    }

    /// The key of the analysis held ("" if none).
    #[must_use]
    pub fn analysis_held_key(&self) -> String {
        self.held().map(|h| h.key.clone()).unwrap_or_default()
    }

    /// Holds `result` (with its failed items and notices) as the analysis made for `key`.
    pub fn hold_analysis(
        &mut self,
        key: &str,
        result: AnalysisResult,
        failures: Vec<String>,
        notices: Vec<String>,
    ) {
        self.analysis = Some(HeldAnalysis {
            key: key.to_string(),
            result,
            failures,
            notices,
        });
    }

    /// Takes a (partial or finished) result made for `key`, as the worker's JSON.
    ///
    /// # Errors
    /// When the text is not a result.
    pub fn load_analysis(&mut self, key: &str, text: &str) -> Result<(), Error> {
        #[derive(serde::Deserialize)]
        struct Msg {
            result: AnalysisResult,
            failures: Vec<String>,
            #[serde(default)]
            notices: Vec<String>,
        }
        let m: Msg = serde_json::from_str(text)
            .map_err(|e| Error::Usage(format!("analysis result: {e}")))?;
        self.hold_analysis(key, m.result, m.failures, m.notices);
        Ok(())
    }
}
