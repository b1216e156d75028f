//! Transfer-function coefficient files: the JSON the page loads from `www/data/` and the CLI
//! embeds, and that `meanfield fit` writes. Each coefficient is named by its term; the file
//! states its unit, the normalisation constants, the cell and synapse parameters the fit was
//! made for, and its source. Files made by the project's own pipeline also carry how they were
//! made (tool version, grid, seed, residuals) and the simulated points themselves.
//!
//! Format (version 2; version 1 is version 2 without `fit` blocks and AdEx only):
//! ```json
//! { "format": "meanfield-explorer/tf-coefficients", "version": 2, "id": "…", "title": "…",
//!   "source": "…", "neuron_model": "adex" | "izhikevich", "unit": "V" | "mV",
//!   "normalisation": { "mu_v0_mv": -60, … },
//!   "synapses": { "q_e_ns": 1.5, "q_i_ns": 5, "tau_e_ms": 5, "tau_i_ms": 5, "e_e_mv": 0,
//!                 "e_i_mv": -80 },
//!   "in_degrees": { "k_e": 400, "k_i": 100 },
//!   "fit": { "tool": "…", "seed": 1, "grid": { … } },            (optional)
//!   "cells": { "exc": { "name": "RS", "neuron": { "g_l_ns": 10, … }, "p": { "p0": …, … },
//!                       "fit": { "residuals": { … }, "data": { … } } },   (fit optional)
//!              "inh": { … } } }
//! ```
//! An AdEx `neuron` has the fields of [`FitNeuron`], an Izhikevich one those of [`IzhNeuron`].

use super::izhikevich::IzhNeuron;
use super::provenance::{CellFitRecord, FitProvenance};
use super::{InDegrees, Normalisation, Synapses, ThresholdPoly};
pub use crate::neuron::NeuronModel;
use crate::text::format_number;
use crate::units::v_to_mv;
use crate::Error;
use serde::{Deserialize, Serialize};

/// The `format` string every coefficient file carries.
pub const FORMAT: &str = "meanfield-explorer/tf-coefficients";
/// The file-format version this build writes (it also reads version 1).
pub const VERSION: u32 = 2;
/// Plausible range of the constant term P0 [mV]: outside it the unit is almost surely wrong.
const P0_RANGE_MV: (f64, f64) = (-90.0, -20.0);
/// The same for Izhikevich fits, whose polynomial is centred at μ_V0 = −30 mV, near the spike
/// cut, where P0 is an extrapolation [mV].
const P0_RANGE_IZH_MV: (f64, f64) = (-100.0, 100.0);

/// The single-neuron parameters a fit was made for (adaptation enters the TF as an input W).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitNeuron {
    /// g_L [nS].
    pub g_l_ns: f64,
    /// C_m [pF].
    pub c_m_pf: f64,
    /// E_L [mV].
    pub e_l_mv: f64,
    /// V_thr [mV].
    pub v_thr_mv: f64,
    /// Δ_T [mV].
    pub delta_t_mv: f64,
    /// V_reset [mV].
    pub v_reset_mv: f64,
    /// Refractory period [ms].
    pub t_ref_ms: f64,
}

impl FitNeuron {
    /// The passive membrane the moments use.
    #[must_use]
    pub fn membrane(&self) -> super::Membrane {
        super::Membrane {
            g_l_ns: self.g_l_ns,
            c_m_pf: self.c_m_pf,
            e_l_mv: self.e_l_mv,
        }
    }
}

/// The single-neuron parameters of one cell type's fit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CellNeuron {
    /// An AdEx cell.
    Adex(FitNeuron),
    /// An Izhikevich cell.
    Izhikevich(IzhNeuron),
}

impl CellNeuron {
    /// The AdEx parameters, if this is an AdEx cell.
    #[must_use]
    pub fn adex(&self) -> Option<&FitNeuron> {
        match self {
            Self::Adex(n) => Some(n),
            Self::Izhikevich(_) => None,
        }
    }
}

