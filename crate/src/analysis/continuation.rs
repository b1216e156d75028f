//! Pseudo-arclength continuation of the equilibria of a vector field f(x, p) in one parameter,
//! with the stability of every point, and the detection and location of folds and Hopf points
//! (Keller's method; Kuznetsov, *Elements of Applied Bifurcation Theory*, ch. 10).
//!
//! - **Derivatives.** The Jacobian f_x and f_p are Richardson-extrapolated central differences
//!   (error O(h⁴)). For the exact mean fields f is a polynomial of degree 2 in the state, so the
//!   central differences have no truncation error at all and f_x is exact to rounding (tested
//!   against the closed-form Jacobian); f_p carries the O(h⁴) error only for parameters f is
//!   not polynomial in (time constants). The conductance mean fields go through the erfc
//!   transfer function (its own derivatives exact, by forward-mode differentiation): their f_x
//!   is accurate to ~1e-10, and Newton's method stops at that noise ([`Field::noise_free`]).
//! - **Steps.** Predictor along the tangent, Newton corrector on the hyperplane orthogonal to it,
//!   in coordinates scaled by each variable's typical size; the step grows when Newton converges
//!   fast and shrinks when it is slow, fails, or the tangent turns sharply.
//! - **Folds**: the tangent's parameter component changes sign. **Hopf points**: the bialternate
//!   test function ψ = ∏_{i<j} (λ_i + λ_j) changes sign. A sign change of ψ is also made by a
//!   *neutral saddle* (real eigenvalues ±λ); at the located point the pair is checked, and a
//!   neutral saddle is not reported. Both are located by the Illinois method along the arclength
//!   to 1e-12 of the parameter's scale. At a Hopf point, the frequency ω and the first Lyapunov
//!   coefficient l₁ (< 0: supercritical) from Kuznetsov's formula (10.52), the multilinear forms
//!   by central differences.

use nalgebra::{Complex, DMatrix, DVector};

/// A vector field f(x, p) with one free parameter p.
pub trait Field {
    /// Number of state variables.
    fn dim(&self) -> usize;
    /// f(x, p), or `None` where it is not defined (a state outside the model's domain, a
    /// parameter the model refuses, a value that is not finite).
    fn eval(&self, x: &[f64], p: f64) -> Option<Vec<f64>>;
    /// Whether f is a polynomial of degree at most 2 in the state (the exact mean fields), so
    /// that one central difference gives f_x exactly; otherwise (a transfer function through
    /// erfc) they are Richardson-extrapolated.
    fn quadratic(&self) -> bool {
        false
    }
    /// Whether f is free of rounding noise beyond the last digits (a polynomial field; not a
    /// transfer function through erfc): Newton's method then converges to [`NEWTON_TOL`].
    fn noise_free(&self) -> bool {
        self.quadratic()
    }
}

/// Settings of a continuation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// The parameter's range: the branch is followed while p stays in it.
    pub p_min: f64,
    /// Upper end of the range.
    pub p_max: f64,
    /// Most points on the branch.
    pub max_points: usize,
    /// Largest step, in scaled arclength (the range of p is 1).
    pub ds_max: f64,
}

impl Settings {
    /// Defaults for the range [p_min, p_max].
    #[must_use]
    pub fn new(p_min: f64, p_max: f64) -> Self {
        Self {
            p_min,
            p_max,
            max_points: 4000,
            ds_max: 0.02,
        }
    }
}

/// One eigenvalue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Eigen {
    /// Real part.
    pub re: f64,
    /// Imaginary part.
    pub im: f64,
}

/// A point of a branch of equilibria.
#[derive(Clone, Debug, PartialEq)]
pub struct BranchPoint {
    /// The parameter.
    pub p: f64,
    /// The equilibrium.
    pub x: Vec<f64>,
    /// Eigenvalues of f_x there, largest real part first.
    pub eigen: Vec<Eigen>,
}

impl BranchPoint {
    /// Whether every eigenvalue has a negative real part.
    #[must_use]
    pub fn stable(&self) -> bool {
        self.eigen.iter().all(|e| e.re < 0.0)
    }

    /// How many eigenvalues have a positive real part.
    #[must_use]
    pub fn unstable_dims(&self) -> usize {
        self.eigen.iter().filter(|e| e.re >= 0.0).count()
    }
}

/// What kind of special point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialKind {
    /// A fold (saddle-node): the branch turns back in p.
    Fold,
    /// A Hopf point: a complex pair crosses the imaginary axis.
    Hopf,
    /// A fold of cycles: a branch of periodic orbits turns back in p (a multiplier +1).
    CycleFold,
    /// A period doubling: a Floquet multiplier crosses −1.
    PeriodDoubling,
    /// The end of a cycle branch whose period grows without bound (an orbit homoclinic to a
    /// saddle).
    Homoclinic,
    /// A cusp: two fold curves meet (two parameters).
    Cusp,
    /// A Bogdanov–Takens point: a Hopf curve ends on a fold curve, ω → 0 (two parameters).
    BogdanovTakens,
    /// A Bautin (generalised Hopf) point: the first Lyapunov coefficient changes sign along a
    /// Hopf curve (two parameters).
    Bautin,
}

impl SpecialKind {
    /// The name used in JSON (`type`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Fold => "fold",
            Self::Hopf => "hopf",
            Self::CycleFold => "cycle_fold",
            Self::PeriodDoubling => "period_doubling",
            Self::Homoclinic => "homoclinic",
            Self::Cusp => "cusp",
            Self::BogdanovTakens => "bogdanov_takens",
            Self::Bautin => "bautin",
        }
    }
}

