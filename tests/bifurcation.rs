//! Bifurcation diagrams of the exact mean fields against independent values: the QIF folds
//! from the closed form of its equilibrium curve, the Chen–Campbell Hopf points of
//! `exact_mf.md` §3 (two parameter sets), and the Hopf points against long runs of the mean
//! field on either side (an oscillation appears, with the predicted period).
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use meanfield_explorer::analysis::bifurcation::{diagram, Diagram, DiagramSpec};
use meanfield_explorer::analysis::continuation::SpecialKind;
use meanfield_explorer::lorentz::{self, State};
use meanfield_explorer::scenario::Scenario;
use meanfield_explorer::scenario::{self, OutOfRange};
use std::f64::consts::PI;

fn scenario(query: &str) -> Scenario {
    let mut s = Scenario::default();
    let notices = scenario::apply_query(&mut s, query);
    assert!(notices.is_empty(), "{notices:?}");
    s
}

fn run(s: &Scenario, key: &str, from: f64, to: f64) -> Diagram {
    diagram(
        s,
        None,
        &DiagramSpec {
            key: key.into(),
            from,
            to,
        },
    )
    .unwrap()
}

/// A special point: (parameter, state, frequency [Hz], l₁).
type Found = (f64, Vec<f64>, Option<f64>, Option<f64>);

fn of_kind(d: &Diagram, kind: SpecialKind) -> Vec<Found> {
    d.special
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| (s.p, s.x.clone(), s.frequency_hz, s.l1))
        .collect()
}

/// Bisection for a root of `f` in [a, b].
fn bisect(f: impl Fn(f64) -> f64, mut a: f64, mut b: f64) -> f64 {
    let fa = f(a);
    for _ in 0..200 {
        let m = 0.5 * (a + b);
        if (f(m) > 0.0) == (fa > 0.0) {
            a = m;
        } else {
            b = m;
        }
    }
    0.5 * (a + b)
}

#[test]
fn qif_folds_are_those_of_the_closed_form_equilibrium_curve() {
    // MPR 2015 (τ units): r* and v* = −Δ/(2π r*) on the curve η(r) = π²r² − J r − Δ²/(4π² r²);
    // its folds are where η'(r) = 2π² r − J + Δ²/(2π² r³) = 0.
    let s = scenario("model=qif&stim=none");
    let (delta, j, tau_ms) = (1.0, 15.0, 10.0);
    let eta = |r: f64| PI * PI * r * r - j * r - delta * delta / (4.0 * PI * PI * r * r);
    let slope = |r: f64| 2.0 * PI * PI * r - j + delta * delta / (2.0 * PI * PI * r.powi(3));
    // η' is positive at small r, negative around its minimum r_turn (η'' = 0), positive at
    // large r.
    let r_turn = (3.0 * delta * delta / (4.0 * PI.powi(4))).powf(0.25);
    assert!(slope(r_turn) < 0.0);
    let r1 = bisect(slope, 1e-3, r_turn);
    let r2 = bisect(slope, r_turn, j / (PI * PI));
    let d = run(&s, "qif_eta", -10.0, 0.0);
    let folds = of_kind(&d, SpecialKind::Fold);
    assert_eq!(folds.len(), 2, "{:?}", d.special);
    assert!(of_kind(&d, SpecialKind::Hopf).is_empty(), "{:?}", d.special);
    // The lower fold in η is the one at the larger rate (the top of the bistable band's upper
    // branch ends where it turns).
    let mut expected = [(eta(r1), r1), (eta(r2), r2)];
    expected.sort_by(|a, b| a.0.total_cmp(&b.0));
    for ((p, x, _, _), (eta_f, r_f)) in folds.iter().zip(expected) {
        assert!(
            (p - eta_f).abs() < 1e-8 * eta_f.abs(),
            "fold at η = {p}, closed form {eta_f}"
        );
        let r_hz = r_f / tau_ms * 1e3;
        assert!(
            (x[0] - r_hz).abs() < 1e-5 * r_hz,
            "r = {} Hz, closed form {r_hz}",
            x[0]
        );
        assert!(
            (x[1] + delta / (2.0 * PI * r_f)).abs() < 1e-5,
            "v = {}",
            x[1]
        );
    }
    // Bistable between the folds: the branch is stable, unstable (a saddle), stable.
    let b = &d.branches[0];
    assert_eq!(d.branches.len(), 1, "one S-shaped branch from both ends");
    assert_eq!(b.end, "range");
    let saddle = b.points.iter().filter(|q| q.unstable_dims == 1).count();
    assert!(
        saddle > 3,
        "the middle branch is a saddle ({saddle} points)"
    );
    assert!(b.points.first().unwrap().stable && b.points.last().unwrap().stable);
}

