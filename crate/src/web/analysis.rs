//! The analysis views in the page. An [`AnalysisRunner`] computes a [`Job`] item by item in its
//! own Web Worker (progress, cancel by ending the worker); the [`App`] keeps the finished result
//! tagged with the key of the scenario it was made for, draws it and summarises it in words.

use super::{canvas, js_err, to_text, App};
use crate::analysis::{AnalysisResult, Job, MapCell, ScanPoint};
use crate::plot::{self, Theme};
use crate::scenario;
use crate::scenario::AnalysisKind;
use crate::scenario::Scenario;
use crate::transfer::coefficients::CoefficientSet;
use crate::Error;
use plotters::prelude::*;
use serde_json::json;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The worker's analysis.
#[wasm_bindgen]
pub struct AnalysisRunner {
    job: Option<Job>,
}

#[wasm_bindgen]
impl AnalysisRunner {
    /// An idle runner.
    #[wasm_bindgen(constructor)]
    #[must_use]
    pub fn new() -> AnalysisRunner {
        super::install_panic_hook();
        Self { job: None }
    }

    /// Prepares the analysis of the scenario in `query` with the coefficient file `coeffs`;
    /// returns "" or why it cannot run.
    pub fn configure(&mut self, query: &str, coeffs: &str) -> String {
        let mut s = Scenario::default();
        scenario::apply_query(&mut s, query);
        let made = CoefficientSet::parse("coefficients", coeffs).and_then(|set| Job::new(&s, &set));
        match made {
            Ok(job) => {
                self.job = Some(job);
                String::new()
            }
            Err(e) => {
                self.job = None;
                e.to_string()
            }
        }
    }

    /// Computes up to `items` more items; returns whether the job is done.
    pub fn step(&mut self, items: usize) -> bool {
        let Some(job) = self.job.as_mut() else {
            return true;
        };
        for _ in 0..items {
            if job.done() {
                break;
            }
            job.step();
        }
        job.done()
    }

    /// Items done and in total, as JSON {done, total}.
    #[must_use]
    pub fn progress(&self) -> String {
        let (done, total) = self
            .job
            .as_ref()
            .map_or((0, 0), |j| (j.done_items(), j.len()));
        to_text(&json!({"done": done, "total": total}))
    }

    /// The result so far and the failed items' messages, as JSON {result, failures}.
    #[must_use]
    pub fn result(&self) -> String {
        match &self.job {
            Some(job) => to_text(&json!({"result": job.result(), "failures": job.failures()})),
            None => to_text(&json!({"result": null, "failures": []})),
        }
    }
}

impl Default for AnalysisRunner {
    fn default() -> Self {
        Self::new()
    }
}

/// A finished analysis as the page holds it.
pub struct Held {
    key: String,
    pub(super) result: AnalysisResult,
    failures: Vec<String>,
}

/// Most network results kept for the scan's crosses.
const NET_POINTS: usize = 400;

fn stability_word(p: &crate::analysis::FixedPoint) -> &'static str {
    p.stability.name()
}

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

