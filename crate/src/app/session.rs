//! A [`Session`]: the page's state (scenario, coefficient sets, the last runs and what the
//! workers handed back) and what it says about the scenario. Every method returns Rust values
//! or JSON text; nothing here knows of a browser.

use super::readout;
use super::state::{HeldAnalysis, NetView, Refit};
use crate::lorentz::{LorentzMeanField, LorentzTrace};
use crate::meanfield::{Order, RunEvent, Trace};
use crate::neuron::Pop;
use crate::scenario::presets::{preset, presets};
use crate::scenario::{self, ModelKind, Notice, OutOfRange, Scenario, REFIT};
use crate::transfer::coefficients::{self, CoefficientSet};
use crate::Error;
use serde_json::json;
use std::cell::Cell;

/// JSON text of `v`.
pub(super) fn to_text(v: &serde_json::Value) -> String {
    v.to_string()
}

/// Notices as JSON [{key, message}].
pub(super) fn notices_json(notices: &[Notice]) -> String {
    to_text(&json!(notices
        .iter()
        .map(|n| json!({"key": n.key, "message": n.message}))
        .collect::<Vec<_>>()))
}

/// The page's state: scenario, coefficient sets and the last run.
pub struct Session {
    pub(super) scenario: Scenario,
    pub(super) sets: Vec<CoefficientSet>,
    pub(super) trace: Option<Trace>,
    pub(super) stationary: Option<Trace>,
    pub(super) lz_trace: Option<LorentzTrace>,
    pub(super) net: NetView,
    pub(super) refit: Option<Refit>,
    pub(super) analysis: Option<HeldAnalysis>,
    /// Finished network runs: (scenario, mean ν_e, mean ν_i over the second half).
    pub(super) net_points: Vec<(Scenario, f64, f64)>,
    /// The pinned run, drawn as a ghost.
    pub(super) pinned: Option<super::state::Pinned>,
    /// The transfer-function view's cell and W as last drawn (for its export).
    pub(super) last_tf: Cell<Option<(Pop, f64)>>,
}

