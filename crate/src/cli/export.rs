//! `meanfield export`: the scenario as a script for NEST, Brian2, TVB or PyRates.

use super::args::Args;
use super::common::{coefficients, scenario, write_out};
use super::error::CliError;
use crate::export::{self, Target};
use crate::scenario;
use crate::scenario::Scenario;
use std::io::Write;

/// The scenario of `--link` (a page link or its query) with `--set` on top, or of the usual
/// options. A link key that cannot be used is an error here, not a notice.
fn scenario_of(a: &Args) -> Result<Scenario, CliError> {
    let Some(link) = &a.link else {
        return scenario(a);
    };
    let query = link.split_once('?').map_or(link.as_str(), |(_, q)| q);
    let mut s = Scenario::default();
    if let Some(n) = scenario::apply_link(&mut s, query).into_iter().next() {
        return Err(CliError::usage(format!("--link: {}", n.message)));
    }
    for (k, v) in &a.sets {
        scenario::set(&mut s, k, v, scenario::OutOfRange::Reject)?;
    }
    Ok(s)
}

pub(super) fn export(a: &Args, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    let names: Vec<_> = Target::ALL.iter().map(|t| t.name()).collect();
    let target = match a.to.as_deref() {
        Some(t) => Target::from_name(t).ok_or_else(|| {
            CliError::usage(format!(
                "unknown export target '{t}' (targets: {})",
                names.join(", ")
            ))
        })?,
        None => {
            return Err(CliError::usage(format!(
                "export needs --to {}",
                names.join("|")
            )))
        }
    };
    let s = scenario_of(a)?;
    let set = if target == Target::Tvb && s.coeffs().is_some() {
        Some(coefficients(a, &s)?)
    } else {
        None
    };
    let e = export::export(&s, target, set.as_ref())?;
    match &a.out {
        Some(path) => std::fs::write(path, &e.text)
            .map_err(|err| CliError::failed(format!("cannot write '{path}': {err}")))?,
        None => {
            write_out(out, &e.text)?;
        }
    }
    Ok(e.warnings)
}
