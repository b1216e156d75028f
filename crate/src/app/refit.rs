//! The transfer-function view and the page's refit: the simulated points shown beside the
//! fitted curves, and the refit the page's fit worker hands back (held with the key of the
//! fit inputs it was made for, used while the scenario says `coeffs=refit`).

use super::session::{to_text, Session};
use super::state::Refit;
use crate::fit::FitData;
use crate::neuron::Pop;
use crate::plot::{self, Panel, TfViewInput, Theme};
use crate::scenario::REFIT;
use crate::transfer::coefficients::{CoefficientSet, DEFAULT_ID};
use crate::Error;
use serde_json::json;

impl Session {
    /// The population of the view's `cell` ("exc" or "inh").
    ///
    /// # Errors
    /// Another name.
    pub fn pop(cell: &str) -> Result<Pop, Error> {
        match cell {
            "exc" => Ok(Pop::Exc),
            "inh" => Ok(Pop::Inh),
            other => Err(Error::Usage(format!("unknown cell '{other}'"))),
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

impl Session {
    /// The refit inputs' key while the scenario asks for `coeffs=refit` and the refit held does
    /// not match it ("" otherwise): the page starts the worker for this key.
    #[must_use]
    pub fn fit_key(&self) -> String {
        if self.scenario.coeffs() != Some(REFIT) || self.matching_refit().is_some() {
            return String::new();
        }
        super::keys::refit(&self.scenario)
    }

    /// Takes a finished refit made for `key`; returns whether it is used (a refit for inputs the
    /// scenario no longer has is dropped).
    ///
    /// # Errors
    /// When the text is not a valid coefficient file.
    pub fn load_refit(&mut self, key: &str, text: &str) -> Result<bool, Error> {
        let set = CoefficientSet::parse("refit.json", text)?;
        if self.scenario.coeffs() != Some(REFIT) || super::keys::refit(&self.scenario) != key {
            return Ok(false);
        }
        self.refit = Some(Refit {
            key: key.to_string(),
            set,
        });
        Ok(true)
    }

    /// The coefficient file in use, for download (refits and built-in sets alike).
    ///
    /// # Errors
    /// When no set is in use.
    pub fn coefficients_json(&self) -> Result<String, Error> {
        self.current_set().map(CoefficientSet::to_json)
    }

    /// About the transfer-function view of `cell` ("exc" or "inh"): the adaptation values with
    /// data and the caption, as JSON.
    ///
    /// # Errors
    /// Unknown cell.
    pub fn tf_info(&self, cell: &str) -> Result<String, Error> {
        let pop = Self::pop(cell)?;
        let (data, caption) = self.tf_data(pop);
        let set = self.current_set()?;
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

    /// Shows the transfer-function view of `cell` at adaptation `w_pa`: the figures
    /// "tf-rate" and "tf-v" then draw it.
    ///
    /// # Errors
    /// Unknown cell.
    pub fn set_tf_view(&self, cell: &str, w_pa: f64) -> Result<(), Error> {
        let pop = Self::pop(cell)?;
        self.last_tf
            .set(Some((pop, if w_pa.is_finite() { w_pa } else { 0.0 })));
        Ok(())
    }
}

impl Session {
    /// The two panels of the transfer-function view as last drawn.
    pub(super) fn tf_view_panels(&self) -> Result<(Panel, Panel), Error> {
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
}