/// The Chen–Campbell Hopf points of `exact_mf.md` §3 (our own numbers there, to 6 digits):
/// (parameter, r* per time unit, ω per time unit).
fn check_cc_hopf(d: &Diagram, expected: &[(f64, f64, f64)]) {
    let hopf = of_kind(d, SpecialKind::Hopf);
    assert_eq!(hopf.len(), expected.len(), "{:?}", d.special);
    let unit_ms = 250.0 / (2.5 * 65.0);
    for ((p, x, f_hz, l1), (p_ref, r_ref, w_ref)) in hopf.iter().zip(expected) {
        // The reference has 6 decimals.
        assert!((p - p_ref).abs() < 6e-7, "Hopf at {p}, reference {p_ref}");
        let r_hz = r_ref / unit_ms * 1e3;
        assert!(
            (x[0] - r_hz).abs() < 1e-3 * r_hz,
            "r* = {} Hz, reference {r_hz}",
            x[0]
        );
        let f_ref = w_ref / (2.0 * PI * unit_ms) * 1e3;
        let f = f_hz.unwrap();
        assert!(
            (f - f_ref).abs() < 2e-3 * f_ref,
            "{f} Hz, reference {f_ref}"
        );
        assert!(l1.is_some_and(f64::is_finite), "l1 {l1:?}");
    }
}

#[test]
fn chen_campbell_hopf_points_in_eta_are_those_of_the_reference() {
    let s = scenario("model=izh_cc&stim=none");
    let d = run(&s, "cc_eta", 0.0, 0.3);
    check_cc_hopf(
        &d,
        &[(0.074893, 0.02183, 0.02802), (0.190940, 0.09458, 0.04873)],
    );
    assert!(of_kind(&d, SpecialKind::Fold).is_empty(), "{:?}", d.special);
}

#[test]
fn chen_campbell_hopf_points_in_g_with_the_pyrates_defaults_are_those_of_the_reference() {
    let s = scenario(
        "model=izh_cc&stim=none&cc_alpha=0.6&cc_a=0.008&cc_b=-0.01&cc_d=0.02&cc_j=1&cc_i0=0.15&cc_eta=0",
    );
    let d = run(&s, "cc_g", 0.3, 2.5);
    // Periods 125.9 and 134.3 time units.
    check_cc_hopf(
        &d,
        &[
            (0.671124, 0.04030, 2.0 * PI / 125.9),
            (1.988745, 0.10558, 2.0 * PI / 134.3),
        ],
    );
}

/// A long run of the mean field at `key = value` from state `x0` (r per time unit): r [Hz] over
/// its last quarter as (min, max, period [ms] from the upward crossings of the mean), and the
/// final state.
fn swing(
    s: &Scenario,
    key: &str,
    value: f64,
    x0: State,
    duration_ms: f64,
) -> (f64, f64, Option<f64>, State) {
    let mut t = s.clone();
    scenario::set(&mut t, key, &value.to_string(), OutOfRange::Reject).unwrap();
    let mf = t.lorentz().unwrap();
    let tr = lorentz::run_from(&mf, x0, &t.signal(), duration_ms, t.dt_ms);
    assert!(tr.events.is_empty(), "{:?}", tr.events);
    let from = tr.r_hz.len() * 3 / 4;
    let (ts, rs) = (&tr.t_ms[from..], &tr.r_hz[from..]);
    let lo = rs.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = rs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mean = rs.iter().sum::<f64>() / rs.len() as f64;
    let ups: Vec<f64> = (1..rs.len())
        .filter(|&k| rs[k - 1] < mean && rs[k] >= mean)
        .map(|k| ts[k])
        .collect();
    let period = (ups.len() > 2).then(|| (ups[ups.len() - 1] - ups[0]) / (ups.len() - 1) as f64);
    (lo, hi, period, *tr.states.last().unwrap())
}