/// A located special point.
#[derive(Clone, Debug, PartialEq)]
pub struct Special {
    /// Fold or Hopf.
    pub kind: SpecialKind,
    /// The parameter.
    pub p: f64,
    /// The equilibrium.
    pub x: Vec<f64>,
    /// Hopf: the angular frequency ω of the crossing pair (per unit of the field's time).
    pub omega: Option<f64>,
    /// Hopf: the first Lyapunov coefficient (< 0 supercritical, > 0 subcritical), when it
    /// could be computed.
    pub l1: Option<f64>,
    /// Index in the branch's points after which it lies.
    pub after: usize,
}

/// Why a branch ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// It left the parameter's range.
    Range,
    /// The corrector could not follow it further (the model's domain ends, or the branch
    /// runs off to infinity).
    Lost,
    /// The point budget was spent.
    Budget,
}

/// A branch of equilibria with its special points.
#[derive(Clone, Debug, PartialEq)]
pub struct Branch {
    /// The points in order of arclength.
    pub points: Vec<BranchPoint>,
    /// Folds and Hopf points, in order.
    pub special: Vec<Special>,
    /// Sign changes of the Hopf test function that were neutral saddles (real ±λ), not Hopf
    /// points: the parameter values.
    pub neutral_saddles: Vec<f64>,
    /// Why it ended.
    pub end: End,
}

/// What can go wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContinuationError {
    /// No equilibrium near the guess at the start.
    NoStart,
}

/// The field in scaled coordinates z = (x / w_x, (p − p0) / w_p).
pub(crate) struct Scaled<'a, F: Field> {
    /// The field.
    pub(crate) f: &'a F,
    /// The weights (w_x, w_p).
    pub(crate) w: Vec<f64>,
    /// The parameter's origin.
    pub(crate) p0: f64,
    /// The state's dimension.
    pub(crate) n: usize,
}

impl<F: Field> Scaled<'_, F> {
    pub(crate) fn unscale(&self, z: &[f64]) -> (Vec<f64>, f64) {
        let x = (0..self.n).map(|i| z[i] * self.w[i]).collect();
        (x, self.p0 + z[self.n] * self.w[self.n])
    }

    /// dz/dt = f(x, p) / w_x: the field in the scaled coordinates, so that its Jacobian
    /// diag(1/w) f_x diag(w) has the eigenvalues of f_x.
    pub(crate) fn eval(&self, z: &[f64]) -> Option<Vec<f64>> {
        // The unscaled state on the stack for the mean fields' few variables (this runs
        // hundreds of thousands of times in a cycle branch).
        let mut stack = [0.0; 16];
        let mut heap = Vec::new();
        let x: &mut [f64] = if self.n <= stack.len() {
            &mut stack[..self.n]
        } else {
            heap.resize(self.n, 0.0);
            &mut heap
        };
        for (i, v) in x.iter_mut().enumerate() {
            *v = z[i] * self.w[i];
        }
        let mut v = self.f.eval(x, self.p0 + z[self.n] * self.w[self.n])?;
        for (y, w) in v.iter_mut().zip(&self.w) {
            if !y.is_finite() {
                return None;
            }
            *y /= w;
        }
        Some(v)
    }

    /// ∂f/∂z_j by central differences, Richardson-extrapolated.
    fn column(&self, z: &mut [f64], j: usize, h: f64) -> Option<Vec<f64>> {
        let d1 = self.central(z, j, h)?;
        let d2 = self.central(z, j, 0.5 * h)?;
        Some(
            d1.iter()
                .zip(&d2)
                .map(|(a, b)| (4.0 * b - a) / 3.0)
                .collect(),
        )
    }

    /// ∂f/∂z_j by one central difference of step `h` (error O(h²); none for a polynomial of
    /// degree 2 in z_j). `z` is perturbed and restored.
    fn central(&self, z: &mut [f64], j: usize, h: f64) -> Option<Vec<f64>> {
        let zj = z[j];
        z[j] = zj + h;
        let fa = self.eval(z);
        z[j] = zj - h;
        let fb = self.eval(z);
        z[j] = zj;
        let (mut fa, fb) = (fa?, fb?);
        for (a, b) in fa.iter_mut().zip(&fb) {
            *a = (*a - b) / (2.0 * h);
        }
        Some(fa)
    }

    /// The n × (n + 1) Jacobian of f in z (Richardson-extrapolated differences).
    pub(crate) fn jacobian(&self, z: &[f64]) -> Option<DMatrix<f64>> {
        self.jacobian_with(z, Diff::Fine)
    }

    /// The n × (n + 1) Jacobian of f in z, by the differences `diff`.
    pub(crate) fn jacobian_with(&self, z: &[f64], diff: Diff) -> Option<DMatrix<f64>> {
        let mut m = DMatrix::zeros(self.n, self.n + 1);
        let mut zz = z.to_vec();
        let quadratic = self.f.quadratic();
        for j in 0..=self.n {
            let fine = match diff {
                Diff::Fine => true,
                Diff::Single => false,
                Diff::FineInP => j == self.n,
            };
            let c = if quadratic && j < self.n {
                self.central(&mut zz, j, DIFF_STEP)?
            } else if fine {
                self.column(&mut zz, j, DIFF_STEP)?
            } else if quadratic {
                self.central(&mut zz, j, DIFF_STEP)?
            } else {
                self.central(&mut zz, j, FAST_STEP)?
            };
            m.set_column(j, &DVector::from_vec(c));
        }
        Some(m)
    }
}

