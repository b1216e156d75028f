//! Exports of the current scenario to the simulators a user moves to when the page is too
//! small: the spiking network as a standalone PyNEST or Brian2 script, the AdEx mean field as a
//! script for The Virtual Brain (TVB), and the exact mean fields as a PyRates script. Every
//! script is generated from the one [`Scenario`], carries its link, and writes its result in the
//! CSV format of `meanfield network` (networks) or `meanfield run` (mean fields), so the two can
//! be laid over each other.
//!
//! The generated text is deterministic: the same scenario gives the same bytes (golden-file
//! tests in `tests/export.rs`).

mod brian2;
mod nest;
pub mod py;
mod pyrates;
mod spec;
mod tvb;

pub use spec::{CellSpec, NetSpec};

use crate::scenario::{ModelKind, Scenario};
use crate::transfer::coefficients::CoefficientSet;
use crate::Error;

/// A simulator the scenario can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// PyNEST script of the AdEx network (`aeif_cond_exp`).
    Nest,
    /// Brian2 script of the AdEx or Izhikevich network.
    Brian2,
    /// TVB script of the AdEx mean field (`ZerlautAdaptationFirstOrder`/`SecondOrder`).
    Tvb,
    /// PyRates script of an exact mean field (QIF, QIF-SFA, Izhikevich).
    PyRates,
}

impl Target {
    /// Every target, in menu order.
    pub const ALL: [Self; 4] = [Self::Nest, Self::Brian2, Self::Tvb, Self::PyRates];

    /// Id used by `meanfield export --to` and the page.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Nest => "nest",
            Self::Brian2 => "brian2",
            Self::Tvb => "tvb",
            Self::PyRates => "pyrates",
        }
    }

    /// Parses a [`Target::name`].
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// What the export holds, for menus and messages.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Nest => "the spiking network as a PyNEST script (aeif_cond_exp)",
            Self::Brian2 => "the spiking network as a Brian2 script",
            Self::Tvb => "the AdEx mean field as a script for The Virtual Brain",
            Self::PyRates => "the exact mean field as a PyRates script",
        }
    }

    /// The models this target can take (the `exports` of their rows in the model registry).
    #[must_use]
    pub fn models(self) -> Vec<ModelKind> {
        crate::scenario::MODELS
            .iter()
            .filter(|m| m.exports.contains(&self.name()))
            .map(|m| m.kind)
            .collect()
    }

    /// Why `model` cannot be exported here, or `None` when it can.
    #[must_use]
    pub fn unavailable(self, model: ModelKind) -> Option<String> {
        if self.models().contains(&model) {
            return None;
        }
        let names: Vec<_> = self.models().iter().map(|m| m.name()).collect();
        let why = match self {
            Self::Nest => {
                "NEST's built-in aeif_cond_exp is the AdEx cell; the other networks need \
                 custom neuron models (NESTML). Use the Brian2 export for the Izhikevich network"
            }
            Self::Brian2 => {
                "the Brian2 export covers the conductance-based E/I networks; the exact \
                 families export their mean field to PyRates"
            }
            Self::Tvb => "TVB's Zerlaut model is the AdEx mean field",
            Self::PyRates => {
                "PyRates' templates are the exact (Lorentzian) mean fields; the conductance \
                 models export to TVB (AdEx) or their network to NEST/Brian2"
            }
        };
        Some(format!(
            "the {} export takes the models {} only ({why})",
            self.name(),
            names.join(", ")
        ))
    }
}

/// A generated script.
#[derive(Clone, Debug, PartialEq)]
pub struct Export {
    /// The script's text.
    pub text: String,
    /// A file name for it.
    pub file_name: String,
    /// What does not carry over exactly (also written into the script's header).
    pub warnings: Vec<String>,
}

/// Exports `s` to `target`. The TVB export needs the coefficient set of the scenario.
///
/// # Errors
/// A model the target cannot take, parameters that make no network, or a TVB export without
/// an AdEx coefficient set.
pub fn export(
    s: &Scenario,
    target: Target,
    coeffs: Option<&CoefficientSet>,
) -> Result<Export, Error> {
    if let Some(why) = target.unavailable(s.model) {
        return Err(Error::Usage(why));
    }
    let (text, warnings) = match target {
        Target::Nest => nest::script(&NetSpec::new(s)?),
        Target::Brian2 => brian2::script(&NetSpec::new(s)?),
        Target::Tvb => {
            let set = coeffs.ok_or_else(|| {
                Error::Usage("the TVB export needs the scenario's coefficient set".into())
            })?;
            tvb::script(s, set)?
        }
        Target::PyRates => pyrates::script(s)?,
    };
    let file_name = format!("meanfield-{}-{}.py", s.model.name(), target.name());
    Ok(Export {
        text: text.replace("THIS_FILE.py", &file_name),
        file_name,
        warnings,
    })
}