/// Every Hopf point of `d` against long runs on either side of it, `eps` away: from next to
/// the equilibrium the run settles on the stable side and oscillates on the other. A
/// supercritical point (l₁ < 0) grows a small cycle with the predicted period (within 2 %); a
/// subcritical one (l₁ > 0) jumps to a large oscillation that persists when the parameter is
/// taken back to the stable side by `eps_near` (hysteresis: the unstable cycle lies between).
/// Returns how many were (supercritical, subcritical).
fn check_hopf_against_runs(s: &Scenario, d: &Diagram, eps: f64, eps_near: f64) -> (usize, usize) {
    let unit_ms = s.lorentz().unwrap().t_unit_ms();
    let (mut sup, mut sub) = (0, 0);
    for sp in d.special.iter().filter(|s| s.kind == SpecialKind::Hopf) {
        let period_ms = 1e3 / sp.frequency_hz.unwrap();
        let pts = &d.branches[sp.branch].points;
        let below = pts
            .iter()
            .filter(|q| q.p < sp.p)
            .min_by(|a, b| (sp.p - a.p).total_cmp(&(sp.p - b.p)));
        let stable_below = below.unwrap().stable;
        let side = if stable_below { -1.0 } else { 1.0 };
        let (p_stable, p_unstable) = (sp.p + side * eps, sp.p - side * eps);
        let mut x0 = [0.0; 4];
        x0[..sp.x.len()].copy_from_slice(&sp.x);
        x0[0] *= unit_ms / 1e3 * 1.01;
        let dur = (300.0 * period_ms).min(99_000.0);
        let (lo, hi, _, _) = swing(s, &d.key, p_stable, x0, dur);
        assert!(
            hi - lo < 1e-3 * hi,
            "{} = {p_stable}, stable side of {}: settles ({lo}..{hi} Hz)",
            d.key,
            sp.p
        );
        let (lo, hi, period, end) = swing(s, &d.key, p_unstable, x0, dur);
        assert!(
            hi - lo > 1e-2 * hi,
            "{} = {p_unstable}, past {}: oscillates ({lo}..{hi} Hz)",
            d.key,
            sp.p
        );
        let l1 = sp.l1.unwrap();
        if l1 < 0.0 {
            sup += 1;
            let period = period.unwrap();
            assert!(
                (period - period_ms).abs() < 0.02 * period_ms,
                "supercritical Hopf at {}: period {period} ms, predicted {period_ms} ms",
                sp.p
            );
            assert!(
                hi - lo < 0.5 * sp.x[0],
                "a small cycle: {lo}..{hi} Hz about {} Hz",
                sp.x[0]
            );
        } else {
            sub += 1;
            assert!(
                hi - lo > 0.5 * sp.x[0],
                "subcritical Hopf at {}: a large oscillation ({lo}..{hi} Hz)",
                sp.p
            );
            let near = sp.p + side * eps_near;
            let (lo, hi, _, _) = swing(s, &d.key, near, end, dur);
            assert!(
                hi - lo > 0.5 * sp.x[0],
                "subcritical Hopf at {}: the oscillation persists at {near} ({lo}..{hi} Hz)",
                sp.p
            );
        }
    }
    (sup, sub)
}

#[test]
fn every_chen_campbell_hopf_point_agrees_with_long_runs_on_either_side() {
    // RK4 at 0.5 ms (0.33 time units) for oscillations of 200+ units.
    let s = scenario("model=izh_cc&stim=none&dt_mf=0.5");
    let d = run(&s, "cc_eta", 0.0, 0.3);
    // The window of bistability is narrow here (the large cycle is gone 2e-4 before the first
    // point): slow adaptation.
    assert_eq!(
        check_hopf_against_runs(&s, &d, 1e-3, 3e-5),
        (0, 2),
        "both subcritical"
    );
    let s = scenario(
        "model=izh_cc&stim=none&dt_mf=0.5&cc_alpha=0.6&cc_a=0.008&cc_b=-0.01&cc_d=0.02&cc_j=1&cc_i0=0.15&cc_eta=0",
    );
    let d = run(&s, "cc_g", 0.3, 2.5);
    assert_eq!(
        check_hopf_against_runs(&s, &d, 2e-3, 3e-5),
        (1, 1),
        "one of each"
    );
}