/// How a Jacobian is differenced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Diff {
    /// Richardson-extrapolated central differences (a quadratic field's state columns: one
    /// central difference, exact).
    Fine,
    /// One central difference per column (error ~1e-10 for a field through erfc).
    Single,
    /// Single in the state, Richardson-extrapolated in the parameter (which need not enter
    /// a quadratic field quadratically).
    FineInP,
}

/// Richardson's extrapolation of a central difference `at(h)` (error O(h²) → O(h⁴)), times
/// `factor`: (4 at(h/2) − at(h)) / 3.
fn richardson(at: impl Fn(f64) -> Option<Vec<f64>>, h: f64, factor: f64) -> Option<Vec<f64>> {
    let (d1, d2) = (at(h)?, at(0.5 * h)?);
    Some(
        d1.iter()
            .zip(&d2)
            .map(|(a, b)| (4.0 * b - a) / 3.0 * factor)
            .collect(),
    )
}

/// Difference step in scaled coordinates.
pub(crate) const DIFF_STEP: f64 = 1e-3;
/// The step of a single central difference of a field that is not quadratic (error O(h²)
/// from the truncation, ~1e-16/h from rounding: both ~1e-10 here).
const FAST_STEP: f64 = 1e-5;
/// Corrector: converged when the scaled Newton step is below this.
const NEWTON_TOL: f64 = 1e-11;
/// ... or, for a field with rounding noise (a transfer function through erfc), when the step
/// is below this and no longer shrinks (it has reached the noise, 1e-9 for the second-order
/// conductance models).
const NEWTON_NOISE: f64 = 1e-7;

/// Whether Newton's method has converged: its step `dz` is below [`NEWTON_TOL`], or, for a
/// field with rounding noise (not [`Field::noise_free`]), below
/// [`NEWTON_NOISE`] and not less than half the step before (`prev`): at the field's noise,
/// where further steps wander instead of contracting.
pub(crate) fn converged(dz: f64, prev: f64, noise_free: bool) -> bool {
    contracted(dz, noise_free) || (!noise_free && dz < NEWTON_NOISE && dz > 0.5 * prev)
}

/// Whether Newton's step `dz` is below the tolerance: [`NEWTON_TOL`], or for a field with
/// rounding noise [`NOISY_TOL`] (its noise lies near 1e-11, so that a step had to wait for the
/// next one to stop shrinking: an iteration at every point for nothing).
fn contracted(dz: f64, noise_free: bool) -> bool {
    dz < NEWTON_TOL || (!noise_free && dz < NOISY_TOL)
}

/// Newton's tolerance for a field with rounding noise: the error left after a step of 1e-9
/// is of the order of its square, or the noise.
const NOISY_TOL: f64 = 1e-9;
const NEWTON_MAX: usize = 10;
const DS_MIN: f64 = 1e-9;

/// Solves the bordered system [J; tᵀ] y = rhs.
fn bordered_solve(j: &DMatrix<f64>, t: &[f64], rhs: &DVector<f64>) -> Option<DVector<f64>> {
    let n = j.nrows();
    let mut m = DMatrix::zeros(n + 1, n + 1);
    m.view_mut((0, 0), (n, n + 1)).copy_from(j);
    for k in 0..=n {
        m[(n, k)] = t[k];
    }
    let y = m.lu().solve(rhs)?;
    y.iter().all(|v| v.is_finite()).then_some(y)
}

/// The unit tangent at z, oriented along `prev`.
fn tangent(j: &DMatrix<f64>, prev: &[f64]) -> Option<Vec<f64>> {
    let n = j.nrows();
    let mut e = DVector::zeros(n + 1);
    e[n] = 1.0;
    let y = bordered_solve(j, prev, &e)?;
    let norm = y.norm();
    (norm > 0.0).then(|| y.iter().map(|v| v / norm).collect())
}

/// The eigenvalues of the state block of `j` (the first n columns), largest real part first.
fn eigenvalues(j: &DMatrix<f64>) -> Vec<Eigen> {
    let n = j.nrows();
    let a = j.columns(0, n).into_owned();
    let mut e: Vec<Eigen> = a
        .complex_eigenvalues()
        .iter()
        .map(|c| Eigen { re: c.re, im: c.im })
        .collect();
    e.sort_by(|a, b| b.re.total_cmp(&a.re).then(b.im.total_cmp(&a.im)));
    e
}

/// The bialternate Hopf test function ∏_{i<j} (λ_i + λ_j) (real for a real matrix), its
/// magnitude normalised by that of the eigenvalues so it neither overflows nor underflows.
fn hopf_test(e: &[Eigen]) -> f64 {
    let scale = e.iter().map(|v| v.re.hypot(v.im)).fold(1e-300, f64::max);
    let mut prod = Complex::new(1.0, 0.0);
    for i in 0..e.len() {
        for k in i + 1..e.len() {
            prod *= Complex::new((e[i].re + e[k].re) / scale, (e[i].im + e[k].im) / scale);
        }
    }
    prod.re
}

/// A corrected point with what is derived from it.
struct Point {
    z: Vec<f64>,
    t: Vec<f64>,
    eigen: Vec<Eigen>,
    jac: DMatrix<f64>,
    iterations: usize,
}

impl Point {
    fn fold_test(&self) -> f64 {
        self.t[self.t.len() - 1]
    }
}

