//! The exporters (`meanfield export`, the page's export buttons): golden files for each target,
//! so a change to a generated script is reviewed rather than accidental, and checks of what the
//! scripts carry against the scenario they come from.
//!
//! To accept a reviewed change: `UPDATE_GOLDEN=1 cargo test --test export`, then read the diff.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expect is a failed test

use meanfield_explorer::export::{self, py, Target};
use meanfield_explorer::scenario;
use meanfield_explorer::scenario::{ModelKind, Scenario};
use meanfield_explorer::transfer::coefficients::CoefficientSet;
use std::path::PathBuf;

/// The network the simulator tests run (tests/simulators.rs): N = 2000, fixed in-degree, 1 s,
/// with a 1 Hz pulse on the drive from 500 to 800 ms.
pub const NETWORK_LINK: &str =
    "v=2&n=2000&connectivity=fixed_indegree&duration=1000&stim=pulse&stim_amp=1&stim_t0=500&stim_dur=300";

fn scenario(query: &str) -> Scenario {
    let mut s = Scenario::default();
    let notices = scenario::apply_query(&mut s, query);
    assert!(notices.is_empty(), "{query}: {notices:?}");
    s
}

fn generate(query: &str, target: Target) -> export::Export {
    let s = scenario(query);
    let set = s
        .coeffs()
        .map(|id| CoefficientSet::builtin(id).expect("builtin set"));
    export::export(&s, target, set.as_ref()).expect("export")
}

/// Compares with `tests/golden/NAME` (or writes it under UPDATE_GOLDEN=1).
fn golden(name: &str, text: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, text).expect("write golden file");
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 creates it)", path.display()));
    if want != text {
        let line = want
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| want.lines().count().min(text.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  now:    {:?}\n\
             If the change is intended, review it and run UPDATE_GOLDEN=1 cargo test --test export",
            line + 1,
            want.lines().nth(line),
            text.lines().nth(line)
        );
    }
}

#[test]
fn golden_nest_network() {
    golden("nest-adex.py", &generate(NETWORK_LINK, Target::Nest).text);
}

#[test]
fn golden_brian2_networks() {
    golden(
        "brian2-adex.py",
        &generate(NETWORK_LINK, Target::Brian2).text,
    );
    golden(
        "brian2-izhikevich.py",
        &generate("v=2&model=izhikevich&n=2000&duration=1000", Target::Brian2).text,
    );
}

#[test]
fn golden_tvb_mean_field() {
    golden("tvb-adex.py", &generate("v=2", Target::Tvb).text);
    golden(
        "tvb-adex-order1.py",
        &generate("v=2&order=1", Target::Tvb).text,
    );
}

#[test]
fn golden_pyrates_mean_fields() {
    for model in ["qif", "qif_sfa", "izh_cc", "izh_gsk", "izh_eta"] {
        let e = generate(&format!("v=2&model={model}"), Target::PyRates);
        golden(&format!("pyrates-{model}.py"), &e.text);
    }
}

#[test]
fn every_target_takes_its_models_and_refuses_the_others_with_a_reason() {
    for target in Target::ALL {
        for model in ModelKind::ALL {
            let s = Scenario::for_model(model);
            let set = s
                .coeffs()
                .map(|id| CoefficientSet::builtin(id).expect("set"));
            let r = export::export(&s, target, set.as_ref());
            if target.models().contains(&model) {
                let e = r.unwrap_or_else(|e| panic!("{target:?} {model:?}: {e}"));
                assert!(e.text.starts_with("#!/usr/bin/env python3\n"));
                assert!(e.file_name.ends_with(".py") && e.file_name.contains(model.name()));
                // The script names its scenario, so the page can open it again.
                assert!(
                    e.text.contains(&scenario::to_query(&s)),
                    "{target:?} {model:?}"
                );
                assert!(!e.text.contains("THIS_FILE"), "{target:?} {model:?}");
                assert!(!e.text.contains("NaN") && !e.text.contains("inf"));
            } else {
                let msg = r.expect_err("refused").to_string();
                assert!(
                    msg.contains(target.name()) && msg.contains("only"),
                    "{target:?} {model:?}: {msg}"
                );
            }
        }
    }
}

/// Reads `NAME = [..]` (possibly over several lines) from a generated script.
fn py_list(text: &str, name: &str) -> Vec<f64> {
    let start = text.find(&format!("\n{name} = [")).expect(name) + name.len() + 5;
    let end = start + text[start..].find(']').expect("]");
    text[start..end]
        .split(',')
        .map(|x| x.trim().parse::<f64>().expect("number"))
        .collect()
}

fn interp(ts: &[f64], vs: &[f64], t: f64) -> f64 {
    let j = ts.partition_point(|&x| x <= t).clamp(1, ts.len() - 1);
    let (t0, t1) = (ts[j - 1], ts[j]);
    vs[j - 1] + (vs[j] - vs[j - 1]) * (t - t0) / (t1 - t0)
}

