//! Bifurcation diagrams of the mean fields: the branches of equilibria against one numeric
//! key of the scenario ([`super::continuation`]), with their stability, folds and Hopf points,
//! in the schema's keys and units.
//!
//! The exact families are continued in their own time unit and state (r per time unit, v, and
//! the family's third and fourth variables); rates and frequencies are reported in Hz. The
//! start of a branch is the state a run of the mean field reaches (or circles) at the range's
//! end, polished by Newton's method; the range is followed from both ends, so a branch that
//! does not pass through the first start is still found.

use super::continuation::{
    continue_branch, equilibrium, Branch, End, Field, Settings, SpecialKind,
};
use super::cycles::{continue_cycle, CycleEnd, CycleSettings};
use super::system::System;
use crate::error::Error;
use crate::scenario::{spec, OutOfRange, ParamSpec, Scenario};
use crate::transfer::coefficients::CoefficientSet;
use std::cell::RefCell;

/// What a diagram is of.
#[derive(Clone, Debug, PartialEq)]
pub struct DiagramSpec {
    /// The parameter's key.
    pub key: String,
    /// One end of its range.
    pub from: f64,
    /// The other end.
    pub to: f64,
}

/// A state variable of the diagram.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DiagramVar {
    /// Key (JSON).
    pub key: String,
    /// Label with the paper's symbol.
    pub label: String,
    /// Unit ("Hz" for the rate).
    pub unit: String,
}

/// One point of a branch, in the schema's units.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DiagramPoint {
    /// The parameter.
    pub p: f64,
    /// The state (the rate in Hz).
    pub x: Vec<f64>,
    /// Whether it is stable.
    pub stable: bool,
    /// How many eigenvalues have a positive real part.
    pub unstable_dims: usize,
    /// The eigenvalues (per ms: real part, angular frequency).
    pub eigen: Vec<(f64, f64)>,
}

/// A special point, in the schema's units.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DiagramSpecial {
    /// Its type (`fold`, `hopf`, and on cycle branches `cycle_fold`, `period_doubling`,
    /// `homoclinic`).
    pub kind: SpecialKind,
    /// The parameter.
    pub p: f64,
    /// The state (the rate in Hz).
    pub x: Vec<f64>,
    /// Hopf: the frequency of the oscillation that begins there [Hz].
    pub frequency_hz: Option<f64>,
    /// Hopf: the first Lyapunov coefficient (< 0: supercritical, a small stable cycle; > 0:
    /// subcritical), in the model's own units.
    pub l1: Option<f64>,
    /// Which branch of equilibria (fold, Hopf), or of cycles (the others: an index into
    /// [`Diagram::cycles`]).
    pub branch: usize,
    /// A point of a cycle branch: the period there [ms].
    #[serde(default)]
    pub period_ms: Option<f64>,
    /// A point of a cycle branch: the smallest value of each state variable over the orbit
    /// there (the rate in Hz). `x` is then the largest ([`Self::max`]).
    #[serde(default)]
    pub min: Option<Vec<f64>>,
    /// A point of a cycle branch: the largest value of each state variable over the orbit.
    #[serde(default)]
    pub max: Option<Vec<f64>>,
}

/// One periodic orbit of a cycle branch, in the schema's units.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CyclePoint {
    /// The parameter.
    pub p: f64,
    /// The period [ms].
    pub period_ms: f64,
    /// The smallest value of each state variable over the orbit (the rate in Hz).
    pub min: Vec<f64>,
    /// The largest value of each.
    pub max: Vec<f64>,
    /// Whether the orbit is stable (every Floquet multiplier but the trivial one inside the
    /// unit circle).
    pub stable: bool,
    /// The Floquet multipliers (real, imaginary part).
    pub multipliers: Vec<(f64, f64)>,
}

/// A branch of periodic orbits, from a Hopf point.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DiagramCycle {
    /// The Hopf point it starts from: its parameter value.
    pub hopf_p: f64,
    /// The orbits in order along the branch.
    pub points: Vec<CyclePoint>,
    /// Why it ended: `range`, `lost`, `budget`, `homoclinic` (the period grows without bound)
    /// or `hopf` (it shrinks back to a Hopf point).
    pub end: String,
}

/// A branch, in the schema's units.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DiagramBranch {
    /// Its points.
    pub points: Vec<DiagramPoint>,
    /// Why it ended: `range`, `lost` (the corrector could not follow it: the model's domain
    /// ends, or the branch runs off) or `budget`.
    pub end: String,
}

