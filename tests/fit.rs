//! The fitting pipeline: the linear threshold step recovers known coefficients exactly, a refit
//! of the RS cell reproduces its transfer function within the stated error, the files it writes
//! round-trip and are rejected with a named field when broken, and the Izhikevich moments match
//! the reference values of `izhikevich_mf.md` §4.1.

#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]

use meanfield_explorer::fit::{self, fit_cell, FitInputs, FitPoint, Fitter, GridPreset, Sample};
use meanfield_explorer::meanfield::Pop;
use meanfield_explorer::scenario::Scenario;
use meanfield_explorer::transfer::coefficients::{CellNeuron, CoefficientSet};
use meanfield_explorer::transfer::izhikevich::{IzhNeuron, SYNAPSES};
use meanfield_explorer::transfer::{erfc_rate, InDegrees, Normalisation, ThresholdPoly};

fn official() -> CoefficientSet {
    CoefficientSet::builtin("divolo2019-code").unwrap()
}

/// Points on a grid whose "simulated" rates are exactly the transfer function of `p`.
fn synthetic_points(p: &ThresholdPoly) -> Vec<FitPoint> {
    let set = official();
    let mut pts = Vec::new();
    for w in [0.0, 100.0, 250.0] {
        for ni in [0.0, 5.0, 10.0, 20.0, 35.0] {
            for k in 0..40 {
                let ne = 0.5 + 0.5 * f64::from(k);
                let mut pt = FitPoint::new(
                    &set.exc.neuron,
                    &set.synapses,
                    &set.in_degrees,
                    (ne, ni, w),
                    &Sample::default(),
                );
                let rate = erfc_rate(&pt.moments, p.evaluate(&set.norm, &pt.moments));
                // A simulation reports no spikes where the rate is negligible.
                let spikes = if rate > 1e-3 { 1000 } else { 0 };
                let rate = if spikes > 0 { rate } else { 0.0 };
                pt.sample = Sample {
                    rate_hz: rate,
                    rate_se_hz: 0.0,
                    mean_v_mv: 0.0,
                    spikes,
                };
                pts.push(pt);
            }
        }
    }
    pts
}

#[test]
fn the_threshold_step_recovers_known_coefficients_exactly() {
    let truth = official().exc.p;
    let (p, r) = fit_cell(&synthetic_points(&truth), &Normalisation::default(), 60.0).unwrap();
    for (got, want) in p.to_array().iter().zip(truth.to_array()) {
        assert!(
            (got - want).abs() < 1e-6 * want.abs().max(1.0),
            "{got} vs {want}"
        );
    }
    assert!(r.threshold_rms_mv < 1e-9, "{r:?}");
    // Rates below 1e-3 Hz count as "no spikes" (0 Hz), as in a simulation.
    assert!(r.rms_hz < 1e-3 && r.step1_rms_hz < 1e-3, "{r:?}");
    assert!(r.threshold_points > 50);
}

#[test]
fn the_rate_step_repairs_a_threshold_fit_made_on_distorted_data() {
    // Rates that no polynomial reproduces in threshold space (a 20 % gain error above 10 Hz):
    // step 2 must lower the rate error that step 1 leaves.
    let truth = official().exc.p;
    let mut pts = synthetic_points(&truth);
    for pt in &mut pts {
        if pt.sample.rate_hz > 10.0 {
            pt.sample.rate_hz *= 1.2;
        }
    }
    let (_, r) = fit_cell(&pts, &Normalisation::default(), 60.0).unwrap();
    assert!(r.rms_hz < 0.8 * r.step1_rms_hz, "{r:?}");
}

#[test]
fn too_few_firing_points_are_refused_with_advice() {
    let truth = official().exc.p;
    let pts: Vec<FitPoint> = synthetic_points(&truth).into_iter().take(12).collect();
    let e = fit_cell(&pts, &Normalisation::default(), 60.0).unwrap_err();
    assert!(e.contains("widen the grid"), "{e}");
}

