//! The examples against their own notes: each claim a note makes is checked on the run the
//! page makes for it (the session's, with the example's scenario).

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
use meanfield_explorer::app::Session;
use meanfield_explorer::meanfield::{RunEvent, Trace};
use meanfield_explorer::transfer::CoefficientSet;

/// The example's session after its run, and its summary (JSON).
fn example(id: &str) -> (Session, serde_json::Value) {
    let mut s = Session::new().unwrap();
    s.load_preset(id).unwrap();
    let summary = serde_json::from_str(&s.run().unwrap()).unwrap();
    (s, summary)
}

/// ν_e of `trace` just before the stimulus (at 1999 ms).
fn base_st(trace: &Trace) -> f64 {
    peak(trace, (1990.0, 1999.0)).0
}

/// Largest ν_e of `trace` between `t0` and `t1` [ms], and its time.
fn peak(trace: &Trace, (t0, t1): (f64, f64)) -> (f64, f64) {
    trace
        .t_ms
        .iter()
        .zip(&trace.states)
        .filter(|(t, _)| (t0..=t1).contains(*t))
        .map(|(t, x)| (x.nu_e, *t))
        .fold(
            (f64::NEG_INFINITY, 0.0),
            |a, b| if b.0 > a.0 { b } else { a },
        )
}

/// di Volo Fig 4-A/B: "the same stimulus causes a much larger response than at 7 Hz; the
/// stationary-W model (dashed) misses the peak". The stationary model's second-order terms
/// take the total derivative through W̄(ν), so the dashed curve stays a prediction (it once ran
/// to the 175 Hz cap at 2.19 s with W_e at 8750 pA).
#[test]
fn fig4_low_drive_responds_more_and_the_stationary_model_misses_the_peak() {
    // The cycle's rising lobe (the sine cycle runs from 2000 to 2200 ms; in its trough the
    // drive is clipped at 0).
    let cycle = (2000.0, 2100.0);
    let mut rise = Vec::new();
    for id in ["divolo-fig4-high", "divolo-fig4-low"] {
        let (s, summary) = example(id);
        let sc = s.scenario();
        let set = CoefficientSet::builtin(sc.coeffs().unwrap()).unwrap();
        let dynamic = sc.run(&set).unwrap();
        let stationary = sc.stationary_variant().run(&set).unwrap();
        let base = peak(&dynamic, (1900.0, 1999.0)).0;
        let (p_dyn, t_dyn) = peak(&dynamic, cycle);
        let (p_st, _) = peak(&stationary, cycle);
        println!(
            "{id}: before {base:.3} Hz, peak {p_dyn:.3} Hz at {t_dyn} ms, stationary {p_st:.3} Hz"
        );
        rise.push(p_dyn - base);
        // Nothing at a cap, in the curves or the overlay, and no warning in the page.
        for trace in [&dynamic, &stationary] {
            assert!(
                !trace
                    .events
                    .iter()
                    .any(|e| matches!(e, RunEvent::Cap { .. } | RunEvent::NonFinite { .. })),
                "{id}: {:?}",
                trace.events
            );
        }
        assert_eq!(summary["warnings"], serde_json::json!([]), "{id}");
        if id == "divolo-fig4-low" {
            // Dynamic 3.34 Hz at 2039 ms, stationary 1.86 Hz: it misses the peak.
            assert!((3.0..3.7).contains(&p_dyn), "{p_dyn}");
            assert!(p_st < 0.65 * p_dyn, "stationary {p_st} against {p_dyn}");
            // Where the clipped drive returns (2.19 s) the dashed curve has a brief transient
            // of its second-order terms, which the note names; it stays bounded and is over
            // by 2.23 s.
            let (blip, at) = peak(&stationary, (2100.0, sc.duration_ms));
            println!("{id}: stationary transient {blip:.2} Hz at {at} ms");
            assert!(
                blip < 10.0 && (2180.0..2210.0).contains(&at),
                "{blip} at {at}"
            );
            let after = peak(&stationary, (2230.0, sc.duration_ms)).0;
            assert!((after - base_st(&stationary)).abs() < 0.05, "{after}");
        }
    }
    assert!(
        rise[1] > 3.0 * rise[0],
        "low-drive rise {} against {}",
        rise[1],
        rise[0]
    );
}
