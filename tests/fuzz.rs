//! Fuzz and property tests of everything a stranger can hand the program: links (the scenario
//! parser), scenario JSON, coefficient files, and the parameter combinations they reach. The
//! inputs are generated from fixed seeds (reproducible, no extra tooling): random and mutated
//! links and files. The properties: nothing panics, every refusal is a short message that
//! names what was wrong, what is accepted is a valid scenario (finite, in range, within the
//! work limits) that survives a round trip, and a run either stays finite or says where it
//! stopped being finite.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
use meanfield_explorer::rng::SeededRng;
use meanfield_explorer::scenario::limits::{self, MAX_MF_STEPS};
use meanfield_explorer::scenario::{self, Domain, OutOfRange};
use meanfield_explorer::scenario::{ModelKind, Scenario};
use meanfield_explorer::transfer::CoefficientSet;
use meanfield_explorer::Error;

/// Longest message a notice or error may be: user text is shortened, never echoed whole.
const MAX_MESSAGE: usize = 600;

const NASTY: [&str; 24] = [
    "",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "1e999",
    "-1e999",
    "1e-400",
    "0x1F",
    "1_000",
    "١٢٣",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "%00",
    "%FF%FE",
    "%E2%82",
    "%",
    "%%",
    "%4",
    "+",
    "=",
    "&",
    "9999999999999999999999999999999999",
];

struct Gen(SeededRng);

