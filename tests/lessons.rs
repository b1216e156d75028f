//! The lessons: every step's check holds on the run the page makes (the same function the CLI
//! runs, `meanfield lesson --check`), and the session follows a lesson as the page does: in the
//! link, step by step, done for the reader, marked modified after an edit.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
use meanfield_explorer::app::lessons::check_lesson;
use meanfield_explorer::app::Session;
use meanfield_explorer::scenario::lessons::LESSONS;
use std::process::Command;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

/// Checks every step of every other lesson, from the `first`.
fn checks_hold(first: usize) {
    for l in LESSONS.iter().skip(first).step_by(2) {
        let reports = check_lesson(l, 1).unwrap();
        for r in &reports {
            println!("{} step {}: {} -> {:?}", l.id, r.step, r.check, r.value);
        }
        let failed: Vec<_> = reports.iter().filter(|r| !r.done).collect();
        assert!(failed.is_empty(), "{}: {failed:#?}", l.id);
    }
}

// Two tests of every other lesson, so that the harness runs them side by side: the lessons'
// network runs take most of the time, some 35 s in each half.
#[test]
fn every_lessons_checks_hold_on_its_runs() {
    checks_hold(0);
}

#[test]
fn every_other_lessons_checks_hold_on_its_runs() {
    checks_hold(1);
}

