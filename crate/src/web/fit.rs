//! The transfer-function view and the page's refit. A [`FitRunner`] lives in its own Web
//! Worker and simulates the quick grid for the scenario's cells; the [`App`] keeps the result
//! (tagged with the inputs it was made for) and uses it while the scenario says `coeffs=refit`.

use super::{canvas, js_err, to_text, App};
use crate::fit::{FitData, Fitter};
use crate::meanfield::Pop;
use crate::plot::{self, TfViewInput, Theme};
use crate::scenario::Scenario;
use crate::scenario::{self, REFIT};
use crate::transfer::coefficients::{CoefficientSet, DEFAULT_ID};
use crate::Error;
use serde_json::json;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The worker's fitter.
#[wasm_bindgen]
pub struct FitRunner {
    fitter: Option<Fitter>,
    key: String,
}

#[wasm_bindgen]
impl FitRunner {
    /// An idle runner.
    #[wasm_bindgen(constructor)]
    #[must_use]
    pub fn new() -> FitRunner {
        super::install_panic_hook();
        Self {
            fitter: None,
            key: String::new(),
        }
    }

    /// Prepares the refit of the scenario in `query`; returns "" or why it cannot run.
    pub fn configure(&mut self, query: &str) -> String {
        let mut s = Scenario::default();
        let _ = scenario::apply_query(&mut s, query);
        let inputs = s.refit_inputs();
        self.key = inputs.key();
        match Fitter::new(inputs) {
            Ok(f) => {
                self.fitter = Some(f);
                String::new()
            }
            Err(e) => {
                self.fitter = None;
                e.to_string()
            }
        }
    }

    /// The inputs' key (see [`crate::fit::FitInputs::key`]).
    #[must_use]
    pub fn key(&self) -> String {
        self.key.clone()
    }

    /// Simulates up to `points` more points; returns whether all are done.
    pub fn step(&mut self, points: usize) -> bool {
        self.fitter.as_mut().is_none_or(|f| f.step(points))
    }

    /// Progress as JSON: rows done and in all, points simulated.
    #[must_use]
    pub fn progress(&self) -> String {
        let (done, total, points) = self.fitter.as_ref().map_or((0, 0, 0), |f| {
            let s = f.sweep();
            (s.rows_done(), s.rows_total(), s.points_done())
        });
        to_text(&json!({"rows_done": done, "rows_total": total, "points": points}))
    }

    /// Fits and returns the coefficient file's text.
    ///
    /// # Errors
    /// When nothing was configured or the data cannot determine the coefficients.
    pub fn finish(&self) -> Result<String, JsError> {
        let f = self
            .fitter
            .as_ref()
            .ok_or_else(|| js_err(Error::Fit("nothing to fit".into())))?;
        f.finish().map(|set| set.to_json()).map_err(js_err)
    }
}

impl Default for FitRunner {
    fn default() -> Self {
        Self::new()
    }
}

/// A refit the App holds: the inputs' key and the set.
pub(super) struct Refit {
    pub key: String,
    pub set: CoefficientSet,
}

impl App {
    /// The refit for the current scenario, if the scenario asks for one and it is there.
    pub(super) fn matching_refit(&self) -> Option<&CoefficientSet> {
        if self.scenario.coeffs() != Some(REFIT) {
            return None;
        }
        let key = self.scenario.refit_inputs().key();
        self.refit.as_ref().filter(|r| r.key == key).map(|r| &r.set)
    }

    fn pop(cell: &str) -> Result<Pop, JsError> {
        match cell {
            "exc" => Ok(Pop::Exc),
            "inh" => Ok(Pop::Inh),
            other => Err(js_err(Error::Usage(format!("unknown cell '{other}'")))),
        }
    }

    /// The simulated points shown for `pop`: those of the set in use, else those of the
    /// project's shipped fit (made for the paper's cells); with a caption.
    fn tf_data(&self, pop: Pop) -> (Option<&FitData>, String) {
        fn of(set: &CoefficientSet, pop: Pop) -> Option<&FitData> {
            set.cell(pop).fit.as_ref().map(|f| &f.data)
        }
        if let Ok(set) = self.current_set() {
            if let Some(d) = of(set, pop) {
                return (
                    Some(d),
                    format!(
                        "Circles: the single-neuron simulations this set ({}) was fitted to.",
                        set.id
                    ),
                );
            }
        }
        match self
            .loaded_set(DEFAULT_ID)
            .and_then(|s| of(s, pop).map(|d| (s, d)))
        {
            Some((set, d)) => {
                let departs = !self.scenario.fit_departures(set).is_empty();
                (
                    Some(d),
                    format!(
                        "Circles: single-neuron simulations of the paper's cells ({DEFAULT_ID}){}.",
                        if departs {
                            "; your cells differ, so press Refit to simulate them"
                        } else {
                            ""
                        }
                    ),
                )
            }
            None => (None, "No simulated points for this set.".into()),
        }
    }
}