#[test]
fn a_refit_of_the_rs_cell_reproduces_the_shipped_transfer_function() {
    // The page's quick grid, other seed: its RS transfer function must agree with the shipped
    // full-grid fit within the fits' stated error (the larger RMS residual plus twice the
    // simulation noise), over the inputs the mean field visits.
    let shipped = CoefficientSet::builtin("meanfield-fit-adex").unwrap();
    let mut s = Scenario::default();
    s.seed = 7;
    let mut fitter = Fitter::new(s.fit_inputs(GridPreset::Quick, "t", "t")).unwrap();
    fitter.run_all();
    let refit = fitter.finish().unwrap();
    let rs = |set: &CoefficientSet| set.exc.fit.as_ref().unwrap().residuals;
    let stated = rs(&refit).rms_hz.max(rs(&shipped).rms_hz) + 2.0 * rs(&refit).noise_rms_hz;
    assert!(stated < 3.0, "stated error {stated}");
    let mut worst: f64 = 0.0;
    for w in [0.0, 100.0] {
        for ni in [5.0, 10.0, 20.0] {
            for k in 0..24 {
                let ne = 1.0 + 0.5 * f64::from(k);
                let x = (ne, ni, w);
                let rate = |set: &CoefficientSet| {
                    FitPoint::new(
                        &set.exc.neuron,
                        &set.synapses,
                        &set.in_degrees,
                        x,
                        &Sample::default(),
                    )
                    .predicted(&set.exc.p, &set.norm)
                };
                let (a, b) = (rate(&refit), rate(&shipped));
                if a.max(b) <= 60.0 {
                    worst = worst.max((a - b).abs());
                }
            }
        }
    }
    assert!(
        worst < stated,
        "refit and shipped differ by {worst} Hz (stated {stated})"
    );
    // And it is a real fit, not a copy: other seed, other grid, other coefficients.
    assert_ne!(refit.exc.p, shipped.exc.p);
}

#[test]
fn the_shipped_fit_beats_the_published_coefficients_on_held_out_points() {
    // Fresh simulations (other random streams, between the fit's grid points): RS at most 1 Hz
    // RMS, several times better than the official coefficients (3.8 Hz RMS when measured).
    let ours = fit::check(
        &CoefficientSet::builtin("meanfield-fit-adex").unwrap(),
        &[Pop::Exc, Pop::Inh],
        3,
    )
    .unwrap();
    let theirs = fit::check(&official(), &[Pop::Exc, Pop::Inh], 3).unwrap();
    for (o, t) in ours.iter().zip(&theirs) {
        assert_eq!(o.n_points, t.n_points);
        assert!(o.n_points > 50, "{o:?}");
        assert!(o.rms_hz <= t.rms_hz, "{o:?} vs {t:?}");
        assert!(o.rms_hz < 1.0 && o.bias_hz.abs() < 0.3, "{o:?}");
    }
    assert!(theirs[0].rms_hz > 2.0 * ours[0].rms_hz, "{theirs:?}");
}

#[test]
fn the_same_inputs_give_the_same_file_and_the_file_round_trips() {
    let mut s = Scenario::default();
    s.adex.exc.g_l_ns = 12.0;
    let mut inputs = s.fit_inputs(GridPreset::Quick, "t", "t");
    inputs.grid.sim.duration_ms = 1000.0;
    inputs.grid.nu_i_hz = vec![0.0, 10.0, 30.0];
    let make = |inputs: &FitInputs| {
        let mut f = Fitter::new(inputs.clone()).unwrap();
        // Sliced differently: the points do not depend on the order of the work.
        while !f.step(3) {}
        f.finish().unwrap()
    };
    let a = make(&inputs);
    let mut f = Fitter::new(inputs.clone()).unwrap();
    f.run_all();
    let b = f.finish().unwrap();
    assert_eq!(a.to_json(), b.to_json());
    let back = CoefficientSet::parse("t.json", &a.to_json()).unwrap();
    assert_eq!(back, a);
    let CellNeuron::Adex(n) = back.exc.neuron else {
        panic!()
    };
    assert_eq!(n.g_l_ns, 12.0);
    inputs.seed = 2;
    assert_ne!(make(&inputs).exc.fit.unwrap().data, a.exc.fit.unwrap().data);
}

fn shipped_text() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/data/meanfield-fit-adex.json"
    ))
    .unwrap()
}

fn parse_err(text: &str) -> String {
    CoefficientSet::parse("t.json", text)
        .unwrap_err()
        .to_string()
}

#[test]
fn broken_fit_files_are_rejected_with_the_field_named() {
    let good = shipped_text();
    let v: serde_json::Value = serde_json::from_str(&good).unwrap();
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = v.clone();
        f(&mut v);
        v.to_string()
    };
    let short = edit(&|v| {
        v["cells"]["exc"]["fit"]["data"]["rate_hz"]
            .as_array_mut()
            .unwrap()
            .pop();
    });
    assert!(
        parse_err(&short).contains("cells.exc.fit.data"),
        "{}",
        parse_err(&short)
    );
    let negative =
        edit(&|v| v["cells"]["inh"]["fit"]["data"]["rate_hz"][3] = serde_json::json!(-1.0));
    assert!(parse_err(&negative).contains("cells.inh.fit.data.rate_hz[3] is negative"));
    let izh_neuron = edit(&|v| v["neuron_model"] = serde_json::json!("izhikevich"));
    let e = parse_err(&izh_neuron);
    assert!(
        e.contains("cells.exc.neuron") && e.contains("unknown field"),
        "{e}"
    );
    let reset_above =
        edit(&|v| v["cells"]["exc"]["neuron"]["v_reset_mv"] = serde_json::json!(-30.0));
    assert!(parse_err(&reset_above).contains("cells.exc.neuron.v_reset_mv"));
    let unknown = edit(&|v| v["cells"]["exc"]["fit"]["residuals"]["extra"] = serde_json::json!(1));
    assert!(parse_err(&unknown).contains("extra"));
    let v1_with_fit = edit(&|v| v["version"] = serde_json::json!(1));
    assert!(parse_err(&v1_with_fit).contains("version 1"));
    let volts = edit(&|v| {
        for c in ["exc", "inh"] {
            for (_, x) in v["cells"][c]["p"].as_object_mut().unwrap() {
                *x = serde_json::json!(x.as_f64().unwrap() / 1000.0);
            }
        }
    });
    assert!(parse_err(&volts).contains("unit"));
}