/// One cell type's fit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellFit {
    /// Cell-type name (e.g. "RS").
    pub name: String,
    /// Neuron parameters of the fit.
    pub neuron: CellNeuron,
    /// Threshold polynomial, in the file's unit until [`CoefficientSet::parse`] converts it to mV.
    pub p: ThresholdPoly,
    /// How the fit was made, with its data (files from `meanfield fit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fit: Option<CellFitRecord>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCell {
    name: String,
    neuron: serde_json::Value,
    p: ThresholdPoly,
    #[serde(default)]
    fit: Option<CellFitRecord>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cells {
    exc: RawCell,
    inh: RawCell,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV2 {
    format: String,
    version: u32,
    id: String,
    title: String,
    source: String,
    #[serde(default)]
    notes: String,
    neuron_model: String,
    unit: String,
    normalisation: Normalisation,
    synapses: Synapses,
    in_degrees: InDegrees,
    #[serde(default)]
    fit: Option<FitProvenance>,
    cells: Cells,
}

/// A validated coefficient set, coefficients in mV.
#[derive(Clone, Debug, PartialEq)]
pub struct CoefficientSet {
    /// Identifier (the file name without `.json`).
    pub id: String,
    /// One-line title.
    pub title: String,
    /// Where the numbers come from.
    pub source: String,
    /// Free-text notes.
    pub notes: String,
    /// The neuron model of both cells.
    pub neuron_model: NeuronModel,
    /// Normalisation of the polynomial variables.
    pub norm: Normalisation,
    /// Synapses the fit was made for.
    pub synapses: Synapses,
    /// In-degrees the fit was made for.
    pub in_degrees: InDegrees,
    /// Excitatory (RS) cell fit, coefficients in mV.
    pub exc: CellFit,
    /// Inhibitory (FS) cell fit, coefficients in mV.
    pub inh: CellFit,
    /// How the set was made (files from `meanfield fit`).
    pub fit: Option<FitProvenance>,
}

/// The coefficient sets shipped in `www/data/`, embedded so the CLI and a page whose fetch failed
/// still have them: (id, neuron model, menu label, JSON text).
pub const BUILTIN: [(&str, NeuronModel, &str, &str); 4] = [
    (
        "divolo2019-code",
        NeuronModel::Adex,
        "di Volo 2019, official code",
        include_str!("../../../www/data/divolo2019-code.json"),
    ),
    (
        "divolo2019-table1",
        NeuronModel::Adex,
        "di Volo 2019, paper Table 1",
        include_str!("../../../www/data/divolo2019-table1.json"),
    ),
    (
        "meanfield-fit-adex",
        NeuronModel::Adex,
        "Fitted by this project (meanfield fit)",
        include_str!("../../../www/data/meanfield-fit-adex.json"),
    ),
    (
        "meanfield-fit-izhikevich",
        NeuronModel::Izhikevich,
        "Izhikevich cells, fitted by this project",
        include_str!("../../../www/data/meanfield-fit-izhikevich.json"),
    ),
];

/// The default coefficient set id: the project's own fit of the paper's RS and FS cells.
pub const DEFAULT_ID: &str = "meanfield-fit-adex";

/// Menu label of built-in set `id`.
#[must_use]
pub fn builtin_label(id: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|b| b.0 == id).map(|b| b.2)
}

/// Ids of the built-in sets for `model`.
#[must_use]
pub fn builtin_ids_for(model: NeuronModel) -> Vec<&'static str> {
    BUILTIN
        .iter()
        .filter(|(_, m, _, _)| *m == model)
        .map(|(id, _, _, _)| *id)
        .collect()
}

