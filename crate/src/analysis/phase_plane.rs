//! The phase plane of a mean field, in the two variables it is drawn in ((r, v) for an exact
//! family, (ν_e, ν_i) for a conductance model): the scenario's run as a trajectory, the
//! equilibria at its parameters with their stability, and, where the system is planar (QIF; a
//! conductance model of first order with stationary adaptation), the nullclines of both
//! variables.
//!
//! The equilibria are those of the one-parameter diagram in the diagram's key (its range
//! widened to the scenario's own value) where its branches cross that value, polished by
//! Newton's method at the scenario's parameters; each is classified by the eigenvalues of its
//! Jacobian. The nullclines are the zero contours of ṙ and v̇ on a grid over the window
//! (marching squares, linear along each cell edge).

use super::bifurcation::{diagram_with, DiagramSpec, Keyed};
use super::continuation::{equilibrium, jacobian_at, Field};
use super::system::System;
use crate::error::Error;
use crate::scenario::{spec, Scenario};
use crate::transfer::coefficients::CoefficientSet;

/// "ẋ = 0" for a variable labelled x (ṙ, v̇, ν̇_e: the dot on the symbol, before a subscript).
#[must_use]
pub fn nullcline_label(var: &str) -> String {
    let mut chars = var.chars();
    let head: String = chars.next().map_or_else(String::new, |c| {
        if c == 'r' {
            "ṙ".into()
        } else {
            format!("{c}\u{307}")
        }
    });
    format!("{head}{} = 0", chars.as_str())
}

fn rate_label() -> String {
    "r".into()
}

/// A segment of a nullcline: its two ends (r [Hz], v).
pub type Segment = ((f64, f64), (f64, f64));

/// An equilibrium in the plane.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PlaneEquilibrium {
    /// Its rate [Hz].
    pub r_hz: f64,
    /// Its v (the model's unit).
    pub v: f64,
    /// `stable node`, `stable focus`, `saddle`, `unstable node` or `unstable focus`.
    pub kind: String,
    /// Whether it is stable.
    pub stable: bool,
}

/// The phase plane.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PhasePlane {
    /// The first variable's label (r, or ν_e: a rate in Hz).
    #[serde(default = "rate_label")]
    pub x_label: String,
    /// The second variable's (v, or ν_i) label.
    pub v_label: String,
    /// v's unit.
    pub v_unit: String,
    /// The run: (r [Hz], v) in time order.
    pub trajectory: Vec<(f64, f64)>,
    /// The equilibria at the scenario's parameters (its constant input).
    pub equilibria: Vec<PlaneEquilibrium>,
    /// The window: r range [Hz].
    pub r_range: (f64, f64),
    /// v range.
    pub v_range: (f64, f64),
    /// ṙ = 0 as segments ((r, v), (r, v)); empty unless the system is planar.
    pub r_nullcline: Vec<Segment>,
    /// v̇ = 0 as segments.
    pub v_nullcline: Vec<Segment>,
    /// What the reader should know.
    pub notes: Vec<String>,
}

/// The kind of an equilibrium from its eigenvalues: a node or focus (complex eigenvalues on
/// the side that dominates), stable or not, or a saddle (a saddle-focus when its unstable
/// eigenvalues are a complex pair).
fn classify(e: &[nalgebra::Complex<f64>]) -> (&'static str, bool) {
    let complex = |c: &&nalgebra::Complex<f64>| c.im.abs() > 1e-9 * c.norm().max(1e-300);
    let unstable: Vec<_> = e.iter().filter(|c| c.re > 0.0).collect();
    let focus = e.iter().any(|c| complex(&c));
    match unstable.len() {
        0 if focus => ("stable focus", true),
        0 => ("stable node", true),
        u if u < e.len() && unstable.iter().any(complex) => ("saddle-focus", false),
        u if u < e.len() => ("saddle", false),
        _ if focus => ("unstable focus", false),
        _ => ("unstable node", false),
    }
}