impl Session {
    /// A session with the default scenario and the built-in coefficient sets.
    ///
    /// # Errors
    /// Only if an embedded coefficient file were invalid (a build error).
    pub fn new() -> Result<Self, Error> {
        let sets = coefficients::builtin_ids()
            .into_iter()
            .map(CoefficientSet::builtin)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            scenario: Scenario::default(),
            sets,
            trace: None,
            stationary: None,
            lz_trace: None,
            net: NetView::default(),
            refit: None,
            analysis: None,
            net_points: Vec::new(),
            pinned: None,
            last_tf: Cell::new(None),
        })
    }

    /// The scenario.
    #[must_use]
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// A loaded (built-in or fetched) set by id.
    pub(super) fn loaded_set(&self, id: &str) -> Option<&CoefficientSet> {
        self.sets.iter().find(|s| s.id == id)
    }

    /// The refit for the current scenario, if the scenario asks for one and it is there.
    pub(super) fn matching_refit(&self) -> Option<&CoefficientSet> {
        if self.scenario.coeffs() != Some(REFIT) {
            return None;
        }
        let key = super::keys::refit(&self.scenario);
        self.refit.as_ref().filter(|r| r.key == key).map(|r| &r.set)
    }

    /// The set the mean field uses: the one the scenario names; for `coeffs=refit`, the refit
    /// made for the current cells, or the default set until it arrives.
    ///
    /// # Errors
    /// An exact family (no transfer function), or a set that is not loaded.
    pub fn current_set(&self) -> Result<&CoefficientSet, Error> {
        self.set_for(&self.scenario)
    }

    /// The set scenario `s` uses (see [`Session::current_set`]).
    ///
    /// # Errors
    /// As [`Session::current_set`].
    pub(super) fn set_for(&self, s: &Scenario) -> Result<&CoefficientSet, Error> {
        let Some(named) = s.coeffs() else {
            return Err(Error::Coefficients {
                file: String::new(),
                reason: format!(
                    "the {} model is an exact mean field and has no transfer function",
                    s.model.name()
                ),
            });
        };
        if named == REFIT {
            let key = super::keys::refit(s);
            if let Some(set) = self.refit.as_ref().filter(|r| r.key == key).map(|r| &r.set) {
                return Ok(set);
            }
        }
        let id = if named == REFIT {
            coefficients::DEFAULT_ID
        } else {
            named
        };
        self.loaded_set(id).ok_or_else(|| Error::Coefficients {
            file: named.to_string(),
            reason: "not loaded".into(),
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
    pub fn load_coefficients(&mut self, id: &str, text: &str) -> Result<(), Error> {
        let set = CoefficientSet::parse(&format!("www/data/{id}.json"), text)?;
        if set.id != id {
            return Err(Error::Coefficients {
                file: format!("www/data/{id}.json"),
                reason: format!("its id is '{}', expected '{id}'", set.id),
            });
        }
        match self.sets.iter_mut().find(|s| s.id == id) {
            Some(slot) => *slot = set,
            None => self.sets.push(set),
        }
        Ok(())
    }

    /// Applies a link query; returns the notices as a JSON list of {key, message}. A link
    /// that names a lesson is read on top of the lesson's scenario at its step
    /// ([`scenario::apply_link`]).
    pub fn apply_query(&mut self, query: &str) -> String {
        let mut notices = scenario::apply_link(&mut self.scenario, query);
        notices.extend(self.apply_pin(query));
        notices_json(&notices)
    }

    /// Sets one key from a control; returns a notice ("" if none).
    ///
    /// # Errors
    /// Unknown key or unusable value (the value is left as it was).
    pub fn set(&mut self, key: &str, value: &str) -> Result<String, Error> {
        let notice = scenario::set(&mut self.scenario, key, value, OutOfRange::Clamp)?;
        Ok(notice.map(|n| n.message).unwrap_or_default())
    }

    /// The examples, as JSON [{id, label, look_for}].
    #[must_use]
    pub fn presets(&self) -> String {
        to_text(&json!(presets()
            .map(|p| json!({"id": p.id, "label": p.label, "look_for": p.look_for}))
            .collect::<Vec<_>>()))
    }

    /// Loads example `id` (from the model's defaults, keeping the seed); returns its
    /// "look for" text.
    ///
    /// # Errors
    /// Unknown id.
    pub fn load_preset(&mut self, id: &str) -> Result<String, Error> {
        let p = preset(id).ok_or_else(|| Error::Usage(format!("unknown example '{id}'")))?;
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
    /// function view and a third (adaptation) plot, its key parameters (course: [{key,
    /// label}]) and the order of its parameter groups, as JSON.
    #[must_use]
    pub fn model_info(&self) -> String {
        let m = self.scenario.model;
        let mf = self.scenario.lorentz();
        to_text(&json!({
            "model": m.name(),
            "label": m.label(),
            "exact": mf.is_some(),
            "tf_view": m.info().tf_view,
            "adaptation_plot": mf.is_none_or(|mf| mf.vars().len() > 2),
            "time_unit_ms": mf.map(|mf| mf.t_unit_ms()),
            "course": m.info().course.iter().map(|(key, label)| json!({"key": key, "label": label})).collect::<Vec<_>>(),
            "groups": scenario::groups_for(m),
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
        let link = scenario::to_link(&self.scenario);
        match self.pin_query() {
            Some(pin) => format!("{link}&{pin}"),
            None => link,
        }
    }

    /// Replaces the scenario by a JSON export (flat {key: value}, as
    /// [`Session::scenario_json`] writes it), read on top of the defaults; returns the notices
    /// as JSON [{key, message}].
    ///
    /// # Errors
    /// A message naming the field when the file is not a scenario (the scenario is unchanged).
    pub fn load_scenario_json(&mut self, text: &str) -> Result<String, Error> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| Error::Usage(format!("the file is not JSON: {e}")))?;
        let mut s = Scenario::default();
        let notices = scenario::apply_json(&mut s, &value, OutOfRange::Clamp)
            .map_err(|e| Error::Usage(format!("the file is not a usable scenario: {e}")))?;
        self.scenario = s;
        Ok(notices_json(&notices))
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
                "refit_pending": self.scenario.coeffs() == Some(REFIT)
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
    pub fn run(&mut self) -> Result<String, Error> {
        self.refresh_pin();
        if let Some(mf) = self.scenario.lorentz() {
            return Ok(self.run_lorentz(&mf));
        }
        self.lz_trace = None;
        let set = self.current_set()?;
        let trace = self.scenario.run(set)?;
        let stationary = if self.scenario.compare_stationary {
            Some(self.scenario.stationary_variant().run(set)?)
        } else {
            None
        };
        let last = trace.last().copied().unwrap_or_default();
        let second = self.scenario.adex.order == Order::Second;
        let (warnings, notes): (Vec<_>, Vec<_>) = trace.events.iter().partition(|e| e.is_warning());
        let text = |v: Vec<&RunEvent>| v.iter().map(ToString::to_string).collect::<Vec<_>>();
        let mut warnings = text(warnings);
        // The overlay's own warnings: a dashed curve at a cap is not a prediction either.
        warnings.extend(stationary.iter().flat_map(|st| {
            st.events
                .iter()
                .filter(|e| e.is_warning())
                .map(|e| format!("Stationary-W overlay (dashed): {e}"))
        }));
        if second {
            warnings.extend(crate::analysis::covariance::unsettled_warning(
                &self.scenario,
                set,
                &last,
            ));
        }
        self.stationary = stationary;
        let izh = self.scenario.model == ModelKind::Izhikevich;
        let summary = json!({
            "t_ms": trace.t_ms.last().copied().unwrap_or(0.0),
            "steps": trace.t_ms.len().saturating_sub(1),
            "readout": readout::conductance(&last, second, izh),
            "nu_e": last.nu_e,
            "nu_i": last.nu_i,
            "w_e": last.w_e,
            "sd_e": readout::sd(last.c_ee, second),
            "sd_i": readout::sd(last.c_ii, second),
            "warnings": warnings,
            "notes": text(notes),
        });
        self.trace = Some(trace);
        Ok(to_text(&summary))
    }

    /// Runs the exact mean field; the summary as [`Session::run`].
    fn run_lorentz(&mut self, mf: &LorentzMeanField) -> String {
        let s = &self.scenario;
        let trace = crate::lorentz::run(mf, &s.signal(), s.duration_ms, s.dt_ms);
        let last = trace.states.last().copied().unwrap_or_default();
        let r = trace.r_hz.last().copied().unwrap_or(0.0);
        let summary = json!({
            "t_ms": trace.t_ms.last().copied().unwrap_or(0.0),
            "steps": trace.t_ms.len().saturating_sub(1),
            "nu_e": r,
            "nu_i": null,
            "v": last[1],
            "w_e": last[2],
            "readout": readout::lorentz(r, &last, &mf.vars()),
            "warnings": trace.events.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "notes": Vec::<String>::new(),
        });
        self.lz_trace = Some(trace);
        self.trace = None;
        self.stationary = None;
        to_text(&summary)
    }
}
