//! Bifurcation diagrams of the conductance mean fields (AdEx, Izhikevich) against independent
//! values: the first-order AdEx folds against the reduced map F(ν_e) of di Volo et al. (Fig 5B:
//! where two of its crossings with the bisector meet) and against the bistability map's cells
//! (Fig 5A); Hopf points against long runs on either side (the oscillation's period within
//! 2 %); the second-order Izhikevich model's loss of stability against its runs, and what the
//! page says where a run cannot settle; the transfer function's derivatives against difference
//! quotients.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use meanfield_explorer::analysis::bifurcation::{diagram, Diagram, DiagramPoint, DiagramSpec};
use meanfield_explorer::analysis::continuation::SpecialKind;
use meanfield_explorer::analysis::covariance::{second_order_equilibria, unsettled_warning};
use meanfield_explorer::analysis::curves::{two_parameter, TwoSpec};
use meanfield_explorer::analysis::{map_cell, Reduced};
use meanfield_explorer::meanfield::{run, steady, AdexState, RunOptions, SteadyOptions};
use meanfield_explorer::scenario::{self, OutOfRange, Scenario};
use meanfield_explorer::stimulus::StimSample;
use meanfield_explorer::transfer::CoefficientSet;

fn scenario(query: &str) -> Scenario {
    let mut s = Scenario::default();
    let notices = scenario::apply_query(&mut s, query);
    assert!(notices.is_empty(), "{notices:?}");
    s
}

fn set_of(s: &Scenario) -> CoefficientSet {
    CoefficientSet::builtin(s.coeffs().unwrap()).unwrap()
}

fn one(s: &Scenario, set: &CoefficientSet, key: &str, from: f64, to: f64) -> Diagram {
    diagram(
        s,
        Some(set),
        &DiagramSpec {
            key: key.into(),
            from,
            to,
        },
    )
    .unwrap()
}

/// di Volo et al. Fig 5: no drive, no adaptation jump, first order, E_L of FS at `el_i`.
fn fig5(el_i: f64) -> Scenario {
    scenario(&format!(
        "coeffs=divolo2019-code&order=1&nu_drive=0&b_e=0&nu_e0=0&nu_i0=0&w_e0=0&stim=none&el_i={el_i}"
    ))
}

fn with(s: &Scenario, key: &str, v: f64) -> Scenario {
    let mut t = s.clone();
    scenario::spec(key)
        .unwrap()
        .set_number(&mut t, v, OutOfRange::Reject)
        .unwrap();
    t
}

/// max over ν ∈ [0.6, 30] Hz of F(ν) − ν for the reduced map of `s`: positive where the map
/// crosses the bisector twice above the silent state (a saddle and an active state), negative
/// where it does not reach it.
fn excess(s: &Scenario, set: &CoefficientSet) -> f64 {
    let map = Reduced::new(s, set).unwrap();
    let g = |nu: f64| map.f(nu) - nu;
    let grid: Vec<f64> = (0..=300)
        .map(|k| 0.6 + 29.4 * f64::from(k) / 300.0)
        .collect();
    let k = (0..grid.len())
        .max_by(|&a, &b| g(grid[a]).total_cmp(&g(grid[b])))
        .unwrap();
    let (mut a, mut b) = (grid[k.saturating_sub(1)], grid[(k + 1).min(grid.len() - 1)]);
    // Golden-section search for the maximum.
    let r = 0.5 * (5f64.sqrt() - 1.0);
    for _ in 0..80 {
        let (c, d) = (b - r * (b - a), a + r * (b - a));
        if g(c) > g(d) {
            b = d;
        } else {
            a = c;
        }
    }
    g(0.5 * (a + b))
}

/// The E_L^E in [lo, hi] where `excess` changes sign, by bisection.
fn boundary(s: &Scenario, set: &CoefficientSet, mut lo: f64, mut hi: f64) -> f64 {
    let f = |v: f64| excess(&with(s, "el_e", v), set);
    let flo = f(lo);
    assert!(flo * f(hi) < 0.0, "no sign change in [{lo}, {hi}]");
    for _ in 0..60 {
        let m = 0.5 * (lo + hi);
        if (f(m) > 0.0) == (flo > 0.0) {
            lo = m;
        } else {
            hi = m;
        }
    }
    0.5 * (lo + hi)
}

