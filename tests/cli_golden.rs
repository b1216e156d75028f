//! The `meanfield` tool's outputs, byte for byte, for a fixed set of commands on every model:
//! the lock that keeps a restructuring of the code (issue 17: layers, registries) a change of
//! structure only. Each command's exit code, stdout and stderr are reduced to their length and a
//! 64-bit FNV-1a hash and compared with `tests/golden/cli/manifest.tsv`, which was recorded from
//! the code before the first move. Wall-clock and memory fields of `network --json` are removed
//! before hashing, and so is the fit's line of wall time on stderr (they differ from run to run);
//! nothing else is.
//!
//! A difference fails with the command, so it can be run by hand against an older build.
//! `UPDATE_GOLDEN=1 cargo test --release --test cli_golden` rewrites the manifest: only for a
//! change of output that is meant, said in its commit.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test
use std::path::PathBuf;
use std::process::Command;

/// Every model id, in menu order.
const MODELS: [&str; 7] = [
    "adex",
    "izhikevich",
    "qif",
    "qif_sfa",
    "izh_cc",
    "izh_gsk",
    "izh_eta",
];

/// Export targets.
const TARGETS: [&str; 4] = ["nest", "brian2", "tvb", "pyrates"];

/// The recorded commands: (name, arguments).
fn commands() -> Vec<(String, Vec<String>)> {
    let mut v: Vec<(String, Vec<String>)> = Vec::new();
    let mut add = |name: String, args: &[&str]| {
        v.push((name, args.iter().map(ToString::to_string).collect()));
    };
    add("help".into(), &["--help"]);
    add("list".into(), &["list"]);
    add("list-json".into(), &["list", "--json"]);
    for model in MODELS {
        let m = format!("model={model}");
        add(format!("run-{model}"), &["run", "--set", &m]);
        add(format!("run-json-{model}"), &["run", "--set", &m, "--json"]);
        add(
            format!("run-sine-{model}"),
            &[
                "run",
                "--set",
                &m,
                "--set",
                "stim=sine",
                "--set",
                "duration=1000",
            ],
        );
        add(format!("steady-{model}"), &["steady", "--set", &m]);
        add(
            format!("network-json-{model}"),
            &[
                "network",
                "--set",
                &m,
                "--set",
                "n=1000",
                "--duration-ms",
                "400",
                "--json",
            ],
        );
        add(
            format!("network-csv-{model}"),
            &[
                "network",
                "--set",
                &m,
                "--set",
                "n=1000",
                "--duration-ms",
                "300",
            ],
        );
        for target in TARGETS {
            add(
                format!("export-{target}-{model}"),
                &["export", "--to", target, "--set", &m],
            );
        }
    }
    // One diagram per model (the exact families against the parameter each is usually drawn
    // against; the conductance models, second order, against their adaptation jump).
    for (model, key, from, to) in [
        ("qif", "qif_eta", "-10", "0"),
        ("qif_sfa", "qif_eta", "-20", "20"),
        ("izh_cc", "cc_eta", "0", "0.3"),
        ("izh_gsk", "gsk_eta", "-100", "400"),
        ("izh_eta", "gsk_eta", "-100", "400"),
        ("adex", "b_e", "0", "100"),
        ("izhikevich", "izh_d_e", "0", "60"),
    ] {
        let m = format!("model={model}");
        add(
            format!("bifurcation-{model}"),
            &[
                "bifurcation",
                "--set",
                &m,
                "--param",
                key,
                "--from",
                from,
                "--to",
                to,
            ],
        );
    }
    add(
        "bifurcation-json-izh_cc".into(),
        &[
            "bifurcation",
            "--set",
            "model=izh_cc",
            "--param",
            "cc_eta",
            "--from",
            "0",
            "--to",
            "0.3",
            "--json",
        ],
    );
    for (model, key, from, to, key2, from2, to2) in [
        ("qif", "qif_eta", "-10", "0", "qif_delta", "0.01", "5"),
        ("izh_cc", "cc_eta", "0", "0.3", "cc_g", "0", "3"),
        ("izh_gsk", "gsk_eta", "30", "70", "gsk_delta", "0.1", "3"),
    ] {
        let m = format!("model={model}");
        add(
            format!("bifurcation-two-{model}"),
            &[
                "bifurcation",
                "--set",
                &m,
                "--param",
                key,
                "--from",
                from,
                "--to",
                to,
                "--two",
                key2,
                "--from2",
                from2,
                "--to2",
                to2,
            ],
        );
    }
    add(
        "tf-rs".into(),
        &[
            "tf", "--cell", "rs", "--nu-e", "5", "--nu-i", "10", "--w", "20",
        ],
    );
    add(
        "tf-fs-code".into(),
        &[
            "tf",
            "--cell",
            "fs",
            "--nu-e",
            "3",
            "--nu-i",
            "8",
            "--set",
            "coeffs=divolo2019-code",
        ],
    );
    add("fit-quick-adex".into(), &["fit", "--grid", "quick"]);
    add(
        "fit-quick-izhikevich".into(),
        &["fit", "--model", "izhikevich", "--grid", "quick"],
    );
    add(
        "run-adex-order1-b60".into(),
        &[
            "run",
            "--set",
            "order=1",
            "--set",
            "b_e=60",
            "--set",
            "stim=drive_off",
        ],
    );
    add(
        "export-link-adex".into(),
        &[
            "export",
            "--to",
            "tvb",
            "--link",
            "?v=2&b_e=60&stim=sine&order=1",
        ],
    );
    add("bad-key".into(), &["run", "--set", "no_such_key=1"]);
    // Added with the `analysis` command (issue 17), after the recording of the rest.
    for model in ["adex", "izhikevich"] {
        let m = format!("model={model}");
        for (kind, extra) in [
            ("fixed_points", "order=1"),
            ("scan", "scan_n=5"),
            ("map", "map_n=4"),
            ("freq_response", "fr_n=3"),
        ] {
            add(
                format!("analysis-{kind}-{model}"),
                &[
                    "analysis", "--kind", kind, "--set", &m, "--set", extra, "--json",
                ],
            );
        }
    }
    add("bad-range".into(), &["run", "--set", "b_e=1e9"]);
    v
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// `network --json` without the fields that measure the machine.
fn without_wall_fields(stdout: &[u8]) -> Vec<u8> {
    let Ok(mut v) = serde_json::from_slice::<serde_json::Value>(stdout) else {
        return stdout.to_vec();
    };
    if let Some(o) = v.as_object_mut() {
        for key in [
            "build_wall_s",
            "wall_s",
            "model_s_per_wall_s",
            "peak_rss_mb",
        ] {
            o.remove(key);
        }
    }
    serde_json::to_vec_pretty(&v).unwrap()
}

fn manifest_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/cli/manifest.tsv")
}

