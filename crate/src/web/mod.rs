//! The whole JavaScript-facing API (wasm only). The JS shell wires controls and the URL to an
//! [`App`]; every number is computed here.

mod analysis;
mod canvas;
mod export;
mod fit;
mod network;

pub use analysis::AnalysisRunner;
pub use fit::FitRunner;
pub use network::NetworkRunner;

use crate::lorentz::LorentzTrace;
use crate::meanfield::Trace;
use crate::plot::{self, Theme};
use crate::scenario::ModelKind;
use crate::scenario::Scenario;
use crate::scenario::{self, OutOfRange};
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

/// Memory of this wasm instance (the page's or a worker's) [bytes]; it never shrinks, so a
/// flat figure over a long session means no leak.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
#[must_use]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size::<0>() * 65_536) as f64
}

/// Panics on purpose, so that the page's internal-error path (the message and the reload or
/// restart action) can be tested; `place` names the caller. Touches no state.
#[wasm_bindgen(js_name = simulatePanic)]
pub fn simulate_panic(place: &str) {
    install_panic_hook();
    panic!("simulated internal error in the {place}, as asked by simulatePanic");
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
    lz_trace: Option<LorentzTrace>,
    net: network::NetView,
    refit: Option<fit::Refit>,
    analysis: Option<analysis::Held>,
    /// Finished network runs: (scenario, mean ν_e, mean ν_i over the second half).
    net_points: Vec<(Scenario, f64, f64)>,
    /// The transfer-function view's cell and W as last drawn (for its export).
    last_tf: std::cell::Cell<Option<(crate::meanfield::Pop, f64)>>,
}

impl App {
    /// A loaded (built-in or fetched) set by id.
    fn loaded_set(&self, id: &str) -> Option<&CoefficientSet> {
        self.sets.iter().find(|s| s.id == id)
    }

    /// The set the mean field uses: the one the scenario names; for `coeffs=refit`, the refit
    /// made for the current cells, or the default set until it arrives.
    fn current_set(&self) -> Result<&CoefficientSet, Error> {
        let Some(named) = self.scenario.coeffs() else {
            return Err(Error::Coefficients {
                file: String::new(),
                reason: format!(
                    "the {} model is an exact mean field and has no transfer function",
                    self.scenario.model.name()
                ),
            });
        };
        if named == crate::scenario::REFIT {
            if let Some(set) = self.matching_refit() {
                return Ok(set);
            }
        }
        let id = if named == crate::scenario::REFIT {
            coefficients::DEFAULT_ID
        } else {
            named
        };
        self.loaded_set(id).ok_or_else(|| Error::Coefficients {
            file: named.to_string(),
            reason: "not loaded".into(),
        })
    }

    /// Runs the exact mean field; the summary as [`App::run`].
    fn run_lorentz(&mut self, mf: &crate::lorentz::LorentzMeanField) -> String {
        let s = &self.scenario;
        let trace = crate::lorentz::run(mf, &s.signal(), s.duration_ms, s.dt_ms);
        let last = trace.states.last().copied().unwrap_or_default();
        let r = trace.r_hz.last().copied().unwrap_or(0.0);
        let vars = mf.vars();
        let mut readout = format!("r = {:.4} Hz, v = {:.4}", r, last[1]);
        if !vars[1].unit.is_empty() {
            readout.push_str(&format!(" {}", vars[1].unit));
        }
        if let Some(var) = vars.get(2) {
            readout.push_str(&format!(", {} = {:.4}", var.label, last[2]));
            if !var.unit.is_empty() {
                readout.push_str(&format!(" {}", var.unit));
            }
        }
        let summary = json!({
            "t_ms": trace.t_ms.last().copied().unwrap_or(0.0),
            "steps": trace.t_ms.len().saturating_sub(1),
            "nu_e": r,
            "nu_i": null,
            "v": last[1],
            "w_e": last[2],
            "readout": readout,
            "warnings": trace.events.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "notes": Vec::<String>::new(),
        });
        self.lz_trace = Some(trace);
        self.trace = None;
        self.stationary = None;
        to_text(&summary)
    }

    /// The exact family's panels (rates, v, input, and adaptation when the model has it).
    fn lorentz_panels(
        &self,
        mf: &crate::lorentz::LorentzMeanField,
    ) -> Result<Vec<(&'static str, plot::Panel)>, Error> {
        let trace = self
            .lz_trace
            .as_ref()
            .ok_or_else(|| Error::Plot("nothing has been run yet".into()))?;
        let theme = Theme::default();
        let bins = &self.net.recording().bins;
        let mut panels = vec![
            ("rates", plot::lorentz_rate_panel(trace, bins, &theme)),
            ("w", plot::lorentz_v_panel(mf, trace, bins, &theme)),
            ("input", plot::lorentz_input_panel(mf, trace, &theme)),
        ];
        if let Some(p) = plot::lorentz_adaptation_panel(mf, trace, bins, &theme) {
            panels.push(("extra", p));
        }
        // A run stopped by a blow-up still shows the whole duration (and the network in it).
        for (_, p) in &mut panels {
            p.x_range.1 = p.x_range.1.max(self.scenario.duration_ms);
        }
        Ok(panels)
    }

