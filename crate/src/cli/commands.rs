//! The mean-field commands of `meanfield`: tf, run, steady, list.

use super::args::Args;
use super::common::{coefficients, scenario, to_json_text, write_out};
use super::error::CliError;
use crate::meanfield::{self, AdexState, Pop, SteadyOptions, Trace};
use crate::scenario::{self, Domain};
use crate::scenario::{ModelKind, Scenario};
use crate::stimulus::StimulusKind;
use serde_json::json;
use std::io::Write;

pub(super) fn tf(a: &Args, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    let s = scenario(a)?;
    let set = coefficients(a, &s)?;
    let pop = match a.cell.as_deref() {
        Some("rs") => Pop::Exc,
        Some("fs") => Pop::Inh,
        Some(other) => {
            return Err(CliError::usage(format!(
                "--cell must be rs or fs, got '{other}'"
            )))
        }
        None => return Err(CliError::usage("tf needs --cell rs|fs")),
    };
    let (Some(nu_e), Some(nu_i)) = (a.nu_e, a.nu_i) else {
        return Err(CliError::usage("tf needs --nu-e HZ and --nu-i HZ"));
    };
    let w = a.w.unwrap_or(0.0);
    let p = s.adex.transfer_function(&set, pop).evaluate(nu_e, nu_i, w);
    let v = json!({
        "cell": a.cell,
        "nu_e": nu_e,
        "nu_i": nu_i,
        "w": w,
        "mu_g": p.moments.mu_g_ns,
        "mu_v": p.moments.mu_v_mv,
        "sigma_v": p.moments.sigma_v_mv,
        "v_thr_eff": p.v_thr_eff_mv,
        "tau_v": p.moments.tau_v_ms,
        "tau_v_n": p.moments.tau_v_n,
        "rate": p.rate_hz,
        "coeffs": set.id,
    });
    write_out(out, &to_json_text(&v)?)
}

const COLUMNS: [&str; 10] = [
    "t_ms", "nu_e", "nu_i", "c_ee", "c_ei", "c_ii", "w_e", "w_i", "input_e", "input_i",
];
const UNITS: [&str; 10] = [
    "ms", "Hz", "Hz", "Hz^2", "Hz^2", "Hz^2", "pA", "pA", "Hz", "Hz",
];

fn row(trace: &Trace, k: usize) -> [f64; 10] {
    let x = trace.states[k].to_array();
    [
        trace.t_ms[k],
        x[0],
        x[1],
        x[2],
        x[3],
        x[4],
        x[5],
        x[6],
        trace.input_e_hz[k],
        trace.input_i_hz[k],
    ]
}

/// `meanfield run` for an exact family: t_ms, r [Hz], its state variables and the input.
fn run_lorentz(a: &Args, s: &Scenario, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    let (Some(mf), Some(trace)) = (s.lorentz(), s.run_lorentz()) else {
        return Ok(Vec::new());
    };
    let warnings: Vec<String> = trace.events.iter().map(ToString::to_string).collect();
    let vars = mf.vars();
    let mut columns: Vec<(String, String, Vec<f64>)> = vec![
        ("t_ms".into(), "ms".into(), trace.t_ms.clone()),
        ("r".into(), "Hz".into(), trace.r_hz.clone()),
    ];
    for (m, var) in vars.iter().enumerate().skip(1) {
        columns.push((
            var.key.into(),
            var.unit.into(),
            trace.states.iter().map(|x| x[m]).collect(),
        ));
    }
    columns.push((
        "input".into(),
        mf.current_unit().into(),
        trace.input.clone(),
    ));
    let text = if a.json {
        let mut obj = serde_json::Map::new();
        obj.insert("model".into(), json!(s.model.name()));
        obj.insert("scenario".into(), scenario::to_json(s));
        obj.insert("time_unit_ms".into(), json!(mf.t_unit_ms()));
        obj.insert(
            "units".into(),
            json!(columns
                .iter()
                .map(|(c, u, _)| (c.clone(), json!(u)))
                .collect::<serde_json::Map<_, _>>()),
        );
        obj.insert("events".into(), json!(warnings));
        for (c, _, v) in &columns {
            obj.insert(c.clone(), json!(v));
        }
        to_json_text(&serde_json::Value::Object(obj))?
    } else {
        let mut csv = columns
            .iter()
            .map(|c| c.0.as_str())
            .collect::<Vec<_>>()
            .join(",");
        csv.push('\n');
        for k in 0..trace.t_ms.len() {
            let cells: Vec<String> = columns.iter().map(|c| c.2[k].to_string()).collect();
            csv.push_str(&cells.join(","));
            csv.push('\n');
        }
        csv
    };
    write_out(out, &text)?;
    Ok(warnings)
}