#[test]
fn cli_outputs_are_byte_identical_to_the_recording() {
    let mut lines = vec![
        "# name\texit\tstdout_bytes\tstdout_fnv1a\tstderr_bytes\tstderr_fnv1a\tcommand".to_string(),
    ];
    for (name, args) in commands() {
        let o = Command::new(env!("CARGO_BIN_EXE_meanfield"))
            .args(&args)
            .output()
            .unwrap();
        let stdout = if name.starts_with("network-json") {
            without_wall_fields(&o.stdout)
        } else {
            o.stdout.clone()
        };
        // The fit's summary line reports its wall time ("simulated 356 points in 2.4 s").
        let stderr: Vec<u8> = String::from_utf8_lossy(&o.stderr)
            .lines()
            .filter(|l| !l.contains(", fitted in "))
            .flat_map(|l| format!("{l}\n").into_bytes())
            .collect();
        lines.push(format!(
            "{name}\t{}\t{}\t{:016x}\t{}\t{:016x}\tmeanfield {}",
            o.status.code().unwrap_or(-1),
            stdout.len(),
            fnv1a(&stdout),
            stderr.len(),
            fnv1a(&stderr),
            args.join(" ")
        ));
    }
    let got = lines.join("\n") + "\n";
    let path = manifest_path();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).expect("tests/golden/cli/manifest.tsv");
    let differ: Vec<String> = got
        .lines()
        .zip(want.lines())
        .filter(|(g, w)| g != w)
        .map(|(g, w)| format!("  recorded: {w}\n  now:      {g}"))
        .collect();
    assert!(
        differ.is_empty() && got.lines().count() == want.lines().count(),
        "{} of {} CLI outputs differ from the recording:\n{}",
        differ.len(),
        want.lines().count() - 1,
        differ.join("\n")
    );
}

#[test]
fn the_hash_tells_one_byte_apart() {
    assert_ne!(fnv1a(b"nu_e,1.49"), fnv1a(b"nu_e,1.48"));
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
}