/// Newton's method for f(z) = 0 with the extra condition `extra(z) = 0` whose gradient is `g`
/// (a hyperplane): from `z`.
fn correct<F: Field>(
    s: &Scaled<'_, F>,
    mut z: Vec<f64>,
    g: &[f64],
    target: f64,
    t_prev: &[f64],
) -> Option<Point> {
    let n = s.n;
    let mut prev = f64::INFINITY;
    for it in 0..NEWTON_MAX {
        let fz = s.eval(&z)?;
        // Single differences for the iterations (half the evaluations; Newton's method does
        // not need the last digits), Richardson's for the tangent and the eigenvalues.
        let j = s.jacobian_with(&z, Diff::Single)?;
        let mut rhs = DVector::zeros(n + 1);
        for i in 0..n {
            rhs[i] = -fz[i];
        }
        rhs[n] = target - g.iter().zip(&z).map(|(a, b)| a * b).sum::<f64>();
        let dz = bordered_solve(&j, g, &rhs)?;
        for k in 0..=n {
            z[k] += dz[k];
        }
        if converged(dz.amax(), prev, s.f.noise_free()) {
            let jac = s.jacobian(&z)?;
            let t = tangent(&jac, t_prev)?;
            let eigen = eigenvalues(&jac);
            return Some(Point {
                z,
                t,
                eigen,
                jac,
                // The step control's count: a step that only confirmed the rounding noise of
                // a field through erfc (it no longer halved) is none.
                iterations: if contracted(dz.amax(), s.f.noise_free()) {
                    it + 1
                } else {
                    it.max(1)
                },
            });
        }
        prev = dz.amax();
    }
    None
}

/// The point at arclength σ from `from` along its tangent (corrected on the hyperplane
/// orthogonal to it).
fn at_arclength<F: Field>(s: &Scaled<'_, F>, from: &Point, sigma: f64) -> Option<Point> {
    let pred: Vec<f64> = from
        .z
        .iter()
        .zip(&from.t)
        .map(|(z, t)| z + sigma * t)
        .collect();
    let target = from.t.iter().zip(&pred).map(|(a, b)| a * b).sum();
    correct(s, pred, &from.t, target, &from.t)
}

/// Locates the zero of `test` between `a` (σ = 0) and the point at σ = `ds` by the Illinois
/// method on σ.
fn locate<F: Field>(
    s: &Scaled<'_, F>,
    a: &Point,
    ds: f64,
    test: &dyn Fn(&Point) -> f64,
    fb: f64,
) -> Option<Point> {
    illinois(|sigma| at_arclength(s, a, sigma), test, test(a), ds, fb)
}

/// The Illinois method (regula falsi with halving of the stale end) for a zero of
/// `test(at(σ))` on σ ∈ (0, `ds`), where the test is `fa` at 0 and `fb` at `ds` (of opposite
/// signs): the last point computed, to 1e-12 in σ (or after 80 steps); `None` when `at` fails.
pub(crate) fn illinois<P>(
    at: impl Fn(f64) -> Option<P>,
    test: impl Fn(&P) -> f64,
    fa: f64,
    ds: f64,
    fb: f64,
) -> Option<P> {
    let (mut lo, mut hi) = (0.0, ds);
    let (mut flo, mut fhi) = (fa, fb);
    let mut side = 0i8;
    let mut best = None;
    for _ in 0..80 {
        let sigma = if (fhi - flo).abs() > 0.0 {
            hi - fhi * (hi - lo) / (fhi - flo)
        } else {
            0.5 * (lo + hi)
        };
        let sigma = if sigma > lo.min(hi) && sigma < hi.max(lo) {
            sigma
        } else {
            0.5 * (lo + hi)
        };
        let p = at(sigma)?;
        let fp = test(&p);
        let done = (hi - lo).abs() < 1e-12 || fp == 0.0;
        if fp.signum() == flo.signum() {
            lo = sigma;
            flo = fp;
            if side == -1 {
                fhi *= 0.5;
            }
            side = -1;
        } else {
            hi = sigma;
            fhi = fp;
            if side == 1 {
                flo *= 0.5;
            }
            side = 1;
        }
        best = Some(p);
        if done || (hi - lo).abs() < 1e-12 {
            break;
        }
    }
    best
}

/// The field in coordinates scaled by `w` with p fixed (its scaled coordinate 0 at p), and x
/// in them.
fn at_fixed<'a, F: Field>(f: &'a F, x: &[f64], p: f64, w: &[f64]) -> (Scaled<'a, F>, Vec<f64>) {
    let n = f.dim();
    let mut wp = w.to_vec();
    wp.push(1.0);
    let mut z: Vec<f64> = x.iter().zip(w).map(|(x, w)| x / w).collect();
    z.push(0.0);
    (Scaled { f, w: wp, p0: p, n }, z)
}

/// An equilibrium at p (fixed) by damped Newton from `x` (`w`: each variable's typical size),
/// if one is found.
#[must_use]
pub fn equilibrium<F: Field>(f: &F, x: &[f64], p: f64, w: &[f64]) -> Option<Vec<f64>> {
    let n = f.dim();
    let (s, mut z) = at_fixed(f, x, p, w);
    let mut prev = f64::INFINITY;
    for _ in 0..50 {
        let fz = s.eval(&z)?;
        let j = s.jacobian(&z)?;
        let a = j.columns(0, n).into_owned();
        let rhs = DVector::from_iterator(n, fz.iter().map(|v| -v));
        let dz = a.lu().solve(&rhs)?;
        // Damped: at most a unit step in scaled coordinates.
        let damp = (1.0 / dz.amax().max(1e-300)).min(1.0);
        for k in 0..n {
            z[k] += damp * dz[k];
        }
        if converged(dz.amax(), prev, s.f.noise_free()) {
            return Some(s.unscale(&z).0);
        }
        prev = dz.amax();
    }
    None
}