#[test]
fn the_cli_checks_a_lesson_and_fails_on_an_unknown_one() {
    let out = Command::new(env!("CARGO_BIN_EXE_meanfield"))
        .args(["lesson", "--check", "qif-hysteresis", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&String::from_utf8(out.stdout).unwrap());
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    assert!(steps.iter().all(|s| s["done"] == true), "{v}");
    // The high state after the step, about 103 Hz.
    assert!(
        (steps[1]["value"].as_f64().unwrap() - 103.0).abs() < 1.0,
        "{v}"
    );
    let list = Command::new(env!("CARGO_BIN_EXE_meanfield"))
        .args(["lesson"])
        .output()
        .unwrap();
    let text = String::from_utf8(list.stdout).unwrap();
    assert!(LESSONS.iter().all(|l| text.contains(l.id)), "{text}");
    let bad = Command::new(env!("CARGO_BIN_EXE_meanfield"))
        .args(["lesson", "--check", "no-such-lesson"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains(&format!(
        "unknown lesson 'no-such-lesson' (lessons: {}",
        LESSONS[0].id
    )));
}

#[test]
fn the_session_follows_a_lesson_through_its_link() {
    let mut s = Session::new().unwrap();
    assert_eq!(json(&s.lesson_state())["active"], false);
    s.lesson_start("fig4").unwrap();
    s.run().unwrap();
    let st = json(&s.lesson_state());
    assert_eq!(st["step"], 1);
    assert_eq!(st["modified"], false);
    assert_eq!(
        st["title"],
        "Adaptation shapes the response to the same input"
    );
    assert!(st["note"].as_str().unwrap().starts_with("Fig 4-B"));
    // Step 1 reads the mean field: done on the page's run, with the CLI's number.
    assert_eq!(st["done"], true, "{st}");
    let cli = check_lesson(
        meanfield_explorer::scenario::lessons::lesson("fig4").unwrap(),
        1,
    )
    .unwrap();
    assert_eq!(st["value"].as_f64(), cli[0].value);
    // The link holds the lesson and its step; a fresh session opens it there.
    s.lesson_goto(4).unwrap();
    let query = s.query();
    assert!(
        query.contains("lesson=fig4") && query.contains("step=4"),
        "{query}"
    );
    let mut other = Session::new().unwrap();
    assert_eq!(other.apply_query(&query), "[]");
    assert_eq!(json(&other.lesson_state())["step"], 4);
    assert_eq!(json(&other.lesson_state())["modified"], false);
    // "Do it for me" sets the step's action (ν_drive = 7 Hz); still the lesson, not modified.
    s.lesson_do().unwrap();
    assert!(s.query().contains("nu_drive=7"), "{}", s.query());
    s.run().unwrap();
    let st = json(&s.lesson_state());
    assert_eq!(
        (st["modified"].clone(), st["done"].clone()),
        (false.into(), true.into()),
        "{st}"
    );
    // An edit of the reader's marks it modified, and the link carries the edit.
    s.set("b_e", "20").unwrap();
    assert_eq!(json(&s.lesson_state())["modified"], true);
    assert!(s.query().contains("b_e=20"));
    // Going to a step restores the lesson's scenario there.
    s.lesson_goto(2).unwrap();
    let st = json(&s.lesson_state());
    assert_eq!(
        (st["step"].clone(), st["modified"].clone()),
        (2.into(), false.into())
    );
    assert!(!s.query().contains("nu_drive=7"), "{}", s.query());
    assert!(s.lesson_goto(9).is_err());
    // A step whose check reads the network waits for it.
    s.lesson_goto(3).unwrap();
    s.run().unwrap();
    assert_eq!(json(&s.lesson_state())["waiting"], true);
    s.lesson_leave();
    assert_eq!(json(&s.lesson_state())["active"], false);
}

#[test]
fn every_lesson_starts_from_an_example_and_names_real_keys() {
    use meanfield_explorer::scenario::{self, presets::preset};
    for l in LESSONS {
        assert!(preset(l.example).is_some(), "{}", l.id);
        assert!((2..=5).contains(&l.steps.len()), "{}", l.id);
        // The embed's sliders: 2 to 4 distinct keys of the schema, each a key of the lesson's
        // model that matters at every step (not, say, a stimulus key of another stimulus).
        assert!((2..=4).contains(&l.controls.len()), "{}", l.id);
        for (i, key) in l.controls.iter().enumerate() {
            assert!(!l.controls[..i].contains(key), "{}: {key} twice", l.id);
            assert!(scenario::spec(key).is_ok(), "{}: no key {key}", l.id);
        }
        let model = l.scenario(1, false, 1).unwrap().model;
        for k in 1..=l.steps.len() {
            let s = l.scenario(k, true, 1).unwrap();
            assert_eq!(s.model, model, "{} step {k} changes the model", l.id);
            for key in l.controls {
                let spec = scenario::spec(key).unwrap();
                assert!(spec.belongs_to(s.model), "{}: {key}", l.id);
                assert!(
                    spec.relevant(&s),
                    "{} step {k}: {key} does not matter",
                    l.id
                );
            }
        }
        // Each step's action applies cleanly on the lesson so far.
        for (k, st) in l.steps.iter().enumerate() {
            let mut t = l.scenario(k + 1, false, 1).unwrap();
            let notices = scenario::apply_query(&mut t, st.set);
            assert!(notices.is_empty(), "{}: {} {notices:?}", l.id, st.set);
        }
    }
}

#[test]
fn every_example_is_the_example_of_exactly_one_lesson() {
    use meanfield_explorer::scenario::presets::presets;
    let mut n = 0;
    for p in presets() {
        let of: Vec<&str> = LESSONS
            .iter()
            .filter(|l| l.example == p.id)
            .map(|l| l.id)
            .collect();
        assert_eq!(of.len(), 1, "example {} is told by lessons {of:?}", p.id);
        n += 1;
    }
    // And no lesson starts from anything else (so one lesson per example, and back).
    assert_eq!(LESSONS.len(), n);
}

#[test]
fn lesson_ids_are_unique_and_kebab_case() {
    for (i, l) in LESSONS.iter().enumerate() {
        let id = l.id;
        assert!(
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !id.starts_with('-')
                && !id.ends_with('-')
                && !id.contains("--"),
            "lesson id '{id}'"
        );
        assert!(
            LESSONS[..i].iter().all(|o| o.id != id),
            "two lessons have the id '{id}'"
        );
    }
}

#[test]
fn the_pages_lesson_actions_go_through_one_entry() {
    let mut s = Session::new().unwrap();
    assert_eq!(
        json(&s.lesson_action("list").unwrap())
            .as_array()
            .unwrap()
            .len(),
        LESSONS.len()
    );
    let st = json(&s.lesson_action("start:fig5").unwrap());
    assert_eq!(
        (st["id"].clone(), st["step"].clone()),
        ("fig5".into(), 1.into())
    );
    assert_eq!(json(&s.lesson_action("goto:2").unwrap())["step"], 2);
    assert!(s.lesson_action("goto:x").is_err());
    assert!(s.lesson_action("goto:6").is_err());
    assert!(s.lesson_action("bogus").is_err());
    assert!(s.lesson_action("start:no-such-lesson").is_err());
    assert_eq!(
        json(&s.lesson_action("state").unwrap())["step"],
        2,
        "a refused action changes nothing"
    );
    assert_eq!(json(&s.lesson_action("start:").unwrap())["active"], false);
}

#[test]
fn a_hand_written_lesson_link_opens_the_lessons_scenario_at_its_step() {
    let mut s = Session::new().unwrap();
    assert_eq!(s.apply_query("v=2&lesson=fig4&step=4"), "[]");
    let st = json(&s.lesson_state());
    assert_eq!(
        (st["step"].clone(), st["modified"].clone()),
        (4.into(), false.into()),
        "{st}"
    );
    assert_eq!(s.scenario().adex.nu_drive_hz, 1.5);
    // Keys of the link beyond the lesson's apply on top (and mark it modified).
    let mut t = Session::new().unwrap();
    t.apply_query("v=2&lesson=fig4&step=1&b_e=20");
    assert_eq!(t.scenario().adex.exc.b_pa, 20.0);
    assert_eq!(json(&t.lesson_state())["modified"], true);
}

#[test]
fn a_lesson_link_reproduces_exactly_what_is_shown() {
    let mut s = Session::new().unwrap();
    s.lesson_start("fig4").unwrap();
    s.lesson_goto(4).unwrap();
    s.lesson_do().unwrap();
    // Edits, one of them back to the model's default (which the lesson had changed).
    s.set("b_e", "20").unwrap();
    s.set("nu_drive", "2.5").unwrap();
    let query = s.query();
    assert!(
        query.contains("nu_drive=2.5") && query.contains("b_e=20"),
        "{query}"
    );
    let mut other = Session::new().unwrap();
    assert_eq!(other.apply_query(&query), "[]");
    assert_eq!(other.scenario_json(), s.scenario_json(), "{query}");
    // Unedited, the link is just the lesson and its step.
    s.lesson_goto(2).unwrap();
    assert_eq!(s.query(), "v=2&lesson=fig4&step=2");
}

#[test]
fn the_workers_build_the_lessons_scenario_from_the_pages_link() {
    use meanfield_explorer::app::NetworkWorker;
    let mut s = Session::new().unwrap();
    s.lesson_start("fig4").unwrap();
    s.set("nu_drive", "2.5").unwrap(); // back to the model's default, which the lesson changed
    let query = s.query();
    assert_eq!(query, "v=2&nu_drive=2.5&lesson=fig4&step=1");
    // The network worker builds the page's scenario: 3 s (the lesson's), not the default 4 s.
    let mut w = NetworkWorker::default();
    assert_eq!(w.configure(&query), "");
    while !w.done() {
        w.run_for(1000.0);
    }
    let chunk = w.take_chunk(1.0);
    assert_eq!(s.net_restart(1), "");
    assert!(s.net_ingest(1, &chunk, 1.0).unwrap());
    assert_eq!(json(&s.net_status())["t_ms"], 3000.0);
    // The analysis request carries the same link.
    assert_eq!(json(&s.analysis_request())["query"], query);
}