impl Gen {
    fn below(&mut self, n: usize) -> usize {
        self.0.below(n as u32) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        self.0.uniform_open() < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// A number around the domain of `spec`: inside, at the ends, outside, or absurd.
    fn number(&mut self, min: f64, max: f64) -> String {
        let u = self.0.uniform_open();
        let v = match self.below(6) {
            0 => min + u * (max - min),
            1 => min,
            2 => max,
            3 => min - u * 1e3 * (1.0 + max - min),
            4 => max + u * 1e3 * (1.0 + max - min),
            _ => (u - 0.5) * 10f64.powi(self.below(600) as i32 - 300),
        };
        if self.chance(0.2) {
            format!("{v:e}")
        } else {
            format!("{v}")
        }
    }
    /// Random bytes as text (lossy UTF-8), percent-encoded or not.
    fn junk(&mut self) -> String {
        let n = self.below(40);
        let bytes: Vec<u8> = (0..n).map(|_| self.0.next_u32() as u8).collect();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if self.chance(0.5) {
            bytes.iter().map(|b| format!("%{b:02X}")).collect()
        } else {
            text.replace(['&', '='], "")
        }
    }
}

/// A value for `key` as a link or file could carry it.
fn value_for(g: &mut Gen, spec: &scenario::ParamSpec, s: &Scenario) -> String {
    match (g.below(4), spec.domain) {
        (0, _) if g.chance(0.1) => "<script>".repeat(1 + g.below(2000)),
        (0, _) => g.pick(&NASTY).to_string(),
        (1, _) => g.junk(),
        (_, Domain::Choice) => {
            let options = spec.options(s);
            if options.is_empty() || g.chance(0.2) {
                g.junk()
            } else {
                g.pick(&options).0.clone()
            }
        }
        (_, Domain::Real { min, max, .. } | Domain::Int { min, max }) => g.number(min, max),
    }
}

fn random_query(g: &mut Gen, specs: &[scenario::ParamSpec]) -> String {
    let s = Scenario::default();
    let mut parts = Vec::new();
    if g.chance(0.5) {
        parts.push(format!("v={}", g.pick(&["1", "2", "3", "", "x"])));
    }
    if g.chance(0.4) {
        let m = g.pick(&[
            "adex",
            "izhikevich",
            "qif",
            "qif_sfa",
            "izh_cc",
            "izh_gsk",
            "nope",
        ]);
        parts.push(format!("model={m}"));
    }
    for _ in 0..g.below(12) {
        match g.below(10) {
            0 => parts.push(g.junk()),
            1 => parts.push(format!("{}={}", g.junk(), g.junk())),
            2 if g.chance(0.3) => parts.push(format!("{}=1", "k".repeat(3000))),
            2 => parts.push(g.pick(&NASTY).to_string()),
            _ => {
                let spec = g.pick(specs);
                let v = value_for(g, spec, &s);
                parts.push(format!("{}={}", spec.key, v));
            }
        }
    }
    let sep = if g.chance(0.1) { "&&" } else { "&" };
    let q = parts.join(sep);
    if g.chance(0.3) {
        format!("?{q}")
    } else {
        q
    }
}

/// Everything a scenario must be whatever it was read from.
fn assert_valid(s: &Scenario, context: &str) {
    for spec in scenario::specs() {
        let text = spec.get(s);
        match spec.domain {
            Domain::Real { min, max, .. } | Domain::Int { min, max } => {
                let v: f64 = text.parse().unwrap_or(f64::NAN);
                assert!(
                    v.is_finite() && (min..=max).contains(&v),
                    "{context}: {} = {text} is outside [{min}, {max}]",
                    spec.key
                );
            }
            Domain::Choice => {
                let options = spec.options(s);
                assert!(
                    options.iter().any(|(o, _)| *o == text),
                    "{context}: {} = {text} is not one of its options",
                    spec.key
                );
            }
        }
    }
    assert!(
        limits::mf_steps(s.duration_ms, s.dt_ms) <= MAX_MF_STEPS * (1.0 + 1e-12),
        "{context}: {} mean-field steps",
        limits::mf_steps(s.duration_ms, s.dt_ms)
    );
}

fn assert_message(message: &str, context: &str) {
    assert!(!message.trim().is_empty(), "{context}: empty message");
    assert!(
        message.chars().count() <= MAX_MESSAGE,
        "{context}: message of {} characters: {message}",
        message.chars().count()
    );
}

#[test]
fn random_links_give_valid_scenarios_and_short_notices() {
    let specs = scenario::specs();
    let mut g = Gen(SeededRng::new(20261122));
    for case in 0..12000 {
        let q = random_query(&mut g, specs);
        let context = format!("case {case}, link {q:?}");
        let mut s = Scenario::default();
        let notices = scenario::apply_query(&mut s, &q);
        for n in &notices {
            assert_message(&n.message, &context);
        }
        assert_valid(&s, &context);
        // What the page writes back into the address bar reads back to the same scenario,
        // without a notice.
        let link = scenario::to_query(&s);
        let mut again = Scenario::default();
        let notices = scenario::apply_query(&mut again, &link);
        assert!(notices.is_empty(), "{context}: {link} gave {notices:?}");
        assert_eq!(scenario::to_query(&again), link, "{context}");
    }
}

#[test]
fn hostile_link_values_are_refused_with_a_message_naming_the_key() {
    let cases: [(&str, &str); 6] = [
        ("b_e=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "b_e"),
        ("b_e=NaN", "b_e"),
        ("el_e=Infinity", "el_e"),
        ("q_e=1e999", "q_e"),
        ("model=hodgkin_huxley", "model"),
        ("n=1e9", "n"),
    ];
    for (q, key) in cases {
        let mut s = Scenario::default();
        let notices = scenario::apply_query(&mut s, q);
        assert_eq!(notices.len(), 1, "{q}: {notices:?}");
        assert_eq!(notices[0].key, key, "{q}");
        assert!(
            notices[0].message.contains(key),
            "{q}: {}",
            notices[0].message
        );
        assert!(
            !notices[0].message.contains("<script>alert(1)</script>")
                || key != "b_e"
                || notices[0].message.len() < MAX_MESSAGE
        );
        assert_valid(&s, q);
    }
    // The script is reported, as text, and the default kept.
    let mut s = Scenario::default();
    scenario::apply_query(&mut s, "b_e=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert_eq!(s.adex.exc.b_pa, Scenario::default().adex.exc.b_pa);
    // Absurd sizes are clamped into range with a notice, then refused by the work limits.
    let mut s = Scenario::default();
    let notices = scenario::apply_query(&mut s, "n=1e9&duration=8.64e7");
    assert_eq!(s.adex.n_total, 1e6, "{notices:?}");
    assert_eq!(s.duration_ms, 100_000.0);
    let why = s.check_network().unwrap_err().to_string();
    assert!(
        why.contains("synapses") || why.contains("neuron-steps"),
        "{why}"
    );
}

#[test]
fn the_mean_field_step_limit_clamps_links_and_rejects_the_command_line() {
    // The key that breaks the limit is clamped: here the duration…
    let mut s = Scenario::default();
    let notices = scenario::apply_query(&mut s, "dt_mf=0.05&duration=100000");
    assert_eq!(s.dt_ms, 0.05);
    assert!(
        (s.duration_ms - 0.05 * MAX_MF_STEPS).abs() < 1e-9,
        "{}",
        s.duration_ms
    );
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0]
        .message
        .contains("shorten the duration or raise dt_mf"));
    assert!(
        notices[0].message.contains("using duration = 10000 ms"),
        "{}",
        notices[0].message
    );
    // …there the step (4000 ms / 200 000 steps = 0.02 ms).
    let mut s = Scenario::default();
    let notices = scenario::apply_query(&mut s, "dt_mf=0.01");
    assert_eq!(s.duration_ms, 4000.0);
    assert!((s.dt_ms - 0.02).abs() < 1e-12, "{}", s.dt_ms);
    assert!(
        notices[0].message.contains("using dt_mf = 0.02 ms"),
        "{}",
        notices[0].message
    );
    // The CLI's strict policy refuses and leaves the value as it was.
    let mut s = Scenario::default();
    let e = scenario::set(&mut s, "dt_mf", "0.001", OutOfRange::Reject).unwrap_err();
    assert!(matches!(e, Error::InvalidParam { .. }), "{e}");
    let e = scenario::set(&mut s, "dt_mf", "0.01", OutOfRange::Reject).unwrap_err();
    assert!(e.to_string().contains("steps"), "{e}");
    assert_eq!(s.dt_ms, Scenario::default().dt_ms);
    // An analysis beyond the limits is refused before it starts, naming the key to change.
    let set = CoefficientSet::builtin("meanfield-fit-adex").unwrap();
    let mut s = Scenario::default();
    scenario::apply_query(&mut s, "analysis=freq_response&fr_min=0.01");
    let e = meanfield_explorer::analysis::Job::new(&s, Some(&set))
        .err()
        .unwrap()
        .to_string();
    assert!(
        e.starts_with("fr_min = '0.01'") && e.contains("raise the lowest frequency"),
        "{e}"
    );
    scenario::apply_query(&mut s, "fr_min=0.1");
    assert!(meanfield_explorer::analysis::Job::new(&s, Some(&set)).is_ok());
    // Every preset is within the limits.
    for p in meanfield_explorer::scenario::presets::presets() {
        let mut s = Scenario::default();
        let notices = scenario::apply_query(&mut s, p.query);
        assert!(notices.is_empty(), "{}: {notices:?}", p.id);
        assert_valid(&s, p.id);
        s.check_network().unwrap();
    }
}

#[test]
fn random_json_scenarios_are_loaded_or_refused_with_a_message() {
    let specs = scenario::specs();
    let export = scenario::to_json(&Scenario::default()).to_string();
    let mut g = Gen(SeededRng::new(7));
    for case in 0..6000 {
        let text = match g.below(4) {
            0 => export[..g.below(export.len())].to_string(),
            1 => {
                let mut v = scenario::to_json(&Scenario::for_model(*g.pick(&ModelKind::ALL)));
                for _ in 0..1 + g.below(4) {
                    let spec = g.pick(specs);
                    let s = Scenario::default();
                    let value = match g.below(5) {
                        0 => serde_json::Value::Null,
                        1 => serde_json::json!([1, 2]),
                        2 => serde_json::json!({"x": 1}),
                        3 => serde_json::json!(value_for(&mut g, spec, &s)),
                        _ => value_for(&mut g, spec, &s)
                            .parse::<f64>()
                            .ok()
                            .and_then(serde_json::Number::from_f64)
                            .map_or(serde_json::Value::Null, serde_json::Value::Number),
                    };
                    v[spec.key] = value;
                }
                if g.chance(0.2) {
                    v[g.junk()] = serde_json::json!(1);
                }
                if g.chance(0.05) {
                    v["x".repeat(5000)] = serde_json::json!(1);
                }
                v.to_string()
            }
            2 => g
                .pick(&[
                    "",
                    "null",
                    "[]",
                    "42",
                    "\"x\"",
                    "{",
                    "{\"n\":}",
                    "{\"n\":1e999}",
                    "{\"model\":7}",
                ])
                .to_string(),
            _ => g.junk(),
        };
        let context = format!("case {case}, file {text:?}");
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                assert_message(&e.to_string(), &context);
                continue;
            }
        };
        for policy in [OutOfRange::Clamp, OutOfRange::Reject] {
            let mut s = Scenario::default();
            match scenario::apply_json(&mut s, &value, policy) {
                Ok(notices) => {
                    for n in &notices {
                        assert_message(&n.message, &context);
                    }
                    assert_valid(&s, &context);
                }
                Err(e) => {
                    let m = e.to_string();
                    assert_message(&m, &context);
                    // A refusal names the field, unless the file is not an object at all.
                    if value.is_object() {
                        let named =
                            value.as_object().unwrap().keys().any(|k| {
                                m.contains(k.chars().take(20).collect::<String>().as_str())
                            });
                        assert!(named, "{context}: {m}");
                    }
                }
            }
        }
    }
}