/// Follows the branch of equilibria of `f` through (x0, p0) in the direction of increasing p
/// (`up`) or decreasing, within the settings' range. `w` is each state variable's typical size.
///
/// # Errors
/// No equilibrium at the start.
pub fn continue_branch<F: Field>(
    f: &F,
    x0: &[f64],
    p0: f64,
    w: &[f64],
    up: bool,
    set: &Settings,
) -> Result<Branch, ContinuationError> {
    let n = f.dim();
    let mut wv = w.to_vec();
    wv.push((set.p_max - set.p_min).abs().max(1e-12));
    let s = Scaled {
        f,
        w: wv,
        p0: set.p_min,
        n,
    };
    let mut z0: Vec<f64> = x0.iter().zip(w).map(|(x, w)| x / w).collect();
    z0.push((p0 - set.p_min) / s.w[n]);
    let mut e = vec![0.0; n + 1];
    e[n] = if up { 1.0 } else { -1.0 };
    // The start, corrected at fixed p.
    let mut start =
        correct(&s, z0.clone(), &e, e[n] * z0[n], &e).ok_or(ContinuationError::NoStart)?;
    if start.t[n] * e[n] < 0.0 {
        start.t.iter_mut().for_each(|v| *v = -*v);
    }
    let mut branch = Branch {
        points: Vec::new(),
        special: Vec::new(),
        neutral_saddles: Vec::new(),
        end: End::Budget,
    };
    let point_of = |p: &Point| {
        let (x, pp) = s.unscale(&p.z);
        BranchPoint {
            p: pp,
            x,
            eigen: p.eigen.clone(),
        }
    };
    branch.points.push(point_of(&start));
    let mut cur = start;
    let mut ds = 0.25 * set.ds_max;
    let inside = |z: &[f64]| (-1e-12..=1.0 + 1e-12).contains(&z[n]);
    while branch.points.len() < set.max_points {
        let next = at_arclength(&s, &cur, ds)
            .filter(|q| q.t.iter().zip(&cur.t).map(|(a, b)| a * b).sum::<f64>() > 0.9);
        let Some(mut next) = next else {
            ds *= 0.5;
            if ds < DS_MIN {
                branch.end = End::Lost;
                break;
            }
            continue;
        };
        // Keep the orientation.
        if next.t.iter().zip(&cur.t).map(|(a, b)| a * b).sum::<f64>() < 0.0 {
            next.t.iter_mut().for_each(|v| *v = -*v);
        }
        // Special points between cur and next.
        let (f0, f1) = (cur.fold_test(), next.fold_test());
        if f0 * f1 < 0.0 {
            if let Some(q) = locate(&s, &cur, ds, &|p: &Point| p.fold_test(), f1) {
                let (x, p) = s.unscale(&q.z);
                branch.special.push(Special {
                    kind: SpecialKind::Fold,
                    p,
                    x,
                    omega: None,
                    l1: None,
                    after: branch.points.len() - 1,
                });
            }
        }
        let (h0, h1) = (hopf_test(&cur.eigen), hopf_test(&next.eigen));
        if h0 * h1 < 0.0 {
            if let Some(q) = locate(&s, &cur, ds, &|p: &Point| hopf_test(&p.eigen), h1) {
                let (x, p) = s.unscale(&q.z);
                match crossing_pair(&q.eigen) {
                    Some(omega) => {
                        let l1 = lyapunov(f, &x, p, &s.w[..n], &q.jac, omega);
                        branch.special.push(Special {
                            kind: SpecialKind::Hopf,
                            p,
                            x,
                            omega: Some(omega),
                            l1,
                            after: branch.points.len() - 1,
                        });
                    }
                    None => branch.neutral_saddles.push(p),
                }
            }
        }
        let out = !inside(&next.z);
        if out {
            // The end of the range: the point on it.
            let bound = if next.z[n] > 1.0 { 1.0 } else { 0.0 };
            let mut g = vec![0.0; n + 1];
            g[n] = 1.0;
            let mut pred = next.z.clone();
            pred[n] = bound;
            if let Some(q) = correct(&s, pred, &g, bound, &cur.t) {
                branch.points.push(point_of(&q));
            }
            branch.end = End::Range;
            break;
        }
        branch.points.push(point_of(&next));
        ds = match next.iterations {
            0..=2 => (ds * 1.5).min(set.ds_max),
            3 => ds,
            _ => ds * 0.6,
        };
        cur = next;
    }
    Ok(branch)
}

/// The Jacobian f_x at (x, p), by the continuation's Richardson-extrapolated central
/// differences in the coordinates scaled by `w` (each variable's typical size), returned in the
/// original coordinates.
#[must_use]
pub fn jacobian_at<F: Field>(f: &F, x: &[f64], p: f64, w: &[f64]) -> Option<DMatrix<f64>> {
    let n = f.dim();
    let (s, z) = at_fixed(f, x, p, w);
    let j = s.jacobian(&z)?;
    Some(DMatrix::from_fn(n, n, |i, k| j[(i, k)] * w[i] / w[k]))
}

/// The first Lyapunov coefficient at a Hopf point (x, p) whose crossing pair has frequency
/// `omega` (see [`Special::l1`]); `w` as for [`jacobian_at`].
#[must_use]
pub fn first_lyapunov<F: Field>(f: &F, x: &[f64], p: f64, w: &[f64], omega: f64) -> Option<f64> {
    let a = jacobian_at(f, x, p, w)?;
    // `lyapunov` takes the scaled Jacobian diag(1/w) A diag(w).
    let n = x.len();
    let scaled = DMatrix::from_fn(n, n, |i, k| a[(i, k)] / w[i] * w[k]);
    lyapunov(f, x, p, w, &scaled, omega)
}