/// A one-parameter bifurcation diagram.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Diagram {
    /// The parameter's key, label and unit.
    pub key: String,
    /// The parameter's label.
    pub label: String,
    /// The parameter's unit.
    pub unit: String,
    /// The range.
    pub from: f64,
    /// The range's other end.
    pub to: f64,
    /// The state variables.
    pub vars: Vec<DiagramVar>,
    /// The branches.
    pub branches: Vec<DiagramBranch>,
    /// Branches of periodic orbits, one from each Hopf point they were continued from.
    #[serde(default)]
    pub cycles: Vec<DiagramCycle>,
    /// Folds and Hopf points of every branch (and the special points of the cycle branches),
    /// in order of the parameter.
    pub special: Vec<DiagramSpecial>,
    /// Where the Hopf test changed sign through a real pair ±λ (a neutral saddle, not a
    /// bifurcation): the parameter values.
    pub neutral_saddles: Vec<f64>,
    /// The scenario's own value of the parameter.
    pub current: f64,
    /// What the reader should know (a removed stimulus, a branch that was lost).
    pub notes: Vec<String>,
}

/// A scenario's mean field ([`System`]) as a vector field of `K` of the scenario's numeric
/// keys (none: the phase plane's fixed parameters; one: a [`Field`]; two: a
/// [`super::two_param::Field2`]), under the scenario's constant input.
pub(crate) struct Keyed<const K: usize> {
    base: Scenario,
    set: Option<CoefficientSet>,
    specs: [ParamSpec; K],
    n: usize,
    /// The last few parameter values' mean fields (a difference quotient in p visits p ± h,
    /// p ± h/2 between visits to p), oldest first.
    cache: RefCell<Vec<([u64; K], System)>>,
}

/// How many parameter values [`Keyed`] remembers.
const CACHE: usize = 6;

impl<const K: usize> Keyed<K> {
    /// The mean field of `base` (a scenario without time dependence) with `specs` free, of
    /// `n` state variables, with the conductance models' transfer function `set`.
    pub(crate) fn new(
        base: Scenario,
        set: Option<&CoefficientSet>,
        specs: [ParamSpec; K],
        n: usize,
    ) -> Self {
        Self {
            base,
            set: set.cloned(),
            specs,
            n,
            cache: RefCell::new(Vec::new()),
        }
    }

    /// Whether the model is an exact family: its field is quadratic in the state, and free of
    /// rounding noise (see [`Field::quadratic`]).
    fn exact(&self) -> bool {
        self.base.model.family().is_some()
    }

    /// f(x) with the keys at `p`.
    pub(crate) fn eval_at(&self, x: &[f64], p: [f64; K]) -> Option<Vec<f64>> {
        let bits = p.map(f64::to_bits);
        if let Some((_, sys)) = self.cache.borrow().iter().find(|(q, _)| *q == bits) {
            return sys.eval(&x[..self.n]);
        }
        let mut s = self.base.clone();
        for (spec, v) in self.specs.iter().zip(p) {
            if !spec.set_unchecked(&mut s, v) {
                return None;
            }
        }
        let sys = System::of(&s, self.set.as_ref()).ok()?;
        let out = sys.eval(&x[..self.n]);
        let mut c = self.cache.borrow_mut();
        if c.len() >= CACHE {
            c.remove(0);
        }
        c.push((bits, sys));
        out
    }
}

/// The one-parameter diagrams' field.
type KeyField = Keyed<1>;

impl Field for Keyed<1> {
    fn dim(&self) -> usize {
        self.n
    }

    fn quadratic(&self) -> bool {
        self.exact()
    }

    fn eval(&self, x: &[f64], p: f64) -> Option<Vec<f64>> {
        self.eval_at(x, [p])
    }
}

/// At fixed parameters: a [`Field`] whose parameter is unused.
impl Field for Keyed<0> {
    fn dim(&self) -> usize {
        self.n
    }

    fn quadratic(&self) -> bool {
        self.exact()
    }

    fn eval(&self, x: &[f64], _: f64) -> Option<Vec<f64>> {
        self.eval_at(x, [])
    }
}

impl super::two_param::Field2 for Keyed<2> {
    fn dim(&self) -> usize {
        self.n
    }

    fn noise_free(&self) -> bool {
        self.exact()
    }

    fn eval2(&self, x: &[f64], p1: f64, p2: f64) -> Option<Vec<f64>> {
        self.eval_at(x, [p1, p2])
    }
}

