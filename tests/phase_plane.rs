//! The phase plane of the QIF mean field against the closed form of its equilibria (η̄ =
//! π²r² − J r − Δ²/(4π²r²), v = −Δ/(2π r), in τ units), their stability (the outer two stable,
//! the middle one a saddle), and its nullclines, which must pass through them.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use meanfield_explorer::analysis::phase_plane::phase_plane;
use meanfield_explorer::scenario::{self, Scenario};
use std::f64::consts::PI;

#[test]
fn the_qif_phase_plane_has_the_closed_form_equilibria_on_its_nullclines() {
    let mut s = Scenario::default();
    assert!(scenario::apply_query(&mut s, "model=qif&stim=none").is_empty());
    let p = phase_plane(&s, None, "qif_eta", (-10.0, 0.0)).unwrap();
    let (eta, j, delta, tau_ms) = (-5.0, 15.0, 1.0, 10.0);
    // The closed form's roots by bisection on a fine scan of r (τ units).
    let g = |r: f64| PI * PI * r * r - j * r - delta * delta / (4.0 * PI * PI * r * r) - eta;
    let mut roots = Vec::new();
    let grid: Vec<f64> = (1..20000).map(|k| k as f64 * 1e-4).collect();
    for w in grid.windows(2) {
        let (mut a, mut b) = (w[0], w[1]);
        if g(a) * g(b) > 0.0 {
            continue;
        }
        for _ in 0..100 {
            let m = 0.5 * (a + b);
            if g(a) * g(m) <= 0.0 {
                b = m;
            } else {
                a = m;
            }
        }
        roots.push(0.5 * (a + b));
    }
    assert_eq!(roots.len(), 3, "{roots:?}");
    let mut found = p.equilibria.clone();
    found.sort_by(|a, b| a.r_hz.total_cmp(&b.r_hz));
    assert_eq!(found.len(), 3, "{found:?}");
    for (e, r) in found.iter().zip(&roots) {
        assert!(
            (e.r_hz - r / tau_ms * 1e3).abs() < 1e-6 * e.r_hz,
            "{e:?} against r = {r}"
        );
        assert!((e.v + delta / (2.0 * PI * r)).abs() < 1e-8, "{e:?}");
    }
    assert_eq!(
        found.iter().map(|e| e.stable).collect::<Vec<_>>(),
        [true, false, true]
    );
    assert_eq!(found[1].kind, "saddle");
    // Each equilibrium lies on both nullclines: within a grid cell of a segment of each.
    let cell = (
        (p.r_range.1 - p.r_range.0) / 80.0,
        (p.v_range.1 - p.v_range.0) / 80.0,
    );
    for e in &found {
        for segs in [&p.r_nullcline, &p.v_nullcline] {
            let near = segs.iter().any(|(a, b)| {
                let mid = (0.5 * (a.0 + b.0), 0.5 * (a.1 + b.1));
                (mid.0 - e.r_hz).abs() < cell.0 && (mid.1 - e.v).abs() < cell.1
            });
            assert!(near, "{e:?} is off a nullcline");
        }
    }
    // The run starts at the initial state and ends on the lower stable equilibrium (no
    // stimulus, r(0) = 1 Hz).
    let end = p.trajectory.last().unwrap();
    assert!(
        (end.0 - found[0].r_hz).abs() < 1e-3 * found[0].r_hz,
        "{end:?}"
    );
}