#[test]
fn adex_first_order_folds_are_where_the_reduced_map_and_the_bistability_map_say() {
    let s = fig5(-65.0);
    let set = set_of(&s);
    let d = one(&s, &set, "el_e", -70.0, -60.0);
    let folds: Vec<f64> = d
        .special
        .iter()
        .filter(|p| p.kind == SpecialKind::Fold)
        .map(|p| p.p)
        .collect();
    assert_eq!(folds.len(), 1, "one fold in -70..-60 mV: {folds:?}");
    let fold = folds[0];
    let want = boundary(&s, &set, -66.0, -62.0);
    assert!(
        (fold - want).abs() < 1e-6,
        "fold at E_L^E = {fold} mV; the reduced map's two crossings meet at {want} mV"
    );
    // The map's cells along this row (Fig 5A, 0.5 mV apart): bistable exactly past the fold.
    for k in 0..=20 {
        let el_e = -70.0 + 0.5 * f64::from(k);
        let cell = map_cell(&s, &set, ("el_e", el_e), ("el_i", -65.0)).unwrap();
        assert_eq!(
            cell.bistable(),
            el_e > fold,
            "map cell E_L^E = {el_e} mV against the fold at {fold} mV"
        );
    }
    // The fold curve in (E_L^E, E_L^I) is the map's boundary: at other rows too.
    let two = two_parameter(
        &s,
        Some(&set),
        &TwoSpec {
            key: "el_e".into(),
            from: -70.0,
            to: -60.0,
            key2: "el_i".into(),
            from2: -70.0,
            to2: -60.0,
        },
    )
    .unwrap();
    // Its rates are the excitatory population's (the page's sentences say ν_e, not r).
    assert_eq!(two.rate, ("nu_e".to_string(), "ν_e".to_string()));
    let curve = two
        .curves
        .iter()
        .find(|c| format!("{:?}", c.kind) == "Fold")
        .expect("a fold curve");
    for el_i in [-68.0, -62.0] {
        let on = curve
            .points
            .windows(2)
            .find(|w| (w[0].1 - el_i) * (w[1].1 - el_i) <= 0.0)
            .map(|w| {
                let t = (el_i - w[0].1) / (w[1].1 - w[0].1);
                w[0].0 + t * (w[1].0 - w[0].0)
            })
            .unwrap_or_else(|| panic!("the fold curve reaches E_L^I = {el_i} mV"));
        let want = boundary(&fig5(el_i), &set, -72.0, -58.0);
        // Linear between the curve's points: within the curve's resolution.
        assert!(
            (on - want).abs() < 2e-3,
            "E_L^I = {el_i}: fold curve at E_L^E = {on} mV, reduced map at {want} mV"
        );
    }
}

/// The excitatory rate of `s`'s mean field run from `x0` for `dur` ms at step `dt`: its swing
/// (max − min) over the first and the last tenth of the run, its largest distance from `x0`'s
/// rate in the last tenth, and the mean period of its upward crossings of the mean there.
fn swing(
    s: &Scenario,
    set: &CoefficientSet,
    x0: AdexState,
    dur: f64,
    dt: f64,
) -> (f64, f64, f64, Option<f64>) {
    let mf = s.adex_model(set).unwrap();
    let tr = run(
        &mf,
        x0,
        &s.signal(),
        RunOptions {
            duration_ms: dur,
            dt_ms: dt,
        },
    );
    assert!(tr.events.is_empty(), "{:?}", tr.events);
    let n = tr.states.len();
    let part = |from: usize, to: usize| -> Vec<(f64, f64)> {
        tr.t_ms[from..to]
            .iter()
            .zip(&tr.states[from..to])
            .map(|(t, x)| (*t, x.nu_e))
            .collect()
    };
    let spread = |xs: &[(f64, f64)]| {
        let (lo, hi) = xs
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                (a.min(p.1), b.max(p.1))
            });
        hi - lo
    };
    let (early, late) = (part(0, n / 10), part(n - n / 10, n));
    let mean = late.iter().map(|p| p.1).sum::<f64>() / late.len() as f64;
    let ups: Vec<f64> = late
        .windows(2)
        .filter(|w| w[0].1 < mean && w[1].1 >= mean)
        .map(|w| w[0].0 + (mean - w[0].1) / (w[1].1 - w[0].1) * (w[1].0 - w[0].0))
        .collect();
    let period = (ups.len() >= 3).then(|| (ups[ups.len() - 1] - ups[0]) / (ups.len() - 1) as f64);
    let away = late
        .iter()
        .map(|p| (p.1 - x0.nu_e).abs())
        .fold(0.0, f64::max);
    (spread(&early), spread(&late), away, period)
}

