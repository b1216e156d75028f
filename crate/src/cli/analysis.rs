//! `meanfield analysis`: the page's analysis jobs, run to the end.

use super::args::Args;
use super::common::{model_coefficients, scenario, to_json_text, write_out};
use super::error::CliError;
use crate::analysis::Job;
use crate::app::csv::analysis_csv;
use crate::app::{keys, Session};
use crate::scenario::{self as sc, AnalysisKind, OutOfRange};
use serde_json::json;
use std::io::Write;

/// Runs the analysis `--kind` of the scenario to the end; failed points go to stderr.
pub(super) fn analysis(a: &Args, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    let names: Vec<&str> = AnalysisKind::ALL.iter().map(|k| k.name()).collect();
    let kind = match a.kind.as_deref() {
        None => {
            return Err(CliError::usage(format!(
                "analysis needs --kind ({}, or map for bistability)",
                names.join(", ")
            )))
        }
        Some("map") => AnalysisKind::Map,
        Some(k) => AnalysisKind::from_name(k).ok_or_else(|| {
            CliError::usage(format!(
                "unknown --kind '{k}' (kinds: {}, map)",
                names.join(", ")
            ))
        })?,
    };
    let mut s = scenario(a)?;
    s.analysis.kind = kind;
    let set = model_coefficients(a, &s)?;
    let mut job = Job::with_policy(&s, set.as_ref(), OutOfRange::Reject)?;
    job.run_to_end();
    // The page's words for the result, from the same session code.
    let mut session = Session::new()?;
    session.apply_query(&sc::to_link(&s));
    session.hold_analysis(
        &keys::analysis(&s, set.as_ref()),
        job.result().clone(),
        job.failures().to_vec(),
        job.notices().to_vec(),
    );
    let summary = session.analysis_summary();
    let text = if a.json {
        to_json_text(&json!({
            "kind": kind.name(),
            "scenario": sc::to_json(&s),
            "result": job.result(),
            "failures": job.failures(),
            "summary": summary,
        }))?
    } else {
        analysis_csv(job.result())
    };
    write_out(out, &text)?;
    // Points that could not be computed are left out of the result: say which.
    Ok(job.failures().to_vec())
}