/// At a located zero of the Hopf test: the frequency of the pair whose sum vanishes, if it is
/// a complex pair (a Hopf point); `None` for a real pair ±λ (a neutral saddle).
fn crossing_pair(e: &[Eigen]) -> Option<f64> {
    let mut best = (f64::INFINITY, 0, 0);
    for i in 0..e.len() {
        for k in i + 1..e.len() {
            let sum = (e[i].re + e[k].re).hypot(e[i].im + e[k].im);
            if sum < best.0 {
                best = (sum, i, k);
            }
        }
    }
    let (_, i, k) = best;
    let omega = e[i].im.abs();
    let size = e[i].re.hypot(e[i].im).max(1e-300);
    (omega > 1e-6 * size && e[k].im.abs() > 1e-6 * size).then_some(omega)
}

type C = Complex<f64>;

/// The first Lyapunov coefficient at a Hopf point (x, p) with frequency ω (Kuznetsov 2004,
/// eq. 10.52): l₁ = Re[⟨p, C(q,q,q̄)⟩ − 2⟨p, B(q, A⁻¹B(q,q̄))⟩ + ⟨p, B(q̄, (2iω − A)⁻¹B(q,q))⟩]
/// / (2ω), with A q = iω q, Aᵀ p = −iω p, ⟨q, q⟩ = ⟨p, q⟩ = 1. B and C by central
/// differences along the (scaled) directions. `jac` is the scaled Jacobian.
fn lyapunov<F: Field>(
    f: &F,
    x: &[f64],
    p: f64,
    w: &[f64],
    jac: &DMatrix<f64>,
    omega: f64,
) -> Option<f64> {
    let n = x.len();
    // A in the original coordinates: diag(w) J_z diag(1/w).
    let a = DMatrix::from_fn(n, n, |i, j| jac[(i, j)] * w[i] / w[j]);
    let ac = a.map(|v| C::new(v, 0.0));
    let iw = C::new(0.0, omega);
    let q = null_vector(&(ac.clone() - DMatrix::identity(n, n) * iw))?;
    let pv = null_vector(&(ac.transpose() + DMatrix::identity(n, n) * iw))?;
    let qn = q.dotc(&q).re.sqrt();
    let q = q / C::new(qn, 0.0);
    let pq = pv.dotc(&q);
    let pv = pv / pq.conj();
    let qb = q.map(|v| v.conj());
    // The differences' step sizes: a variable whose weight is the 1e-3 floor of one that is
    // 0 at the equilibria (the QIF-SFA's adaptation rate, a cross-covariance) would shrink
    // the step along every direction it takes part in to the rounding noise (QIF-SFA's l₁
    // was 2 % off). A polynomial of degree 2 has no truncation error: one step for all,
    // the largest; other fields' steps are at least a tenth of it.
    let big = w.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    let floor = if f.quadratic() { big } else { 0.1 * big };
    let wd: Vec<f64> = w.iter().map(|v| v.abs().max(floor)).collect();
    let w = &wd[..];
    let b = |u: &DVector<C>, v: &DVector<C>| bilinear(f, x, p, w, u, v);
    let bqq = b(&q, &q)?;
    let bqqb = b(&q, &qb)?;
    let s1 = ac.clone().lu().solve(&bqqb)?;
    let s2 = (DMatrix::identity(n, n) * C::new(0.0, 2.0 * omega) - ac)
        .lu()
        .solve(&bqq)?;
    let c = trilinear_qqqb(f, x, p, w, &q)?;
    let val = pv.dotc(&c) - pv.dotc(&b(&q, &s1)?) * C::new(2.0, 0.0) + pv.dotc(&b(&qb, &s2)?);
    let l1 = val.re / (2.0 * omega);
    l1.is_finite().then_some(l1)
}

/// A vector spanning the (one-dimensional) kernel of `m`: the solution of the bordered system
/// [[m, b], [cᴴ, 0]] (v, s) = (0, 1) with fixed generic b, c.
pub(crate) fn null_vector(m: &DMatrix<C>) -> Option<DVector<C>> {
    let n = m.nrows();
    let mut big = DMatrix::<C>::zeros(n + 1, n + 1);
    big.view_mut((0, 0), (n, n)).copy_from(m);
    for i in 0..n {
        let g = C::new(1.0 + 0.37 * i as f64, 0.21 * (i as f64 + 1.0));
        big[(i, n)] = g;
        big[(n, i)] = g.conj();
    }
    let mut rhs = DVector::<C>::zeros(n + 1);
    rhs[n] = C::new(1.0, 0.0);
    let y = big.lu().solve(&rhs)?;
    Some(y.rows(0, n).into_owned())
}

/// f at x + h v (v real, in the original coordinates).
fn f_along<F: Field>(f: &F, x: &[f64], p: f64, v: &[f64], h: f64) -> Option<Vec<f64>> {
    let y: Vec<f64> = x.iter().zip(v).map(|(a, b)| a + h * b).collect();
    f.eval(&y, p)
}

/// The step and the direction scaled so that it moves each coordinate by about `rel` of its
/// weight.
fn scaled_dir(v: &[f64], w: &[f64]) -> (Vec<f64>, f64) {
    let size = v
        .iter()
        .zip(w)
        .map(|(a, b)| (a / b).abs())
        .fold(0.0, f64::max)
        .max(1e-300);
    (v.iter().map(|a| a / size).collect(), size)
}