/// Segments of the zero contour of `g` on an `n` × `n` grid over the window.
fn contour(
    g: impl Fn(f64, f64) -> f64,
    (r0, r1): (f64, f64),
    (v0, v1): (f64, f64),
    n: usize,
) -> Vec<Segment> {
    let at = |i: usize, j: usize| {
        let (r, v) = (
            r0 + (r1 - r0) * i as f64 / n as f64,
            v0 + (v1 - v0) * j as f64 / n as f64,
        );
        (r, v, g(r, v))
    };
    let grid: Vec<Vec<(f64, f64, f64)>> = (0..=n)
        .map(|i| (0..=n).map(|j| at(i, j)).collect())
        .collect();
    let cross = |a: (f64, f64, f64), b: (f64, f64, f64)| -> Option<(f64, f64)> {
        if !(a.2.is_finite() && b.2.is_finite()) || (a.2 > 0.0) == (b.2 > 0.0) {
            return None;
        }
        let t = a.2 / (a.2 - b.2);
        Some((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
    };
    let mut out = Vec::new();
    for i in 0..n {
        for j in 0..n {
            let c = [
                grid[i][j],
                grid[i + 1][j],
                grid[i + 1][j + 1],
                grid[i][j + 1],
            ];
            let pts: Vec<(f64, f64)> = (0..4).filter_map(|k| cross(c[k], c[(k + 1) % 4])).collect();
            // Two crossings: one segment; four (a saddle cell): two, paired in order.
            for pair in pts.chunks(2) {
                if let [a, b] = pair {
                    out.push((*a, *b));
                }
            }
        }
    }
    out
}

/// The run of `s`'s mean field in its plane: (r [Hz], v) for an exact family, (ν_e, ν_i)
/// [Hz] for a conductance model (with its transfer function `set`).
fn run_in_plane(
    s: &Scenario,
    set: Option<&CoefficientSet>,
) -> Result<(Vec<(f64, f64)>, bool), Error> {
    if let Some(mf) = s.lorentz() {
        let trace = s
            .run_lorentz()
            .ok_or_else(|| Error::invalid("model", s.model.name(), "no mean field"))?;
        let pts = trace
            .states
            .iter()
            .map(|x| (mf.to_hz(x[0]), x[1]))
            .collect();
        return Ok((pts, !trace.events.is_empty()));
    }
    let set =
        set.ok_or_else(|| Error::Usage("the phase plane needs the transfer function".into()))?;
    let trace = s.run(set)?;
    let pts = trace.states.iter().map(|x| (x.nu_e, x.nu_i)).collect();
    Ok((
        pts,
        trace
            .events
            .iter()
            .any(crate::meanfield::RunEvent::is_warning),
    ))
}

/// The phase plane of `s`'s mean field (a conductance model's with its transfer function
/// `set`); its equilibria are found along `key` over `range` (widened to `s`'s own value of
/// `key`).
///
/// # Errors
/// A conductance model without `set`, or a key the diagram cannot vary.
pub fn phase_plane(
    s: &Scenario,
    set: Option<&CoefficientSet>,
    key: &str,
    range: (f64, f64),
) -> Result<PhasePlane, Error> {
    let (base, removed) = s.without_time_dependence();
    let sys = System::of(&base, set)?;
    let vars = sys.vars();
    let n = vars.len();
    let mut notes = Vec::new();
    let (run, warned) = run_in_plane(s, set)?;
    if warned {
        notes.push(
            "The run stopped early or left the model's range (see the notes above the plots): its trajectory is not a prediction there."
                .into(),
        );
    }
    // At most 4000 points of the run (every k-th sample, and the last): what a plot can show.
    let every = run.len().div_ceil(4000).max(1);
    let mut trajectory: Vec<(f64, f64)> = run.iter().step_by(every).copied().collect();
    if let Some(x) = run.last() {
        if (run.len() - 1) % every != 0 {
            trajectory.push(*x);
        }
    }
    // The equilibria at the scenario's own value, from the diagram's branches.
    let own = spec(key)?.number(s).unwrap_or(f64::NAN);
    let (lo, hi) = (range.0.min(range.1).min(own), range.0.max(range.1).max(own));
    let d = diagram_with(
        s,
        set,
        &DiagramSpec {
            key: key.into(),
            from: lo,
            to: hi,
        },
        false,
    )?;
    if removed {
        notes.push("The equilibria are those under the constant input: the time-varying stimulus moves them during the run.".into());
    }
    let field = Keyed::new(base, set, [], n);
    let mut equilibria: Vec<(Vec<f64>, PlaneEquilibrium)> = Vec::new();
    for b in &d.branches {
        for w in b.points.windows(2) {
            let (a, c) = (&w[0], &w[1]);
            if (a.p - own) * (c.p - own) > 0.0 || a.p == c.p {
                continue;
            }
            let t = (own - a.p) / (c.p - a.p);
            let mid: Vec<f64> = a.x.iter().zip(&c.x).map(|(p, q)| p + t * (q - p)).collect();
            let guess = sys.state_from_hz(&mid);
            let wts: Vec<f64> = guess.iter().map(|v| v.abs().max(1e-3)).collect();
            let Some(x) = equilibrium(&field, &guess, 0.0, &wts) else {
                continue;
            };
            if equilibria.iter().any(|(y, _)| {
                y.iter()
                    .zip(&x)
                    .zip(&wts)
                    .all(|((p, q), w)| (p - q).abs() < 1e-6 * w)
            }) {
                continue;
            }
            let Some(j) = jacobian_at(&field, &x, 0.0, &wts) else {
                continue;
            };
            let (kind, stable) = classify(j.complex_eigenvalues().as_slice());
            equilibria.push((
                x.clone(),
                PlaneEquilibrium {
                    r_hz: sys.to_hz(x[0]),
                    v: x[1],
                    kind: kind.into(),
                    stable,
                },
            ));
        }
    }
    let equilibria: Vec<PlaneEquilibrium> = equilibria.into_iter().map(|(_, e)| e).collect();
    // The window: the trajectory and the equilibria, padded.
    let rs = trajectory
        .iter()
        .map(|p| p.0)
        .chain(equilibria.iter().map(|e| e.r_hz));
    let vs = trajectory
        .iter()
        .map(|p| p.1)
        .chain(equilibria.iter().map(|e| e.v));
    let span = |it: &mut dyn Iterator<Item = f64>| {
        it.filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            })
    };
    let (r_lo, r_hi) = span(&mut rs.clone());
    let (v_lo, v_hi) = span(&mut vs.clone());
    let r_range = (0.0, (r_hi * 1.1).max(r_lo + 1.0).max(1.0));
    let pad = 0.1 * (v_hi - v_lo).max(0.1 * v_hi.abs().max(1.0));
    let v_range = (v_lo - pad, v_hi + pad);
    let (mut r_nullcline, mut v_nullcline) = (Vec::new(), Vec::new());
    if n == 2 {
        let (f, sys) = (&field, &sys);
        let g = |k: usize| {
            move |r_hz: f64, v: f64| {
                f.eval(&[sys.hz_to_unit(r_hz), v], 0.0)
                    .map_or(f64::NAN, |d| d[k])
            }
        };
        r_nullcline = contour(g(0), r_range, v_range, 80);
        v_nullcline = contour(g(1), r_range, v_range, 80);
    } else {
        notes.push(format!(
            "The model has {n} variables: the plane shows {} and {} of the run and of the equilibria; nullclines are drawn for planar models only (QIF; a conductance model of first order with stationary adaptation).",
            vars[0].label, vars[1].label
        ));
    }
    Ok(PhasePlane {
        x_label: vars[0].label.into(),
        v_label: vars[1].label.into(),
        v_unit: vars[1].unit.into(),
        trajectory,
        equilibria,
        r_range,
        v_range,
        r_nullcline,
        v_nullcline,
        notes,
    })
}
