//! The AdEx mean field against invariants derived from its equations and against the paper's
//! qualitative findings. Each test names what it would catch.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
use meanfield_explorer::meanfield::{
    self, AdaptationMode, AdexState, Order, RunEvent, SteadyOptions, Trace,
};
use meanfield_explorer::scenario::Scenario;
use meanfield_explorer::scenario::{self, OutOfRange};
use meanfield_explorer::transfer::CoefficientSet;

/// Steady states are found to 1e-7 relative; invariants are asserted at 1e-6.
const REL: f64 = 1e-6;

fn scenario(sets: &[(&str, &str)]) -> Scenario {
    let mut s = Scenario::default();
    for (k, v) in sets {
        scenario::set(&mut s, k, v, OutOfRange::Reject).unwrap();
    }
    s
}

fn set() -> CoefficientSet {
    CoefficientSet::builtin("divolo2019-code").unwrap()
}

fn steady(s: &Scenario) -> AdexState {
    let (s, _) = s.without_time_dependence();
    let model = s.adex_model(&set()).unwrap();
    let r = meanfield::steady(
        &model,
        s.initial_state(),
        &s.signal(),
        SteadyOptions::default(),
    );
    assert!(r.settled, "not settled: {:?}", r.state);
    assert!(r.events.iter().all(|e| !e.is_warning()), "{:?}", r.events);
    r.state
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

#[test]
fn steady_adaptation_is_b_nu_tau_w() {
    for order in ["1", "2"] {
        for b in ["30", "60", "100"] {
            let x = steady(&scenario(&[
                ("order", order),
                ("b_e", b),
                ("tau_w_e", "300"),
            ]));
            let expected = b.parse::<f64>().unwrap() * x.nu_e * 0.3; // pA·Hz·s
            assert!(
                close(x.w_e, expected, REL),
                "order {order} b {b}: W {} vs {expected}",
                x.w_e
            );
        }
    }
}

#[test]
fn rates_fall_as_b_rises() {
    for order in ["1", "2"] {
        let mut last = (f64::INFINITY, f64::INFINITY);
        for b in [0, 20, 40, 60, 80, 100, 150] {
            let x = steady(&scenario(&[("order", order), ("b_e", &b.to_string())]));
            assert!(
                x.nu_e < last.0 && x.nu_i < last.1,
                "order {order}, b = {b}: {x:?} after {last:?}"
            );
            last = (x.nu_e, x.nu_i);
        }
    }
}

#[test]
fn first_order_fixed_points_do_not_depend_on_t_but_second_order_ones_do() {
    let a = steady(&scenario(&[("order", "1"), ("t_mf", "5")]));
    let b = steady(&scenario(&[("order", "1"), ("t_mf", "20")]));
    assert!(
        close(a.nu_e, b.nu_e, REL) && close(a.nu_i, b.nu_i, REL),
        "{a:?} vs {b:?}"
    );
    // T enters the second order through the finite-size term F(1/T − F)/N.
    let c = steady(&scenario(&[("order", "2"), ("t_mf", "5")]));
    let d = steady(&scenario(&[("order", "2"), ("t_mf", "20")]));
    assert!(
        !close(c.c_ee, d.c_ee, 0.05),
        "c_ee {} vs {}",
        c.c_ee,
        d.c_ee
    );
}

#[test]
fn first_order_fixed_point_solves_the_transfer_functions() {
    // Independent of the integrator: plug the fixed point back into the TFs.
    let s = scenario(&[("order", "1"), ("b_e", "60")]);
    let x = steady(&s);
    let set = set();
    let rs = s.adex.transfer_function(&set, meanfield::Pop::Exc);
    let fs = s.adex.transfer_function(&set, meanfield::Pop::Inh);
    let fe = x.nu_e + s.adex.nu_drive_hz;
    assert!(close(rs.rate(fe, x.nu_i, x.w_e), x.nu_e, REL));
    assert!(close(fs.rate(fe, x.nu_i, 0.0), x.nu_i, REL));
}

#[test]
fn stationary_adaptation_has_the_same_fixed_point() {
    let at = |order: &str, adaptation: &str| {
        steady(&scenario(&[
            ("order", order),
            ("a_e", "2"),
            ("b_e", "60"),
            ("adaptation", adaptation),
        ]))
    };
    // First order: W̄(ν) is where dW/dt = 0, so the fixed points are the same.
    let (dynamic, stationary) = (at("1", "dynamic"), at("1", "stationary"));
    for (p, q) in dynamic.to_array().iter().zip(stationary.to_array()) {
        assert!(close(*p, q, 1e-5), "order 1: {dynamic:?} vs {stationary:?}");
    }
    // Second order: the covariances of the stationary system take the total slope of
    // F(ν, W̄(ν)), which W̄'s negative feedback makes shallower than the slope at fixed W, so
    // its variances are smaller and the curvature shifts the rates a little (1.72 against
    // 1.74 Hz).
    let (dynamic, stationary) = (at("2", "dynamic"), at("2", "stationary"));
    for (p, q) in [
        (dynamic.nu_e, stationary.nu_e),
        (dynamic.nu_i, stationary.nu_i),
        (dynamic.w_e, stationary.w_e),
    ] {
        assert!(close(p, q, 0.02), "order 2: {dynamic:?} vs {stationary:?}");
    }
    assert!(
        stationary.c_ee < 0.5 * dynamic.c_ee && stationary.c_ii < 0.5 * dynamic.c_ii,
        "order 2: {dynamic:?} vs {stationary:?}"
    );
}

#[test]
fn covariances_scale_as_one_over_n_for_large_n() {
    // At a fixed point F = ν, so the (co)variances are driven only by the finite-size term A/N;
    // the rates themselves shift with c through ½ c ∂²F, so c ∝ 1/N holds as N → ∞.
    let c = |n: &str| steady(&scenario(&[("n", n)]));
    let (n4, n5, n6) = (c("10000"), c("100000"), c("1000000"));
    let (r45, r56) = (n4.c_ee / n5.c_ee, n5.c_ee / n6.c_ee);
    assert!((r56 - 10.0).abs() < 0.1, "c_ee ratio 1e5/1e6: {r56}");
    assert!(
        (r56 - 10.0).abs() < (r45 - 10.0).abs(),
        "no convergence: {r45} then {r56}"
    );
    assert!((n5.c_ii / n6.c_ii - 10.0).abs() < 0.1);
}

fn run(s: &Scenario) -> Trace {
    s.run(&set()).unwrap()
}

fn max_abs_diff(a: &Trace, b: &Trace, stride: usize) -> f64 {
    a.states
        .iter()
        .zip(b.states.iter().step_by(stride))
        .map(|(x, y)| (x.nu_e - y.nu_e).abs())
        .fold(0.0, f64::max)
}

#[test]
fn euler_converges_as_dt_shrinks() {
    // Halving the error with the step is what a first-order scheme must do: compare dt = 0.5
    // and 0.25 against a reference at 0.025 ms.
    let base = [("order", "1"), ("duration", "3000")];
    let with_dt = |dt: &str| {
        let mut v = base.to_vec();
        v.push(("dt_mf", dt));
        run(&scenario(&v))
    };
    let reference = with_dt("0.025");
    let e1 = max_abs_diff(&with_dt("0.5"), &reference, 20);
    let e2 = max_abs_diff(&with_dt("0.25"), &reference, 10);
    assert!(e1 < 0.05, "dt 0.5 error {e1} Hz");
    assert!((e1 / e2 - 2.0).abs() < 0.35, "error ratio {}", e1 / e2);
}

fn at(t: &Trace, ms: f64) -> usize {
    t.t_ms.iter().position(|&x| x >= ms).unwrap()
}

fn nu_e_at(t: &Trace, ms: f64) -> f64 {
    t.states[at(t, ms)].nu_e
}

/// (min, max, mean) of ν_e over [from, to) ms.
fn stats(t: &Trace, from: f64, to: f64) -> (f64, f64, f64) {
    let w = &t.states[at(t, from)..at(t, to)];
    let lo = w.iter().map(|x| x.nu_e).fold(f64::INFINITY, f64::min);
    let hi = w.iter().map(|x| x.nu_e).fold(0.0, f64::max);
    (
        lo,
        hi,
        w.iter().map(|x| x.nu_e).sum::<f64>() / w.len() as f64,
    )
}

#[test]
fn switching_the_drive_off_gives_a_rebound_that_lasts_as_long_as_adaptation() {
    // di Volo 2019 Fig 3-A2: adaptation decays while the drive is off, so the rate overshoots its
    // baseline for ~τ_w when the drive returns. With W pinned to its stationary value the
    // overshoot lasts only ~T.
    let s = scenario(&[
        ("order", "1"),
        ("stim", "drive_off"),
        ("stim_t0", "2000"),
        ("stim_dur", "500"),
    ]);
    let dynamic = run(&s);
    let base = nu_e_at(&dynamic, 1990.0);
    let (silent, _, _) = stats(&dynamic, 2100.0, 2500.0);
    assert!(silent < 0.01 * base, "no silence: {silent} vs {base}");
    let (_, _, rebound) = stats(&dynamic, 2600.0, 3000.0);
    assert!(
        rebound > 1.1 * base,
        "no lasting rebound: {rebound} vs baseline {base}"
    );
    let stationary = run(&s.stationary_variant());
    let (_, _, rebound_st) = stats(&stationary, 2600.0, 3000.0);
    let base_st = nu_e_at(&stationary, 1990.0);
    assert!(
        (rebound_st / base_st - 1.0).abs() < 0.02,
        "stationary: {rebound_st} vs {base_st}"
    );
}

#[test]
fn adaptation_hyperpolarises_after_a_pulse_only_when_dynamic() {
    // Fig 3-A1: adaptation accumulated during the pulse pushes the rate below baseline after it.
    let s = scenario(&[
        ("order", "1"),
        ("stim", "exp_pulse"),
        ("stim_t0", "2000"),
        ("stim_rise", "20"),
        ("stim_decay", "100"),
    ]);
    let dynamic = run(&s);
    let base = nu_e_at(&dynamic, 1990.0);
    let (lo, _, _) = stats(&dynamic, 2300.0, 3500.0);
    assert!(lo < 0.9 * base, "no undershoot: {lo} vs {base}");
    let stationary = run(&s.stationary_variant());
    let base_st = nu_e_at(&stationary, 1990.0);
    let (lo_st, _, _) = stats(&stationary, 2300.0, 3500.0);
    assert!(
        lo_st > 0.99 * base_st,
        "stationary undershoot: {lo_st} vs {base_st}"
    );
}

#[test]
fn second_order_runaway_is_reported_and_first_order_has_none() {
    let step = [("stim", "step"), ("stim_amp", "3"), ("stim_t0", "2000")];
    let mut second = step.to_vec();
    second.push(("order", "2"));
    let t = run(&scenario(&second));
    assert!(
        t.events
            .iter()
            .any(|e| matches!(e, RunEvent::Cap { t_ms, .. } if (2000.0..2100.0).contains(t_ms))),
        "{:?}",
        t.events
    );
    let mut first = step.to_vec();
    first.push(("order", "1"));
    assert!(run(&scenario(&first)).events.is_empty());
    // The default run only touches the covariance cap in its initial transient: no warning.
    let default = run(&scenario(&[]));
    assert!(
        default.events.iter().all(|e| !e.is_warning()),
        "{:?}",
        default.events
    );
    assert!(default
        .events
        .iter()
        .all(|e| matches!(e, RunEvent::CovarianceCap { last_ms, .. } if *last_ms < 50.0)));
    assert_eq!(scenario(&[]).adex.order, Order::Second);
}

#[test]
fn a_run_is_a_pure_function_of_its_scenario() {
    let s = scenario(&[
        ("stim", "ou"),
        ("stim_amp", "1"),
        ("order", "1"),
        ("seed", "42"),
    ]);
    assert_eq!(run(&s), run(&s));
    let other = scenario(&[
        ("stim", "ou"),
        ("stim_amp", "1"),
        ("order", "1"),
        ("seed", "43"),
    ]);
    assert_ne!(run(&s).states, run(&other).states);
    assert_eq!(
        s.stationary_variant().adex.adaptation,
        AdaptationMode::Stationary
    );
}

#[test]
fn response_depends_on_the_state_as_in_fig_4() {
    // di Volo 2019 Fig 4: one 5 Hz sine cycle of 2 Hz amplitude. At ν_drive = 1.5 Hz the
    // network sits in a low-conductance state (G_E/G_L ≈ 0.8) and responds far more, absolutely
    // and relative to baseline, than at ν_drive = 7 Hz (G_E/G_L ≈ 3).
    let response = |drive: &str| {
        let s = scenario(&[
            ("order", "1"),
            ("nu_drive", drive),
            ("stim", "sine_cycle"),
            ("stim_amp", "2"),
            ("stim_freq", "5"),
            ("stim_t0", "2000"),
            ("duration", "2600"),
        ]);
        let t = run(&s);
        let base = t.states[at(&t, 1990.0)];
        let (_, peak, _) = stats(&t, 2000.0, 2600.0);
        let g = meanfield_explorer::transfer::moments::mean_conductances(
            &s.adex.exc.membrane(),
            &s.adex.synapses,
            (base.nu_e + s.adex.nu_drive_hz) * s.adex.k_e,
            base.nu_i * s.adex.k_i,
        );
        (base.nu_e, peak, g.mu_ge_ns / s.adex.exc.g_l_ns)
    };
    let (base_low, peak_low, ge_low) = response("1.5");
    let (base_high, peak_high, ge_high) = response("7");
    assert!((ge_low - 0.8).abs() < 0.12, "G_E/G_L at 1.5 Hz: {ge_low}");
    assert!((ge_high - 3.0).abs() < 0.3, "G_E/G_L at 7 Hz: {ge_high}");
    assert!(
        peak_low - base_low > 3.0 * (peak_high - base_high),
        "absolute: {} vs {}",
        peak_low - base_low,
        peak_high - base_high
    );
    assert!((peak_low - base_low) / base_low > 5.0 * (peak_high - base_high) / base_high);
}

/// Value and derivatives of a transfer function at (fe, fi), by centred differences with step
/// `h` (independent of the model's own stencil and step).
fn local(f: &dyn Fn(f64, f64) -> f64, fe: f64, fi: f64, h: f64) -> [f64; 6] {
    let f0 = f(fe, fi);
    let (ep, em, ip, im) = (f(fe + h, fi), f(fe - h, fi), f(fe, fi + h), f(fe, fi - h));
    let cross = (f(fe + h, fi + h) - f(fe + h, fi - h) - f(fe - h, fi + h) + f(fe - h, fi - h))
        / (4.0 * h * h);
    [
        f0,
        (ep - em) / (2.0 * h),
        (ip - im) / (2.0 * h),
        (ep - 2.0 * f0 + em) / (h * h),
        cross,
        (ip - 2.0 * f0 + im) / (h * h),
    ]
}

fn solve3(a: [[f64; 3]; 3], b: [f64; 3]) -> [f64; 3] {
    let det = |m: [[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det(a);
    let mut x = [0.0; 3];
    for (k, xk) in x.iter_mut().enumerate() {
        let mut m = a;
        for r in 0..3 {
            m[r][k] = b[r];
        }
        *xk = det(m) / d;
    }
    x
}

#[test]
fn second_order_steady_state_solves_the_moment_equations() {
    // El Boustani & Destexhe 2009 at a fixed point: the covariance equations are linear in c,
    // and ν = F + ½ Σ c ∂²F. Solved here directly (Cramer's rule) from derivatives taken with an
    // independent step, and compared with the integrated steady state.
    let s = scenario(&[("b_e", "40"), ("nu_drive", "4"), ("n", "2000")]);
    let x = steady(&s);
    let set = set();
    let rs = s.adex.transfer_function(&set, meanfield::Pop::Exc);
    let fs = s.adex.transfer_function(&set, meanfield::Pop::Inh);
    let drive = s.adex.nu_drive_hz;
    let fe_rs = |ne: f64, ni: f64| rs.rate(ne + drive, ni, x.w_e);
    let fe_fs = |ne: f64, ni: f64| fs.rate(ne + drive, ni, 0.0);
    let [fe, fe_e, fe_i, fe_ee, fe_ei, fe_ii] = local(&fe_rs, x.nu_e, x.nu_i, 1e-2);
    let [fi, fi_e, fi_i, fi_ee, fi_ei, fi_ii] = local(&fe_fs, x.nu_e, x.nu_i, 1e-2);
    let inv_t = 1000.0 / s.adex.t_mf_ms;
    let (n_e, n_i) = s.adex.population_sizes();
    let (de, di) = (fe - x.nu_e, fi - x.nu_i);
    // Rows: dc_ee, dc_ei, dc_ii = 0 ⇔ A c = b.
    let a = [
        [2.0 * fe_e - 2.0, 2.0 * fe_i, 0.0],
        [fi_e, fe_e + fi_i - 2.0, fe_i],
        [0.0, 2.0 * fi_e, 2.0 * fi_i - 2.0],
    ];
    let b = [
        -(fe * (inv_t - fe) / n_e + de * de),
        -(de * di),
        -(fi * (inv_t - fi) / n_i + di * di),
    ];
    let [c_ee, c_ei, c_ii] = solve3(a, b);
    for (name, direct, integrated) in [
        ("c_ee", c_ee, x.c_ee),
        ("c_ei", c_ei, x.c_ei),
        ("c_ii", c_ii, x.c_ii),
    ] {
        assert!(
            close(direct, integrated, 1e-3),
            "{name}: direct {direct} vs integrated {integrated}"
        );
    }
    let nu_e = fe + 0.5 * (x.c_ee * fe_ee + 2.0 * x.c_ei * fe_ei + x.c_ii * fe_ii);
    let nu_i = fi + 0.5 * (x.c_ee * fi_ee + 2.0 * x.c_ei * fi_ei + x.c_ii * fi_ii);
    assert!(
        close(nu_e, x.nu_e, 1e-4) && close(nu_i, x.nu_i, 1e-4),
        "{nu_e} {nu_i} vs {x:?}"
    );
    // The second-order correction is not negligible here, so the check has teeth.
    assert!(
        (x.nu_e - fe).abs() > 1e-3 * x.nu_e,
        "ν_e − F_e = {}",
        x.nu_e - fe
    );
}

/// With stationary adaptation the integrated system is ν̇ = F(ν, W̄(ν)): its covariance and
/// curvature terms must use the total derivatives of F(ν, W̄(ν)), not those at frozen W
/// (which made di Volo Fig 4-B's stationary overlay run away to the 175 Hz cap). The total
/// derivatives are taken here a second way, through the public API (W pinned at the moved
/// rates, then F) with another step, for a = 0 and a ≠ 0 and adapting FS cells.
#[test]
fn the_stationary_models_second_order_terms_use_the_total_derivative_through_w() {
    let s = meanfield_explorer::stimulus::StimSample {
        drive_gain: 1.0,
        extra_hz: 0.0,
    };
    for sets in [
        &[("b_e", "60")][..],
        &[("b_e", "60"), ("a_e", "4"), ("a_i", "2"), ("b_i", "20")][..],
    ] {
        let mut sc = scenario(sets);
        sc.adex.adaptation = AdaptationMode::Stationary;
        let model = sc.adex_model(&set()).unwrap();
        let x = model.with_pinned_adaptation(
            &AdexState {
                nu_e: 2.0,
                nu_i: 8.0,
                c_ee: 0.3,
                c_ei: 0.2,
                c_ii: 1.0,
                ..AdexState::default()
            },
            s,
        );
        // F(ν, W̄(ν)) of both populations at rates moved by (de, di).
        let f = |de: f64, di: f64| {
            let moved = AdexState {
                nu_e: x.nu_e + de,
                nu_i: x.nu_i + di,
                ..x
            };
            let (fe, fi) = model.transfer_rates(&model.with_pinned_adaptation(&moved, s), s);
            [fe, fi]
        };
        let h = 0.01;
        let f0 = f(0.0, 0.0);
        let (ep, em, ip, im) = (f(h, 0.0), f(-h, 0.0), f(0.0, h), f(0.0, -h));
        let (pp, pm, mp, mm) = (f(h, h), f(h, -h), f(-h, h), f(-h, -h));
        let d = |k: usize| {
            (
                (ep[k] - em[k]) / (2.0 * h),
                (ip[k] - im[k]) / (2.0 * h),
                (ep[k] - 2.0 * f0[k] + em[k]) / (h * h),
                (pp[k] - pm[k] - mp[k] + mm[k]) / (4.0 * h * h),
                (ip[k] - 2.0 * f0[k] + im[k]) / (h * h),
            )
        };
        let ((ee, ei, eee, eei, eii), (ie, ii, iee, iei, iii)) = (d(0), d(1));
        let (t, n_e, n_i) = (5.0, 8000.0, 2000.0);
        let inv_t_hz = 1000.0 / t;
        let (de, di) = (f0[0] - x.nu_e, f0[1] - x.nu_i);
        let curv =
            |dee: f64, dei: f64, dii: f64| 0.5 * (x.c_ee * dee + 2.0 * x.c_ei * dei + x.c_ii * dii);
        let want = AdexState {
            nu_e: (de + curv(eee, eei, eii)) / t,
            nu_i: (di + curv(iee, iei, iii)) / t,
            c_ee: (f0[0] * (inv_t_hz - f0[0]) / n_e
                + de * de
                + 2.0 * x.c_ee * ee
                + 2.0 * x.c_ei * ei
                - 2.0 * x.c_ee)
                / t,
            c_ei: (de * di + x.c_ee * ie + x.c_ei * ee + x.c_ei * ii + x.c_ii * ei - 2.0 * x.c_ei)
                / t,
            c_ii: (f0[1] * (inv_t_hz - f0[1]) / n_i
                + di * di
                + 2.0 * x.c_ei * ie
                + 2.0 * x.c_ii * ii
                - 2.0 * x.c_ii)
                / t,
            ..AdexState::default()
        };
        let got = model.derivative(&x, s);
        // The same model with W frozen at x's: what the total derivative must differ from.
        sc.adex.adaptation = AdaptationMode::Dynamic;
        let frozen = sc.adex_model(&set()).unwrap().derivative(&x, s);
        for (name, g, w, fr) in [
            ("nu_e", got.nu_e, want.nu_e, frozen.nu_e),
            ("c_ee", got.c_ee, want.c_ee, frozen.c_ee),
            ("c_ei", got.c_ei, want.c_ei, frozen.c_ei),
            ("c_ii", got.c_ii, want.c_ii, frozen.c_ii),
        ] {
            let tol = 1e-3 * w.abs().max(1e-3);
            assert!(
                (g - w).abs() <= tol,
                "{sets:?} {name}: {g} against the total derivative's {w}"
            );
            if matches!(name, "nu_e" | "c_ee") {
                assert!(
                    (fr - w).abs() > 10.0 * tol,
                    "{sets:?} {name}: frozen W gives {fr}, too close to {w} to tell"
                );
            }
        }
    }
}

#[test]
fn a_rate_cap_is_explained_by_the_order_that_ran() {
    let event = |second_order| RunEvent::Cap {
        t_ms: 100.0,
        variable: "nu_e",
        second_order,
    };
    let second = event(true).to_string();
    let first = event(false).to_string();
    assert!(
        second.contains("second-order terms ran away") && second.contains("try order 1"),
        "{second}"
    );
    assert!(
        first.contains("the rates ran away") && !first.contains("order 1"),
        "{first}"
    );
    assert!(
        first.starts_with("nu_e reached the 175 Hz cap at t = 100.0 ms"),
        "{first}"
    );
}