#[test]
fn the_adex_mean_field_refuses_an_izhikevich_set() {
    let izh = CoefficientSet::builtin("meanfield-fit-izhikevich").unwrap();
    let e = Scenario::default().run(&izh).unwrap_err().to_string();
    assert!(e.contains("izhikevich"), "{e}");
}

#[test]
fn izhikevich_moments_match_the_reference_values() {
    // izhikevich_mf.md §4.1: total nu_e, nu_i, U -> mu_V, sigma_V, tau_V of the E and I cells.
    let syn = SYNAPSES;
    let k = InDegrees {
        k_e: 400.0,
        k_i: 100.0,
    };
    let rows = [
        (
            14.0,
            8.0,
            60.0,
            [-26.535562426, 1.448179194, 1.566171890e-3],
            [-25.016891699, 1.419884459, 1.686137788e-3],
        ),
        (
            10.0,
            10.0,
            0.0,
            [-36.212964838, 1.365022245, 1.594482338e-3],
            [-35.942725486, 1.361243897, 1.614565116e-3],
        ),
        (
            12.0,
            15.0,
            150.0,
            [-42.790029553, 1.508739365, 1.566532916e-3],
            [-40.611752856, 1.537343831, 1.599161842e-3],
        ),
    ];
    for (ne, ni, u, e, i) in rows {
        for (cell, uu, want) in [(IzhNeuron::EXC, u, e), (IzhNeuron::INH, 0.0, i)] {
            let (m, _) = cell.moments(&syn, ne * k.k_e, ni * k.k_i, uu);
            let got = [m.mu_v_mv, m.sigma_v_mv, m.tau_v_ms * 1e-3];
            for (g, w) in got.iter().zip(want) {
                assert!(
                    (g - w).abs() < 1e-8 * w.abs(),
                    "{ne},{ni},{uu}: {got:?} vs {want:?}"
                );
            }
        }
    }
    // No real root (weak excitation, no inhibition): the discriminant is clamped, and the
    // moments say the point is outside the transfer function's domain.
    let (m, in_domain) = IzhNeuron::INH.moments(&syn, 1.0 * k.k_e, 0.0, 0.0);
    assert!(!in_domain && m.mu_v_mv.is_finite());
}

#[test]
fn izhikevich_rates_with_the_reference_coefficients_match_the_reference_values() {
    // X's RS and FS fits with the -35/25 normalisation (izhikevich_mf.md §2.6, config A),
    // slots mapped by term: [P0, Pmu, Psigma, Ptau, Pmu*sigma, Pmu*tau, Psigma*tau, Pmu2, Ptau2, Psigma2].
    let map = |s: [f64; 10]| ThresholdPoly {
        p0: s[0],
        p_mu: s[1],
        p_sigma: s[2],
        p_tau: s[3],
        p_mu_sigma: s[4],
        p_mu_tau: s[5],
        p_sigma_tau: s[6],
        p_mu_mu: s[7],
        p_tau_tau: s[8],
        p_sigma_sigma: s[9],
    };
    let rs = map([
        -33.17793989714695,
        22.252288504324333,
        2.763143116773497,
        0.831723907594587,
        -5.904410036483355,
        42.52069068420221,
        -11.607641745251975,
        11.460222114405642,
        53.493148795705125,
        -0.11766002391396074,
    ]);
    let norm = Normalisation {
        mu_v0_mv: -35.0,
        dmu_v0_mv: 25.0,
        sigma_v0_mv: 0.7,
        dsigma_v0_mv: 1.0,
        tau_v0_n: 0.0015,
        dtau_v0_n: 0.003,
    };
    let syn = SYNAPSES;
    let (m, _) = IzhNeuron::EXC.moments(&syn, 14.0 * 400.0, 8.0 * 100.0, 60.0);
    let v = rs.evaluate(&norm, &m);
    assert!((v - -23.653936599).abs() < 1e-7, "{v}");
    assert!((erfc_rate(&m, v) - 14.8802357).abs() < 1e-6);
}
