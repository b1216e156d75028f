//! The `meanfield` binary, run as a user would: its public interface and its error handling.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
use std::process::{Command, Output};

fn meanfield(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meanfield"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// `meanfield tf --cell rs --nu-e 5 --nu-i 10` plus `extra`, parsed.
fn tf_rs_5_10(extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["tf", "--cell", "rs", "--nu-e", "5", "--nu-i", "10"];
    args.extend_from_slice(extra);
    json(&meanfield(&args))
}

#[test]
fn tf_prints_the_reference_values() {
    // adex_mf.md §5.1, second row (the official coefficients).
    let v = json(&meanfield(&[
        "tf",
        "--cell",
        "rs",
        "--nu-e",
        "5",
        "--nu-i",
        "10",
        "--w",
        "0",
        "--set",
        "coeffs=divolo2019-code",
    ]));
    for (key, expected) in [
        ("mu_v", -53.0),
        ("sigma_v", 4.140954),
        ("v_thr_eff", -47.113658),
        ("tau_v_n", 0.45),
        ("rate", 8.62073196),
    ] {
        let got = v[key].as_f64().unwrap();
        assert!(
            (got - expected).abs() <= 1e-6 * expected.abs().max(1.0),
            "{key}: {got} vs {expected}"
        );
    }
    assert!((v["tau_v"].as_f64().unwrap() - 9.0).abs() < 1e-9);
    let fs = json(&meanfield(&[
        "tf",
        "--cell",
        "fs",
        "--nu-e",
        "20",
        "--nu-i",
        "30",
        "--set",
        "coeffs=divolo2019-code",
    ]));
    assert!((fs["rate"].as_f64().unwrap() - 117.4966).abs() < 1e-4);
}

#[test]
fn run_prints_csv_with_a_header_and_one_row_per_step() {
    let o = meanfield(&[
        "run",
        "--model",
        "adex",
        "--set",
        "order=1",
        "--duration-ms",
        "100",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "t_ms,nu_e,nu_i,c_ee,c_ei,c_ii,w_e,w_i,input_e,input_i"
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|c| c.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 201);
    assert_eq!(rows[0][0], 0.0);
    assert_eq!(rows[200][0], 100.0);
    assert_eq!(rows[0][1], 1.0);
    assert!(rows
        .iter()
        .all(|r| r.len() == 10 && r.iter().all(|v| v.is_finite())));
}

#[test]
fn run_json_holds_the_scenario_units_and_columns() {
    let v = json(&meanfield(&[
        "run",
        "--set",
        "b_e=60",
        "--set",
        "duration=200",
        "--json",
    ]));
    assert_eq!(v["scenario"]["b_e"], 60.0);
    assert_eq!(v["scenario"]["coeffs"], "meanfield-fit-adex");
    assert_eq!(v["units"]["w_e"], "pA");
    assert_eq!(v["t_ms"].as_array().unwrap().len(), 401);
    assert_eq!(v["nu_e"].as_array().unwrap().len(), 401);
}

#[test]
fn steady_prints_the_settled_state() {
    let v = json(&meanfield(&[
        "steady", "--set", "order=1", "--set", "b_e=60",
    ]));
    assert_eq!(v["settled"], true);
    let (nu_e, w_e) = (v["nu_e"].as_f64().unwrap(), v["w_e"].as_f64().unwrap());
    assert!((w_e - 60.0 * nu_e * 0.5).abs() < 1e-6 * w_e);
    for key in ["nu_i", "c_ee", "c_ei", "c_ii", "w_i", "t_ms"] {
        assert!(v[key].is_number(), "{key}");
    }
}

#[test]
fn list_shows_every_key_with_unit_default_and_range() {
    let o = meanfield(&["list"]);
    let text = stdout(&o);
    for key in [
        "b_e",
        "tau_w_e",
        "el_i",
        "nu_drive",
        "q_e",
        "t_mf",
        "coeffs",
        "stim_amp",
        "double_gaussian",
        "adex",
    ] {
        assert!(text.contains(key), "{key} missing");
    }
    assert!(text.contains("0 .. 500"));
    let v = json(&meanfield(&["list", "--json"]));
    let params = v["params"].as_array().unwrap();
    let b_e = params.iter().find(|p| p["key"] == "b_e").unwrap();
    assert_eq!(
        (b_e["unit"].as_str(), b_e["default"].as_f64()),
        (Some("pA"), Some(100.0))
    );
}

#[test]
fn help_documents_every_command() {
    let text = stdout(&meanfield(&["--help"]));
    for cmd in [
        "meanfield tf",
        "meanfield run",
        "meanfield steady",
        "meanfield list",
        "meanfield network",
        "meanfield bench network",
        "--seed S",
        "--set KEY=VALUE",
        "--coeffs-file",
    ] {
        assert!(text.contains(cmd), "{cmd}");
    }
    assert_eq!(stdout(&meanfield(&[])), text);
}

#[test]
fn bad_command_lines_fail_with_exit_2_and_say_why() {
    let cases: [(&[&str], &str); 7] = [
        (&["frobnicate"], "unknown command 'frobnicate'"),
        (&["run", "--set", "nope=3"], "unknown parameter 'nope'"),
        (
            &["run", "--set", "b_e=-1"],
            "the allowed range is 0 to 500 pA",
        ),
        (&["run", "--set", "b_e"], "KEY=VALUE"),
        (&["run", "--model", "brunel"], "unknown model 'brunel'"),
        (
            &["tf", "--cell", "xx", "--nu-e", "1", "--nu-i", "1"],
            "rs or fs",
        ),
        (
            &["tf", "--cell", "rs", "--nu-e", "abc", "--nu-i", "1"],
            "expects a number",
        ),
    ];
    for (args, needle) in cases {
        let o = meanfield(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn a_broken_coefficient_file_is_refused_with_its_problem() {
    let dir = std::env::temp_dir().join(format!("mf-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.json");
    std::fs::write(
        &path,
        "{\"format\": \"meanfield-explorer/tf-coefficients\", \"version\": 1}",
    )
    .unwrap();
    let o = meanfield(&["run", "--coeffs-file", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing field"), "{}", stderr(&o));
    let o = meanfield(&[
        "run",
        "--coeffs-file",
        dir.join("absent.json").to_str().unwrap(),
    ]);
    assert!(stderr(&o).contains("cannot read coefficient file"));
    let table = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/data/divolo2019-table1.json"
    );
    let a = tf_rs_5_10(&["--coeffs-file", table]);
    let b = tf_rs_5_10(&["--set", "coeffs=divolo2019-table1"]);
    assert_eq!(a["rate"], b["rate"]);
    assert_ne!(a["rate"], tf_rs_5_10(&[])["rate"]);
}

#[test]
fn runaway_is_reported_on_stderr_not_hidden() {
    let o = meanfield(&[
        "run",
        "--set",
        "stim=step",
        "--set",
        "stim_amp=3",
        "--set",
        "duration=2100",
    ]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("reached the 175 Hz cap"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn network_prints_binned_rates_as_csv() {
    let o = meanfield(&[
        "network",
        "--set",
        "n=1000",
        "--duration-ms",
        "100",
        "--seed",
        "3",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("t_ms,nu_e,nu_i,v_e,v_i,w_e,w_i"));
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|c| c.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 20); // 100 ms in 5 ms bins
    assert_eq!(rows[0][0], 5.0);
    assert!(rows
        .iter()
        .all(|r| r.len() == 7 && r.iter().all(|x| x.is_finite())));
    // W_e starts at 100 pA (the mean field's W_e(0)) and only decays or jumps from there.
    assert!(rows[0][5] > 90.0 && rows[0][5] < 120.0, "{}", rows[0][5]);
}

#[test]
fn network_json_summarises_rates_counts_and_speed_and_is_seeded() {
    let args = [
        "network",
        "--json",
        "--set",
        "n=1000",
        "--set",
        "b_e=0",
        "--duration-ms",
        "400",
    ];
    let a = json(&meanfield(&args));
    for key in [
        "mean_nu_e",
        "mean_nu_i",
        "model_s_per_wall_s",
        "wall_s",
        "peak_rss_mb",
    ] {
        assert!(a[key].as_f64().unwrap() > 0.0, "{key}: {}", a[key]);
    }
    assert_eq!(a["n_e"], 800);
    assert_eq!(a["n_i"], 200);
    assert_eq!(a["mean_from_ms"], 200.0);
    let spikes = a["spikes_e"].as_u64().unwrap();
    assert!(spikes > 0);
    // Mean rate and spike count are two views of the same spikes: at most a factor 2 apart
    // (the mean is over the second half only).
    let whole_rate = spikes as f64 / (800.0 * 0.4);
    let r = a["mean_nu_e"].as_f64().unwrap();
    assert!(
        r > 0.5 * whole_rate && r < 2.0 * whole_rate,
        "{r} vs {whole_rate}"
    );
    let b = json(&meanfield(&args));
    assert_eq!(a["first_spikes"], b["first_spikes"]);
    assert_eq!(a["spikes_e"], b["spikes_e"]);
    let mut other = args.to_vec();
    other.extend(["--seed", "9"]);
    assert_ne!(a["first_spikes"], json(&meanfield(&other))["first_spikes"]);
}

#[test]
fn network_refuses_an_impossible_network_with_exit_2() {
    let o = meanfield(&[
        "network",
        "--set",
        "n=300",
        "--set",
        "connectivity=fixed_indegree",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("raise n"), "{}", stderr(&o));
    let o = meanfield(&["network", "--set", "connectivity=ring"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("random, fixed_indegree"),
        "{}",
        stderr(&o)
    );
    let o = meanfield(&["bench"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bench network"), "{}", stderr(&o));
}

#[test]
fn bench_network_prints_a_table_for_both_sizes() {
    let o = meanfield(&["bench", "network", "--duration-ms", "100"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("model_s/s") && text.contains("peak_MB"),
        "{text}"
    );
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with(char::is_numeric))
        .collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert!(rows[0].trim_start().starts_with("2000") && rows[1].trim_start().starts_with("10000"));
}

#[test]
fn analysis_runs_the_pages_jobs_and_refuses_a_range_beyond_its_key() {
    let o = meanfield(&[
        "analysis",
        "--kind",
        "scan",
        "--set",
        "scan_x=b_e",
        "--set",
        "scan_max=1000",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("scan_max = '1000': is beyond the range of b_e (0 to 500 pA)"),
        "{}",
        stderr(&o)
    );
    let o = meanfield(&[
        "analysis",
        "--kind",
        "scan",
        "--set",
        "scan_x=b_e",
        "--set",
        "scan_n=3",
        "--set",
        "order=1",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("b_e,nu_e_hz,nu_i_hz,w_e_pa,w_i_pa,slope,stability\n"),
        "{out}"
    );
    let xs: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(xs.first(), Some(&"0"));
    assert_eq!(xs.last(), Some(&"100"));
    // Fig 5 (ii) in JSON: three fixed points, and the page's sentence.
    let v = json(&meanfield(&[
        "analysis",
        "--kind",
        "fixed_points",
        "--json",
        "--set",
        "el_e=-63",
        "--set",
        "nu_drive=0",
        "--set",
        "b_e=0",
        "--set",
        "order=1",
        "--set",
        "coeffs=divolo2019-code",
    ]));
    assert_eq!(v["result"]["points"].as_array().unwrap().len(), 3);
    assert!(
        v["summary"].as_str().unwrap().starts_with("3 fixed points"),
        "{v}"
    );
    let o = meanfield(&["analysis", "--kind", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown --kind 'nonsense'"));
}