    /// The conductance model's panels (rates, adaptation, input), network lines included.
    fn conductance_panels(&self) -> Result<Vec<(&'static str, plot::Panel)>, Error> {
        let trace = self
            .trace
            .as_ref()
            .ok_or_else(|| Error::Plot("nothing has been run yet".into()))?;
        let theme = Theme::default();
        let st = self.stationary.as_ref();
        let bins = &self.net.recording().bins;
        let izh = self.scenario.model == ModelKind::Izhikevich;
        let relabel = |p: plot::Panel| if izh { plot::relabel_izhikevich(p) } else { p };
        let mut rates_panel = plot::rates_panel(trace, self.scenario.adex.order, st, &theme);
        let mut w_panel = plot::adaptation_panel(trace, st, &theme);
        if !bins.is_empty() {
            // Network first, so the mean field is drawn over it.
            let mut lines = plot::network_rate_lines(bins, &theme);
            lines.append(&mut rates_panel.lines);
            rates_panel.lines = lines;
            w_panel.lines.insert(0, plot::network_w_line(bins, &theme));
        }
        // Relabelled with the network's lines in, so those read E, I and u too.
        Ok(vec![
            ("rates", relabel(rates_panel)),
            ("w", relabel(w_panel)),
            ("input", relabel(plot::input_panel(trace, &theme))),
        ])
    }

    /// The time-series figures of the last run by id ("rates", "w", "input", "extra"), from
    /// the scenario's `plot_from` on.
    fn time_panels(&self) -> Result<Vec<(&'static str, plot::Panel)>, Error> {
        let panels = match self.scenario.lorentz() {
            Some(mf) => self.lorentz_panels(&mf)?,
            None => self.conductance_panels()?,
        };
        let from = self.scenario.plot_from_ms;
        Ok(panels
            .into_iter()
            .map(|(id, p)| (id, p.from_time(from)))
            .collect())
    }

    /// The time axis the plots share.
    fn time_range(&self) -> (f64, f64) {
        let (t0, t1) = (self.scenario.plot_from_ms, self.scenario.duration_ms);
        if t0 > 0.0 && t0 < t1 {
            (t0, t1)
        } else {
            (0.0, t1)
        }
    }
}

