//! Transfer-function coefficient files: the JSON the page loads from `www/data/` and the CLI
//! embeds. Each coefficient is named by its term; the file states its unit, the normalisation
//! constants, the cell and synapse parameters the fit was made for, and its source.
//!
//! Format (version 1):
//! ```json
//! { "format": "meanfield-explorer/tf-coefficients", "version": 1, "id": "…", "title": "…",
//!   "source": "…", "neuron_model": "adex", "unit": "V" | "mV",
//!   "normalisation": { "mu_v0_mv": -60, … },
//!   "synapses": { "q_e_ns": 1.5, "q_i_ns": 5, "tau_e_ms": 5, "tau_i_ms": 5, "e_e_mv": 0,
//!                 "e_i_mv": -80 },
//!   "in_degrees": { "k_e": 400, "k_i": 100 },
//!   "cells": { "exc": { "name": "RS", "neuron": { "g_l_ns": 10, … }, "p": { "p0": …, … } },
//!              "inh": { … } } }
//! ```

use super::{InDegrees, Normalisation, Synapses, ThresholdPoly};
use crate::units::v_to_mv;
use crate::Error;
use serde::{Deserialize, Serialize};

/// The `format` string every coefficient file carries.
pub const FORMAT: &str = "meanfield-explorer/tf-coefficients";
/// The file-format version this build reads.
pub const VERSION: u32 = 1;
/// Plausible range of the constant term P0 [mV]: outside it the unit is almost surely wrong.
const P0_RANGE_MV: (f64, f64) = (-90.0, -20.0);

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

/// One cell type's fit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellFit {
    /// Cell-type name (e.g. "RS").
    pub name: String,
    /// Neuron parameters of the fit.
    pub neuron: FitNeuron,
    /// Threshold polynomial, in the file's unit until [`CoefficientSet::parse`] converts it to mV.
    pub p: ThresholdPoly,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cells {
    exc: CellFit,
    inh: CellFit,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV1 {
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
}

/// The coefficient sets shipped in `www/data/`, embedded so the CLI and a page whose fetch failed
/// still have them: (id, JSON text).
pub const BUILTIN: [(&str, &str); 2] = [
    (
        "divolo2019-code",
        include_str!("../../../www/data/divolo2019-code.json"),
    ),
    (
        "divolo2019-table1",
        include_str!("../../../www/data/divolo2019-table1.json"),
    ),
];

/// The default coefficient set id.
pub const DEFAULT_ID: &str = "divolo2019-code";

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
        let raw: FileV1 = serde_json::from_str(text).map_err(|e| err(e.to_string()))?;
        if raw.format != FORMAT {
            return Err(err(format!(
                "format is '{}', expected '{FORMAT}'",
                raw.format
            )));
        }
        if raw.version != VERSION {
            return Err(err(format!(
                "version {} is not supported (this build reads version {VERSION})",
                raw.version
            )));
        }
        if raw.neuron_model != "adex" {
            return Err(err(format!(
                "neuron_model is '{}', expected 'adex'",
                raw.neuron_model
            )));
        }
        let factor = match raw.unit.as_str() {
            "mV" => 1.0,
            "V" => v_to_mv(1.0),
            other => return Err(err(format!("unit is '{other}', expected 'mV' or 'V'"))),
        };
        let mut set = Self {
            id: raw.id,
            title: raw.title,
            source: raw.source,
            notes: raw.notes,
            norm: raw.normalisation,
            synapses: raw.synapses,
            in_degrees: raw.in_degrees,
            exc: raw.cells.exc,
            inh: raw.cells.inh,
        };
        set.exc.p = set.exc.p.scaled(factor);
        set.inh.p = set.inh.p.scaled(factor);
        set.validate(&raw.unit).map_err(err)?;
        Ok(set)
    }

    /// Loads one of the [`BUILTIN`] sets.
    ///
    /// # Errors
    /// When `id` is not a built-in set (or, impossibly, the embedded file is invalid).
    pub fn builtin(id: &str) -> Result<Self, Error> {
        let (_, text) = BUILTIN
            .iter()
            .find(|(name, _)| *name == id)
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
            if !(P0_RANGE_MV.0..=P0_RANGE_MV.1).contains(&p0) {
                return Err(format!(
                    "cells.{cell}.p.p0 is {p0} mV after reading it in '{unit}', not a plausible \
                     threshold ({} to {} mV); is the \"unit\" field right?",
                    P0_RANGE_MV.0, P0_RANGE_MV.1
                ));
            }
            let n = &fit.neuron;
            positive(&format!("cells.{cell}.neuron.g_l_ns"), n.g_l_ns)?;
            positive(&format!("cells.{cell}.neuron.c_m_pf"), n.c_m_pf)?;
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

fn positive(name: &str, v: f64) -> Result<(), String> {
    if v > 0.0 && v.is_finite() {
        Ok(())
    } else {
        Err(format!("{name} must be a positive number, got {v}"))
    }
}

/// Ids of the built-in sets.
#[must_use]
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}
