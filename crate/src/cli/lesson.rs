//! `meanfield lesson`: the page's lessons, listed, or one checked headlessly step by step on
//! the runs the page makes (the CLI and the tests run the same checks as the page).

use super::args::Args;
use super::common::{to_json_text, write_out};
use super::error::CliError;
use crate::app::lessons::check_lesson;
use crate::scenario::lessons::{lesson, LESSONS};
use serde_json::json;
use std::io::Write;

/// Lists the lessons, or with `--check ID` runs every step of one and reports its checks;
/// fails (exit 1) when a check is not met.
pub(super) fn lesson_command(a: &Args, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    let Some(id) = &a.check else {
        let text = if a.json {
            to_json_text(&json!(LESSONS
                .iter()
                .map(|l| json!({"id": l.id, "title": l.title, "figure": l.figure, "example": l.example, "steps": l.steps.len()}))
                .collect::<Vec<_>>()))?
        } else {
            LESSONS
                .iter()
                .map(|l| {
                    format!(
                        "{:16} {} ({}; {} steps)\n",
                        l.id,
                        l.title,
                        l.figure,
                        l.steps.len()
                    )
                })
                .collect()
        };
        return write_out(out, &text);
    };
    let l = lesson(id).ok_or_else(|| {
        let ids: Vec<&str> = LESSONS.iter().map(|l| l.id).collect();
        CliError::usage(format!(
            "unknown lesson '{id}' (lessons: {})",
            ids.join(", ")
        ))
    })?;
    let seed = match &a.seed {
        Some(s) => s
            .parse()
            .map_err(|_| CliError::usage(format!("--seed '{s}' is not a whole number")))?,
        None => 1,
    };
    let reports = check_lesson(l, seed)?;
    let text = if a.json {
        to_json_text(&json!({"lesson": l.id, "steps": reports}))?
    } else {
        let mut t = format!("{}: {} ({})\n", l.id, l.title, l.figure);
        for r in &reports {
            let value = r
                .value
                .map_or("not reached".into(), |v| format!("{v:.4} Hz"));
            t.push_str(&format!(
                "step {}/{}: {}\n  check: {}; measured {value}: {}\n",
                r.step,
                reports.len(),
                r.text,
                r.check,
                if r.done { "done" } else { "NOT MET" }
            ));
        }
        t
    };
    write_out(out, &text)?;
    let failed: Vec<String> = reports
        .iter()
        .filter(|r| !r.done)
        .map(|r| r.step.to_string())
        .collect();
    if failed.is_empty() {
        Ok(Vec::new())
    } else {
        Err(CliError::failed(format!(
            "lesson '{}': the check of step {} is not met",
            l.id,
            failed.join(", ")
        )))
    }
}