#[test]
fn a_diagram_that_cannot_be_drawn_says_why() {
    let s = scenario("model=izh_cc&stim=none");
    let err = |key: &str, from: f64, to: f64| {
        diagram(
            &s,
            None,
            &DiagramSpec {
                key: key.into(),
                from,
                to,
            },
        )
        .unwrap_err()
        .to_string()
    };
    assert!(err("qif_eta", 0.0, 1.0).contains("not a parameter of the izh_cc mean field"));
    assert!(err("no_such_key", 0.0, 1.0).contains("no_such_key"));
    assert!(err("n", 1000.0, 5000.0).contains("does not enter the mean field's equations"));
    assert!(err("cc_eta", 0.1, 0.1).contains("two different"));
    assert!(
        err("cc_eta", -5.0, 0.1).contains("allowed range"),
        "{}",
        err("cc_eta", -5.0, 0.1)
    );
    // A conductance model without its transfer function.
    let adex = diagram(
        &scenario("model=adex"),
        None,
        &DiagramSpec {
            key: "b_e".into(),
            from: 0.0,
            to: 100.0,
        },
    )
    .unwrap_err()
    .to_string();
    assert!(adex.contains("transfer function"), "{adex}");
}

/// The stable orbit of the first cycle branch of `d` at `p`, interpolated linearly between the
/// two stable orbits around it: (period [ms], min r, max r [Hz]).
fn stable_cycle_at(d: &Diagram, p: f64) -> (f64, f64, f64) {
    let pts = &d.cycles[0].points;
    let k = (1..pts.len())
        .find(|&k| pts[k - 1].stable && pts[k].stable && (pts[k - 1].p - p) * (pts[k].p - p) <= 0.0)
        .unwrap_or_else(|| panic!("no stable orbits around {p}"));
    let (a, b) = (&pts[k - 1], &pts[k]);
    let s = (p - a.p) / (b.p - a.p);
    let lerp = |x: f64, y: f64| x + s * (y - x);
    (
        lerp(a.period_ms, b.period_ms),
        lerp(a.min[0], b.min[0]),
        lerp(a.max[0], b.max[0]),
    )
}

#[test]
fn chen_campbell_cycles_agree_with_long_runs() {
    let s = scenario("model=izh_cc&stim=none&dt_mf=0.5");
    let d = run(&s, "cc_eta", 0.0, 0.3);
    assert_eq!(d.cycles.len(), 1, "one branch joins both Hopf points");
    let c = &d.cycles[0];
    assert_eq!(c.end, "hopf");
    let folds: Vec<f64> = d
        .special
        .iter()
        .filter(|s| s.kind == SpecialKind::CycleFold)
        .map(|s| s.p)
        .collect();
    assert_eq!(folds.len(), 2, "{:?}", d.special);
    let hopf = of_kind(&d, SpecialKind::Hopf);
    // Both Hopf points are subcritical: each fold lies outside the band of unstable
    // equilibria, next to its Hopf point.
    assert!(
        folds[0] < hopf[0].0 && folds[0] > hopf[0].0 - 1e-3,
        "{folds:?}"
    );
    assert!(
        folds[1] > hopf[1].0 && folds[1] < hopf[1].0 + 1e-2,
        "{folds:?}"
    );
    let unit_ms = s.lorentz().unwrap().t_unit_ms();
    let mut x0 = [0.0; 4];
    x0[..hopf[0].1.len()].copy_from_slice(&hopf[0].1);
    x0[0] *= unit_ms / 1e3 * 1.01;
    for p in [0.08, 0.1, 0.13, 0.16, 0.19] {
        let (period, lo, hi) = stable_cycle_at(&d, p);
        let (rlo, rhi, rperiod, _) = swing(&s, "cc_eta", p, x0, 60_000.0);
        let rperiod = rperiod.unwrap();
        assert!(
            (rperiod - period).abs() < 0.01 * period,
            "cc_eta = {p}: period {period} ms, run {rperiod} ms"
        );
        assert!(
            (rhi - hi).abs() < 0.01 * hi && (rlo - lo).abs() < 0.01 * hi,
            "cc_eta = {p}: r {lo}..{hi} Hz, run {rlo}..{rhi} Hz"
        );
    }
    // Hysteresis at the first Hopf point: a large oscillation persists just inside the cycle
    // fold (where the equilibrium is stable too) and decays just beyond it.
    let (_, _, _, big) = swing(&s, "cc_eta", 0.1, x0, 30_000.0);
    let r_star = hopf[0].1[0];
    let (lo, hi, _, _) = swing(&s, "cc_eta", folds[0] + 2e-5, big, 99_000.0);
    assert!(hi - lo > 0.5 * r_star, "inside the fold: {lo}..{hi} Hz");
    let (lo, hi, _, _) = swing(&s, "cc_eta", folds[0] - 5e-5, big, 99_000.0);
    assert!(hi - lo < 1e-3 * hi, "beyond the fold: {lo}..{hi} Hz");
}

