//! The scenario as JSON: the flat {key: value} export and import, and the description of every
//! key that the page builds its controls from and `meanfield list --json` prints.

use super::defaults::Scenario;
use super::link::LINK_VERSION;
use super::schema::{Domain, Notice, OutOfRange};
use super::table::{set, specs};
use crate::Error;

/// The scenario as a flat JSON object {key: value}, every key (the JSON export format).
#[must_use]
pub fn to_json(s: &Scenario) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = specs()
        .iter()
        .map(|spec| (spec.key.to_string(), spec.json_value(s)))
        .collect();
    serde_json::Value::Object(map)
}

/// Applies a flat JSON object {key: value} (numbers or strings) on top of `s`.
///
/// # Errors
/// The first key that is unknown or whose value cannot be used, or a value of the wrong kind.
pub fn apply_json(
    s: &mut Scenario,
    value: &serde_json::Value,
    policy: OutOfRange,
) -> Result<Vec<Notice>, Error> {
    let obj = value
        .as_object()
        .ok_or_else(|| Error::Usage("a scenario must be a JSON object of key: value".into()))?;
    let mut notices = Vec::new();
    // The model first: choosing a model starts from its defaults.
    let mut entries: Vec<_> = obj.iter().collect();
    entries.sort_by_key(|(k, _)| *k != "model");
    if let Some(text) = obj.get("model").and_then(serde_json::Value::as_str) {
        set(s, "model", text, policy)?;
    }
    // Migration: an export of a conductance model from before its diagrams (issue 20) holds
    // the exact families' diagram keys (bif_x = qif_eta, 0 to 1): the model's own are kept.
    let legacy_diagram = s.model.family().is_none()
        && obj
            .get("bif_x")
            .and_then(serde_json::Value::as_str)
            .is_some_and(|k| !super::table::diagram_options(s).iter().any(|(o, _)| o == k));
    if legacy_diagram {
        entries.retain(|(k, _)| !k.starts_with("bif_"));
        notices.push(Notice {
            key: "bif_x".into(),
            message: "The file's diagram keys (bif_*) are those of the exact families, as exports wrote them before the conductance models had diagrams; the model's own are used.".into(),
        });
    }
    for (key, v) in entries {
        let text = match v {
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::String(t) => t.clone(),
            other => return Err(Error::invalid(key, other, "expected a number or a string")),
        };
        if let Some(n) = set(s, key, &text, policy)? {
            notices.push(n);
        }
    }
    Ok(notices)
}

/// Every key with its label, unit, group, documentation, domain, default, current value and
/// whether it matters for `s`: what the page builds its controls from and `meanfield list
/// --json` prints.
#[must_use]
pub fn describe(s: &Scenario) -> serde_json::Value {
    let defaults = Scenario::for_model(s.model);
    let params: Vec<serde_json::Value> = specs()
        .iter()
        .map(|spec| {
            let unit = match (spec.key, s.lorentz()) {
                ("stim_amp", Some(mf)) => mf.current_unit(),
                _ => spec.unit,
            };
            let mut o = serde_json::json!({
                "key": spec.key,
                "label": spec.label,
                "unit": unit,
                "group": spec.group,
                "doc": spec.doc,
                "advanced": spec.advanced,
                "default": spec.json_value(&defaults),
                "value": spec.json_value(s),
                "relevant": spec.relevant(s),
            });
            let extra = match spec.domain {
                Domain::Real { min, max, step } => serde_json::json!({"kind": "real", "min": min, "max": max, "step": step}),
                Domain::Int { min, max } => serde_json::json!({"kind": "int", "min": min, "max": max, "step": 1}),
                Domain::Choice => serde_json::json!({
                    "kind": "choice",
                    "options": spec.options(s).into_iter().map(|(value, label)| serde_json::json!({"value": value, "label": label})).collect::<Vec<_>>(),
                }),
            };
            if let (Some(o), Some(extra)) = (o.as_object_mut(), extra.as_object()) {
                o.extend(extra.clone());
            }
            o
        })
        .collect();
    serde_json::json!({ "link_version": LINK_VERSION, "params": params })
}