#[test]
fn the_drive_in_the_network_scripts_is_the_networks_drive_at_every_step() {
    // Against the stimulus itself, sampled as the network samples it (every dt_net), for a
    // step, a smooth and a noisy stimulus.
    for stim in [
        "stim=pulse&stim_amp=1&stim_t0=500&stim_dur=300",
        "stim=sine&stim_amp=2&stim_freq=7&stim_t0=100",
        "stim=ou&stim_amp=0.5&stim_frac_i=0.3",
        "stim=drive_off&stim_t0=300&stim_dur=200",
    ] {
        let q = format!("v=2&n=2000&duration=1000&{stim}");
        let s = scenario(&q);
        let text = generate(&q, Target::Nest).text;
        let (t, e, i) = (
            py_list(&text, "DRIVE_T_MS"),
            py_list(&text, "DRIVE_E_HZ"),
            py_list(&text, "DRIVE_I_HZ"),
        );
        let signal = s.network_signal();
        let rates: Vec<(f64, f64, f64)> = (0..=10_000)
            .map(|k| {
                let tk = k as f64 * s.net.dt_ms;
                let (we, wi) = signal
                    .at(tk)
                    .external_rates(s.adex.nu_drive_hz, s.stimulus.frac_i);
                (tk, we, wi)
            })
            .collect();
        // The tolerance is relative to each series' largest value.
        let max_e = rates.iter().map(|r| r.1.abs()).fold(1e-9, f64::max);
        let max_i = rates.iter().map(|r| r.2.abs()).fold(1e-9, f64::max);
        let worst = rates
            .iter()
            .map(|&(tk, we, wi)| {
                ((interp(&t, &e, tk) - we).abs() / max_e)
                    .max((interp(&t, &i, tk) - wi).abs() / max_i)
            })
            .fold(0.0, f64::max);
        assert!(worst <= 1.0001e-4, "{stim}: {worst}");
        if !stim.contains("ou") {
            // Noise keeps (nearly) every sample; everything else is compressed.
            assert!(t.len() < 2000, "{stim}: {} knots", t.len());
        }
    }
}

#[test]
fn the_tvb_export_maps_coefficients_by_term_into_volts_and_the_in_degrees_through_p() {
    let s = scenario("v=2&k_e=300&k_i=80&n=5000&frac_i=0.25");
    let set = CoefficientSet::builtin(&s.adex.coeffs).expect("set");
    let text = export::export(&s, Target::Tvb, Some(&set))
        .expect("tvb")
        .text;
    let p = py_list(&text, "P_E_VOLT");
    let c = &set.exc.p;
    let by_term = [
        c.p0,
        c.p_mu,
        c.p_sigma,
        c.p_tau,
        c.p_mu_mu,
        c.p_sigma_sigma,
        c.p_tau_tau,
        c.p_mu_sigma,
        c.p_mu_tau,
        c.p_sigma_tau,
    ];
    for (got, mv) in p.iter().zip(by_term) {
        assert!((got - mv * 1e-3).abs() <= 1e-15, "{got} vs {mv} mV");
    }
    // TVB's K_e = (1 - g) p_connect_e N_tot and K_i = g p_connect_i N_tot give ours back.
    let num = |key: &str| -> f64 {
        let at = text.find(&format!("\"{key}\": ")).expect(key) + key.len() + 4;
        let end = at + text[at..].find(',').expect(",");
        text[at..end].parse().expect("number")
    };
    let (n, g) = (num("N_tot"), num("g"));
    assert!(((1.0 - g) * num("p_connect_e") * n - 300.0).abs() < 1e-9);
    assert!((g * num("p_connect_i") * n - 80.0).abs() < 1e-9);
    assert_eq!(num("K_ext_e"), 400.0);
    // The di Volo initial state in kHz: 1 Hz, 30 Hz.
    assert!(text.contains("\"E\": 0.001, \"I\": 0.03,"), "initial state");
}

#[test]
fn python_floats_read_back_exactly() {
    for v in [0.1, -65.0, 1.5, 1.0 / 3.0, 2.5e-9, 123_456_789.125] {
        assert_eq!(py::float(v).parse::<f64>().ok(), Some(v));
        assert!(py::float(v).contains(['.', 'e']));
    }
}

fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_meanfield"))
        .args(args)
        .output()
        .expect("run meanfield")
}

#[test]
fn the_cli_exports_a_page_link_and_refuses_bad_requests() {
    let link = format!("https://example.org/explorer/?{NETWORK_LINK}");
    let out = cli(&["export", "--to", "nest", "--link", &link]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        generate(NETWORK_LINK, Target::Nest).text
    );
    // What does not carry over goes to stderr.
    assert!(String::from_utf8_lossy(&out.stderr).contains("delay"));

    let bad = cli(&["export", "--to", "nengo"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("targets: nest, brian2, tvb, pyrates"));
    let bad = cli(&["export", "--to", "nest", "--model", "qif"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("NESTML"));
    let bad = cli(&["export", "--to", "nest", "--link", "?v=2&b_e=banana"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("b_e"));
    let bad = cli(&["export", "--set", "b_e=3"]);
    assert_eq!(bad.status.code(), Some(2));
}