#[test]
fn qif_sfa_first_lyapunov_coefficients_are_those_of_the_exact_second_derivatives() {
    // Kuznetsov's l₁ = Re[⟨p, C(q,q,q̄)⟩ − 2⟨p, B(q, A⁻¹B(q,q̄))⟩ + ⟨p, B(q̄, (2iω − A)⁻¹B(q,q))⟩]
    // / (2ω) with the QIF-SFA's Jacobian and second derivatives written out (C = 0: the field
    // is quadratic), at the closed-form equilibrium of each Hopf point's η̄. The diagram's
    // adaptation rate x is 0 at every equilibrium (its weight the 1e-3 floor), which once
    // shrank the difference steps to the rounding noise (l₁ 2-5 % off).
    use nalgebra::{Complex, DMatrix, DVector};
    type C = Complex<f64>;
    let s = scenario("model=qif_sfa&stim=none");
    let (delta, j, alpha, tau_a) = (1.0, 15.0, 0.5, 10.0);
    let d = run(&s, "qif_eta", -6.0, 0.0);
    let hopf = of_kind(&d, SpecialKind::Hopf);
    assert_eq!(hopf.len(), 2, "{:?}", d.special);
    // An eigenvector of m for the eigenvalue 0: the first component 1, the last row dropped.
    let kernel = |m: &DMatrix<C>| -> DVector<C> {
        let mut a = m.clone();
        let mut rhs = DVector::<C>::zeros(4);
        for c in 0..4 {
            a[(3, c)] = C::new(if c == 0 { 1.0 } else { 0.0 }, 0.0);
        }
        rhs[3] = C::new(1.0, 0.0);
        a.lu().solve(&rhs).unwrap()
    };
    for (eta, x, _, l1) in hopf {
        // r*: η̄ − α τ_a r + J r − π² r² + Δ²/(4π² r²) = 0 near the diagram's rate (τ units).
        let g = |r: f64| {
            eta - alpha * tau_a * r + j * r - PI * PI * r * r + (delta / (2.0 * PI * r)).powi(2)
        };
        let r0 = x[0] * 10.0 / 1e3;
        let r = bisect(g, 0.9 * r0, 1.1 * r0);
        let v = -delta / (2.0 * PI * r);
        let a = DMatrix::from_row_slice(
            4,
            4,
            &[
                2.0 * v,
                2.0 * r,
                0.0,
                0.0,
                j - 2.0 * PI * PI * r,
                2.0 * v,
                -1.0,
                0.0,
                0.0,
                0.0,
                0.0,
                1.0 / tau_a,
                alpha,
                0.0,
                -1.0 / tau_a,
                -2.0 / tau_a,
            ],
        );
        let ev = a.complex_eigenvalues();
        let crit = ev
            .iter()
            .filter(|e| e.im > 0.0)
            .min_by(|a, b| a.re.abs().total_cmp(&b.re.abs()))
            .unwrap();
        assert!(crit.re.abs() < 1e-7, "not at a Hopf point: {ev:?}");
        let omega = crit.im;
        let ac = a.map(|v| C::new(v, 0.0));
        let iw = DMatrix::<C>::identity(4, 4) * C::new(0.0, omega);
        let q = kernel(&(&ac - &iw));
        let q = &q / C::new(q.dotc(&q).re.sqrt(), 0.0);
        let p = kernel(&(ac.transpose() + &iw));
        let p = &p / p.dotc(&q).conj();
        // B(u, w): the second derivatives of 2 r v and of v² − π² r².
        let b = |u: &DVector<C>, w: &DVector<C>| {
            DVector::from_vec(vec![
                (u[1] * w[0] + u[0] * w[1]) * 2.0,
                u[1] * w[1] * 2.0 - u[0] * w[0] * (2.0 * PI * PI),
                C::new(0.0, 0.0),
                C::new(0.0, 0.0),
            ])
        };
        let qb = q.map(|c| c.conj());
        let s1 = ac.clone().lu().solve(&b(&q, &qb)).unwrap();
        let s2 = (&iw * C::new(2.0, 0.0) - &ac)
            .lu()
            .solve(&b(&q, &q))
            .unwrap();
        let val = p.dotc(&b(&qb, &s2)) - p.dotc(&b(&q, &s1)) * C::new(2.0, 0.0);
        let exact = val.re / (2.0 * omega);
        let l1 = l1.unwrap();
        assert!(
            (l1 - exact).abs() < 1e-6 * exact.abs(),
            "l₁ at η̄ = {eta}: {l1}, exact second derivatives {exact}"
        );
    }
}
