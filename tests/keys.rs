//! The cache keys (`app::keys`) against the computations they stand for, over every schema
//! key: a change that alters what is computed must change the key (so the page never shows a
//! stale result), and a key that changes must alter what is computed for at least one of the
//! scenarios tried (so the page does not recompute for nothing).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test
use meanfield_explorer::analysis::Job;
use meanfield_explorer::app::{keys, Session};
use meanfield_explorer::scenario::{self, ModelKind, ParamSpec, Scenario};

/// `base` with the key of `spec` moved by a tenth of its range (or to another option), and
/// the value it was set to; `None` when the key cannot move.
fn moved(base: &Scenario, spec: &ParamSpec) -> Option<(Scenario, String)> {
    let mut moved = base.clone();
    let value = match spec.domain {
        scenario::Domain::Choice => {
            let now = spec.get(base);
            spec.options(base).into_iter().find(|(v, _)| *v != now)?.0
        }
        scenario::Domain::Real { min, max, .. } | scenario::Domain::Int { min, max } => {
            let now: f64 = spec.get(base).parse().unwrap();
            let step = (max - min) * 0.1;
            let v = if now + step <= max {
                now + step
            } else {
                now - step
            };
            let v = if matches!(spec.domain, scenario::Domain::Int { .. }) {
                v.round()
            } else {
                v
            };
            meanfield_explorer::text::format_number(v)
        }
    };
    spec.set(&mut moved, &value, scenario::OutOfRange::Clamp)
        .ok()?;
    (moved != *base).then_some((moved, value))
}

/// Moves every schema key relevant to `bases[0]` but those in `skip`, on each base, and checks
/// `key` against `result` both ways; a key in `unseen` is read by the computation but may not
/// show in the results of these bases (it must still change the key). Returns the number of
/// keys checked.
fn check_every_key(
    what: &str,
    bases: &[Scenario],
    (skip, unseen): (&[&str], &[&str]),
    key: impl Fn(&Scenario) -> String,
    result: impl Fn(&Scenario) -> String,
) -> usize {
    let before: Vec<(String, String)> = bases.iter().map(|b| (key(b), result(b))).collect();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for spec in scenario::specs() {
        if skip.contains(&spec.key) || !spec.relevant(&bases[0]) {
            continue;
        }
        let mut key_changed_somewhere = false;
        let mut result_changed_somewhere = false;
        for (base, (k, r)) in bases.iter().zip(&before) {
            let Some((moved, value)) = moved(base, spec) else {
                continue;
            };
            let key_changed = key(&moved) != *k;
            let result_changed = result(&moved) != *r;
            if result_changed && !key_changed {
                wrong.push(format!(
                    "{} = {value} changes the result but not its key",
                    spec.key
                ));
            }
            key_changed_somewhere |= key_changed;
            result_changed_somewhere |= result_changed;
        }
        if unseen.contains(&spec.key) {
            if !key_changed_somewhere {
                wrong.push(format!("{} is read but does not change the key", spec.key));
            }
        } else if key_changed_somewhere && !result_changed_somewhere {
            wrong.push(format!("{} changes the key but not the result", spec.key));
        }
        checked += 1;
    }
    assert!(wrong.is_empty(), "{what}: {wrong:#?}");
    checked
}

/// Sets `pairs` on `s`.
fn with(mut s: Scenario, pairs: &[(&str, &str)]) -> Scenario {
    for (k, v) in pairs {
        scenario::set(&mut s, k, v, scenario::OutOfRange::Reject).unwrap();
    }
    s
}

/// The network key against the network itself: a change that alters what a small network
/// simulates (its spikes and bins) must change the key; a key only the mean field or the view
/// reads must leave it.
#[test]
fn the_network_key_changes_exactly_when_the_network_does() {
    let small = |model: ModelKind| {
        let s = with(
            Scenario::for_model(model),
            &[
                ("duration", "300"),
                ("n", "300"),
                ("stim_t0", "100"),
                ("stim_dur", "100"),
            ],
        );
        if model.family().is_some() {
            return s;
        }
        with(
            s,
            &[
                ("k_e", "40"),
                ("k_i", "10"),
                ("k_ext", "40"),
                ("nu_drive", "20"),
            ],
        )
    };
    let recording = |s: &Scenario| {
        s.network(meanfield_explorer::network::SpikeFilter::ALL, None)
            .map(|n| format!("{:?}", n.run()))
            .unwrap_or_else(|e| format!("no network: {e}"))
    };
    // The same scenario with everything switched on that can hide a key's effect (adaptation
    // of the inhibitory cells, subthreshold adaptation, the initial spread of potentials).
    let active = |model: ModelKind| {
        let on: &[(&str, &str)] = match model {
            ModelKind::Adex => &[("a_e", "1"), ("a_i", "1"), ("b_i", "20")],
            ModelKind::Izhikevich => &[("izh_d_i", "10"), ("izh_b_e", "1"), ("izh_b_i", "1")],
            // A spread of initial potentials, which the seed draws.
            _ => &[("r0", "1")],
        };
        with(small(model), on)
    };
    let mut checked = 0;
    for model in [
        ModelKind::Adex,
        ModelKind::Izhikevich,
        ModelKind::QifSfa,
        ModelKind::IzhGsk,
    ] {
        checked += check_every_key(
            &format!("{model:?} network"),
            &[small(model), active(model)],
            // The small network's own size and length, and the model itself.
            (&["model", "duration", "n"], &[]),
            keys::network,
            recording,
        );
    }
    assert!(checked > 100, "{checked} keys checked");
}

