//! The page's [`App`]: a [`Session`] behind `#[wasm_bindgen]`, and the figures drawn on the
//! page's canvases. A canvas `plot-<id>` shows figure `<id>` of [`crate::app::figures`].

use super::canvas::{self, DprCanvas};
use super::common::{install_panic_hook, js_err};
use crate::app::figures::{draw, Drawing};
use crate::app::Session;
use crate::plot::Theme;
use crate::Error;
use plotters::prelude::*;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The page's state.
#[wasm_bindgen]
pub struct App {
    s: Session,
    /// Where the analysis plot's plotting area was last drawn, in CSS pixels.
    analysis_area: Cell<Option<Area>>,
}

/// A plotting area in CSS pixels: left, top, width, height.
type Area = (f64, f64, f64, f64);

/// Draws `drawing` on a prepared canvas; returns its plotting area when it is a single panel.
fn paint((backend, scale): (DprCanvas, f64), drawing: &Drawing) -> Result<Option<Area>, Error> {
    let theme = Theme {
        scale,
        ..Theme::default()
    };
    let rect = draw(&backend.into_drawing_area(), drawing, &theme)?;
    Ok(rect.map(|r| {
        (
            f64::from(r.x) / scale,
            f64::from(r.y) / scale,
            f64::from(r.w) / scale,
            f64::from(r.h) / scale,
        )
    }))
}

/// Draws `drawing` on `canvas` at its on-screen size.
fn paint_on(canvas: &HtmlCanvasElement, drawing: &Drawing) -> Result<Option<Area>, JsError> {
    paint(canvas::prepare(canvas).map_err(js_err)?, drawing).map_err(js_err)
}

#[wasm_bindgen]
impl App {
    /// A page state with the default scenario and the built-in coefficient sets.
    ///
    /// # Errors
    /// Only if an embedded coefficient file were invalid (a build error).
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<App, JsError> {
        install_panic_hook();
        Ok(Self {
            s: Session::new().map_err(js_err)?,
            analysis_area: Cell::new(None),
        })
    }

    /// See [`Session::coefficient_files`].
    #[must_use]
    pub fn coefficient_files(&self) -> String {
        self.s.coefficient_files()
    }

    /// See [`Session::load_coefficients`].
    ///
    /// # Errors
    /// A message naming the problem; the built-in copy stays in use.
    pub fn load_coefficients(&mut self, id: &str, text: &str) -> Result<(), JsError> {
        self.s.load_coefficients(id, text).map_err(js_err)
    }

    /// See [`Session::apply_query`].
    pub fn apply_query(&mut self, query: &str) -> String {
        self.s.apply_query(query)
    }

    /// See [`Session::set`].
    ///
    /// # Errors
    /// Unknown key or unusable value (the value is left as it was).
    pub fn set(&mut self, key: &str, value: &str) -> Result<String, JsError> {
        self.s.set(key, value).map_err(js_err)
    }

    /// See [`Session::presets`].
    #[must_use]
    pub fn presets(&self) -> String {
        self.s.presets()
    }

    /// See [`Session::load_preset`].
    ///
    /// # Errors
    /// Unknown id.
    pub fn load_preset(&mut self, id: &str) -> Result<String, JsError> {
        self.s.load_preset(id).map_err(js_err)
    }

    /// See [`Session::lesson_action`].
    ///
    /// # Errors
    /// Unknown action, lesson or step.
    pub fn lesson(&mut self, action: &str) -> Result<String, JsError> {
        self.s.lesson_action(action).map_err(js_err)
    }

    /// A pinned run: `pin` pins the current one, `unpin` removes it, `state` says what is
    /// pinned (see [`Session::pin_state`]); each returns the state.
    ///
    /// # Errors
    /// An unknown action, or a scenario that does not run.
    pub fn pin(&mut self, action: &str) -> Result<String, JsError> {
        match action {
            "pin" => self.s.pin().map_err(js_err)?,
            "unpin" => self.s.unpin(),
            "state" => {}
            _ => return Err(JsError::new(&format!("unknown pin action '{action}'"))),
        }
        Ok(self.s.pin_state())
    }

