//! Two-parameter diagrams of the exact mean fields: the curves of folds and Hopf points in the
//! plane of two numeric keys ([`super::two_param`]), started from the folds and Hopf points of
//! the one-parameter diagram in the first key at the scenario's value of the second, with the
//! cusps, Bogdanov–Takens and Bautin points on them, in the schema's keys and units.

use super::bifurcation::{diagram_with, DiagramSpec, Keyed};
use super::continuation::SpecialKind;
use super::system::System;
use super::two_param::{follow, Curve, CurveKind, Settings2, Special2};
use crate::error::Error;
use crate::scenario::{spec, OutOfRange, ParamSpec, Scenario};
use crate::transfer::coefficients::CoefficientSet;

/// What a two-parameter diagram is of: the first key over [from, to] (the horizontal axis),
/// the second over [from2, to2].
#[derive(Clone, Debug, PartialEq)]
pub struct TwoSpec {
    /// The first parameter's key.
    pub key: String,
    /// Its range.
    pub from: f64,
    /// Its range's other end.
    pub to: f64,
    /// The second parameter's key.
    pub key2: String,
    /// Its range.
    pub from2: f64,
    /// Its range's other end.
    pub to2: f64,
}

/// A parameter of the diagram.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Axis {
    /// Its key.
    pub key: String,
    /// Its label.
    pub label: String,
    /// Its unit.
    pub unit: String,
    /// The range shown.
    pub range: (f64, f64),
}

/// A curve, in the schema's units.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TwoCurve {
    /// `fold` or `hopf`.
    pub kind: CurveKind,
    /// (first parameter, second parameter) along the curve.
    pub points: Vec<(f64, f64)>,
    /// Hopf curves: which points are neutral saddles (the curve past a Bogdanov–Takens point),
    /// not Hopf points.
    pub neutral: Vec<bool>,
    /// The rate along the curve [Hz].
    pub r_hz: Vec<f64>,
}

/// A codimension-two point, in the schema's units.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TwoSpecial {
    /// `cusp`, `bogdanov_takens` or `bautin`.
    pub kind: SpecialKind,
    /// The first parameter.
    pub p1: f64,
    /// The second parameter.
    pub p2: f64,
    /// The rate there [Hz].
    pub r_hz: f64,
}

/// A two-parameter diagram.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TwoDiagram {
    /// The horizontal parameter.
    pub x: Axis,
    /// The vertical parameter.
    pub y: Axis,
    /// The curves.
    pub curves: Vec<TwoCurve>,
    /// Cusps, Bogdanov–Takens and Bautin points, in order of the first parameter.
    pub special: Vec<TwoSpecial>,
    /// The value of the second parameter the curves were started at.
    pub start_p2: f64,
    /// What the reader should know.
    pub notes: Vec<String>,
    /// The rate variable `r_hz` is of: its key and label (`r` for an exact family, `nu_e` /
    /// ν_e for a conductance model).
    #[serde(default = "rate_var")]
    pub rate: (String, String),
}

/// The exact families' rate variable (what a diagram saved before the field existed has).
fn rate_var() -> (String, String) {
    ("r".into(), "r".into())
}

/// The key's own range, intersected with [a, b].
fn within(ps: &ParamSpec, (a, b): (f64, f64)) -> (f64, f64) {
    let (lo, hi) = (a.min(b), a.max(b));
    ps.range()
        .map_or((lo, hi), |(min, max)| (lo.max(min), hi.min(max)))
}

/// Whether (p1, p2) lies on `curve` within `tol1` of the first parameter.
fn on_curve(curve: &Curve, p1: f64, p2: f64, tol1: f64) -> bool {
    curve.points.windows(2).any(|w| {
        let (a, b) = (&w[0], &w[1]);
        if (a.p2 - p2) * (b.p2 - p2) > 0.0 {
            return false;
        }
        let t = if b.p2 == a.p2 {
            0.0
        } else {
            (p2 - a.p2) / (b.p2 - a.p2)
        };
        (a.p1 + t * (b.p1 - a.p1) - p1).abs() < tol1
    })
}