#[test]
fn random_coefficient_files_are_loaded_or_refused_with_a_message() {
    let originals: Vec<String> = [
        "divolo2019-code",
        "meanfield-fit-adex",
        "meanfield-fit-izhikevich",
    ]
    .iter()
    .map(|id| CoefficientSet::builtin(id).unwrap().to_json())
    .collect();
    let mut g = Gen(SeededRng::new(99));
    let mut loaded = 0;
    for case in 0..6000 {
        let original = g.pick(&originals).clone();
        let text = match g.below(3) {
            0 => original[..g.below(original.len())].to_string(),
            1 => {
                // Replace one number of the file by something else.
                let starts: Vec<usize> = original
                    .char_indices()
                    .filter(|(i, c)| {
                        (c.is_ascii_digit() || *c == '-')
                            && !original[..*i].ends_with(|p: char| {
                                p.is_ascii_digit() || p == '.' || p == 'e' || p == '-'
                            })
                    })
                    .map(|(i, _)| i)
                    .collect();
                let at = *g.pick(&starts);
                let end = original[at..]
                    .find(|c: char| !(c.is_ascii_digit() || "+-.eE".contains(c)))
                    .map_or(original.len(), |n| at + n);
                let replacement = g
                    .pick(&[
                        "0", "-1", "1e308", "-1e308", "1e-308", "null", "\"7\"", "[]", "1e999",
                        "NaN",
                    ])
                    .to_string();
                format!("{}{}{}", &original[..at], replacement, &original[end..])
            }
            _ => {
                // Drop one line (a field, or a bracket).
                let lines: Vec<&str> = original.lines().collect();
                let drop = g.below(lines.len());
                lines
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != drop)
                    .map(|(_, l)| *l)
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        };
        let context = format!("case {case}");
        match CoefficientSet::parse("fuzz.json", &text) {
            Ok(set) => {
                loaded += 1;
                // An accepted file gives a finite mean-field run, or one that reports where it
                // stopped being finite.
                let mut s = Scenario::for_model(if set.neuron_model.name() == "izhikevich" {
                    ModelKind::Izhikevich
                } else {
                    ModelKind::Adex
                });
                s.duration_ms = 300.0;
                if let Ok(trace) = s.run(&set) {
                    assert_finite_or_reported(&trace, &context);
                }
            }
            Err(e) => {
                let m = e.to_string();
                assert_message(&m, &context);
                assert!(
                    m.starts_with("coefficient file 'fuzz.json'"),
                    "{context}: {m}"
                );
            }
        }
    }
    assert!(
        loaded > 100,
        "only {loaded} mutated files were accepted: the mutations are too blunt"
    );
}