/// The diagram's Hopf point nearest `hopf_near` against runs at `eps` on either side of it,
/// from its equilibrium moved by 0.1 %: the swing dies out on the stable side; on the other the
/// run leaves the equilibrium (past a supercritical point onto a small cycle with the predicted
/// period, within 2 %; past a subcritical one, far).
fn hopf_against_runs(s: &Scenario, set: &CoefficientSet, d: &Diagram, hopf_near: f64, eps: f64) {
    let sp = d
        .special
        .iter()
        .filter(|p| p.kind == SpecialKind::Hopf)
        .min_by(|a, b| (a.p - hopf_near).abs().total_cmp(&(b.p - hopf_near).abs()))
        .unwrap();
    // The branch's two points either side of the Hopf point, along the branch (of the
    // segments that bracket its parameter, the one through its state: a folded branch has
    // other sheets nearby in the parameter).
    let pts = &d.branches[sp.branch].points;
    let (a, b) = pts
        .windows(2)
        .filter(|w| (w[0].p - sp.p) * (w[1].p - sp.p) <= 0.0)
        .map(|w| (&w[0], &w[1]))
        .min_by(|u, v| {
            let dist =
                |(a, b): &(&DiagramPoint, &DiagramPoint)| (0.5 * (a.x[0] + b.x[0]) - sp.x[0]).abs();
            dist(u).total_cmp(&dist(v))
        })
        .unwrap();
    assert!(
        a.stable != b.stable,
        "stability changes at the Hopf point {}",
        sp.p
    );
    let stable_one = if a.stable { a } else { b };
    let side = (stable_one.p - sp.p).signum();
    let period_ms = 1e3 / sp.frequency_hz.unwrap();
    let names: Vec<&str> = d.vars.iter().map(|v| v.key.as_str()).collect();
    let at = |name: &str| names.iter().position(|n| *n == name).map(|k| sp.x[k]);
    let x0 = AdexState {
        nu_e: sp.x[0] * 1.001,
        nu_i: sp.x[1],
        c_ee: at("c_ee").unwrap_or(0.0),
        c_ei: at("c_ei").unwrap_or(0.0),
        c_ii: at("c_ii").unwrap_or(0.0),
        w_e: at("w_e").unwrap_or(0.0),
        w_i: at("w_i").unwrap_or(0.0),
    };
    let dur = 80.0 * period_ms;
    let dt = (period_ms / 4000.0).min(0.01);
    let p_stable = sp.p + side * eps;
    let (early, late, _, _) = swing(&with(s, &d.key, p_stable), set, x0, dur, dt);
    assert!(
        late < 0.5 * early,
        "{} = {p_stable}: the swing dies out ({early} → {late} Hz)",
        d.key
    );
    let p_unstable = sp.p - side * eps;
    let (_, _, away, period) = swing(&with(s, &d.key, p_unstable), set, x0, dur, dt);
    // Three times the kick: it grew.
    assert!(
        away > 3e-3 * sp.x[0],
        "{} = {p_unstable}, past the Hopf point: the run leaves the equilibrium ({away} Hz away at the end)",
        d.key
    );
    if sp.l1.unwrap() < 0.0 {
        let period = period.unwrap();
        assert!(
            (period - period_ms).abs() < 0.02 * period_ms,
            "period {period} ms, predicted {period_ms} ms"
        );
    }
}

