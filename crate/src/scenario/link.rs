//! The link: a scenario as a URL query holding the format version and only the keys that differ
//! from the model's defaults, and back. Reading a link never fails: what cannot be used is
//! reported as a [`Notice`] and left at its default.

use super::defaults::Scenario;
use super::kind::ModelKind;
use super::schema::{Notice, OutOfRange};
use super::table::{pairs, set, specs};
use crate::error::shorten;
use crate::Error;

/// Version of the link (query string) format, written as `v=`.
///
/// History: version 1 (issues 2–3) had `divolo2019-code` as the default `coeffs`; version 2 makes
/// the project's own fit (`meanfield-fit-adex`) the default, so a version-1 link without `coeffs`
/// is read with `coeffs=divolo2019-code` and shows what it showed then.
pub const LINK_VERSION: u32 = 2;

/// The link key that asks for the chromeless embedded layout; the page reads it, the scenario
/// ignores it.
pub const EMBED_KEY: &str = "embed";

/// The link key of a pinned run: the link query of the pinned scenario read on top of the
/// current one (percent-encoded), e.g. `pin=b_e%3D0` for the same run with b = 0 pA.
pub const PIN_KEY: &str = "pin";

/// The link key naming the embed's sliders (`controls=b_e,nu_drive`).
pub const CONTROLS_KEY: &str = "controls";

/// Link keys that belong to the page, not the scenario: the embedded layout and its sliders,
/// the pinned run (the session reads it), and the randomized UI test (`fuzz` = number of
/// random actions, `fuzz_seed` = its seed).
pub const PAGE_KEYS: [&str; 5] = [EMBED_KEY, CONTROLS_KEY, PIN_KEY, "fuzz", "fuzz_seed"];

/// The link query (without `?`) for `s`: the version, then only the keys that differ from the
/// defaults.
#[must_use]
pub fn to_query(s: &Scenario) -> String {
    let mut q = format!("v={LINK_VERSION}");
    for (k, v) in pairs(s, true) {
        q.push('&');
        q.push_str(k);
        q.push('=');
        q.push_str(&percent_encode(&v));
    }
    q
}

/// The link query for `s` to be read on top of `base` (a lesson's scenario at its step): the
/// version, the model when it is not `adex`, then the keys of `s`'s model whose values differ
/// from `base`'s, the lesson and its step included. Read back on top of `base` it gives `s`.
#[must_use]
pub fn to_query_against(s: &Scenario, base: &Scenario) -> String {
    let mut q = format!("v={LINK_VERSION}");
    for spec in specs().iter().filter(|spec| spec.belongs_to(s.model)) {
        let value = spec.get(s);
        let write = match spec.key {
            "model" => s.model != ModelKind::Adex,
            // What the link is read against.
            "lesson" | "step" => true,
            _ => value != spec.get(base),
        };
        if write {
            q.push('&');
            q.push_str(spec.key);
            q.push('=');
            q.push_str(&percent_encode(&value));
        }
    }
    q
}