/// B(v, v) for a real direction v: the second central difference, Richardson-extrapolated.
fn d2<F: Field>(f: &F, x: &[f64], p: f64, w: &[f64], v: &[f64]) -> Option<Vec<f64>> {
    let (u, size) = scaled_dir(v, w);
    let f0 = f.eval(x, p)?;
    let at = |h: f64| -> Option<Vec<f64>> {
        let (a, b) = (f_along(f, x, p, &u, h)?, f_along(f, x, p, &u, -h)?);
        Some(
            (0..a.len())
                .map(|i| (a[i] - 2.0 * f0[i] + b[i]) / (h * h))
                .collect(),
        )
    };
    richardson(at, 1e-3, size * size)
}

/// C(v, v, v) for a real direction v: the third central difference, Richardson-extrapolated.
fn d3<F: Field>(f: &F, x: &[f64], p: f64, w: &[f64], v: &[f64]) -> Option<Vec<f64>> {
    let (u, size) = scaled_dir(v, w);
    let at = |h: f64| -> Option<Vec<f64>> {
        let a = f_along(f, x, p, &u, 2.0 * h)?;
        let b = f_along(f, x, p, &u, h)?;
        let c = f_along(f, x, p, &u, -h)?;
        let d = f_along(f, x, p, &u, -2.0 * h)?;
        Some(
            (0..a.len())
                .map(|i| (a[i] - 2.0 * b[i] + 2.0 * c[i] - d[i]) / (2.0 * h * h * h))
                .collect(),
        )
    };
    richardson(at, 1e-2, size * size * size)
}

fn add(a: &[f64], b: &[f64], s: f64) -> Vec<f64> {
    a.iter().zip(b).map(|(x, y)| x + s * y).collect()
}

/// The real bilinear form B(a, b) = (B(a+b, a+b) − B(a−b, a−b)) / 4.
fn bilinear_real<F: Field>(
    f: &F,
    x: &[f64],
    p: f64,
    w: &[f64],
    a: &[f64],
    b: &[f64],
) -> Option<Vec<f64>> {
    if a.iter().chain(b).all(|v| *v == 0.0) {
        return Some(vec![0.0; x.len()]);
    }
    let plus = add(a, b, 1.0);
    let minus = add(a, b, -1.0);
    let zero = |v: &[f64]| v.iter().all(|c| *c == 0.0);
    let dp = if zero(&plus) {
        vec![0.0; x.len()]
    } else {
        d2(f, x, p, w, &plus)?
    };
    let dm = if zero(&minus) {
        vec![0.0; x.len()]
    } else {
        d2(f, x, p, w, &minus)?
    };
    Some(dp.iter().zip(&dm).map(|(u, v)| (u - v) / 4.0).collect())
}

fn parts(v: &DVector<C>) -> (Vec<f64>, Vec<f64>) {
    (
        v.iter().map(|c| c.re).collect(),
        v.iter().map(|c| c.im).collect(),
    )
}

/// B(u, v) for complex u, v by bilinearity over their real and imaginary parts.
fn bilinear<F: Field>(
    f: &F,
    x: &[f64],
    p: f64,
    w: &[f64],
    u: &DVector<C>,
    v: &DVector<C>,
) -> Option<DVector<C>> {
    let (ur, ui) = parts(u);
    let (vr, vi) = parts(v);
    let rr = bilinear_real(f, x, p, w, &ur, &vr)?;
    let ii = bilinear_real(f, x, p, w, &ui, &vi)?;
    let ri = bilinear_real(f, x, p, w, &ur, &vi)?;
    let ir = bilinear_real(f, x, p, w, &ui, &vr)?;
    Some(DVector::from_fn(x.len(), |k, _| {
        C::new(rr[k] - ii[k], ri[k] + ir[k])
    }))
}

