//! Exports: every figure as a PNG at print resolution (drawn again by Rust on an off-screen
//! canvas at a chosen scale) and the data behind it as CSV.

use super::{canvas, draw_panel_on, js_err, App};
use crate::analysis::AnalysisResult;
use crate::plot::Panel;
use crate::Error;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// A CSV field: quoted when it holds a comma, quote or line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn row(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

fn num(v: f64) -> String {
    crate::text::format_number(v)
}

/// A panel's lines in long form: series, x, y (the header names the axes).
pub(super) fn panel_csv(panel: &Panel) -> String {
    let mut out = row(&[
        "series".into(),
        panel.x_label.clone(),
        panel.y_label.clone(),
    ]);
    for line in &panel.lines {
        let label = if line.label.is_empty() {
            "points"
        } else {
            &line.label
        };
        for &(x, y) in &line.points {
            let x = if panel.x_log10 { 10f64.powf(x) } else { x };
            out.push_str(&row(&[label.to_string(), num(x), num(y)]));
        }
    }
    out
}

fn analysis_csv(result: &AnalysisResult) -> String {
    let fp_header = [
        "nu_e_hz",
        "nu_i_hz",
        "w_e_pa",
        "w_i_pa",
        "slope",
        "stability",
    ];
    let fp_row = |p: &crate::analysis::FixedPoint| {
        vec![
            num(p.nu_e),
            num(p.nu_i),
            num(p.w_e),
            num(p.w_i),
            num(p.slope),
            p.stability.name().to_string(),
        ]
    };
    match result {
        AnalysisResult::FixedPoints(fp) => {
            let mut out = row(&[
                "kind".into(),
                "nu_e_hz".into(),
                "f_hz".into(),
                "nu_i_hz".into(),
                "w_e_pa".into(),
                "w_i_pa".into(),
                "slope".into(),
                "stability".into(),
            ]);
            for &(x, f) in &fp.curve {
                out.push_str(&row(&[
                    "curve".into(),
                    num(x),
                    num(f),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]));
            }
            for p in &fp.points {
                let r = fp_row(p);
                out.push_str(&row(&[
                    "fixed_point".into(),
                    r[0].clone(),
                    r[0].clone(),
                    r[1].clone(),
                    r[2].clone(),
                    r[3].clone(),
                    r[4].clone(),
                    r[5].clone(),
                ]));
            }
            out
        }
        AnalysisResult::Scan { key, points } => {
            let mut header = vec![key.clone()];
            header.extend(fp_header.iter().map(ToString::to_string));
            let mut out = row(&header);
            for s in points {
                for p in &s.points {
                    let mut r = vec![num(s.x)];
                    r.extend(fp_row(p));
                    out.push_str(&row(&r));
                }
            }
            out
        }
        AnalysisResult::Map {
            x_key,
            y_key,
            cells,
            ..
        } => {
            let mut out = row(&[
                x_key.clone(),
                y_key.clone(),
                "silent_stable".into(),
                "active_nu_e_hz".into(),
                "active_stable".into(),
            ]);
            for c in cells {
                out.push_str(&row(&[
                    num(c.x),
                    num(c.y),
                    c.silent.to_string(),
                    c.active_hz.map(num).unwrap_or_default(),
                    c.active_stable.to_string(),
                ]));
            }
            out
        }
        AnalysisResult::Freq { points, .. } => {
            let mut out = row(&[
                "f_hz".into(),
                "amplitude_hz".into(),
                "amplitude_stationary_hz".into(),
                "mean_nu_e_hz".into(),
            ]);
            for p in points {
                out.push_str(&row(&[
                    num(p.f_hz),
                    num(p.amplitude_hz),
                    num(p.amplitude_stationary_hz),
                    num(p.mean_hz),
                ]));
            }
            out
        }
    }
}

impl App {
    fn time_panel(&self, id: &str) -> Result<Panel, Error> {
        self.time_panels()?
            .into_iter()
            .find(|(k, _)| *k == id)
            .map(|(_, p)| p)
            .ok_or_else(|| Error::Usage(format!("the figure '{id}' is not shown for this model")))
    }
}

#[wasm_bindgen]
impl App {
    /// Draws figure `id` ("raster", "rates", "w", "input", "extra", "analysis", "tf-rate",
    /// "tf-v") on `canvas` at `css_w` × `css_h` CSS pixels times `scale` (the PNG export).
    ///
    /// # Errors
    /// Unknown figure, nothing to draw, or a size that cannot be drawn.
    pub fn draw_figure(
        &self,
        id: &str,
        canvas: &HtmlCanvasElement,
        css_w: f64,
        css_h: f64,
        scale: f64,
    ) -> Result<(), JsError> {
        let target = canvas::prepare_sized(canvas, (css_w, css_h), scale).map_err(js_err)?;
        match id {
            "raster" => self.draw_raster_on(target),
            "analysis" => self.draw_analysis_on(target),
            "tf-rate" | "tf-v" => self.draw_tf_on(id == "tf-rate", target),
            _ => self.time_panel(id).and_then(|p| draw_panel_on(target, &p)),
        }
        .map_err(js_err)
    }

    /// The data behind figure `id` as CSV with a header row (units in the column names).
    ///
    /// # Errors
    /// Unknown figure or nothing computed yet.
    pub fn figure_csv(&self, id: &str) -> Result<String, JsError> {
        match id {
            "raster" => {
                let (n_e, _) = self.scenario.population_sizes();
                let mut out = row(&["t_ms".into(), "neuron".into(), "population".into()]);
                for s in &self.net.recording().spikes {
                    let pop = if (s.neuron as usize) < n_e { "E" } else { "I" };
                    out.push_str(&row(&[num(s.t_ms), s.neuron.to_string(), pop.into()]));
                }
                Ok(out)
            }
            "analysis" => self
                .analysis
                .as_ref()
                .map(|h| analysis_csv(&h.result))
                .ok_or_else(|| js_err(Error::Usage("no analysis has been computed yet".into()))),
            "tf-rate" | "tf-v" => self.tf_csv(id == "tf-rate").map_err(js_err),
            _ => self.time_panel(id).map(|p| panel_csv(&p)).map_err(js_err),
        }
    }
}

#[wasm_bindgen]
impl App {
    /// The simulators the current scenario can be exported to, as JSON
    /// [{target, label, unavailable}] (`unavailable` says why, or is null).
    #[must_use]
    pub fn export_targets(&self) -> String {
        let list: Vec<_> = crate::export::Target::ALL
            .iter()
            .map(|t| {
                serde_json::json!({
                    "target": t.name(),
                    "label": t.label(),
                    "unavailable": t.unavailable(self.scenario.model),
                })
            })
            .collect();
        super::to_text(&serde_json::json!(list))
    }

    /// The current scenario as a script for `target` ("nest", "brian2", "tvb", "pyrates"), as
    /// JSON {file_name, text, warnings}.
    ///
    /// # Errors
    /// An unknown target, a model it cannot take, or parameters that make no network.
    pub fn export_script(&self, target: &str) -> Result<String, JsError> {
        let t = crate::export::Target::from_name(target)
            .ok_or_else(|| js_err(Error::Usage(format!("unknown export target '{target}'"))))?;
        let set = if t == crate::export::Target::Tvb {
            Some(self.current_set().map_err(js_err)?)
        } else {
            None
        };
        let e = crate::export::export(&self.scenario, t, set).map_err(js_err)?;
        Ok(super::to_text(&serde_json::json!({
            "file_name": e.file_name,
            "text": e.text,
            "warnings": e.warnings,
        })))
    }
}