/// Whether branch `b` passes through (p, x) (linear between its points; `w`: the variables'
/// typical sizes).
fn passes(b: &Branch, p: f64, x: &[f64], w: &[f64]) -> bool {
    b.points.windows(2).any(|q| {
        let (a, c) = (&q[0], &q[1]);
        if (a.p - p) * (c.p - p) > 0.0 || a.p == c.p {
            return false;
        }
        let t = (p - a.p) / (c.p - a.p);
        a.x.iter()
            .zip(&c.x)
            .zip(x)
            .zip(w)
            .all(|(((u, v), y), w)| (u + t * (v - u) - y).abs() < 1e-3 * w)
    })
}

/// Typical sizes of the state variables (the continuation's weights): the largest magnitude
/// each reaches at the two ends of the range, with a floor, so that a variable that grows
/// along the branch (a rate from near 0, an adaptation current) does not make the arclength
/// all its own.
fn weights(ends: &[Vec<f64>]) -> Vec<f64> {
    let n = ends.first().map_or(0, Vec::len);
    (0..n)
        .map(|k| ends.iter().map(|x| x[k].abs()).fold(1e-3, f64::max))
        .collect()
}

/// The bifurcation diagram of `s`'s mean field against `d.key` over [from, to], with the
/// conductance models' transfer function `set` (`None` for an exact family).
///
/// # Errors
/// A key that is not a number of this model's mean field, a range outside the key's, a
/// conductance model without `set`, no equilibrium found at either end.
pub fn diagram(
    s: &Scenario,
    set: Option<&CoefficientSet>,
    d: &DiagramSpec,
) -> Result<Diagram, Error> {
    diagram_with(s, set, d, true)
}