#[test]
fn an_adex_hopf_point_is_where_runs_begin_to_oscillate() {
    // Fig 5 at E_L^I = −65 mV: the active state of the E-I loop loses stability at a Hopf
    // point (~49 Hz) above its fold.
    let s = fig5(-65.0);
    let set = set_of(&s);
    let d = one(&s, &set, "el_e", -70.0, -60.0);
    let hopf: Vec<_> = d
        .special
        .iter()
        .filter(|p| p.kind == SpecialKind::Hopf)
        .collect();
    assert_eq!(hopf.len(), 1, "{hopf:?}");
    let f = hopf[0].frequency_hz.unwrap();
    assert!((30.0..70.0).contains(&f), "a gamma-band focus: {f} Hz");
    hopf_against_runs(&s, &set, &d, hopf[0].p, 0.1);
}

#[test]
fn the_second_order_izhikevich_equilibrium_loses_stability_at_a_hopf_point() {
    // izhikevich_mf.md's drive of 3 Hz: against d_e, the low-covariance equilibrium that
    // continues the first-order state loses stability at a supercritical Hopf point.
    let s = scenario("model=izhikevich&nu_drive=3");
    let set = set_of(&s);
    let d = one(&s, &set, "izh_d_e", 0.0, 60.0);
    assert_eq!(d.vars.len(), 7, "rates, covariances and adaptation");
    let hopf = d
        .special
        .iter()
        .find(|p| p.kind == SpecialKind::Hopf && (5.0..20.0).contains(&p.p))
        .expect("a Hopf point for d_e in 5..20 pA");
    assert!(hopf.l1.unwrap() < 0.0, "supercritical");
    // Below it a run settles on the diagram's equilibrium.
    let pb = hopf.p - 0.5;
    let below = with(&s, "izh_d_e", pb);
    let r = steady(
        &below.adex_model(&set).unwrap(),
        below.initial_state(),
        &below.signal(),
        SteadyOptions {
            dt_ms: 0.1,
            ..SteadyOptions::default()
        },
    );
    assert!(r.settled, "settles below the Hopf point");
    let on = d.branches[hopf.branch]
        .points
        .windows(2)
        .find(|w| (w[0].p - pb) * (w[1].p - pb) <= 0.0)
        .map(|w| w[0].x[0])
        .unwrap();
    assert!(
        (r.state.nu_e - on).abs() < 0.01 * on,
        "the run settles at {} Hz, the diagram's equilibrium is {on} Hz",
        r.state.nu_e
    );
    hopf_against_runs(&s, &set, &d, hopf.p, 2e-3);
}

#[test]
fn the_page_says_when_a_second_order_run_cannot_settle() {
    // izh_d_e = 25 pA, ν_drive = 3 Hz: the low-covariance equilibrium is gone; the only stable
    // one has σ_e > ν_e, which a run creeps towards over tens of seconds.
    let s = scenario("model=izhikevich&nu_drive=3&izh_d_e=25");
    let set = set_of(&s);
    let tr = s.run(&set).unwrap();
    let last = *tr.last().unwrap();
    let eq = second_order_equilibria(&s, &set, &last);
    let stable: Vec<_> = eq.iter().filter(|e| e.stable()).collect();
    assert_eq!(stable.len(), 1, "{eq:?}");
    let e = stable[0];
    assert!(e.state.c_ee.sqrt() > e.state.nu_e, "{e:?}");
    // The run's Euler steps (dt_mf = 0.1 ms, the reference's) cannot settle on it: its fastest
    // mode needs a smaller step. With half the step a long run comes to rest there.
    assert!(
        e.euler_factor(s.dt_ms) > 1.0 && e.euler_limit_ms() > 0.05,
        "{e:?}"
    );
    let r = steady(
        &s.adex_model(&set).unwrap(),
        last,
        &s.signal(),
        SteadyOptions {
            dt_ms: 0.05,
            max_ms: 200_000.0,
            ..SteadyOptions::default()
        },
    );
    assert!(r.settled, "{:?}", r.state);
    assert!(
        (r.state.nu_e - e.state.nu_e).abs() < 1e-4 * e.state.nu_e
            && (r.state.c_ee - e.state.c_ee).abs() < 1e-4 * e.state.c_ee,
        "run ends at {:?}, the equilibrium is {:?}",
        r.state,
        e.state
    );
    let w = unsettled_warning(&s, &set, &last).expect("a warning");
    assert!(w.contains("No prediction from the second order"), "{w}");
    assert!(w.contains("dt_mf = 0.1 ms cannot settle"), "{w}");
    assert!(w.contains("2.281"), "the first-order rate: {w}");
    // The reference run settles: no warning; nor for a first-order model.
    let ok = scenario("model=izhikevich");
    let tr = ok.run(&set).unwrap();
    assert_eq!(unsettled_warning(&ok, &set, tr.last().unwrap()), None);
    let first = scenario("model=izhikevich&nu_drive=3&izh_d_e=25&order=1");
    assert_eq!(unsettled_warning(&first, &set, &last), None);
}