impl CoefficientSet {
    /// Parses and validates a coefficient file; `file` names it in error messages.
    ///
    /// # Errors
    /// A message naming the field when the JSON is malformed, a field is missing or unknown, the
    /// format or version is not this one, or a value is implausible.
    pub fn parse(file: &str, text: &str) -> Result<Self, Error> {
        let err = |reason: String| Error::Coefficients {
            file: file.to_string(),
            reason,
        };
        let raw: FileV2 = serde_json::from_str(text).map_err(|e| err(e.to_string()))?;
        if raw.format != FORMAT {
            return Err(err(format!(
                "format is '{}', expected '{FORMAT}'",
                raw.format
            )));
        }
        if raw.version != 1 && raw.version != VERSION {
            return Err(err(format!(
                "version {} is not supported (this build reads versions 1 and {VERSION})",
                raw.version
            )));
        }
        let model = NeuronModel::from_name(&raw.neuron_model)
            .filter(|m| raw.version > 1 || *m == NeuronModel::Adex)
            .ok_or_else(|| {
                err(format!(
                    "neuron_model is '{}', expected 'adex' or 'izhikevich' (version 1: 'adex')",
                    raw.neuron_model
                ))
            })?;
        if raw.version == 1 && (raw.fit.is_some() || raw.cells.exc.fit.is_some()) {
            return Err(err("a version 1 file has no 'fit' blocks".into()));
        }
        let factor = match raw.unit.as_str() {
            "mV" => 1.0,
            "V" => v_to_mv(1.0),
            other => return Err(err(format!("unit is '{other}', expected 'mV' or 'V'"))),
        };
        let cell = |which: &str, c: RawCell| -> Result<CellFit, Error> {
            let field = |e: serde_json::Error| err(format!("cells.{which}.neuron: {e}"));
            let neuron = match model {
                NeuronModel::Adex => {
                    CellNeuron::Adex(serde_json::from_value(c.neuron).map_err(field)?)
                }
                NeuronModel::Izhikevich => {
                    CellNeuron::Izhikevich(serde_json::from_value(c.neuron).map_err(field)?)
                }
            };
            Ok(CellFit {
                name: c.name,
                neuron,
                p: c.p.scaled(factor),
                fit: c.fit,
            })
        };
        let set = Self {
            id: raw.id,
            title: raw.title,
            source: raw.source,
            notes: raw.notes,
            neuron_model: model,
            norm: raw.normalisation,
            synapses: raw.synapses,
            in_degrees: raw.in_degrees,
            exc: cell("exc", raw.cells.exc)?,
            inh: cell("inh", raw.cells.inh)?,
            fit: raw.fit,
        };
        set.validate(&raw.unit).map_err(err)?;
        Ok(set)
    }

    /// The fit of population `pop`'s cell.
    #[must_use]
    pub fn cell(&self, pop: crate::neuron::Pop) -> &CellFit {
        match pop {
            crate::neuron::Pop::Exc => &self.exc,
            crate::neuron::Pop::Inh => &self.inh,
        }
    }