/// [`diagram`], with its cycle branches or without them (`cycles`: the two-parameter diagram
/// starts from the equilibria's special points only).
///
/// # Errors
/// As [`diagram`].
pub fn diagram_with(
    s: &Scenario,
    set: Option<&CoefficientSet>,
    d: &DiagramSpec,
    cycles: bool,
) -> Result<Diagram, Error> {
    let ps = spec(&d.key)?;
    // Whether it enters the equations is checked below, on the equations themselves.
    if !ps.belongs_to(s.model) || ps.number(s).is_none() {
        return Err(Error::invalid(
            &d.key,
            &d.key,
            format!(
                "not a parameter of the {} mean field that a diagram can vary",
                s.model.name()
            ),
        ));
    }
    let (base, removed) = s.without_time_dependence();
    let sys = System::of(&base, set)?;
    let (lo, hi) = (d.from.min(d.to), d.from.max(d.to));
    if !lo.is_finite() || !hi.is_finite() || lo >= hi {
        return Err(Error::invalid(
            &d.key,
            format!("{} to {}", d.from, d.to),
            "the range must have two different, finite ends",
        ));
    }
    let at = |v: f64| -> Result<Scenario, Error> {
        let mut t = base.clone();
        ps.set_number(&mut t, v, OutOfRange::Reject)?;
        Ok(t)
    };
    let (s_lo, s_hi) = (at(lo)?, at(hi)?);
    let n = sys.dim();
    let field = KeyField::new(base.clone(), set, [ps], n);
    let starts: Vec<Vec<Vec<f64>>> = [&s_lo, &s_hi]
        .iter()
        .map(|sc| System::of(sc, set).map_or_else(|_| vec![vec![0.0; n]], |m| m.starts(sc, set)))
        .collect();
    // Does the key enter the equations at all? At a generic state (the initial one may hide a
    // term, as s = 0 hides g) and at the starts (the generic state may lie outside the
    // Izhikevich cell's domain, where the field is undefined at both ends).
    {
        let generic: Vec<f64> = (0..n).map(|k| 0.3 + 0.1 * k as f64).collect();
        let enters = std::iter::once(&generic)
            .chain(starts.iter().flatten())
            .any(|x| field.eval(x, lo) != field.eval(x, hi));
        if !enters {
            return Err(Error::invalid(
                &d.key,
                &d.key,
                "does not enter the mean field's equations (a network, run or view setting)",
            ));
        }
    }
    let settings = Settings::new(lo, hi);
    let mut branches: Vec<Branch> = Vec::new();
    let mut notes = Vec::new();
    if removed {
        notes.push("The time-varying stimulus is left out: the diagram is of the model under its constant input.".to_string());
    }
    if sys.second_order() {
        notes.push("The diagram is of the second-order model: its equilibria include the covariances c_ee, c_ei, c_ii, and their stability is that of all its equations (a covariance can lose stability while the rates look plausible). Set order = 1 for the first-order diagram.".to_string());
    }
    let w = weights(&starts.concat());
    let ends = [(lo, true), (hi, false)];
    for (&(p, up), guess) in ends
        .iter()
        .zip(&starts)
        .flat_map(|(e, gs)| gs.iter().map(move |g| (e, g)))
    {
        let Some(x0) = equilibrium(&field, guess, p, &w) else {
            continue;
        };
        // Already on a branch found from the other end?
        let known = branches.iter().any(|b| {
            b.points.iter().any(|q| {
                (q.p - p).abs() <= 1e-9 * (hi - lo)
                    && q.x
                        .iter()
                        .zip(&x0)
                        .zip(&w)
                        .all(|((a, b), w)| (a - b).abs() < 1e-6 * w)
            })
        });
        if known {
            continue;
        }
        if let Ok(b) = continue_branch(&field, &x0, p, &w, up, &settings) {
            branches.push(b);
        }
    }
    // A conductance model's branches may reach neither end (the second-order equations'
    // high-covariance equilibria): also from the scenario's own value, both ways.
    let own = ps.number(&base).unwrap_or(f64::NAN);
    if matches!(sys, System::Conductance(_)) && own > lo && own < hi {
        for guess in sys.starts(&base, set) {
            let Some(x0) = equilibrium(&field, &guess, own, &w) else {
                continue;
            };
            if branches.iter().any(|b| passes(b, own, &x0, &w)) {
                continue;
            }
            for up in [true, false] {
                if let Ok(b) = continue_branch(&field, &x0, own, &w, up, &settings) {
                    branches.push(b);
                }
            }
        }
    }
    if branches.is_empty() {
        return Err(Error::invalid(
            &d.key,
            format!("{lo} to {hi}"),
            "no equilibrium of the mean field was found at either end of the range",
        ));
    }
    let unit_ms = sys.t_unit_ms();
    let to_hz = |x: &[f64]| sys.state_to_hz(x);
    let mut special = Vec::new();
    let mut neutral = Vec::new();
    let mut out = Vec::new();
    for (k, b) in branches.iter().enumerate() {
        if b.end == End::Lost {
            let last = b.points.last().map_or(f64::NAN, |q| q.p);
            notes.push(format!(
                "A branch could not be followed past {} = {} (the equations' domain ends there, or the branch runs off to large values).",
                ps.key,
                crate::text::format_number(last)
            ));
        }
        out.push(DiagramBranch {
            points: b
                .points
                .iter()
                .map(|q| DiagramPoint {
                    p: q.p,
                    x: to_hz(&q.x),
                    stable: q.stable(),
                    unstable_dims: q.unstable_dims(),
                    eigen: q
                        .eigen
                        .iter()
                        .map(|e| (e.re / unit_ms, e.im / unit_ms))
                        .collect(),
                })
                .collect(),
            end: match b.end {
                End::Range => "range",
                End::Lost => "lost",
                End::Budget => "budget",
            }
            .into(),
        });
        for sp in &b.special {
            special.push(DiagramSpecial {
                kind: sp.kind,
                p: sp.p,
                x: to_hz(&sp.x),
                frequency_hz: sp
                    .omega
                    .map(|w| w / (2.0 * std::f64::consts::PI * unit_ms) * 1e3),
                l1: sp.l1,
                branch: k,
                period_ms: None,
                min: None,
                max: None,
            });
        }
        neutral.extend_from_slice(&b.neutral_saddles);
    }
    let cycles = if cycles {
        cycle_branches(
            &field,
            &branches,
            &w,
            lo,
            hi,
            &mut special,
            &mut notes,
            &ps,
            &sys,
        )
    } else {
        Vec::new()
    };
    special.sort_by(|a, b| a.p.total_cmp(&b.p));
    let vars = sys
        .vars()
        .iter()
        .map(|v| DiagramVar {
            key: v.key.into(),
            label: v.label.into(),
            unit: v.unit.into(),
        })
        .collect();
    Ok(Diagram {
        key: ps.key.into(),
        label: crate::scenario::label_with_population(&ps),
        unit: ps.unit.into(),
        from: d.from,
        to: d.to,
        vars,
        branches: out,
        cycles,
        special,
        neutral_saddles: neutral,
        current: ps.number(s).unwrap_or(f64::NAN),
        notes,
    })
}