    /// See [`Session::reset`].
    pub fn reset(&mut self) {
        self.s.reset();
    }

    /// See [`Session::model_info`].
    #[must_use]
    pub fn model_info(&self) -> String {
        self.s.model_info()
    }

    /// See [`Session::describe`].
    #[must_use]
    pub fn describe(&self) -> String {
        self.s.describe()
    }

    /// See [`Session::query`].
    #[must_use]
    pub fn query(&self) -> String {
        self.s.query()
    }

    /// See [`Session::load_scenario_json`].
    ///
    /// # Errors
    /// A message naming the field when the file is not a scenario (the scenario is unchanged).
    pub fn load_scenario_json(&mut self, text: &str) -> Result<String, JsError> {
        self.s.load_scenario_json(text).map_err(js_err)
    }

    /// See [`Session::scenario_json`].
    #[must_use]
    pub fn scenario_json(&self) -> String {
        self.s.scenario_json()
    }

    /// See [`Session::coefficient_info`].
    #[must_use]
    pub fn coefficient_info(&self) -> String {
        self.s.coefficient_info()
    }

    /// See [`Session::run`].
    ///
    /// # Errors
    /// Inconsistent parameters.
    pub fn run(&mut self) -> Result<String, JsError> {
        self.s.run().map_err(js_err)
    }

    /// See [`Session::figures_json`].
    #[must_use]
    pub fn figures(&self) -> String {
        self.s.figures_json()
    }

    /// Draws the time figures of the last run (with the network streamed so far) on
    /// `canvases`, each `plot-<id>`; a canvas of a figure the model does not show is skipped.
    ///
    /// # Errors
    /// When nothing has run yet or a canvas cannot be drawn on.
    pub fn draw_time(&self, canvases: Vec<HtmlCanvasElement>) -> Result<(), JsError> {
        let drawings = self.s.time_drawings().map_err(js_err)?;
        for c in &canvases {
            let id = c.id();
            let id = id.strip_prefix("plot-").unwrap_or(&id);
            if let Some((_, d)) = drawings.iter().find(|(k, _)| *k == id) {
                paint_on(c, d)?;
            }
        }
        Ok(())
    }

