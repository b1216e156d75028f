//! Two-parameter diagrams of the exact mean fields against independent values: the QIF fold
//! curve and its cusp from the closed form of the equilibrium curve, a Bogdanov–Takens point
//! where the Hopf frequency of the one-parameter diagrams goes to zero on the fold curve, and
//! Bautin points where the one-parameter diagrams' first Lyapunov coefficient changes sign.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use meanfield_explorer::analysis::bifurcation::{diagram, Diagram, DiagramSpec};
use meanfield_explorer::analysis::continuation::SpecialKind;
use meanfield_explorer::analysis::curves::{two_parameter, TwoDiagram, TwoSpec};
use meanfield_explorer::analysis::two_param::CurveKind;
use meanfield_explorer::scenario::{self, Scenario};
use std::f64::consts::PI;

fn scenario(query: &str) -> Scenario {
    let mut s = Scenario::default();
    assert!(scenario::apply_query(&mut s, query).is_empty());
    s
}

fn two(
    s: &Scenario,
    (key, from, to): (&str, f64, f64),
    (key2, from2, to2): (&str, f64, f64),
) -> TwoDiagram {
    two_parameter(
        s,
        None,
        &TwoSpec {
            key: key.into(),
            from,
            to,
            key2: key2.into(),
            from2,
            to2,
        },
    )
    .unwrap()
}

fn one(s: &Scenario, key: &str, from: f64, to: f64) -> Diagram {
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

fn points(d: &TwoDiagram, kind: SpecialKind) -> Vec<(f64, f64)> {
    d.special
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| (s.p1, s.p2))
        .collect()
}

#[test]
fn the_qif_fold_curve_and_its_cusp_are_those_of_the_closed_form() {
    // MPR 2015 in τ units: η(r) = π²r² − J r − Δ²/(4π²r²) on the equilibria; folds where
    // η'(r) = 2π²r − J + Δ²/(2π²r³) = 0, the cusp where η''(r) = 0 too: r = 3J/(8π²),
    // Δ = 9J²/(32√3 π²).
    let s = scenario("model=qif");
    let (j, tau_ms) = (15.0, 10.0);
    let d = two(&s, ("qif_eta", -10.0, 0.0), ("qif_delta", 0.01, 5.0));
    let folds: Vec<_> = d
        .curves
        .iter()
        .filter(|c| c.kind == CurveKind::Fold)
        .collect();
    assert_eq!((folds.len(), d.curves.len()), (1, 1), "{:?}", d.notes);
    let mut checked = 0;
    for (&(eta, delta), r_hz) in folds[0].points.iter().zip(&folds[0].r_hz) {
        if !(-10.0..=0.0).contains(&eta) {
            continue;
        }
        let r = r_hz * tau_ms / 1e3;
        let on_curve = PI * PI * r * r - j * r - delta * delta / (4.0 * PI * PI * r * r);
        let slope = 2.0 * PI * PI * r - j + delta * delta / (2.0 * PI * PI * r.powi(3));
        assert!(
            (on_curve - eta).abs() < 1e-8,
            "η {eta} Δ {delta}: {on_curve}"
        );
        assert!(slope.abs() < 1e-7, "η {eta} Δ {delta}: η'(r) = {slope}");
        checked += 1;
    }
    assert!(checked > 100, "{checked}");
    let cusp = points(&d, SpecialKind::Cusp);
    assert_eq!(cusp.len(), 1, "{:?}", d.special);
    let r = 3.0 * j / (8.0 * PI * PI);
    let delta = 9.0 * j * j / (32.0 * 3f64.sqrt() * PI * PI);
    let eta = PI * PI * r * r - j * r - delta * delta / (4.0 * PI * PI * r * r);
    assert!(
        (cusp[0].0 - eta).abs() < 1e-6 && (cusp[0].1 - delta).abs() < 1e-6,
        "{cusp:?} against ({eta}, {delta})"
    );
    // Beyond the cusp (larger Δ) the one-parameter diagram has no fold.
    let s = scenario("model=qif&qif_delta=3.8");
    assert!(one(&s, "qif_eta", -10.0, 0.0).special.is_empty());
}

#[test]
fn the_gsk_bogdanov_takens_point_is_where_the_hopf_frequency_vanishes_on_the_fold_curve() {
    let s = scenario("model=izh_gsk");
    let d = two(&s, ("gsk_eta", 30.0, 70.0), ("gsk_delta", 0.1, 3.0));
    let bt = points(&d, SpecialKind::BogdanovTakens);
    assert_eq!(bt.len(), 1, "{:?}", d.special);
    let (eta_bt, delta_bt) = bt[0];
    // The one-parameter diagrams in η just above Δ_BT: a Hopf point beside a fold, whose
    // frequency falls towards zero as Δ_v comes down to Δ_BT.
    let hopf_near = |delta: f64| {
        let s = scenario(&format!("model=izh_gsk&gsk_delta={delta}"));
        let d = one(&s, "gsk_eta", 30.0, 70.0);
        let near = |k: SpecialKind| {
            d.special
                .iter()
                .filter(|p| p.kind == k)
                .min_by(|a, b| (a.p - eta_bt).abs().total_cmp(&(b.p - eta_bt).abs()))
                .cloned()
                .unwrap()
        };
        let (h, f) = (near(SpecialKind::Hopf), near(SpecialKind::Fold));
        ((h.p - f.p).abs(), h.frequency_hz.unwrap())
    };
    let (gap_far, f_far) = hopf_near(delta_bt + 0.02);
    let (gap_near, f_near) = hopf_near(delta_bt + 0.002);
    assert!(
        f_near < 0.5 * f_far && f_near < 0.2,
        "{f_near} Hz at +0.002, {f_far} Hz at +0.02"
    );
    assert!(
        gap_near < gap_far && gap_near < 1e-2,
        "{gap_near} {gap_far}"
    );
}

#[test]
fn the_chen_campbell_bautin_points_are_where_the_hopf_points_change_criticality() {
    let s = scenario("model=izh_cc");
    let d = two(&s, ("cc_eta", 0.0, 0.3), ("cc_g", 0.0, 3.0));
    let gh = points(&d, SpecialKind::Bautin);
    assert_eq!(gh.len(), 2, "{:?}", d.special);
    for (eta, g) in gh {
        let l1_at = |g: f64| {
            let s = scenario(&format!("model=izh_cc&cc_g={g}"));
            let d = one(&s, "cc_eta", 0.0, 0.3);
            d.special
                .iter()
                .filter(|p| p.kind == SpecialKind::Hopf)
                .min_by(|a, b| (a.p - eta).abs().total_cmp(&(b.p - eta).abs()))
                .and_then(|p| p.l1)
                .unwrap()
        };
        let (below, above) = (l1_at(g - 0.02), l1_at(g + 0.02));
        assert!(
            below * above < 0.0,
            "l1 {below} at g − 0.02, {above} at g + 0.02 (η̄ {eta}, g {g})"
        );
    }
}