fn assert_finite_or_reported(trace: &meanfield_explorer::meanfield::Trace, context: &str) {
    use meanfield_explorer::meanfield::RunEvent;
    let stopped = trace
        .events
        .iter()
        .any(|e| matches!(e, RunEvent::NonFinite { .. }));
    for (t, st) in trace.t_ms.iter().zip(&trace.states) {
        let values = [st.nu_e, st.nu_i, st.c_ee, st.c_ei, st.c_ii, st.w_e, st.w_i];
        assert!(
            values.iter().all(|v| v.is_finite()),
            "{context}: non-finite state at t = {t} ms (reported: {stopped})"
        );
    }
}

/// A scenario of `model` with `changes` random parameters of its own, read as a link would be.
fn random_scenario(
    g: &mut Gen,
    specs: &[scenario::ParamSpec],
    model: ModelKind,
    changes: usize,
) -> (Scenario, String) {
    let mut s = Scenario::for_model(model);
    let mut query = format!("model={}", model.name());
    let own: Vec<&scenario::ParamSpec> = specs
        .iter()
        .filter(|p| p.key != "model" && p.belongs_to(model))
        .collect();
    for _ in 0..changes {
        let spec = *g.pick(&own);
        let value = match spec.domain {
            Domain::Choice => {
                let options = spec.options(&s);
                g.pick(&options).0.clone()
            }
            Domain::Real { min, max, .. } => format!("{}", min + g.0.uniform_open() * (max - min)),
            Domain::Int { min, max } => {
                format!("{}", (min + g.0.uniform_open() * (max - min)).round())
            }
        };
        query.push_str(&format!("&{}={value}", spec.key));
    }
    scenario::apply_query(&mut s, &query);
    s.duration_ms = s.duration_ms.min(600.0);
    (s, query)
}

