//! The one parameter schema (links, JSON, CLI) and the coefficient-file loader: round trips,
//! and a specific message for every kind of bad input.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
use meanfield_explorer::scenario::{self, Domain, OutOfRange};
use meanfield_explorer::scenario::{ModelKind, Scenario};
use meanfield_explorer::transfer::CoefficientSet;
use meanfield_explorer::Error;

/// A value of `spec` different from `s`'s, inside its domain.
fn other_value(spec: &scenario::ParamSpec, s: &Scenario) -> String {
    let current = spec.get(s);
    match spec.domain {
        Domain::Choice => spec
            .options(s)
            .into_iter()
            .map(|(v, _)| v)
            .find(|v| *v != current)
            .unwrap_or(current),
        Domain::Real { min, max, .. } | Domain::Int { min, max } => {
            let v: f64 = current.parse().unwrap();
            let candidate = if v + 1.0 <= max {
                v + 1.0
            } else {
                (min + v) / 2.0
            };
            meanfield_explorer::text::format_number(if matches!(spec.domain, Domain::Int { .. }) {
                candidate.round()
            } else {
                candidate
            })
        }
    }
}

#[test]
fn default_scenario_links_to_the_version_alone() {
    assert_eq!(scenario::to_query(&Scenario::default()), "v=2");
}

#[test]
fn a_version_1_link_keeps_the_coefficients_it_was_made_with() {
    // Version 1 links had the official di Volo coefficients as the default.
    let mut old = Scenario::default();
    assert!(scenario::apply_query(&mut old, "v=1&b_e=60").is_empty());
    assert_eq!(old.adex.coeffs, "divolo2019-code");
    assert_eq!(old.adex.exc.b_pa, 60.0);
    let mut chosen = Scenario::default();
    assert!(scenario::apply_query(&mut chosen, "v=1&coeffs=divolo2019-table1").is_empty());
    assert_eq!(chosen.adex.coeffs, "divolo2019-table1");
    let mut new = Scenario::default();
    assert!(scenario::apply_query(&mut new, "v=2&b_e=60").is_empty());
    assert_eq!(new.adex.coeffs, "meanfield-fit-adex");
    // The migrated scenario's own link says so explicitly.
    assert_eq!(
        scenario::to_query(&old),
        "v=2&coeffs=divolo2019-code&b_e=60"
    );
}

#[test]
fn every_key_round_trips_through_a_link_and_through_json() {
    for spec in scenario::specs() {
        // Each key on a scenario of the first model it belongs to.
        let model = ModelKind::ALL
            .into_iter()
            .find(|m| spec.belongs_to(*m))
            .unwrap();
        let mut s = Scenario::for_model(model);
        let value = other_value(spec, &s);
        if value == spec.get(&s) {
            continue; // a choice with a single option
        }
        assert_eq!(
            spec.set(&mut s, &value, OutOfRange::Reject).unwrap(),
            None,
            "{}",
            spec.key
        );
        let query = scenario::to_query(&s);
        assert!(query.contains(&format!("{}=", spec.key)), "{query}");
        let mut back = Scenario::default();
        assert!(
            scenario::apply_query(&mut back, &query).is_empty(),
            "{}",
            spec.key
        );
        assert_eq!(back, s, "link round trip of {}", spec.key);
        let mut from_json = Scenario::default();
        scenario::apply_json(&mut from_json, &scenario::to_json(&s), OutOfRange::Reject).unwrap();
        assert_eq!(from_json, s, "JSON round trip of {}", spec.key);
    }
}