    /// Draws figure `id` on `canvas` at `css_w` × `css_h` CSS pixels times `scale` (the PNG
    /// export).
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
        let drawing = self.s.drawing(id).map_err(js_err)?;
        paint(target, &drawing).map(|_| ()).map_err(js_err)
    }

    /// See [`Session::figure_csv`].
    ///
    /// # Errors
    /// Unknown figure or nothing computed yet.
    pub fn figure_csv(&self, id: &str) -> Result<String, JsError> {
        self.s.figure_csv(id).map_err(js_err)
    }

    /// See [`Session::export_targets`].
    #[must_use]
    pub fn export_targets(&self) -> String {
        self.s.export_targets()
    }

    /// See [`Session::export_script`].
    ///
    /// # Errors
    /// An unknown target, a model it cannot take, or parameters that make no network.
    pub fn export_script(&self, target: &str) -> Result<String, JsError> {
        self.s.export_script(target).map_err(js_err)
    }

    /// See [`Session::network_key`].
    #[must_use]
    pub fn network_key(&self) -> String {
        self.s.network_key()
    }

    /// See [`Session::net_restart`].
    pub fn net_restart(&mut self, generation: u32) -> String {
        self.s.net_restart(generation)
    }

    /// See [`Session::net_fail`].
    pub fn net_fail(&mut self, generation: u32, message: &str) {
        self.s.net_fail(generation, message);
    }

    /// See [`Session::net_ingest`].
    ///
    /// # Errors
    /// When the data is not a chunk.
    pub fn net_ingest(
        &mut self,
        generation: u32,
        chunk: &[f64],
        wall_ms: f64,
    ) -> Result<bool, JsError> {
        self.s
            .net_ingest(generation, chunk, wall_ms)
            .map_err(js_err)
    }

    /// See [`Session::net_status`].
    #[must_use]
    pub fn net_status(&self) -> String {
        self.s.net_status()
    }

    /// See [`Session::analysis_request`].
    #[must_use]
    pub fn analysis_request(&self) -> String {
        self.s.analysis_request()
    }

    /// See [`Session::analysis_key`].
    #[must_use]
    pub fn analysis_key(&self) -> String {
        self.s.analysis_key()
    }

    /// See [`Session::analysis_held_key`].
    #[must_use]
    pub fn analysis_held_key(&self) -> String {
        self.s.analysis_held_key()
    }

    /// See [`Session::load_analysis`].
    ///
    /// # Errors
    /// When the text is not a result.
    pub fn load_analysis(&mut self, key: &str, text: &str) -> Result<(), JsError> {
        self.s.load_analysis(key, text).map_err(js_err)
    }

    /// Draws the held analysis.
    ///
    /// # Errors
    /// When the canvas cannot be drawn on.
    pub fn draw_analysis(&self, canvas: &HtmlCanvasElement) -> Result<(), JsError> {
        self.analysis_area
            .set(paint_on(canvas, &self.s.analysis_drawing())?);
        Ok(())
    }

    /// The diagram's parameter(s) at (`x_css`, `y_css`) pixels from the analysis canvas's
    /// top left corner: see [`Session::diagram_pick`].
    #[must_use]
    pub fn diagram_pick(&self, x_css: f64, y_css: f64) -> String {
        match self.analysis_area.get() {
            Some((left, top, width, height)) if width > 0.0 && height > 0.0 => self
                .s
                .diagram_pick((x_css - left) / width, 1.0 - (y_css - top) / height),
            _ => "{}".into(),
        }
    }

    /// See [`Session::diagram_points`].
    #[must_use]
    pub fn diagram_points(&self) -> String {
        self.s.diagram_points()
    }

    /// See [`Session::analysis_summary`].
    #[must_use]
    pub fn analysis_summary(&self) -> String {
        self.s.analysis_summary()
    }

    /// See [`Session::fit_key`].
    #[must_use]
    pub fn fit_key(&self) -> String {
        self.s.fit_key()
    }

    /// See [`Session::load_refit`].
    ///
    /// # Errors
    /// When the text is not a valid coefficient file.
    pub fn load_refit(&mut self, key: &str, text: &str) -> Result<bool, JsError> {
        self.s.load_refit(key, text).map_err(js_err)
    }

    /// See [`Session::coefficients_json`].
    ///
    /// # Errors
    /// When no set is in use.
    pub fn coefficients_json(&self) -> Result<String, JsError> {
        self.s.coefficients_json().map_err(js_err)
    }

    /// See [`Session::tf_info`].
    ///
    /// # Errors
    /// Unknown cell.
    pub fn tf_info(&self, cell: &str) -> Result<String, JsError> {
        self.s.tf_info(cell).map_err(js_err)
    }

    /// Draws the transfer-function view of `cell` at adaptation `w_pa` on its two canvases.
    ///
    /// # Errors
    /// Unknown cell, or a canvas that cannot be drawn on.
    pub fn draw_tf(
        &self,
        rate: &HtmlCanvasElement,
        mu_v: &HtmlCanvasElement,
        cell: &str,
        w_pa: f64,
    ) -> Result<(), JsError> {
        self.s.set_tf_view(cell, w_pa).map_err(js_err)?;
        for (canvas, id) in [(rate, "tf-rate"), (mu_v, "tf-v")] {
            paint_on(canvas, &self.s.drawing(id).map_err(js_err)?)?;
        }
        Ok(())
    }
}
