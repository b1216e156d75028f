//! `meanfield bifurcation`: the one-parameter bifurcation diagram of a mean field.

use super::args::Args;
use super::common::{model_coefficients, scenario, to_json_text, write_out};
use super::error::CliError;
use crate::analysis::bifurcation::{diagram, Diagram, DiagramSpec, DiagramSpecial};
use crate::text::format_number;
use serde_json::{json, Map, Value};
use std::io::Write;

/// The number given for `option` (a usage error when missing or not finite).
pub(super) fn number(option: &str, text: Option<&str>) -> Result<f64, CliError> {
    let text = text.ok_or_else(|| CliError::usage(format!("bifurcation needs {option}")))?;
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| CliError::usage(format!("{option} expects a finite number, got '{text}'")))
}

/// The state as an object of the diagram's variables.
fn state(d: &Diagram, x: &[f64]) -> Value {
    let mut m = Map::new();
    for (v, x) in d.vars.iter().zip(x) {
        let key = if v.key == "r" { "r_hz" } else { v.key.as_str() };
        m.insert(key.into(), json!(x));
    }
    Value::Object(m)
}

/// The diagram as JSON: branches of points and the list of special points, each with its
/// parameter value under the parameter's own key.
fn to_json(d: &Diagram) -> Value {
    let branches: Vec<Value> = d
        .branches
        .iter()
        .map(|b| {
            let points: Vec<Value> = b
                .points
                .iter()
                .map(|q| {
                    let mut o = Map::new();
                    o.insert(d.key.clone(), json!(q.p));
                    o.insert("state".into(), state(d, &q.x));
                    o.insert("stable".into(), json!(q.stable));
                    o.insert("unstable_dims".into(), json!(q.unstable_dims));
                    o.insert(
                        "eigenvalues_per_ms".into(),
                        json!(q.eigen.iter().map(|(re, im)| [re, im]).collect::<Vec<_>>()),
                    );
                    Value::Object(o)
                })
                .collect();
            json!({"end": b.end, "points": points})
        })
        .collect();
    let points: Vec<Value> = d
        .special
        .iter()
        .map(|s| {
            let mut o = Map::new();
            o.insert("type".into(), json!(s.kind.name()));
            o.insert(d.key.clone(), json!(s.p));
            o.insert("state".into(), state(d, &s.x));
            o.insert("branch".into(), json!(s.branch));
            if let Some(f) = s.frequency_hz {
                o.insert("frequency_hz".into(), json!(f));
            }
            if let Some(t) = s.period_ms {
                o.insert("period_ms".into(), json!(t));
            }
            if let (Some(lo), Some(hi)) = (&s.min, &s.max) {
                o.insert("min".into(), state(d, lo));
                o.insert("max".into(), state(d, hi));
            }
            if let Some(l1) = s.l1 {
                o.insert("first_lyapunov".into(), json!(l1));
                o.insert(
                    "criticality".into(),
                    json!(if l1 < 0.0 {
                        "supercritical"
                    } else {
                        "subcritical"
                    }),
                );
            }
            Value::Object(o)
        })
        .collect();
    let cycles: Vec<Value> = d
        .cycles
        .iter()
        .map(|c| {
            let points: Vec<Value> = c
                .points
                .iter()
                .map(|q| {
                    let mut o = Map::new();
                    o.insert(d.key.clone(), json!(q.p));
                    o.insert("period_ms".into(), json!(q.period_ms));
                    o.insert("min".into(), state(d, &q.min));
                    o.insert("max".into(), state(d, &q.max));
                    o.insert("stable".into(), json!(q.stable));
                    o.insert(
                        "floquet_multipliers".into(),
                        json!(q
                            .multipliers
                            .iter()
                            .map(|(re, im)| [re, im])
                            .collect::<Vec<_>>()),
                    );
                    Value::Object(o)
                })
                .collect();
            json!({"hopf": c.hopf_p, "end": c.end, "points": points})
        })
        .collect();
    json!({
        "param": d.key,
        "label": d.label,
        "unit": d.unit,
        "from": d.from,
        "to": d.to,
        "current": d.current,
        "variables": d.vars,
        "branches": branches,
        "cycles": cycles,
        "points": points,
        "neutral_saddles": d.neutral_saddles,
        "notes": d.notes,
    })
}