/// The two-parameter diagram of `s`'s mean field in `d.key` and `d.key2`, with the
/// conductance models' transfer function `set`.
///
/// # Errors
/// As [`super::bifurcation::diagram`] for either key, or the same key twice.
pub fn two_parameter(
    s: &Scenario,
    set: Option<&CoefficientSet>,
    d: &TwoSpec,
) -> Result<TwoDiagram, Error> {
    if d.key == d.key2 {
        return Err(Error::invalid(
            "bif_y",
            &d.key2,
            "must be another parameter than the horizontal one",
        ));
    }
    let (ps1, ps2) = (spec(&d.key)?, spec(&d.key2)?);
    let (r1, r2) = (within(&ps1, (d.from, d.to)), within(&ps2, (d.from2, d.to2)));
    // The curves start on the one-parameter diagram at the scenario's value of the second key
    // (its range's middle when the value is outside it).
    let own = ps2.number(s).unwrap_or(f64::NAN);
    let start_p2 = if own >= r2.0 && own <= r2.1 {
        own
    } else {
        0.5 * (r2.0 + r2.1)
    };
    let mut at = s.clone();
    ps2.set_number(&mut at, start_p2, OutOfRange::Reject)?;
    // The second key must enter the equations too: the one-parameter diagram checks the first.
    let one = diagram_with(
        &at,
        set,
        &DiagramSpec {
            key: d.key.clone(),
            from: r1.0,
            to: r1.1,
        },
        false,
    )?;
    diagram_with(
        &at,
        set,
        &DiagramSpec {
            key: d.key2.clone(),
            from: r2.0,
            to: r2.1,
        },
        false,
    )?;
    let (base, _) = at.without_time_dependence();
    let mf = System::of(&base, set)?;
    let n = mf.dim();
    let field = Keyed::new(base, set, [ps1, ps2], n);
    let span1 = r1.1 - r1.0;
    let window = within(&ps1, (r1.0 - span1, r1.1 + span1));
    let set = Settings2 {
        p2_range: r2,
        p1_window: window,
        p1_scale: span1,
    };
    let mut curves: Vec<Curve> = Vec::new();
    let mut special: Vec<Special2> = Vec::new();
    let mut notes = one.notes.clone();
    for sp in &one.special {
        let kind = match sp.kind {
            SpecialKind::Fold => CurveKind::Fold,
            SpecialKind::Hopf => CurveKind::Hopf,
            _ => continue,
        };
        if curves
            .iter()
            .any(|c| c.kind == kind && on_curve(c, sp.p, start_p2, 1e-6 * span1))
        {
            continue;
        }
        let x = mf.state_from_hz(&sp.x);
        let w: Vec<f64> = x.iter().map(|v| v.abs().max(1e-3)).collect();
        match follow(&field, kind, (&x, sp.p, start_p2), &w, &set) {
            Some((c, s2)) => {
                curves.push(c);
                special.extend(s2);
            }
            None => notes.push(format!(
                "The curve through the {} at {} = {} could not be followed.",
                sp.kind.name(),
                ps1.key,
                crate::text::format_number(sp.p)
            )),
        }
    }
    // A curve found again from another start (a fold curve through both folds, joined at a
    // cusp, can be found from the second fold when the first one's curve was lost short of
    // the cusp): the shorter copy goes.
    let span2 = (r2.1 - r2.0).max(1e-300);
    let extent = |c: &Curve| -> f64 {
        c.points
            .windows(2)
            .map(|w| ((w[1].p1 - w[0].p1) / span1).hypot((w[1].p2 - w[0].p2) / span2))
            .sum()
    };
    let mut k = 0;
    while k < curves.len() {
        let c = &curves[k];
        let mid = &c.points[c.points.len() / 2];
        let copy = curves.iter().enumerate().any(|(j, o)| {
            j != k
                && o.kind == c.kind
                && extent(o) >= extent(c)
                && on_curve(o, mid.p1, mid.p2, 1e-4 * span1)
        });
        if copy {
            curves.remove(k);
        } else {
            k += 1;
        }
    }
    // Only what is in the view, each point once.
    let inside = |q: &Special2| q.p1 >= r1.0 && q.p1 <= r1.1 && q.p2 >= r2.0 && q.p2 <= r2.1;
    special.retain(inside);
    special.sort_by(|a, b| a.p1.total_cmp(&b.p1));
    special.dedup_by(|a, b| {
        a.kind == b.kind
            && (a.p1 - b.p1).abs() < 1e-4 * span1
            && (a.p2 - b.p2).abs() < 1e-4 * (r2.1 - r2.0)
    });
    let axis = |ps: &ParamSpec, range| Axis {
        key: ps.key.into(),
        label: crate::scenario::label_with_population(ps),
        unit: ps.unit.into(),
        range,
    };
    Ok(TwoDiagram {
        x: axis(&ps1, r1),
        y: axis(&ps2, r2),
        curves: curves
            .iter()
            .map(|c| TwoCurve {
                kind: c.kind,
                points: c.points.iter().map(|q| (q.p1, q.p2)).collect(),
                neutral: c.points.iter().map(|q| q.neutral).collect(),
                r_hz: c.points.iter().map(|q| mf.to_hz(q.x[0])).collect(),
            })
            .collect(),
        special: special
            .iter()
            .map(|q| TwoSpecial {
                kind: q.kind,
                p1: q.p1,
                p2: q.p2,
                r_hz: mf.to_hz(q.x[0]),
            })
            .collect(),
        start_p2,
        notes,
        rate: one
            .vars
            .first()
            .map_or_else(rate_var, |v| (v.key.clone(), v.label.clone())),
    })
}