#[test]
fn keys_are_unique_snake_case_and_defaults_lie_in_their_ranges() {
    let specs = scenario::specs();
    for model in ModelKind::ALL {
        let s = Scenario::for_model(model);
        for spec in specs {
            let mut t = s.clone();
            assert_eq!(
                spec.set(&mut t, &spec.get(&s), OutOfRange::Reject).unwrap(),
                None,
                "{} of {}",
                spec.key,
                model.name()
            );
        }
        assert_eq!(
            scenario::to_query(&s),
            if model == ModelKind::Adex {
                "v=2".to_string()
            } else {
                format!("v=2&model={}", model.name())
            },
            "a model's defaults link to the model alone"
        );
    }
    let s = Scenario::default();
    for (i, spec) in specs.iter().enumerate() {
        assert!(
            spec.key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{}",
            spec.key
        );
        assert!(
            specs[..i].iter().all(|o| o.key != spec.key),
            "duplicate {}",
            spec.key
        );
        let mut t = s.clone();
        assert_eq!(
            spec.set(&mut t, &spec.get(&s), OutOfRange::Reject).unwrap(),
            None,
            "{}",
            spec.key
        );
        assert!(!spec.doc.is_empty());
    }
    // The keys the issue names are all there.
    for key in [
        "b_e",
        "a_e",
        "tau_w_e",
        "el_e",
        "el_i",
        "nu_drive",
        "q_e",
        "q_i",
        "order",
        "t_mf",
        "coeffs",
        "nu_e0",
        "nu_i0",
        "stim",
        "model",
        "izh_d_e",
        "qif_eta",
        "sfa_alpha",
        "cc_eta",
        "gsk_delta",
        "lz_adaptation",
    ] {
        assert!(scenario::spec(key).is_ok(), "{key}");
    }
}

#[test]
fn a_link_with_bad_parts_still_opens_and_says_what_it_adjusted() {
    let mut s = Scenario::default();
    let notices = scenario::apply_query(
        &mut s,
        "?v=1&b_e=1e9&el_e=abc&frobnicate=3&q_e=NaN&order=7&stim=%3Cscript%3Ealert(1)%3C%2Fscript%3E&b_i=20&b_i=30&t_mf=20",
    );
    let text: Vec<String> = notices.iter().map(|n| n.message.clone()).collect();
    let has = |key: &str, needle: &str| {
        notices
            .iter()
            .any(|n| n.key == key && n.message.contains(needle))
    };
    assert!(has("b_e", "using 500 pA"), "{text:?}");
    assert!(has("el_e", "not a number"), "{text:?}");
    assert!(has("frobnicate", "not known"), "{text:?}");
    assert!(has("q_e", "finite"), "{text:?}");
    assert!(has("order", "expected one of: 1, 2"), "{text:?}");
    assert!(has("stim", "expected one of"), "{text:?}");
    assert!(has("b_i", "more than once"), "{text:?}");
    // Clamped, defaulted, last-wins and valid values.
    assert_eq!(s.adex.exc.b_pa, 500.0);
    assert_eq!(s.adex.exc.e_l_mv, -65.0);
    assert_eq!(s.adex.synapses.q_e_ns, 1.5);
    assert_eq!(s.adex.inh.b_pa, 30.0);
    assert_eq!(s.adex.t_mf_ms, 20.0);
    assert_eq!(notices.len(), 7, "{text:?}");
}

#[test]
fn a_newer_link_version_is_read_with_a_notice() {
    let mut s = Scenario::default();
    let n = scenario::apply_query(&mut s, "v=9&b_e=60");
    assert_eq!(n.len(), 1);
    assert!(n[0].message.contains("version '9'"));
    assert_eq!(s.adex.exc.b_pa, 60.0);
}

#[test]
fn the_cli_policy_rejects_out_of_range_values() {
    let mut s = Scenario::default();
    let e = scenario::set(&mut s, "b_e", "-3", OutOfRange::Reject).unwrap_err();
    assert!(e.to_string().contains("0 to 500 pA"), "{e}");
    assert!(matches!(
        scenario::set(&mut s, "nope", "1", OutOfRange::Reject),
        Err(Error::UnknownKey(_))
    ));
    assert!(scenario::set(&mut s, "seed", "1.5", OutOfRange::Reject)
        .unwrap_err()
        .to_string()
        .contains("whole number"));
}

// ---- coefficient files ------------------------------------------------------------------------

fn official_text() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/data/divolo2019-code.json"
    ))
    .unwrap()
}

fn parse_err(text: &str) -> String {
    CoefficientSet::parse("test.json", text)
        .unwrap_err()
        .to_string()
}