/// The branches of periodic orbits from the Hopf points of `branches` (one from each, but not
/// from a Hopf point where an earlier cycle branch already ended), in the schema's units; their
/// special points go into `special`, a branch that ends `lost` or `budget` gets a note.
#[allow(clippy::too_many_arguments)]
fn cycle_branches(
    field: &KeyField,
    branches: &[Branch],
    w: &[f64],
    lo: f64,
    hi: f64,
    special: &mut Vec<DiagramSpecial>,
    notes: &mut Vec<String>,
    ps: &ParamSpec,
    sys: &System,
) -> Vec<DiagramCycle> {
    let unit_ms = sys.t_unit_ms();
    let to_hz = |x: &[f64]| sys.state_to_hz(x);
    // The Hopf points, each once (two branches may share one).
    let mut hopf: Vec<(f64, Vec<f64>, f64)> = Vec::new();
    for sp in branches.iter().flat_map(|b| &b.special) {
        let (SpecialKind::Hopf, Some(omega)) = (sp.kind, sp.omega) else {
            continue;
        };
        let same = hopf.iter().any(|(p, x, _)| {
            (p - sp.p).abs() <= 1e-9 * (hi - lo)
                && x.iter()
                    .zip(&sp.x)
                    .zip(w)
                    .all(|((a, b), w)| (a - b).abs() < 1e-6 * w)
        });
        if !same {
            hopf.push((sp.p, sp.x.clone(), omega));
        }
    }
    let mut reached = vec![false; hopf.len()];
    let set = CycleSettings::new(lo, hi);
    let mut out = Vec::new();
    for k in 0..hopf.len() {
        if reached[k] {
            continue;
        }
        let (p, x, omega) = &hopf[k];
        let Ok(b) = continue_cycle(field, x, *p, *omega, w, &set) else {
            notes.push(format!(
                "No cycle branch could be started at the Hopf point {} = {}.",
                ps.key,
                crate::text::format_number(*p)
            ));
            continue;
        };
        reached[k] = true;
        if b.end == CycleEnd::Hopf {
            // The Hopf point it came back to: the nearest in p and state.
            if let Some(end) = b.points.last() {
                let dist = |h: &(f64, Vec<f64>, f64)| {
                    let dx =
                        h.1.iter()
                            .zip(&end.max)
                            .zip(w)
                            .map(|((a, b), w)| ((a - b) / w).abs())
                            .fold(0.0, f64::max);
                    (h.0 - end.p).abs() / (hi - lo) + dx
                };
                if let Some(j) =
                    (0..hopf.len()).min_by(|&a, &b| dist(&hopf[a]).total_cmp(&dist(&hopf[b])))
                {
                    reached[j] = true;
                }
            }
        }
        let index = out.len();
        let last = b.points.last().map_or(f64::NAN, |o| o.p);
        match b.end {
            CycleEnd::Lost => notes.push(format!(
                "The cycle branch from the Hopf point at {} = {} could not be followed past {}.",
                ps.key,
                crate::text::format_number(*p),
                crate::text::format_number(last)
            )),
            CycleEnd::Budget => notes.push(format!(
                "The cycle branch from the Hopf point at {} = {} was stopped at {} after {} orbits (the point budget).",
                ps.key,
                crate::text::format_number(*p),
                crate::text::format_number(last),
                b.points.len()
            )),
            _ => {}
        }
        // Folds of cycles that pile up within 1e-3 of the range (the branch winding into a
        // homoclinic orbit of a saddle-focus, Shilnikov's wiggles): the first of each pile is
        // named, the rest counted in a note.
        let mut last_fold: Option<f64> = None;
        let mut piled = 0;
        for sp in &b.special {
            if sp.kind == SpecialKind::CycleFold {
                let close = last_fold.is_some_and(|q| (q - sp.orbit.p).abs() < 1e-3 * (hi - lo));
                last_fold = Some(sp.orbit.p);
                if close {
                    piled += 1;
                    continue;
                }
            }
            special.push(DiagramSpecial {
                kind: sp.kind,
                p: sp.orbit.p,
                x: to_hz(&sp.orbit.max),
                frequency_hz: None,
                l1: None,
                branch: index,
                period_ms: Some(sp.orbit.period * unit_ms),
                min: Some(to_hz(&sp.orbit.min)),
                max: Some(to_hz(&sp.orbit.max)),
            });
        }
        if piled > 0 {
            notes.push(format!(
                "On the cycle branch from the Hopf point at {} = {}, {piled} more folds of cycles lie within 1e-3 of the range of the one named: the branch winds back and forth as its period grows, as it does towards a homoclinic orbit to a saddle-focus.",
                ps.key,
                crate::text::format_number(*p)
            ));
        }
        out.push(DiagramCycle {
            hopf_p: *p,
            points: b
                .points
                .iter()
                .map(|o| CyclePoint {
                    p: o.p,
                    period_ms: o.period * unit_ms,
                    min: to_hz(&o.min),
                    max: to_hz(&o.max),
                    stable: o.stable,
                    multipliers: o.multipliers.iter().map(|e| (e.re, e.im)).collect(),
                })
                .collect(),
            end: b.end.name().into(),
        });
    }
    out
}