impl App {
    /// The key an analysis result is valid for: the scenario minus what only the network, the
    /// run's view or its length change.
    fn analysis_key_of(&self, s: &Scenario) -> String {
        let d = Scenario::for_model(s.model);
        let mut k = s.clone();
        k.net = d.net;
        k.adex.n_total = if k.analysis.kind == AnalysisKind::Freq {
            k.adex.n_total
        } else {
            d.adex.n_total
        };
        k.duration_ms = d.duration_ms;
        k.plot_from_ms = d.plot_from_ms;
        k.compare_stationary = d.compare_stationary;
        k.stim_mf_only = d.stim_mf_only;
        k.adex.nu_e0_hz = d.adex.nu_e0_hz;
        k.adex.nu_i0_hz = d.adex.nu_i0_hz;
        k.adex.w_e0_pa = d.adex.w_e0_pa;
        k.seed = d.seed;
        let set = self.current_set().map(|s| s.id.clone()).unwrap_or_default();
        format!("{}&set={set}", scenario::to_query(&k))
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
    fn network_points_along(&self, key: &str) -> Vec<(f64, f64, f64)> {
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

    fn held(&self) -> Option<&Held> {
        self.analysis.as_ref()
    }

    /// The axis label of a scanned key.
    fn key_label(key: &str) -> String {
        scenario::scan_label(key)
    }

    /// Draws the held analysis on a prepared canvas.
    pub(super) fn draw_analysis_on(
        &self,
        (backend, scale): (canvas::DprCanvas, f64),
    ) -> Result<(), Error> {
        let theme = Theme {
            scale,
            ..Theme::default()
        };
        let area = backend.into_drawing_area();
        let Some(h) = self.held() else {
            area.fill(&theme.background)
                .map_err(|e| Error::Plot(e.to_string()))?;
            return Ok(());
        };
        let spec = &self.scenario.analysis;
        let panel = match &h.result {
            AnalysisResult::FixedPoints(fp) => plot::fixed_points_panel(fp, &theme),
            AnalysisResult::Scan { key, points } => {
                let range = points
                    .iter()
                    .map(|p| p.x)
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
                        (a.min(x), b.max(x))
                    });
                let range = if range.0 < range.1 {
                    range
                } else {
                    (spec.scan_min, spec.scan_max)
                };
                plot::scan_panel(
                    points,
                    &Self::key_label(key),
                    range,
                    &self.network_points_along(key),
                    &theme,
                )
            }
            AnalysisResult::Freq { points, .. } => {
                plot::freq_panel(points, (spec.fr_min_hz, spec.fr_max_hz), &theme)
            }
            AnalysisResult::Map {
                x_key,
                y_key,
                n,
                cells,
            } => {
                let (xs, ys) = (Self::key_label(x_key), Self::key_label(y_key));
                let value = |k: &str| {
                    scenario::spec(k)
                        .ok()
                        .and_then(|s| s.get(&self.scenario).parse().ok())
                        .unwrap_or(f64::NAN)
                };
                let view = plot::MapView {
                    cells,
                    n: *n,
                    x_range: (spec.map_x_min, spec.map_x_max),
                    y_range: (spec.map_y_min, spec.map_y_max),
                    x_label: &xs,
                    y_label: &ys,
                    current: (value(x_key), value(y_key)),
                };
                return plot::draw_map(&area, &view, &theme);
            }
        };
        plot::draw_panel(&area, &panel, &theme).map(|_| ())
    }

    /// The held analysis in words (the canvas's text alternative).
    fn analysis_text(&self) -> String {
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
                        stability_word(p)
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
                t
            }
            AnalysisResult::Scan { key, points } => scan_text(
                &Self::key_label(key),
                points,
                self.network_points_along(key).len(),
            ),
            AnalysisResult::Map {
                x_key,
                y_key,
                cells,
                ..
            } => map_text(&Self::key_label(x_key), &Self::key_label(y_key), cells),
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

#[wasm_bindgen]
impl App {
    /// What the analysis worker needs, as JSON {key, query, coeffs}, or {error} when the model
    /// has no analysis view.
    #[must_use]
    pub fn analysis_request(&self) -> String {
        if self.scenario.model.family().is_some() {
            return to_text(
                &json!({"error": "The analysis views are for the conductance-based models (AdEx and Izhikevich)."}),
            );
        }
        match self.current_set() {
            Ok(set) => to_text(&json!({
                "key": self.analysis_key_of(&self.scenario),
                "query": scenario::to_query(&self.scenario),
                "coeffs": set.to_json(),
                "kind": self.scenario.analysis.kind.name(),
            })),
            Err(e) => to_text(&json!({"error": e.to_string()})),
        }
    }

    /// The key of the analysis the current scenario needs.
    #[must_use]
    pub fn analysis_key(&self) -> String {
        self.analysis_key_of(&self.scenario)
    }

    /// The key of the analysis held ("" if none).
    #[must_use]
    pub fn analysis_held_key(&self) -> String {
        self.held().map(|h| h.key.clone()).unwrap_or_default()
    }

    /// Takes a (partial or finished) result made for `key`, as the worker's JSON.
    ///
    /// # Errors
    /// When the text is not a result.
    pub fn load_analysis(&mut self, key: &str, text: &str) -> Result<(), JsError> {
        #[derive(serde::Deserialize)]
        struct Msg {
            result: AnalysisResult,
            failures: Vec<String>,
        }
        let m: Msg = serde_json::from_str(text)
            .map_err(|e| js_err(Error::Usage(format!("analysis result: {e}"))))?;
        self.analysis = Some(Held {
            key: key.to_string(),
            result: m.result,
            failures: m.failures,
        });
        Ok(())
    }

    /// Draws the held analysis.
    ///
    /// # Errors
    /// When the canvas cannot be drawn on.
    pub fn draw_analysis(&self, canvas: &HtmlCanvasElement) -> Result<(), JsError> {
        self.draw_analysis_on(canvas::prepare(canvas).map_err(js_err)?)
            .map_err(js_err)
    }

    /// The held analysis in words.
    #[must_use]
    pub fn analysis_summary(&self) -> String {
        self.analysis_text()
    }
}
