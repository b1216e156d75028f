//! What every command of `meanfield` shares: the scenario from the command line, its
//! coefficient set, writing the output.

use super::args::Args;
use super::error::CliError;
use crate::scenario::{self, OutOfRange};
use crate::scenario::{ModelKind, Scenario};
use crate::transfer::CoefficientSet;
use std::io::Write;

/// Writes `text` to `out`.
pub(super) fn write_out(out: &mut impl Write, text: &str) -> Result<Vec<String>, CliError> {
    out.write_all(text.as_bytes())
        .map_err(|e| CliError::failed(format!("cannot write output: {e}")))?;
    Ok(Vec::new())
}

/// The scenario from `--model`, `--set` and `--duration-ms` (strict ranges).
pub(super) fn scenario(a: &Args) -> Result<Scenario, CliError> {
    let mut s = Scenario::default();
    if let Some(m) = &a.model {
        let model = ModelKind::from_name(m).ok_or_else(|| {
            let names: Vec<_> = ModelKind::ALL.iter().map(|m| m.name()).collect();
            CliError::usage(format!(
                "unknown model '{m}' (models: {})",
                names.join(", ")
            ))
        })?;
        s = Scenario::for_model(model);
    }
    // `model` first: choosing a model starts from its defaults.
    let (models, rest): (Vec<_>, Vec<_>) = a.sets.iter().partition(|(k, _)| k == "model");
    for (k, v) in models.into_iter().chain(rest) {
        scenario::set(&mut s, k, v, OutOfRange::Reject)?;
    }
    if let Some(d) = &a.duration_ms {
        scenario::set(&mut s, "duration", d, OutOfRange::Reject)?;
    }
    if let Some(seed) = &a.seed {
        scenario::set(&mut s, "seed", seed, OutOfRange::Reject)?;
    }
    Ok(s)
}

/// The coefficient set of `s` (or of `--coeffs-file`), refitted first for `coeffs=refit`.
pub(super) fn coefficients(a: &Args, s: &Scenario) -> Result<CoefficientSet, CliError> {
    match &a.coeffs_file {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                CliError::usage(format!("cannot read coefficient file '{path}': {e}"))
            })?;
            Ok(CoefficientSet::parse(path, &text)?)
        }
        None => match s.coeffs() {
            Some(crate::scenario::REFIT) => {
                let mut fitter = crate::fit::Fitter::new(s.refit_inputs())?;
                fitter.run_all();
                fitter.finish().map_err(|e| CliError::failed(e.to_string()))
            }
            Some(id) => Ok(CoefficientSet::builtin(id)?),
            None => Err(CliError::usage(format!(
                "the {} model has no transfer function (it is an exact mean field)",
                s.model.name()
            ))),
        },
    }
}

/// The transfer function of a conductance model (`None` for an exact family, which has none).
pub(super) fn model_coefficients(
    a: &Args,
    s: &Scenario,
) -> Result<Option<CoefficientSet>, CliError> {
    match s.model.family() {
        Some(_) => Ok(None),
        None => coefficients(a, s).map(Some),
    }
}

/// `v` as pretty JSON text with a final newline.
pub(super) fn to_json_text(v: &serde_json::Value) -> Result<String, CliError> {
    serde_json::to_string_pretty(v)
        .map(|t| t + "\n")
        .map_err(|e| CliError::failed(e.to_string()))
}