#[test]
fn the_second_order_derivatives_of_f_are_those_of_difference_quotients() {
    // slopes() gives ∂F/∂ν from the jet; a fine central difference of the rates agrees.
    for q in ["model=adex", "model=izhikevich"] {
        let s = scenario(q);
        let set = set_of(&s);
        let mf = s.adex_model(&set).unwrap();
        let x = AdexState {
            nu_e: 4.0,
            nu_i: 9.0,
            w_e: 30.0,
            ..AdexState::default()
        };
        let input = StimSample {
            drive_gain: 1.0,
            extra_hz: 0.0,
        };
        let [(fe, de_e, di_e), (fi, de_i, di_i)] = mf.slopes(&x, input);
        let rates = |dne: f64, dni: f64| {
            mf.transfer_rates(
                &AdexState {
                    nu_e: x.nu_e + dne,
                    nu_i: x.nu_i + dni,
                    ..x
                },
                input,
            )
        };
        assert_eq!((fe, fi), rates(0.0, 0.0));
        let h = 1e-4;
        let (pe, pi) = (rates(h, 0.0), rates(0.0, h));
        let (me, mi) = (rates(-h, 0.0), rates(0.0, -h));
        for (got, want) in [
            (de_e, (pe.0 - me.0) / (2.0 * h)),
            (di_e, (pi.0 - mi.0) / (2.0 * h)),
            (de_i, (pe.1 - me.1) / (2.0 * h)),
            (di_i, (pi.1 - mi.1) / (2.0 * h)),
        ] {
            assert!(
                (got - want).abs() < 1e-6 * want.abs().max(1e-3),
                "{q}: {got} vs {want}"
            );
        }
    }
}

#[test]
fn the_jet_of_the_transfer_function_has_its_second_derivatives() {
    use meanfield_explorer::neuron::Pop;
    use meanfield_explorer::transfer::jet::{Jet, Real};
    let s = scenario("model=adex");
    let set = set_of(&s);
    let tf = s.adex.transfer_function(&set, Pop::Exc);
    for (fe, fi, w) in [(4.0, 9.0, 30.0), (12.0, 25.0, 80.0), (1.0, 3.0, 0.0)] {
        let j = tf.rate_of(Jet::var(fe, 0), Jet::var(fi, 1), Jet::cst(w));
        let f = |a: f64, b: f64| tf.rate(a, b, w);
        let h = 1e-3;
        let fee = (f(fe + h, fi) - 2.0 * f(fe, fi) + f(fe - h, fi)) / (h * h);
        let fii = (f(fe, fi + h) - 2.0 * f(fe, fi) + f(fe, fi - h)) / (h * h);
        let fei = (f(fe + h, fi + h) - f(fe + h, fi - h) - f(fe - h, fi + h) + f(fe - h, fi - h))
            / (4.0 * h * h);
        for (got, want) in [(j.h[0], fee), (j.h[1], fei), (j.h[2], fii)] {
            assert!(
                (got - want).abs() < 1e-4 * want.abs().max(1e-3),
                "({fe}, {fi}, {w}): {got} vs {want}"
            );
        }
    }
}