    /// The file text of this set (unit mV, format version [`VERSION`]); parsing it gives the set
    /// back.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut v = serde_json::json!({
            "format": FORMAT,
            "version": VERSION,
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "notes": self.notes,
            "neuron_model": self.neuron_model.name(),
            "unit": "mV",
            "normalisation": self.norm,
            "synapses": self.synapses,
            "in_degrees": self.in_degrees,
            "cells": { "exc": self.exc, "inh": self.inh },
        });
        if let (Some(fit), Some(obj)) = (&self.fit, v.as_object_mut()) {
            obj.insert("fit".into(), serde_json::json!(fit));
        }
        let mut text = serde_json::to_string_pretty(&v).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Loads one of the [`BUILTIN`] sets.
    ///
    /// # Errors
    /// When `id` is not a built-in set (or, impossibly, the embedded file is invalid).
    pub fn builtin(id: &str) -> Result<Self, Error> {
        let (_, _, _, text) = BUILTIN
            .iter()
            .find(|(name, _, _, _)| *name == id)
            .ok_or_else(|| Error::Coefficients {
                file: id.to_string(),
                reason: format!(
                    "no built-in set of that name (built-in: {})",
                    builtin_ids().join(", ")
                ),
            })?;
        Self::parse(&format!("{id}.json"), text)
    }

    fn validate(&self, unit: &str) -> Result<(), String> {
        for (cell, fit) in [("exc", &self.exc), ("inh", &self.inh)] {
            let p0 = fit.p.p0;
            let range = match self.neuron_model {
                NeuronModel::Adex => P0_RANGE_MV,
                NeuronModel::Izhikevich => P0_RANGE_IZH_MV,
            };
            let largest = fit.p.to_array().iter().fold(0.0_f64, |m, p| m.max(p.abs()));
            if !(range.0..=range.1).contains(&p0) || largest < 1.0 {
                return Err(format!(
                    "cells.{cell}.p.p0 is {} mV after reading it in '{unit}' (largest \
                     coefficient {} mV), not a plausible threshold polynomial (p0 from {} \
                     to {} mV, some coefficient above 1 mV); is the \"unit\" field right?",
                    format_number(p0),
                    format_number(largest),
                    range.0,
                    range.1
                ));
            }
            for (term, value) in super::threshold_poly::TERM_NAMES
                .iter()
                .zip(fit.p.to_array())
            {
                if !value.is_finite() {
                    return Err(format!("cells.{cell}.p.{term} is not a finite number"));
                }
            }
            let name = |f: &str| format!("cells.{cell}.neuron.{f}");
            match &fit.neuron {
                CellNeuron::Adex(n) => {
                    positive(&name("g_l_ns"), n.g_l_ns)?;
                    positive(&name("c_m_pf"), n.c_m_pf)?;
                    positive(&name("delta_t_mv"), n.delta_t_mv)?;
                    non_negative(&name("t_ref_ms"), n.t_ref_ms)?;
                    if n.v_reset_mv >= n.v_thr_mv + 5.0 * n.delta_t_mv {
                        return Err(format!(
                            "{} ({} mV) must lie below the spike cut V_T + 5 Δ_T",
                            name("v_reset_mv"),
                            format_number(n.v_reset_mv)
                        ));
                    }
                }
                CellNeuron::Izhikevich(n) => {
                    positive(&name("k_ns_per_mv"), n.k_ns_per_mv)?;
                    positive(&name("c_m_pf"), n.c_m_pf)?;
                    non_negative(&name("t_ref_ms"), n.t_ref_ms)?;
                    if n.v_reset_mv >= n.v_peak_mv {
                        return Err(format!(
                            "{} ({} mV) must lie below v_peak_mv ({} mV)",
                            name("v_reset_mv"),
                            format_number(n.v_reset_mv),
                            format_number(n.v_peak_mv)
                        ));
                    }
                }
            }
            if let Some(record) = &fit.fit {
                record.validate(&format!("cells.{cell}.fit"))?;
            }
        }
        let norm = &self.norm;
        for (name, v) in [
            ("normalisation.dmu_v0_mv", norm.dmu_v0_mv),
            ("normalisation.dsigma_v0_mv", norm.dsigma_v0_mv),
            ("normalisation.dtau_v0_n", norm.dtau_v0_n),
            ("synapses.tau_e_ms", self.synapses.tau_e_ms),
            ("synapses.tau_i_ms", self.synapses.tau_i_ms),
            ("in_degrees.k_e", self.in_degrees.k_e),
            ("in_degrees.k_i", self.in_degrees.k_i),
        ] {
            positive(name, v)?;
        }
        Ok(())
    }
}

fn non_negative(name: &str, v: f64) -> Result<(), String> {
    if v >= 0.0 && v.is_finite() {
        Ok(())
    } else {
        Err(format!(
            "{name} must be a number ≥ 0, got {}",
            format_number(v)
        ))
    }
}

fn positive(name: &str, v: f64) -> Result<(), String> {
    if v > 0.0 && v.is_finite() {
        Ok(())
    } else {
        Err(format!(
            "{name} must be a positive number, got {}",
            format_number(v)
        ))
    }
}

/// Ids of the built-in sets.
#[must_use]
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _, _, _)| *id).collect()
}