/// C(q, q, q̄) for q = a + ib: C(a,a,a) + C(a,b,b) + i (C(a,a,b) + C(b,b,b)), the mixed terms
/// by polarisation of the directional third derivative D(v) = C(v,v,v):
/// C(a,a,b) = (D(a+b) − D(a−b) − 2D(b))/6, C(a,b,b) = (D(a+b) + D(a−b) − 2D(a))/6.
fn trilinear_qqqb<F: Field>(
    f: &F,
    x: &[f64],
    p: f64,
    w: &[f64],
    q: &DVector<C>,
) -> Option<DVector<C>> {
    let (a, b) = parts(q);
    let n = x.len();
    let zero = |v: &[f64]| v.iter().all(|c| *c == 0.0);
    let d = |v: &[f64]| -> Option<Vec<f64>> {
        if zero(v) {
            Some(vec![0.0; n])
        } else {
            d3(f, x, p, w, v)
        }
    };
    let (da, db) = (d(&a)?, d(&b)?);
    let (dp, dm) = (d(&add(&a, &b, 1.0))?, d(&add(&a, &b, -1.0))?);
    Some(DVector::from_fn(n, |k, _| {
        let aab = (dp[k] - dm[k] - 2.0 * db[k]) / 6.0;
        let abb = (dp[k] + dm[k] - 2.0 * da[k]) / 6.0;
        C::new(da[k] + abb, aab + db[k])
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ẋ = p x − y + σ x (x² + y²), ẏ = x + p y + σ y (x² + y²): a Hopf point at p = 0, ω = 1,
    /// supercritical for σ < 0.
    struct NormalForm(f64);
    impl Field for NormalForm {
        fn noise_free(&self) -> bool {
            true
        }
        fn dim(&self) -> usize {
            2
        }
        fn eval(&self, x: &[f64], p: f64) -> Option<Vec<f64>> {
            let r2 = x[0] * x[0] + x[1] * x[1];
            Some(vec![
                p * x[0] - x[1] + self.0 * x[0] * r2,
                x[0] + p * x[1] + self.0 * x[1] * r2,
            ])
        }
    }

    /// The normal form in the coordinates u = (x₁, x₂ + c x₁²): quadratic terms appear, l₁ (a
    /// normal-form invariant under a change of coordinates with identity linear part) stays.
    struct Bent(f64, f64);
    impl Field for Bent {
        fn noise_free(&self) -> bool {
            true
        }
        fn dim(&self) -> usize {
            2
        }
        fn eval(&self, u: &[f64], p: f64) -> Option<Vec<f64>> {
            let c = self.1;
            let x = [u[0], u[1] - c * u[0] * u[0]];
            let f = NormalForm(self.0).eval(&x, p)?;
            Some(vec![f[0], 2.0 * c * x[0] * f[0] + f[1]])
        }
    }

    #[test]
    fn the_lyapunov_coefficient_survives_a_nonlinear_change_of_coordinates() {
        for sigma in [-1.0, 1.0] {
            let set = Settings::new(-0.5, 0.5);
            let b = continue_branch(
                &Bent(sigma, 0.7),
                &[0.0, 0.0],
                -0.5,
                &[1.0, 1.0],
                true,
                &set,
            )
            .unwrap();
            let h = &b.special[0];
            let l1 = h.l1.unwrap();
            assert!((l1 - 2.0 * sigma).abs() < 1e-5, "l1 = {l1}");
        }
    }

    /// ẋ = p x + y, ẏ = x: a saddle for every p, whose eigenvalues sum to p: a neutral saddle
    /// at p = 0, which is no Hopf point.
    struct NeutralSaddle;
    impl Field for NeutralSaddle {
        fn noise_free(&self) -> bool {
            true
        }
        fn dim(&self) -> usize {
            2
        }
        fn eval(&self, x: &[f64], p: f64) -> Option<Vec<f64>> {
            Some(vec![p * x[0] + x[1], x[0]])
        }
    }

    /// ẋ = p + x² − x − y, ẏ = x − y: equilibria y = x, p = 2x − x², a fold at x = 1, p = 1.
    struct Fold;
    impl Field for Fold {
        fn noise_free(&self) -> bool {
            true
        }
        fn dim(&self) -> usize {
            2
        }
        fn eval(&self, x: &[f64], p: f64) -> Option<Vec<f64>> {
            Some(vec![p + x[0] * x[0] - x[1] - x[0], x[0] - x[1]])
        }
    }

    #[test]
    fn the_hopf_point_of_the_normal_form_is_found_with_its_frequency_and_criticality() {
        for sigma in [-1.0, 1.0] {
            let set = Settings::new(-0.5, 0.5);
            let b = continue_branch(
                &NormalForm(sigma),
                &[0.0, 0.0],
                -0.5,
                &[1.0, 1.0],
                true,
                &set,
            )
            .unwrap();
            assert_eq!(b.end, End::Range);
            assert_eq!(b.special.len(), 1, "{:?}", b.special);
            let h = &b.special[0];
            assert_eq!(h.kind, SpecialKind::Hopf);
            assert!(h.p.abs() < 1e-10, "{}", h.p);
            assert!((h.omega.unwrap() - 1.0).abs() < 1e-9);
            // With ⟨q, q⟩ = 1 (q = (1, −i)/√2) the state is x = q z + c.c., |x| = √2 |z|, so
            // the cubic σ x|x|² is 2σ z|z|² in z: l₁ = 2σ/ω = 2σ. The same follows from the
            // cycle: radius √(−p/σ) in x, √(−p/l₁) in z.
            let l1 = h.l1.unwrap();
            assert!((l1 - 2.0 * sigma).abs() < 1e-6, "l1 = {l1}");
            assert!(b.points.first().unwrap().stable() && !b.points.last().unwrap().stable());
        }
    }

    #[test]
    fn a_neutral_saddle_is_not_reported_as_a_hopf_point() {
        let set = Settings::new(-1.0, 1.0);
        let b =
            continue_branch(&NeutralSaddle, &[0.0, 0.0], -1.0, &[1.0, 1.0], true, &set).unwrap();
        assert!(b.special.is_empty(), "{:?}", b.special);
        assert_eq!(b.neutral_saddles.len(), 1);
        assert!(b.neutral_saddles[0].abs() < 1e-10);
    }

    #[test]
    fn a_fold_is_located_and_the_branch_turns_there() {
        // x² − ... equilibria: y = x, p = x − x² + x... here p = x − x² + ... solve: p + x² − 2x = 0.
        // Equilibria y = x, p = 2x − x²: a fold at x = 1, p = 1.
        let set = Settings::new(-3.0, 1.5);
        let b = continue_branch(&Fold, &[-1.0, -1.0], -3.0, &[1.0, 1.0], true, &set).unwrap();
        let folds: Vec<_> = b
            .special
            .iter()
            .filter(|s| s.kind == SpecialKind::Fold)
            .collect();
        assert_eq!(folds.len(), 1, "{:?}", b.special);
        assert!((folds[0].p - 1.0).abs() < 1e-10, "{}", folds[0].p);
        assert!((folds[0].x[0] - 1.0).abs() < 1e-5, "{:?}", folds[0].x);
        // Back down the other side to the range's end.
        assert_eq!(b.end, End::Range);
        let last = b.points.last().unwrap();
        assert!(
            (last.p + 3.0).abs() < 1e-9 && (last.x[0] - 3.0).abs() < 1e-6,
            "{last:?}"
        );
    }
}
