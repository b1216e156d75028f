//! The whole JavaScript-facing API (wasm only). The JS shell wires controls and the URL to an
//! [`App`]; every number is computed here.

mod canvas;
mod fit;
mod network;

pub use fit::FitRunner;
pub use network::NetworkRunner;

use crate::meanfield::Trace;
use crate::plot::{self, Theme};
use crate::scenario::Scenario;
use crate::schema::{self, OutOfRange};
use crate::transfer::coefficients::{self, CoefficientSet};
use crate::Error;
use plotters::prelude::*;
use serde_json::json;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

thread_local! {
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The message of a panic, if the module has panicked (the page shows it with a reload action).
#[wasm_bindgen]
pub fn panic_message() -> Option<String> {
    PANIC.with(|p| p.borrow().clone())
}

fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&msg));
        PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

fn js_err(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

fn to_text(v: &serde_json::Value) -> String {
    v.to_string()
}

/// The page's state: scenario, coefficient sets and the last run.
#[wasm_bindgen]
pub struct App {
    scenario: Scenario,
    sets: Vec<CoefficientSet>,
    trace: Option<Trace>,
    stationary: Option<Trace>,
    net: network::NetView,
    refit: Option<fit::Refit>,
}

impl App {
    /// A loaded (built-in or fetched) set by id.
    fn loaded_set(&self, id: &str) -> Option<&CoefficientSet> {
        self.sets.iter().find(|s| s.id == id)
    }

    /// The set the mean field uses: the one the scenario names; for `coeffs=refit`, the refit
    /// made for the current cells, or the default set until it arrives.
    fn current_set(&self) -> Result<&CoefficientSet, Error> {
        if self.scenario.adex.coeffs == crate::schema::REFIT {
            if let Some(set) = self.matching_refit() {
                return Ok(set);
            }
        }
        let id = if self.scenario.adex.coeffs == crate::schema::REFIT {
            coefficients::DEFAULT_ID
        } else {
            self.scenario.adex.coeffs.as_str()
        };
        self.loaded_set(id).ok_or_else(|| Error::Coefficients {
            file: self.scenario.adex.coeffs.clone(),
            reason: "not loaded".into(),
        })
    }
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
        let sets = coefficients::builtin_ids()
            .into_iter()
            .map(CoefficientSet::builtin)
            .collect::<Result<Vec<_>, _>>()
            .map_err(js_err)?;
        Ok(Self {
            scenario: Scenario::default(),
            sets,
            trace: None,
            stationary: None,
            net: network::NetView::default(),
            refit: None,
        })
    }

    /// JSON list of the coefficient files the page should fetch: [{id, path}].
    #[must_use]
    pub fn coefficient_files(&self) -> String {
        let files: Vec<_> = coefficients::builtin_ids()
            .into_iter()
            .map(|id| json!({"id": id, "path": format!("www/data/{id}.json")}))
            .collect();
        to_text(&json!(files))
    }

    /// Replaces the built-in copy of set `id` by the fetched file's content.
    ///
    /// # Errors
    /// A message naming the problem; the built-in copy stays in use.
    pub fn load_coefficients(&mut self, id: &str, text: &str) -> Result<(), JsError> {
        let set = CoefficientSet::parse(&format!("www/data/{id}.json"), text).map_err(js_err)?;
        if set.id != id {
            return Err(js_err(Error::Coefficients {
                file: format!("www/data/{id}.json"),
                reason: format!("its id is '{}', expected '{id}'", set.id),
            }));
        }
        match self.sets.iter_mut().find(|s| s.id == id) {
            Some(slot) => *slot = set,
            None => self.sets.push(set),
        }
        Ok(())
    }

    /// Applies a link query; returns the notices as a JSON list of {key, message}.
    pub fn apply_query(&mut self, query: &str) -> String {
        let notices = schema::apply_query(&mut self.scenario, query);
        to_text(&json!(notices
            .iter()
            .map(|n| json!({"key": n.key, "message": n.message}))
            .collect::<Vec<_>>()))
    }

    /// Sets one key from a control; returns a notice ("" if none).
    ///
    /// # Errors
    /// Unknown key or unusable value (the value is left as it was).
    pub fn set(&mut self, key: &str, value: &str) -> Result<String, JsError> {
        let notice =
            schema::set(&mut self.scenario, key, value, OutOfRange::Clamp).map_err(js_err)?;
        Ok(notice.map(|n| n.message).unwrap_or_default())
    }

    /// Back to the default scenario.
    pub fn reset(&mut self) {
        self.scenario = Scenario::default();
    }

    /// The schema with current values and relevance, as JSON (see [`schema::describe`]).
    #[must_use]
    pub fn describe(&self) -> String {
        to_text(&schema::describe(&self.scenario))
    }

    /// The link query for the current scenario (without `?`).
    #[must_use]
    pub fn query(&self) -> String {
        schema::to_query(&self.scenario)
    }

    /// The scenario as flat JSON (the export format).
    #[must_use]
    pub fn scenario_json(&self) -> String {
        to_text(&schema::to_json(&self.scenario))
    }

    /// About the coefficient set in use: title, source, notes and where the scenario departs
    /// from the fit, as JSON.
    #[must_use]
    pub fn coefficient_info(&self) -> String {
        match self.current_set() {
            Ok(set) => to_text(&json!({
                "id": set.id,
                "title": set.title,
                "source": set.source,
                "notes": set.notes,
                "departures": self.scenario.fit_departures(set),
                "refit_pending": self.scenario.adex.coeffs == crate::schema::REFIT
                    && self.matching_refit().is_none(),
            })),
            Err(e) => to_text(&json!({"error": e.to_string()})),
        }
    }

    /// Runs the mean field (and the stationary comparison if asked); returns a JSON summary of
    /// the final state, the run's warnings (the curves are not a prediction somewhere) and notes.
    ///
    /// # Errors
    /// Inconsistent parameters.
    pub fn run(&mut self) -> Result<String, JsError> {
        let set = self.current_set().map_err(js_err)?;
        let trace = self.scenario.run(set).map_err(js_err)?;
        let stationary = if self.scenario.compare_stationary {
            Some(
                self.scenario
                    .stationary_variant()
                    .run(set)
                    .map_err(js_err)?,
            )
        } else {
            None
        };
        self.stationary = stationary;
        let last = trace.last().copied().unwrap_or_default();
        let second = self.scenario.adex.order == crate::meanfield::Order::Second;
        let sd = |c: f64| if second { c.max(0.0).sqrt() } else { 0.0 };
        let (warnings, notes): (Vec<_>, Vec<_>) = trace.events.iter().partition(|e| e.is_warning());
        let text = |v: Vec<&crate::meanfield::RunEvent>| {
            v.iter().map(ToString::to_string).collect::<Vec<_>>()
        };
        let summary = json!({
            "t_ms": trace.t_ms.last().copied().unwrap_or(0.0),
            "steps": trace.t_ms.len().saturating_sub(1),
            "nu_e": last.nu_e,
            "nu_i": last.nu_i,
            "w_e": last.w_e,
            "sd_e": sd(last.c_ee),
            "sd_i": sd(last.c_ii),
            "warnings": text(warnings),
            "notes": text(notes),
        });
        self.trace = Some(trace);
        Ok(to_text(&summary))
    }

    /// Draws the last mean-field run with the network streamed so far: raster, rates (network
    /// under mean field), adaptation, and input unless `input` is null (the network's pieces
    /// do not change it, so the page skips it while the network streams).
    ///
    /// # Errors
    /// When nothing has run yet or a canvas cannot be drawn on.
    pub fn draw(
        &self,
        raster: &HtmlCanvasElement,
        rates: &HtmlCanvasElement,
        adaptation: &HtmlCanvasElement,
        input: Option<HtmlCanvasElement>,
    ) -> Result<(), JsError> {
        let trace = self
            .trace
            .as_ref()
            .ok_or_else(|| js_err(Error::Plot("nothing has been run yet".into())))?;
        let theme = Theme::default();
        let st = self.stationary.as_ref();
        let bins = &self.net.recording().bins;
        let mut rates_panel = plot::rates_panel(trace, self.scenario.adex.order, st, &theme);
        let mut w_panel = plot::adaptation_panel(trace, st, &theme);
        if !bins.is_empty() {
            // Network first, so the mean field is drawn over it.
            let mut lines = plot::network_rate_lines(bins, &theme);
            lines.append(&mut rates_panel.lines);
            rates_panel.lines = lines;
            w_panel.lines.insert(0, plot::network_w_line(bins, &theme));
        }
        let from = self.scenario.plot_from_ms;
        let mut panels = vec![(rates, rates_panel), (adaptation, w_panel)];
        if let Some(canvas) = input.as_ref() {
            panels.push((canvas, plot::input_panel(trace, &theme)));
        }
        let mut x_range = (0.0, self.scenario.duration_ms);
        for (canvas, panel) in panels {
            let panel = panel.from_time(from);
            x_range = panel.x_range;
            let (backend, scale) = canvas::prepare(canvas).map_err(js_err)?;
            let area = backend.into_drawing_area();
            plot::draw_panel(&area, &panel, &Theme { scale, ..theme }).map_err(js_err)?;
        }
        let (n_e, n_i) = crate::network::population_sizes(&self.scenario.adex);
        let layout =
            plot::RasterLayout::new(n_e as u32, n_i as u32, crate::network::SpikeFilter::RASTER);
        let (backend, scale) = canvas::prepare(raster).map_err(js_err)?;
        let area = backend.into_drawing_area();
        plot::draw_raster(
            &area,
            &self.net.recording().spikes,
            &layout,
            n_i as u32,
            x_range,
            &Theme { scale, ..theme },
        )
        .map_err(js_err)?;
        Ok(())
    }
}