pub(super) fn run(a: &Args, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    let s = scenario(a)?;
    if s.model.family().is_some() {
        return run_lorentz(a, &s, out);
    }
    let set = coefficients(a, &s)?;
    let trace = s.run(&set)?;
    let mut warnings: Vec<String> = trace.events.iter().map(ToString::to_string).collect();
    if let Some(last) = trace.last() {
        warnings.extend(crate::analysis::covariance::unsettled_warning(
            &s, &set, last,
        ));
    }
    let text = if a.json {
        let mut obj = serde_json::Map::new();
        obj.insert("model".into(), json!(s.model.name()));
        obj.insert("scenario".into(), scenario::to_json(&s));
        obj.insert(
            "units".into(),
            json!(COLUMNS
                .iter()
                .zip(UNITS)
                .map(|(c, u)| (c.to_string(), json!(u)))
                .collect::<serde_json::Map<_, _>>()),
        );
        obj.insert("events".into(), json!(warnings));
        for (j, col) in COLUMNS.iter().enumerate() {
            let values: Vec<f64> = (0..trace.t_ms.len()).map(|k| row(&trace, k)[j]).collect();
            obj.insert((*col).into(), json!(values));
        }
        to_json_text(&serde_json::Value::Object(obj))?
    } else {
        let mut csv = COLUMNS.join(",");
        csv.push('\n');
        for k in 0..trace.t_ms.len() {
            let cells: Vec<String> = row(&trace, k).iter().map(|v| v.to_string()).collect();
            csv.push_str(&cells.join(","));
            csv.push('\n');
        }
        csv
    };
    write_out(out, &text)?;
    Ok(warnings)
}

pub(super) fn steady(a: &Args, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    let s = scenario(a)?;
    if s.model.family().is_some() {
        return Err(CliError::usage(format!(
            "steady works for the conductance models; for {} use `meanfield run` (its fixed points have closed forms or are found by the tests)",
            s.model.name()
        )));
    }
    let set = coefficients(a, &s)?;
    let (s, removed) = s.without_time_dependence();
    let model = s.adex_model(&set)?;
    let mut opts = SteadyOptions {
        dt_ms: s.dt_ms,
        ..SteadyOptions::default()
    };
    if let Some(m) = a.max_ms {
        opts.max_ms = m.max(opts.window_ms);
    }
    let r = meanfield::steady(&model, s.initial_state(), &s.signal(), opts);
    let events: Vec<String> = r.events.iter().map(ToString::to_string).collect();
    let x: AdexState = r.state;
    let v = json!({
        "nu_e": x.nu_e, "nu_i": x.nu_i, "c_ee": x.c_ee, "c_ei": x.c_ei, "c_ii": x.c_ii,
        "w_e": x.w_e, "w_i": x.w_i, "settled": r.settled, "t_ms": r.t_ms, "events": events,
    });
    write_out(out, &to_json_text(&v)?)?;
    let mut warnings = events;
    if removed {
        warnings.push("the time-varying stimulus was removed for the steady state".into());
    }
    if !r.settled {
        warnings.push(format!(
            "not settled after {} ms of model time (oscillating or slow?)",
            r.t_ms
        ));
        warnings.extend(crate::analysis::covariance::unsettled_warning(&s, &set, &x));
    }
    Ok(warnings)
}

pub(super) fn list(a: &Args, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    let s = Scenario::default();
    let models: Vec<_> = ModelKind::ALL
        .iter()
        .map(|m| json!({"id": m.name(), "label": m.label()}))
        .collect();
    let stimuli: Vec<_> = StimulusKind::ALL
        .iter()
        .map(|k| json!({"id": k.name(), "label": k.label(), "keys": k.keys()}))
        .collect();
    if a.json {
        let mut v = scenario::describe(&s);
        if let Some(o) = v.as_object_mut() {
            o.insert("models".into(), json!(models));
            o.insert("stimuli".into(), json!(stimuli));
        }
        return write_out(out, &to_json_text(&v)?);
    }
    let mut t = String::from("MODELS (--model)\n");
    for m in ModelKind::ALL {
        t.push_str(&format!("  {:<18} {}\n", m.name(), m.label()));
    }
    t.push_str("\nSTIMULI (--set stim=ID) and the keys each uses\n");
    for k in StimulusKind::ALL {
        t.push_str(&format!(
            "  {:<18} {}; keys: {}\n",
            k.name(),
            k.label(),
            k.keys().join(", ")
        ));
    }
    t.push_str("\nPARAMETERS (--set KEY=VALUE; the same keys as the page's links)\n");
    t.push_str(&format!(
        "  {:<19}{:<9}{:<17}{:<24} {}\n",
        "KEY", "UNIT", "DEFAULT", "RANGE", "MEANING"
    ));
    for spec in scenario::specs() {
        let range = match spec.domain {
            Domain::Real { min, max, .. } | Domain::Int { min, max } => {
                format!(
                    "{} .. {}",
                    crate::text::format_number(min),
                    crate::text::format_number(max)
                )
            }
            Domain::Choice => spec
                .options(&s)
                .into_iter()
                .map(|(v, _)| v)
                .collect::<Vec<_>>()
                .join("|"),
        };
        t.push_str(&format!(
            "  {:<19}{:<9}{:<17}{:<24} {}\n",
            spec.key,
            spec.unit,
            spec.get(&s),
            range,
            spec.doc
        ));
    }
    write_out(out, &t)
}