#[wasm_bindgen]
impl App {
    /// The refit inputs' key while the scenario asks for `coeffs=refit` and the refit held does
    /// not match it ("" otherwise): the page starts the worker for this key.
    #[must_use]
    pub fn fit_key(&self) -> String {
        if self.scenario.coeffs() != Some(REFIT) || self.matching_refit().is_some() {
            return String::new();
        }
        self.scenario.refit_inputs().key()
    }

    /// Takes a finished refit made for `key`; returns whether it is used (a refit for inputs the
    /// scenario no longer has is dropped).
    ///
    /// # Errors
    /// When the text is not a valid coefficient file.
    pub fn load_refit(&mut self, key: &str, text: &str) -> Result<bool, JsError> {
        let set = CoefficientSet::parse("refit.json", text).map_err(js_err)?;
        if self.scenario.coeffs() != Some(REFIT) || self.scenario.refit_inputs().key() != key {
            return Ok(false);
        }
        self.refit = Some(super::fit::Refit {
            key: key.to_string(),
            set,
        });
        Ok(true)
    }

    /// The coefficient file in use, for download (refits and built-in sets alike).
    ///
    /// # Errors
    /// When no set is in use.
    pub fn coefficients_json(&self) -> Result<String, JsError> {
        self.current_set()
            .map(CoefficientSet::to_json)
            .map_err(js_err)
    }

    /// About the transfer-function view of `cell` ("exc" or "inh"): the adaptation values with
    /// data and the caption, as JSON.
    ///
    /// # Errors
    /// Unknown cell.
    pub fn tf_info(&self, cell: &str) -> Result<String, JsError> {
        let pop = Self::pop(cell)?;
        let (data, caption) = self.tf_data(pop);
        let set = self.current_set().map_err(js_err)?;
        let fit = set.cell(pop);
        let residuals = fit.fit.as_ref().map(|f| f.residuals);
        Ok(to_text(&json!({
            "w_values": plot::w_values(data),
            "caption": caption,
            "set": set.id,
            "name": fit.name,
            "points": data.map_or(0, FitData::len),
            "rms_hz": residuals.map(|r| r.rms_hz),
            "noise_rms_hz": residuals.map(|r| r.noise_rms_hz),
            "threshold_rms_mv": residuals.map(|r| r.threshold_rms_mv),
        })))
    }

    /// Draws the transfer-function view of `cell` at adaptation `w_pa`.
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
        let pop = Self::pop(cell)?;
        self.last_tf
            .set(Some((pop, if w_pa.is_finite() { w_pa } else { 0.0 })));
        let (p_rate, p_v) = self.tf_view_panels().map_err(js_err)?;
        for (canvas, panel) in [(rate, p_rate), (mu_v, p_v)] {
            super::draw_panel_on(canvas::prepare(canvas).map_err(js_err)?, &panel)
                .map_err(js_err)?;
        }
        Ok(())
    }
}

impl App {
    /// The two panels of the transfer-function view as last drawn.
    fn tf_view_panels(&self) -> Result<(plot::Panel, plot::Panel), Error> {
        let (pop, w_pa) = self
            .last_tf
            .get()
            .ok_or_else(|| Error::Usage("the transfer-function view has not been drawn".into()))?;
        let set = self.current_set()?;
        let tf = self.scenario.adex.transfer_function(set, pop);
        let (data, _) = self.tf_data(pop);
        let name = &set.cell(pop).name;
        Ok(plot::tf_panels(
            &TfViewInput {
                tf: &tf,
                data,
                w_pa,
                cell: name,
            },
            &Theme::default(),
        ))
    }

    /// Draws one panel of the transfer-function view (rate or μ_V) on a prepared canvas.
    pub(super) fn draw_tf_on(
        &self,
        rate: bool,
        target: (canvas::DprCanvas, f64),
    ) -> Result<(), Error> {
        let (p_rate, p_v) = self.tf_view_panels()?;
        super::draw_panel_on(target, if rate { &p_rate } else { &p_v })
    }

    /// The transfer-function view's data as CSV.
    pub(super) fn tf_csv(&self, rate: bool) -> Result<String, Error> {
        let (p_rate, p_v) = self.tf_view_panels()?;
        Ok(super::export::panel_csv(if rate { &p_rate } else { &p_v }))
    }
}