/// Draws `panel` on a prepared canvas.
fn draw_panel_on(
    (backend, scale): (canvas::DprCanvas, f64),
    panel: &plot::Panel,
) -> Result<(), Error> {
    let theme = Theme {
        scale,
        ..Theme::default()
    };
    plot::draw_panel(&backend.into_drawing_area(), panel, &theme).map(|_| ())
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
            lz_trace: None,
            net: network::NetView::default(),
            refit: None,
            analysis: None,
            net_points: Vec::new(),
            last_tf: std::cell::Cell::new(None),
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
        let notices = scenario::apply_query(&mut self.scenario, query);
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
            scenario::set(&mut self.scenario, key, value, OutOfRange::Clamp).map_err(js_err)?;
        Ok(notice.map(|n| n.message).unwrap_or_default())
    }

    /// The examples, as JSON [{id, label, look_for}].
    #[must_use]
    pub fn presets(&self) -> String {
        to_text(&json!(crate::scenario::presets::PRESETS
            .iter()
            .map(|p| json!({"id": p.id, "label": p.label, "look_for": p.look_for}))
            .collect::<Vec<_>>()))
    }

    /// Loads example `id` (from the model's defaults, keeping the seed); returns its
    /// "look for" text.
    ///
    /// # Errors
    /// Unknown id.
    pub fn load_preset(&mut self, id: &str) -> Result<String, JsError> {
        let p = crate::scenario::presets::preset(id)
            .ok_or_else(|| js_err(Error::Usage(format!("unknown example '{id}'"))))?;
        let seed = self.scenario.seed;
        self.scenario = Scenario::default();
        scenario::apply_query(&mut self.scenario, p.query);
        self.scenario.seed = seed;
        Ok(p.look_for.to_string())
    }

    /// Back to the defaults of the current model.
    pub fn reset(&mut self) {
        self.scenario = Scenario::for_model(self.scenario.model);
    }

    /// The current model's id, whether it is an exact family, whether it has a transfer
    /// function view and a third (adaptation) plot, as JSON.
    #[must_use]
    pub fn model_info(&self) -> String {
        let m = self.scenario.model;
        let mf = self.scenario.lorentz();
        to_text(&json!({
            "model": m.name(),
            "label": m.label(),
            "exact": mf.is_some(),
            "tf_view": m == ModelKind::Adex,
            "adaptation_plot": mf.is_none_or(|mf| mf.vars().len() > 2),
            "time_unit_ms": mf.map(|mf| mf.t_unit_ms()),
        }))
    }

    /// The schema with current values and relevance, as JSON (see [`scenario::describe`]).
    #[must_use]
    pub fn describe(&self) -> String {
        to_text(&scenario::describe(&self.scenario))
    }

    /// The link query for the current scenario (without `?`).
    #[must_use]
    pub fn query(&self) -> String {
        scenario::to_query(&self.scenario)
    }

    /// Replaces the scenario by a JSON export (flat {key: value}, as [`App::scenario_json`]
    /// writes it), read on top of the defaults; returns the notices as JSON [{key, message}].
    ///
    /// # Errors
    /// A message naming the field when the file is not a scenario (the scenario is unchanged).
    pub fn load_scenario_json(&mut self, text: &str) -> Result<String, JsError> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| js_err(Error::Usage(format!("the file is not JSON: {e}"))))?;
        let mut s = Scenario::default();
        let notices = scenario::apply_json(&mut s, &value, OutOfRange::Clamp).map_err(|e| {
            js_err(Error::Usage(format!(
                "the file is not a usable scenario: {e}"
            )))
        })?;
        self.scenario = s;
        Ok(to_text(&json!(notices
            .iter()
            .map(|n| json!({"key": n.key, "message": n.message}))
            .collect::<Vec<_>>())))
    }

    /// The scenario as flat JSON (the export format).
    #[must_use]
    pub fn scenario_json(&self) -> String {
        to_text(&scenario::to_json(&self.scenario))
    }

    /// About the coefficient set in use: title, source, notes and where the scenario departs
    /// from the fit, as JSON.
    #[must_use]
    pub fn coefficient_info(&self) -> String {
        if let Some(mf) = self.scenario.lorentz() {
            return to_text(&json!({
                "exact": true,
                "text": format!(
                    "{} is an exact mean field: derived from the network with the Lorentzian ansatz, it has no fitted transfer function. Time unit {:.4} ms; rates are shown in Hz.",
                    self.scenario.model.label(),
                    mf.t_unit_ms()
                ),
            }));
        }
        match self.current_set() {
            Ok(set) => to_text(&json!({
                "id": set.id,
                "title": set.title,
                "source": set.source,
                "notes": set.notes,
                "departures": self.scenario.fit_departures(set),
                "refit_pending": self.scenario.coeffs() == Some(crate::scenario::REFIT)
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
        if let Some(mf) = self.scenario.lorentz() {
            return Ok(self.run_lorentz(&mf));
        }
        self.lz_trace = None;
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
        // Three significant digits, as the page always showed them.
        let sig = |v: f64| -> String {
            if v == 0.0 || !v.is_finite() {
                return format!("{v}");
            }
            let d = (2 - v.abs().log10().floor() as i32).max(0) as usize;
            let t = format!("{v:.d$}");
            if t.contains('.') {
                t.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                t
            }
        };
        let pm = |c: f64| {
            let v = sd(c);
            if v > 0.0 {
                format!(" (±{})", sig(v))
            } else {
                String::new()
            }
        };
        let (e, i, w) = if self.scenario.model == ModelKind::Izhikevich {
            (" (E)", " (I)", "u_e")
        } else {
            ("", "", "W_e")
        };
        let readout = format!(
            "ν_e{e} = {} Hz{}, ν_i{i} = {} Hz{}, {w} = {} pA",
            sig(last.nu_e),
            pm(last.c_ee),
            sig(last.nu_i),
            pm(last.c_ii),
            sig(last.w_e)
        );
        let summary = json!({
            "t_ms": trace.t_ms.last().copied().unwrap_or(0.0),
            "steps": trace.t_ms.len().saturating_sub(1),
            "readout": readout,
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
        extra: Option<HtmlCanvasElement>,
    ) -> Result<(), JsError> {
        for (id, panel) in self.time_panels().map_err(js_err)? {
            let canvas = match id {
                "rates" => Some(rates),
                "w" => Some(adaptation),
                "input" => input.as_ref(),
                _ => extra.as_ref(),
            };
            if let Some(c) = canvas {
                draw_panel_on(canvas::prepare(c).map_err(js_err)?, &panel).map_err(js_err)?;
            }
        }
        self.draw_raster_on(canvas::prepare(raster).map_err(js_err)?)
            .map_err(js_err)
    }
}

impl App {
    /// Draws the network's raster on a prepared canvas, over the plots' time axis.
    fn draw_raster_on(&self, (backend, scale): (canvas::DprCanvas, f64)) -> Result<(), Error> {
        let theme = Theme {
            scale,
            ..Theme::default()
        };
        let (n_e, n_i) = self.scenario.population_sizes();
        let layout =
            plot::RasterLayout::new(n_e as u32, n_i as u32, crate::network::SpikeFilter::RASTER);
        plot::draw_raster(
            &backend.into_drawing_area(),
            &self.net.recording().spikes,
            &layout,
            n_i as u32,
            self.time_range(),
            &theme,
        )?;
        Ok(())
    }
}