#[test]
fn shipped_files_parse_and_name_their_terms_not_slots() {
    for (id, _, _, text) in meanfield_explorer::transfer::coefficients::BUILTIN {
        let set = CoefficientSet::parse(id, text).unwrap();
        assert_eq!(set.id, id);
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let p = v["cells"]["exc"]["p"].as_object().unwrap();
        for name in meanfield_explorer::transfer::threshold_poly::TERM_NAMES {
            assert!(p.contains_key(name), "{id}: {name}");
        }
    }
}

#[test]
fn malformed_or_inconsistent_files_are_rejected_with_a_message_naming_the_problem() {
    let good = official_text();
    assert!(parse_err("{ not json").contains("test.json"));
    assert!(parse_err(&good.replace("\"p_tau\":", "\"p_tauu\":")).contains("p_tauu"));
    let missing = good.replacen(",\n        \"p_sigma_tau\": -0.04072161294490446", "", 1);
    assert!(
        parse_err(&missing).contains("missing field `p_sigma_tau`"),
        "{}",
        parse_err(&missing)
    );
    let volts_as_mv = good.replace("\"unit\": \"V\"", "\"unit\": \"mV\"");
    let e = parse_err(&volts_as_mv);
    assert!(e.contains("cells.exc.p.p0") && e.contains("unit"), "{e}");
    assert!(parse_err(&good.replace("\"unit\": \"V\"", "\"unit\": \"kV\"")).contains("'kV'"));
    assert!(parse_err(&good.replace("\"version\": 1", "\"version\": 3")).contains("version 3"));
    assert!(
        parse_err(&good.replace("meanfield-explorer/tf-coefficients", "other")).contains("format")
    );
    assert!(parse_err(&good.replace("\"k_e\": 400", "\"k_e\": 0")).contains("in_degrees.k_e"));
    assert!(
        parse_err(&good.replace("\"p0\": -0.04983106", "\"p0\": \"x\"")).contains("invalid type")
    );
}

#[test]
fn every_models_course_names_five_to_eight_of_its_own_keys_once() {
    for row in &scenario::MODELS {
        let keys: Vec<&str> = row.course.iter().map(|(k, _)| *k).collect();
        assert!((5..=8).contains(&keys.len()), "{}: {keys:?}", row.name);
        for (k, label) in row.course {
            let spec = scenario::spec(k).unwrap_or_else(|_| panic!("{}: no key {k}", row.name));
            assert!(
                spec.belongs_to(row.kind),
                "{}: {k} is not its key",
                row.name
            );
            assert!(
                label.chars().count() >= spec.label.chars().count(),
                "{}: {k}'s full name '{label}'",
                row.name
            );
            assert_eq!(
                keys.iter().filter(|x| *x == k).count(),
                1,
                "{}: {k} twice",
                row.name
            );
        }
        // Its own parameters come first: the shared ones (input, network, run) last.
        assert_eq!(
            &keys[keys.len() - 4..],
            ["stim", "stim_amp", "n", "duration"]
        );
    }
}

#[test]
fn every_models_groups_put_its_own_cells_before_the_shared_ones() {
    let adex = scenario::groups_for(ModelKind::Adex);
    assert_eq!(
        adex,
        [
            "Model",
            "Excitatory population (RS)",
            "Inhibitory population (FS)",
            "Synapses and network",
            "Spiking network",
            "Drive and stimulus",
            "Run and view"
        ]
    );
    let izh = scenario::groups_for(ModelKind::Izhikevich);
    assert_eq!(izh[1], "Excitatory population (Izhikevich E)");
    assert_eq!(
        scenario::groups_for(ModelKind::QifSfa)[1..3],
        ["QIF population", "Spike-frequency adaptation"]
    );
    for m in ModelKind::ALL {
        let g = scenario::groups_for(m);
        // Every key the page shows as a parameter falls in one of its groups.
        for spec in scenario::specs().iter().filter(|s| s.belongs_to(m)) {
            assert!(
                g.contains(&spec.group) || ["Lesson", "Analysis"].contains(&spec.group),
                "{m:?}: {} in {}",
                spec.key,
                spec.group
            );
        }
    }
}