/// The analysis key against the analysis itself (run as the page's worker runs it, with the
/// set the session uses): fixed points and a small frequency response, for both conductance
/// models, with and without a constant stimulus and the adaptation switched on.
#[test]
fn the_analysis_key_changes_exactly_when_the_analysis_does() {
    // A session holding exactly `s` (a scenario file is read on the defaults, as it is).
    let session = |s: &Scenario| {
        let mut session = Session::new().unwrap();
        let json = serde_json::to_string(&scenario::to_json(s)).unwrap();
        session.load_scenario_json(&json).unwrap();
        assert_eq!(session.scenario(), s);
        session
    };
    let key = |s: &Scenario| session(s).analysis_key();
    let result = |s: &Scenario| {
        let session = session(s);
        let set = match session.current_set() {
            Ok(set) => set.clone(),
            Err(e) => return format!("no set: {e}"),
        };
        match Job::new(s, Some(&set)) {
            Ok(mut job) => {
                job.run_to_end();
                format!("{:?} {:?}", job.result(), job.failures())
            }
            Err(e) => format!("no analysis: {e}"),
        }
    };
    let mut checked = 0;
    for model in [ModelKind::Adex, ModelKind::Izhikevich] {
        // T enters the fixed points' stability (the rate rows of the Jacobian scale with 1/T,
        // against the adaptation's 1/τ_w), which the classification shows only near a
        // bifurcation.
        for (kind, unseen) in [
            (&[("analysis", "fixed_points")][..], &["t_mf"][..]),
            (
                &[
                    ("analysis", "freq_response"),
                    ("fr_min", "5"),
                    ("fr_max", "10"),
                    ("fr_n", "2"),
                ][..],
                &[][..],
            ),
        ] {
            let base = with(Scenario::for_model(model), kind);
            let on: &[(&str, &str)] = match model {
                ModelKind::Adex => &[("a_e", "1"), ("a_i", "1"), ("b_i", "20")],
                _ => &[("izh_d_i", "10"), ("izh_b_e", "1"), ("izh_b_i", "1")],
            };
            let active = with(
                with(base.clone(), on),
                &[("stim", "constant"), ("stim_amp", "1")],
            );
            checked += check_every_key(
                &format!("{model:?} {}", base.analysis.kind.name()),
                &[base, active],
                (&["model", "analysis"], unseen),
                key,
                result,
            );
        }
    }
    assert!(checked > 100, "{checked} keys checked");
}

/// The bifurcation diagrams' key against the diagrams and the network runs (as the page's
/// worker runs them), for an exact family with two variables and one with four, each with a
/// small network and with a constant input (which the diagram keeps) on the second base, and
/// the two-parameter diagram.
#[test]
fn the_diagram_key_changes_exactly_when_the_diagram_or_its_network_runs_do() {
    let key = |s: &Scenario| keys::analysis(s, None);
    let result = |s: &Scenario| match Job::new(s, None) {
        Ok(mut job) => {
            job.run_to_end();
            format!("{:?} {:?}", job.result(), job.failures())
        }
        Err(e) => format!("no analysis: {e}"),
    };
    let mut checked = 0;
    // The step of the runs that find the branches' starts is read, but Newton's method
    // polishes what they find to the same equilibria; the seed is the network's (its key's
    // test shows where it matters).
    let with_network: &[&str] = &["dt_mf", "seed"];
    // Without the network: the mean field's record (in the key) holds the network's spike cut
    // too, and the initial state starts the runs that find the branches (polished to the same
    // equilibria).
    let curves: &[&str] = &["dt_mf", "qif_vpeak", "r0"];
    // The run: the spike cut is the network's; the seed draws only an OU stimulus; the pulse
    // starts at the end of these short runs, so its length does not show.
    let plane: &[&str] = &["qif_vpeak", "seed", "stim_dur"];
    for (model, kind, small_range, unseen) in [
        (
            ModelKind::Qif,
            "bifurcation",
            [("bif_min", "-8"), ("bif_max", "-2")],
            with_network,
        ),
        (
            ModelKind::IzhCc,
            "bifurcation",
            [("bif_min", "0.05"), ("bif_max", "0.25")],
            with_network,
        ),
        // The curves read the second parameter's own value (they start there).
        (
            ModelKind::Qif,
            "two_parameter",
            [("bif_ymin", "0.5"), ("bif_ymax", "4")],
            curves,
        ),
        (
            ModelKind::Qif,
            "phase_plane",
            [("bif_min", "-8"), ("bif_max", "-2")],
            plane,
        ),
    ] {
        let base = with(
            Scenario::for_model(model),
            &[
                ("analysis", kind),
                small_range[0],
                small_range[1],
                ("bif_net", "2"),
                ("n", "200"),
                ("duration", "200"),
            ],
        );
        let constant = with(base.clone(), &[("stim", "constant"), ("stim_amp", "0.5")]);
        checked += check_every_key(
            &format!("{model:?} {kind}"),
            &[base, constant],
            (&["model", "analysis"], unseen),
            key,
            result,
        );
    }
    assert!(checked > 30, "{checked} keys checked");
}
