//! `meanfield bifurcation … --two KEY2 --from2 A2 --to2 B2`: the two-parameter diagram of a
//! mean field (curves of folds and Hopf points, cusps, Bogdanov–Takens and Bautin points).

use super::args::Args;
use super::bifurcation::number;
use super::common::{model_coefficients, scenario, to_json_text, write_out};
use super::error::CliError;
use crate::analysis::curves::{two_parameter as compute, TwoDiagram, TwoSpec};
use crate::text::format_number;
use serde_json::{json, Map, Value};
use std::io::Write;

/// A point as an object with each parameter under its own key.
fn at(d: &TwoDiagram, p1: f64, p2: f64) -> Map<String, Value> {
    let mut o = Map::new();
    o.insert(d.x.key.clone(), json!(p1));
    o.insert(d.y.key.clone(), json!(p2));
    o
}

fn to_json(d: &TwoDiagram) -> Value {
    let curves: Vec<Value> = d
        .curves
        .iter()
        .map(|c| {
            let points: Vec<Value> = c
                .points
                .iter()
                .zip(&c.neutral)
                .zip(&c.r_hz)
                .map(|(((p1, p2), neutral), r)| {
                    let mut o = at(d, *p1, *p2);
                    o.insert("r_hz".into(), json!(r));
                    o.insert("neutral_saddle".into(), json!(neutral));
                    Value::Object(o)
                })
                .collect();
            json!({"type": c.kind, "points": points})
        })
        .collect();
    let points: Vec<Value> = d
        .special
        .iter()
        .map(|s| {
            let mut o = at(d, s.p1, s.p2);
            o.insert("type".into(), json!(s.kind.name()));
            o.insert("r_hz".into(), json!(s.r_hz));
            Value::Object(o)
        })
        .collect();
    json!({
        "param": d.x.key,
        "param2": d.y.key,
        "from": d.x.range.0,
        "to": d.x.range.1,
        "from2": d.y.range.0,
        "to2": d.y.range.1,
        "started_at": d.start_p2,
        "curves": curves,
        "points": points,
        "notes": d.notes,
    })
}

fn to_text(d: &TwoDiagram) -> String {
    let mut t = format!(
        "Two-parameter diagram in {} ({} to {}) and {} ({} to {}), started at {} = {}\n",
        d.x.key,
        format_number(d.x.range.0),
        format_number(d.x.range.1),
        d.y.key,
        format_number(d.y.range.0),
        format_number(d.y.range.1),
        d.y.key,
        format_number(d.start_p2)
    );
    t.push_str(&format!(
        "{:<16} {:>16} {:>16} {:>12}\n",
        "type",
        d.x.key,
        d.y.key,
        format!("{}_Hz", d.rate.0)
    ));
    for s in &d.special {
        t.push_str(&format!(
            "{:<16} {:>16.8} {:>16.8} {:>12.5}\n",
            s.kind.name(),
            s.p1,
            s.p2,
            s.r_hz
        ));
    }
    if d.special.is_empty() {
        t.push_str("(no cusp, Bogdanov-Takens or Bautin point in the range)\n");
    }
    for (k, c) in d.curves.iter().enumerate() {
        let range = |f: fn(&(f64, f64)) -> f64| {
            c.points
                .iter()
                .map(f)
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                    (a.min(v), b.max(v))
                })
        };
        let (a, b) = range(|p| p.0);
        let (c2, d2) = range(|p| p.1);
        let neutral = c.neutral.iter().filter(|n| **n).count();
        t.push_str(&format!(
            "curve {k} ({:?}, {} points{}): {} {}..{}, {} {}..{}\n",
            c.kind,
            c.points.len(),
            if neutral > 0 {
                format!(", {neutral} of them neutral saddles")
            } else {
                String::new()
            },
            d.x.key,
            format_number(a),
            format_number(b),
            d.y.key,
            format_number(c2),
            format_number(d2)
        ));
    }
    t
}

/// Computes and prints the two-parameter diagram (text, or JSON with `--json`).
pub(super) fn two_parameter(a: &Args, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    let key = a
        .param
        .clone()
        .ok_or_else(|| CliError::usage("bifurcation needs --param KEY"))?;
    let key2 = a
        .two
        .clone()
        .ok_or_else(|| CliError::usage("a two-parameter diagram needs --two KEY2"))?;
    let spec = TwoSpec {
        key,
        from: number("--from", a.from.as_deref())?,
        to: number("--to", a.to.as_deref())?,
        key2,
        from2: number("--from2", a.from2.as_deref())?,
        to2: number("--to2", a.to2.as_deref())?,
    };
    let s = scenario(a)?;
    let set = model_coefficients(a, &s)?;
    let d = compute(&s, set.as_ref(), &spec)?;
    let text = if a.json {
        to_json_text(&to_json(&d))?
    } else {
        to_text(&d)
    };
    write_out(out, &text)?;
    Ok(d.notes.clone())
}