/// The keys of `s`'s model whose values differ from `base`'s, as a query without version
/// (what turns `base` into `s`; "" when they are the same). `lesson` and `step` are left out.
#[must_use]
pub fn diff_query(s: &Scenario, base: &Scenario) -> String {
    specs()
        .iter()
        .filter(|spec| spec.belongs_to(s.model) && !["model", "lesson", "step"].contains(&spec.key))
        .filter_map(|spec| {
            let value = spec.get(s);
            (value != spec.get(base)).then(|| format!("{}={}", spec.key, percent_encode(&value)))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The last value of `key` in link `query` (decoded), if it is there.
#[must_use]
pub fn query_value(query: &str, key: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .filter(|(k, _)| percent_decode(k) == key)
        .map(|(_, v)| percent_decode(v))
        .next_back()
}

/// `key=value` for a link, the value percent-encoded.
#[must_use]
pub fn query_pair(key: &str, value: &str) -> String {
    format!("{key}={}", percent_encode(value))
}

/// Applies a link query (with or without the leading `?`) on top of `s`. Never fails: every
/// key that cannot be used is reported as a [`Notice`] and leaves the value as it was.
pub fn apply_query(s: &mut Scenario, query: &str) -> Vec<Notice> {
    let mut notices = Vec::new();
    let query = query.strip_prefix('?').unwrap_or(query);
    let version = query_value(query, "v");
    // The model first: a link is read relative to its model's defaults.
    let model = query_value(query, "model");
    if let Some(m) = model.as_deref().and_then(ModelKind::from_name) {
        if m != s.model {
            let seed = s.seed;
            *s = Scenario::for_model(m);
            s.seed = seed;
        }
    }
    if version.as_deref() == Some("1") {
        // Migration 1 → 2: the default coefficient set changed.
        s.adex.coeffs = "divolo2019-code".into();
    }
    let mut seen: Vec<String> = Vec::new();
    // The run's length and step limit each other (the steps of one run): set after the rest,
    // in whichever order makes both usable.
    let mut coupled: Vec<(String, String)> = Vec::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = part.split_once('=').unwrap_or((part, ""));
        let key = percent_decode(raw_key);
        let value = percent_decode(raw_value);
        let shown = shorten(&value);
        if key == "v" {
            if value != LINK_VERSION.to_string() && value != "1" {
                notices.push(Notice {
                    key: "v".into(),
                    message: format!("This link has format version '{shown}'; it was read as version {LINK_VERSION}."),
                });
            }
            continue;
        }
        if seen.contains(&key) {
            notices.push(Notice {
                key: key.clone(),
                message: format!(
                    "'{}' appears more than once in the link; the last value counts.",
                    shorten(&key)
                ),
            });
        }
        seen.push(key.clone());
        if PAGE_KEYS.contains(&key.as_str()) {
            continue; // the page's presentation or test mode, not the scenario
        }
        if key == "model" && ModelKind::from_name(&value).is_some() {
            continue; // applied first
        }
        if COUPLED.contains(&key.as_str()) {
            coupled.retain(|(k, _)| *k != key);
            coupled.push((key, value));
            continue;
        }
        apply_pair(s, &key, &value, &mut notices);
    }
    let in_order = |s: &mut Scenario, pairs: &mut dyn Iterator<Item = &(String, String)>| {
        let mut n = Vec::new();
        for (k, v) in pairs {
            apply_pair(s, k, v, &mut n);
        }
        n
    };
    let (mut forward, mut backward) = (s.clone(), s.clone());
    let first = in_order(&mut forward, &mut coupled.iter());
    if first.is_empty() {
        *s = forward;
    } else {
        let second = in_order(&mut backward, &mut coupled.iter().rev());
        if second.is_empty() {
            *s = backward;
        } else {
            *s = forward;
            notices.extend(first);
        }
    }
    notices
}

/// Keys whose values limit each other: the run's length and the mean field's step.
const COUPLED: [&str; 2] = ["duration", "dt_mf"];

/// Sets `key` to `value` on `s`, or adds the notice of why not.
fn apply_pair(s: &mut Scenario, key: &str, value: &str, notices: &mut Vec<Notice>) {
    match set(s, key, value, OutOfRange::Clamp) {
        Ok(Some(n)) => notices.push(n),
        Ok(None) => {}
        Err(Error::UnknownKey(_)) => notices.push(Notice {
            key: key.to_string(),
            message: format!(
                "The link parameter '{}' is not known and was ignored.",
                shorten(key)
            ),
        }),
        Err(e) => notices.push(Notice {
            key: key.to_string(),
            // The error shortens the key and value it quotes; its reason is ours.
            message: format!("Ignored {e}; the default is kept."),
        }),
    }
}

fn percent_encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn percent_decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'+' {
            out.push(b' ');
        } else if b == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(h) = hex {
                out.push(h);
                i += 3;
                continue;
            }
            out.push(b);
        } else {
            out.push(b);
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