#[test]
fn random_scenarios_run_finite_or_say_where_they_stopped() {
    let specs = scenario::specs();
    let mut g = Gen(SeededRng::new(3));
    let sets = [
        CoefficientSet::builtin("meanfield-fit-adex").unwrap(),
        CoefficientSet::builtin("divolo2019-code").unwrap(),
        CoefficientSet::builtin("meanfield-fit-izhikevich").unwrap(),
    ];
    let mut runs = 0;
    for case in 0..600 {
        let model = ModelKind::ALL[case % ModelKind::ALL.len()];
        let changes = 1 + g.below(6);
        let (s, query) = random_scenario(&mut g, specs, model, changes);
        let context = format!("case {case}: {query}");
        assert_valid(&s, &context);
        if let Some(trace) = s.run_lorentz() {
            let stopped = trace
                .events
                .iter()
                .any(|e| matches!(e, meanfield_explorer::meanfield::RunEvent::NonFinite { .. }));
            // What is drawn is physical: a rate ≥ 0, no state of 10⁸ on its way to ∞.
            assert!(
                trace.r_hz.iter().all(|r| r.is_finite() && *r >= 0.0),
                "{context}: non-finite or negative rate (reported: {stopped})"
            );
            assert!(
                trace.states.iter().flatten().all(|x| x.abs() <= 1e8),
                "{context}: a state beyond 1e8 (reported: {stopped})"
            );
            runs += 1;
            continue;
        }
        let set = if model == ModelKind::Izhikevich {
            &sets[2]
        } else {
            &sets[case % 2]
        };
        match s.run(set) {
            Ok(trace) => {
                assert_finite_or_reported(&trace, &context);
                runs += 1;
            }
            Err(e) => assert_message(&e.to_string(), &context),
        }
        // The fixed-point analysis of the same scenario: finite numbers or a message.
        match meanfield_explorer::analysis::fixed_points(&s, set) {
            Ok(fp) => {
                assert!(
                    fp.curve.iter().all(|(x, y)| x.is_finite() && y.is_finite()),
                    "{context}: non-finite F(ν_e)"
                );
                for p in &fp.points {
                    let v = [p.nu_e, p.nu_i, p.w_e, p.w_i, p.slope];
                    assert!(v.iter().all(|x| x.is_finite()), "{context}: {p:?}");
                }
            }
            Err(e) => assert_message(&e.to_string(), &context),
        }
    }
    assert!(runs > 500, "only {runs} of 600 random scenarios ran");
}

#[test]
fn random_small_networks_stay_finite_or_say_where_they_stopped() {
    use meanfield_explorer::network::SpikeFilter;
    let specs = scenario::specs();
    let mut g = Gen(SeededRng::new(11));
    for case in 0..60 {
        let model = ModelKind::ALL[case % ModelKind::ALL.len()];
        let changes = 1 + g.below(5);
        let (mut s, query) = random_scenario(&mut g, specs, model, changes);
        s.adex.n_total = 400.0;
        s.adex.k_e = s.adex.k_e.min(60.0);
        s.adex.k_i = s.adex.k_i.min(15.0);
        s.duration_ms = 150.0;
        let context = format!("case {case}: {query}");
        let net = match s.network(SpikeFilter::ALL, None) {
            Ok(net) => net,
            Err(e) => {
                assert_message(&e.to_string(), &context);
                continue;
            }
        };
        let diverged = net.diverged_at_ms();
        let rec = net.run();
        if diverged.is_none() {
            for b in &rec.bins {
                let v = [b.nu_e_hz, b.nu_i_hz, b.w_e_pa, b.w_i_pa];
                assert!(v.iter().all(|x| x.is_finite()), "{context}: bin {b:?}");
            }
        }
        for sp in &rec.spikes {
            assert!(
                sp.t_ms.is_finite() && sp.t_ms <= s.duration_ms + 1e-9,
                "{context}"
            );
        }
    }
}