/// Whether a special point is one of a branch of equilibria (not of cycles).
fn equilibria(s: &&DiagramSpecial) -> bool {
    s.period_ms.is_none()
}

/// The special points as a table, then the stability along each branch, then the cycle
/// branches with their special points.
fn to_text(d: &Diagram) -> String {
    let unit = if d.unit.is_empty() {
        String::new()
    } else {
        format!(" [{}]", d.unit)
    };
    let mut t = format!(
        "Bifurcation diagram in {}{unit} from {} to {}\n",
        d.key,
        format_number(d.from),
        format_number(d.to)
    );
    t.push_str(&format!(
        "{:<6} {:>16} {:>14} {:>14} {:>15}\n",
        "type",
        d.key,
        format!("{}_Hz", d.vars.first().map_or("r", |v| v.key.as_str())),
        "frequency_Hz",
        "first_lyapunov"
    ));
    for s in d.special.iter().filter(equilibria) {
        t.push_str(&format!(
            "{:<6} {:>16.10} {:>14.6} {:>14} {:>15}\n",
            s.kind.name(),
            s.p,
            s.x[0],
            s.frequency_hz.map_or("-".into(), |f| format!("{f:.6}")),
            s.l1.map_or("-".into(), |l| format!("{l:.4e}")),
        ));
    }
    if !d.special.iter().any(|s| equilibria(&s)) {
        t.push_str("(no fold or Hopf point in the range)\n");
    }
    for (k, b) in d.branches.iter().enumerate() {
        t.push_str(&format!(
            "branch {k} ({} points, ends: {}):",
            b.points.len(),
            b.end
        ));
        // Runs of equal stability.
        let mut start = 0;
        for i in 1..=b.points.len() {
            if i == b.points.len() || b.points[i].stable != b.points[start].stable {
                t.push_str(&format!(
                    " {} {}..{};",
                    if b.points[start].stable {
                        "stable"
                    } else {
                        "unstable"
                    },
                    format_number(b.points[start].p),
                    format_number(b.points[i - 1].p)
                ));
                start = i;
            }
        }
        t.push('\n');
    }
    for (k, c) in d.cycles.iter().enumerate() {
        let (lo, hi) = c
            .points
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), q| {
                (l.min(q.period_ms), h.max(q.period_ms))
            });
        let stable = c.points.iter().filter(|q| q.stable).count();
        t.push_str(&format!(
            "cycles {k} from the Hopf point at {} ({} orbits, ends: {}): period {}..{} ms, {} stable\n",
            format_number(c.hopf_p),
            c.points.len(),
            c.end,
            format_number(lo),
            format_number(hi),
            stable
        ));
        for s in d
            .special
            .iter()
            .filter(|s| s.period_ms.is_some() && s.branch == k)
        {
            t.push_str(&format!(
                "  {:<15} {} = {:.10}, period {:.6} ms, r {:.6}..{:.6} Hz\n",
                s.kind.name(),
                d.key,
                s.p,
                s.period_ms.unwrap_or(f64::NAN),
                s.min.as_ref().map_or(f64::NAN, |m| m[0]),
                s.max.as_ref().map_or(f64::NAN, |m| m[0]),
            ));
        }
    }
    t
}

/// Runs the continuation and prints the diagram (text, or JSON with `--json`).
pub(super) fn bifurcation(a: &Args, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    let key = a
        .param
        .clone()
        .ok_or_else(|| CliError::usage("bifurcation needs --param KEY"))?;
    let from = number("--from", a.from.as_deref())?;
    let to = number("--to", a.to.as_deref())?;
    let s = scenario(a)?;
    let set = model_coefficients(a, &s)?;
    let d = diagram(&s, set.as_ref(), &DiagramSpec { key, from, to })?;
    let text = if a.json {
        to_json_text(&to_json(&d))?
    } else {
        to_text(&d)
    };
    write_out(out, &text)?;
    Ok(d.notes.clone())
}
