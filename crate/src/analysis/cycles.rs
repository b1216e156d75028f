//! Continuation of periodic orbits ("cycle branches") of a vector field f(x, p) in one
//! parameter, from a Hopf point, by orthogonal collocation (Doedel's method as in AUTO;
//! Kuznetsov, *Elements of Applied Bifurcation Theory*, §10.3).
//!
//! - **Discretisation.** Time is scaled to [0, 1] (ẋ = T f(x, p)); the orbit is a continuous
//!   piecewise polynomial of degree 4 on an adaptive mesh of `intervals` intervals, each with 5
//!   equally spaced nodes, and the equation holds at the 4 Gauss–Legendre points of each
//!   interval. The unknowns are the nodes (in the coordinates scaled by each variable's typical
//!   size), ln(T / T_H) (T_H = 2π/ω at the Hopf point, so that an approach to a homoclinic orbit,
//!   where T grows without bound, takes logarithmic steps) and the scaled parameter.
//! - **Conditions.** Periodicity, the integral phase condition ∫⟨x, ẋ_ref⟩ dt = 0 against the
//!   previous orbit, and the pseudo-arclength condition along the previous tangent, in the inner
//!   product ∫⟨x, y⟩ dt + (ln T)(ln T)' + p p' of the scaled unknowns.
//! - **Linear solves.** Condensation of parameters: each interval's interior nodes are eliminated
//!   locally (Gaussian elimination with partial pivoting within the interval's block), then the
//!   mesh points one after the other (pivoting between two blocks, as AUTO's "reduce"), the
//!   border rows (phase, arclength) following along; what is left is a dense system of n + 2
//!   unknowns. The cost is linear in the number of intervals.
//! - **Floquet multipliers.** The condensed blocks are the discrete variational equation:
//!   x_{j+1} = −F_j⁻¹ E_j x_j on each interval, whose product is the monodromy matrix; its
//!   eigenvalue nearest 1 is the trivial multiplier and is left out of the stability verdict.
//! - **Special points.** A fold of cycles where the tangent's parameter component changes sign,
//!   a period doubling where det(M + I) does (a real multiplier crosses −1); both located by the
//!   Illinois method along the arclength. The branch ends at the range's end, at a return to a
//!   Hopf point (the amplitude shrinks to zero), at a homoclinic orbit (the period grows past
//!   [`CycleSettings::period_factor`] times the smallest one on the branch while p has
//!   converged), when the corrector fails, or at the point budget.
//! - **Mesh.** Redistributed (the solution and its tangent interpolated) when the
//!   equidistribution of |x⁽⁴⁾|^{1/4} h over the intervals is off by more than a factor 2.

use super::continuation::{illinois, null_vector, Diff, Eigen, Field, Scaled, SpecialKind};
use nalgebra::{Complex, DMatrix, DVector};

/// Collocation (Gauss) points per mesh interval.
const NCOL: usize = 4;
/// Nodes per interval (including both ends).
const NODES: usize = NCOL + 1;
/// Gauss–Legendre points on [0, 1].
const GAUSS: [f64; NCOL] = [
    0.069_431_844_202_973_71,
    0.330_009_478_207_571_9,
    0.669_990_521_792_428_1,
    0.930_568_155_797_026_3,
];
/// Their weights.
const GAUSS_W: [f64; NCOL] = [
    0.173_927_422_568_726_93,
    0.326_072_577_431_273_07,
    0.326_072_577_431_273_07,
    0.173_927_422_568_726_93,
];
/// Newton: converged when the largest scaled correction is below this.
const NEWTON_TOL: f64 = 1e-9;
const NEWTON_MAX: usize = 8;
const DS_MIN: f64 = 1e-7;

/// Settings of a cycle continuation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CycleSettings {
    /// The parameter's range: the branch is followed while p stays in it.
    pub p_min: f64,
    /// Upper end of the range.
    pub p_max: f64,
    /// Most orbits on the branch.
    pub max_points: usize,
    /// Largest step, in scaled arclength (the range of p is 1, the orbit's variables are
    /// scaled by their typical sizes, the period enters as ln T).
    pub ds_max: f64,
    /// Mesh intervals at the start.
    pub intervals: usize,
    /// Most mesh intervals: the mesh is refined (doubled) up to this when the trivial
    /// multiplier is off 1 by more than 1e-2.
    pub max_intervals: usize,
    /// A homoclinic end: the period has grown past this factor times the smallest period on
    /// the branch [1].
    pub period_factor: f64,
}

impl CycleSettings {
    /// Defaults for the range [p_min, p_max].
    #[must_use]
    pub fn new(p_min: f64, p_max: f64) -> Self {
        Self {
            p_min,
            p_max,
            max_points: 400,
            ds_max: 0.1,
            intervals: 40,
            max_intervals: 80,
            period_factor: 10.0,
        }
    }
}

/// One periodic orbit of a branch.
#[derive(Clone, Debug, PartialEq)]
pub struct Orbit {
    /// The parameter.
    pub p: f64,
    /// The period, in the field's time unit.
    pub period: f64,
    /// The smallest value of each state variable over the orbit.
    pub min: Vec<f64>,
    /// The largest value of each.
    pub max: Vec<f64>,
    /// The Floquet multipliers, largest modulus first (the trivial one ≈ 1 included).
    pub multipliers: Vec<Eigen>,
    /// Whether every multiplier but the trivial one lies inside the unit circle.
    pub stable: bool,
}

/// A special point of a cycle branch.
#[derive(Clone, Debug, PartialEq)]
pub struct CycleSpecial {
    /// `CycleFold`, `PeriodDoubling` or `Homoclinic`.
    pub kind: SpecialKind,
    /// The orbit there (for a homoclinic end: the last orbit computed, of the longest period).
    pub orbit: Orbit,
    /// Index in the branch's orbits after which it lies.
    pub after: usize,
}

/// Why a cycle branch ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CycleEnd {
    /// It left the parameter's range.
    Range,
    /// The corrector could not follow it further.
    Lost,
    /// The point budget was spent.
    Budget,
    /// The period grew without bound while p converged: an orbit homoclinic to a saddle.
    Homoclinic,
    /// The amplitude shrank to zero: it ends at a Hopf point (the same or another).
    Hopf,
}

impl CycleEnd {
    /// The name used in JSON (`end`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Range => "range",
            Self::Lost => "lost",
            Self::Budget => "budget",
            Self::Homoclinic => "homoclinic",
            Self::Hopf => "hopf",
        }
    }
}

/// A branch of periodic orbits.
#[derive(Clone, Debug, PartialEq)]
pub struct CycleBranch {
    /// The orbits in order along the branch (the Hopf point itself is not one of them).
    pub points: Vec<Orbit>,
    /// Folds of cycles, period doublings and the homoclinic end, in order.
    pub special: Vec<CycleSpecial>,
    /// Why it ended.
    pub end: CycleEnd,
}

/// What can go wrong at the start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CycleError {
    /// The Hopf point's data do not give a critical eigenvector (ω ≤ 0, the field undefined).
    NoEigenvector,
    /// No orbit could be computed next to the Hopf point.
    NoStart,
}

/// Lagrange basis on the nodes i / NCOL (i = 0..=NCOL) at s ∈ [0, 1]: values and derivatives.
fn lagrange(s: f64) -> ([f64; NODES], [f64; NODES]) {
    let node = |i: usize| i as f64 / NCOL as f64;
    let mut l = [0.0; NODES];
    let mut d = [0.0; NODES];
    for i in 0..NODES {
        let mut prod = 1.0;
        let mut sum = 0.0;
        for k in (0..NODES).filter(|&k| k != i) {
            prod *= (s - node(k)) / (node(i) - node(k));
            let mut term = 1.0 / (node(i) - node(k));
            for q in (0..NODES).filter(|&q| q != i && q != k) {
                term *= (s - node(q)) / (node(i) - node(q));
            }
            sum += term;
        }
        l[i] = prod;
        d[i] = sum;
    }
    (l, d)
}

/// Gaussian elimination with partial pivoting of the `count` columns from `c0` of `m`: row k
/// gets its pivot in column c0 + k, the rows below k are zero in the columns c0..=c0 + k.
/// (Column by column over the storage, which is column-major.)
fn eliminate(m: &mut DMatrix<f64>, c0: usize, count: usize) -> Option<()> {
    let rows = m.nrows();
    let mut f = vec![0.0; rows];
    for k in 0..count {
        let c = c0 + k;
        let piv = (k..rows).max_by(|&a, &b| m[(a, c)].abs().total_cmp(&m[(b, c)].abs()))?;
        let pv = m[(piv, c)];
        if pv == 0.0 || !pv.is_finite() {
            return None;
        }
        m.swap_rows(k, piv);
        for r in k + 1..rows {
            f[r] = m[(r, c)] / pv;
        }
        let data = m.as_mut_slice();
        for col in data.chunks_exact_mut(rows) {
            let top = col[k];
            if top != 0.0 {
                for r in k + 1..rows {
                    col[r] -= f[r] * top;
                }
            }
        }
        for r in k + 1..rows {
            m[(r, c)] = 0.0;
        }
    }
    Some(())
}

/// Removes the `count` pivot columns from `c0` of `m` (after [`eliminate`]) from a border row
/// given over the global unknowns (`row`, with its right-hand side `rhs`); `map[c]` is the
/// global unknown of column c of `m` (all but the last, the right-hand side).
fn eliminate_border(
    m: &DMatrix<f64>,
    c0: usize,
    count: usize,
    map: &[usize],
    row: &mut [f64],
    rhs: &mut f64,
) {
    let rc = m.ncols() - 1;
    for k in 0..count {
        let c = c0 + k;
        let f = row[map[c]] / m[(k, c)];
        if f == 0.0 {
            continue;
        }
        for (cc, &g) in map.iter().enumerate().take(rc) {
            row[g] -= f * m[(k, cc)];
        }
        row[map[c]] = 0.0;
        *rhs -= f * m[(k, rc)];
    }
}

/// The pivot columns' values from the pivot rows of `m` (after [`eliminate`]), the other
/// columns' values given in `vals` (one per column but the right-hand side).
fn back_substitute(m: &DMatrix<f64>, c0: usize, count: usize, vals: &mut [f64]) {
    let rc = m.ncols() - 1;
    for k in (0..count).rev() {
        let c = c0 + k;
        let mut acc = m[(k, rc)];
        for (cc, v) in vals.iter().enumerate().take(rc) {
            if cc != c {
                acc -= m[(k, cc)] * v;
            }
        }
        vals[c] = acc / m[(k, c)];
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The collocation problem of one field.
struct Colloc<'a, F: Field> {
    s: Scaled<'a, F>,
    n: usize,
    nint: usize,
    /// The period's scale T_H (the unknown is ln(T / T_H)).
    w_t: f64,
    /// Lagrange values and derivatives at the Gauss points.
    l: [[f64; NODES]; NCOL],
    d: [[f64; NODES]; NCOL],
}

/// f's Jacobian in z at each Gauss point of an orbit.
type Jacs = Vec<DMatrix<f64>>;

/// A test function along the branch.
type TestFn = fn(&Pt) -> f64;

/// A computed orbit with what is derived from it.
#[derive(Clone)]
struct Pt {
    mesh: Vec<f64>,
    u: Vec<f64>,
    /// Unit tangent.
    t: Vec<f64>,
    mono: DMatrix<f64>,
    iterations: usize,
}

impl Pt {
    fn fold_test(&self) -> f64 {
        self.t[self.t.len() - 1]
    }

    /// How far the multiplier nearest 1 is from 1.
    fn trivial_error(&self) -> f64 {
        self.mono
            .complex_eigenvalues()
            .iter()
            .map(|e| (e.re - 1.0).hypot(e.im))
            .fold(f64::INFINITY, f64::min)
    }

    fn pd_test(&self) -> f64 {
        let n = self.mono.nrows();
        (self.mono.clone() + DMatrix::identity(n, n)).determinant()
    }

    /// The real negative multipliers near −1 (within a factor 4 of it), as ln(−μ): a period
    /// doubling between two orbits moves one of them through 0.
    fn near_minus_one(&self) -> Vec<f64> {
        self.mono
            .complex_eigenvalues()
            .iter()
            .filter(|e| e.im.abs() <= 1e-9 * e.re.abs() && e.re < 0.0)
            .map(|e| (-e.re).ln())
            .filter(|l| l.abs() < 4.0_f64.ln())
            .collect()
    }
}

/// Whether a period doubling can lie between orbits `a` and `b`: a real multiplier near −1 on
/// each, on either side of it. det(M + I) also changes sign without one (its noise when the
/// monodromy matrix spans many decades, near a homoclinic orbit), and locating such a change
/// costs tens of orbits for nothing.
fn pd_possible(a: &Pt, b: &Pt) -> bool {
    let (la, lb) = (a.near_minus_one(), b.near_minus_one());
    la.iter().any(|x| lb.iter().any(|y| x * y <= 0.0))
}

impl<'a, F: Field> Colloc<'a, F> {
    fn new(s: Scaled<'a, F>, nint: usize, w_t: f64) -> Self {
        let n = s.n;
        let mut l = [[0.0; NODES]; NCOL];
        let mut d = [[0.0; NODES]; NCOL];
        for k in 0..NCOL {
            (l[k], d[k]) = lagrange(GAUSS[k]);
        }
        Self {
            s,
            n,
            nint: nint.max(2),
            w_t,
            l,
            d,
        }
    }

    fn nodes(&self) -> usize {
        self.nint * NCOL
    }

    /// Index of the ln T unknown (the parameter's follows).
    fn li(&self) -> usize {
        self.nodes() * self.n
    }

    /// Offset of node i of interval j in the unknowns.
    fn node(&self, j: usize, i: usize) -> usize {
        ((j * NCOL + i) % self.nodes()) * self.n
    }

    fn period(&self, u: &[f64]) -> f64 {
        self.w_t * u[self.li()].exp()
    }

    fn param(&self, u: &[f64]) -> f64 {
        self.s.p0 + u[self.li() + 1] * self.s.w[self.n]
    }

    /// Quadrature weights of the inner product over the unknowns.
    fn weights(&self, mesh: &[f64]) -> Vec<f64> {
        let mut w = vec![1.0; self.li() + 2];
        for j in 0..self.nint {
            let h = (mesh[j + 1] - mesh[j]) / NCOL as f64;
            for i in 0..NCOL {
                let o = self.node(j, i);
                w[o..o + self.n].iter_mut().for_each(|v| *v = h);
            }
        }
        w
    }

    fn inner(&self, mesh: &[f64], a: &[f64], b: &[f64]) -> f64 {
        self.weights(mesh)
            .iter()
            .zip(a.iter().zip(b))
            .map(|(w, (x, y))| w * x * y)
            .sum()
    }

    /// The state (and parameter) at the Gauss points of `u`, interval by interval: n + 1
    /// numbers per point, one after the other.
    fn gauss_states(&self, u: &[f64]) -> Vec<f64> {
        let n = self.n;
        let zp = u[self.li() + 1];
        let mut out = Vec::with_capacity(self.nint * NCOL * (n + 1));
        for j in 0..self.nint {
            for k in 0..NCOL {
                for a in 0..n {
                    out.push(
                        (0..NODES)
                            .map(|i| self.l[k][i] * u[self.node(j, i) + a])
                            .sum(),
                    );
                }
                out.push(zp);
            }
        }
        out
    }

    /// f and its Jacobian in z (differenced by `diff`) at every Gauss point of `u`, in the
    /// order of [`Self::gauss_states`].
    fn linearise(&self, u: &[f64], diff: Diff) -> Option<(Vec<Vec<f64>>, Jacs)> {
        let states = self.gauss_states(u);
        let mut g = Vec::with_capacity(self.nint * NCOL);
        let mut jacs = Vec::with_capacity(self.nint * NCOL);
        for zf in states.chunks_exact(self.n + 1) {
            g.push(self.s.eval(zf)?);
            jacs.push(self.s.jacobian_with(zf, diff)?);
        }
        Some((g, jacs))
    }

    /// The collocation blocks at `u`: per interval, NCOL·n rows over the columns (nodes 0..=NCOL,
    /// ln T, p, right-hand side −residual), from f and its Jacobian at the Gauss points
    /// ([`Self::linearise`]).
    fn assemble(
        &self,
        mesh: &[f64],
        u: &[f64],
        (gs, jacs): &(Vec<Vec<f64>>, Jacs),
    ) -> Vec<DMatrix<f64>> {
        let n = self.n;
        let t = self.period(u);
        let cols = NODES * n + 3;
        let mut blocks = Vec::with_capacity(self.nint);
        for j in 0..self.nint {
            let h = mesh[j + 1] - mesh[j];
            let mut blk = DMatrix::zeros(NCOL * n, cols);
            for k in 0..NCOL {
                let (g, jac) = (&gs[j * NCOL + k], &jacs[j * NCOL + k]);
                for a in 0..n {
                    let row = k * n + a;
                    let mut res = -h * t * g[a];
                    for i in 0..NODES {
                        res += self.d[k][i] * u[self.node(j, i) + a];
                        blk[(row, i * n + a)] += self.d[k][i];
                        for b in 0..n {
                            blk[(row, i * n + b)] -= h * t * self.l[k][i] * jac[(a, b)];
                        }
                    }
                    blk[(row, NODES * n)] = -h * t * g[a];
                    blk[(row, NODES * n + 1)] = -h * t * jac[(a, n)];
                    blk[(row, cols - 1)] = -res;
                }
            }
            blocks.push(blk);
        }
        blocks
    }

    /// The phase condition's row ∫⟨x, ẋ_ref⟩ dt over the unknowns, normalised to a largest
    /// entry of 1.
    #[allow(clippy::needless_range_loop)] // k indexes three tables at once
    fn phase_row(&self, reference: &[f64]) -> Vec<f64> {
        let n = self.n;
        let mut row = vec![0.0; self.li() + 2];
        let mut ud = vec![0.0; n];
        for j in 0..self.nint {
            for k in 0..NCOL {
                for (a, v) in ud.iter_mut().enumerate() {
                    *v = (0..NODES)
                        .map(|i| self.d[k][i] * reference[self.node(j, i) + a])
                        .sum();
                }
                for i in 0..NODES {
                    let o = self.node(j, i);
                    for a in 0..n {
                        row[o + a] += GAUSS_W[k] * self.l[k][i] * ud[a];
                    }
                }
            }
        }
        let big = row.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        if big > 0.0 {
            row.iter_mut().for_each(|v| *v /= big);
        }
        row
    }

    /// Solves the collocation system (blocks from [`Self::assemble`]) bordered by two rows
    /// over the unknowns, by condensation; with the monodromy matrix of the discrete
    /// variational equation when `mono`.
    #[allow(clippy::too_many_lines)]
    fn solve(
        &self,
        blocks: &mut [DMatrix<f64>],
        bord: &mut [Vec<f64>; 2],
        brhs: &mut [f64; 2],
        mono: bool,
    ) -> Option<(Vec<f64>, Option<DMatrix<f64>>)> {
        let (n, nint) = (self.n, self.nint);
        let li = self.li();
        let npiv = (NCOL - 1) * n;
        let yc = NODES * n;
        // 1. Each interval's interior nodes.
        let mut reduced = Vec::with_capacity(nint);
        let mut mono_m = mono.then(|| DMatrix::<f64>::identity(n, n));
        for (j, blk) in blocks.iter_mut().enumerate() {
            eliminate(blk, n, npiv)?;
            let map: Vec<usize> = (0..yc + 2)
                .map(|c| {
                    if c < yc {
                        self.node(j, c / n) + c % n
                    } else {
                        li + c - yc
                    }
                })
                .collect();
            for (row, rhs) in bord.iter_mut().zip(brhs.iter_mut()) {
                eliminate_border(blk, n, npiv, &map, row, rhs);
            }
            // [E | F | G (2) | r]
            let red = DMatrix::from_fn(n, 2 * n + 3, |r, c| {
                let cc = if c < n {
                    c
                } else if c < 2 * n {
                    NCOL * n + c - n
                } else {
                    yc + c - 2 * n
                };
                blk[(npiv + r, cc)]
            });
            if let Some(m) = mono_m.as_mut() {
                let e = red.columns(0, n).into_owned();
                let f = red.columns(n, n).into_owned();
                let tj = -f.lu().solve(&e)?;
                *m = tj * &*m;
            }
            reduced.push(red);
        }
        // 2. The mesh points 1..nint−1, one after the other. acc: [x0 | x_k | y | r].
        let mut acc = reduced[0].clone();
        let mut pivots = Vec::with_capacity(nint);
        for (k, red) in reduced.iter().enumerate().skip(1) {
            let last = k == nint - 1;
            // [x_k | x0 | x_{k+1} | y | r]
            let mut s = DMatrix::zeros(2 * n, 3 * n + 3);
            for r in 0..n {
                for c in 0..n {
                    s[(r, c)] = acc[(r, n + c)];
                    s[(r, n + c)] = acc[(r, c)];
                    s[(n + r, c)] = red[(r, c)];
                    let fc = if last { n + c } else { 2 * n + c };
                    s[(n + r, fc)] += red[(r, n + c)];
                }
                for c in 0..3 {
                    s[(r, 3 * n + c)] = acc[(r, 2 * n + c)];
                    s[(n + r, 3 * n + c)] = red[(r, 2 * n + c)];
                }
            }
            eliminate(&mut s, 0, n)?;
            let map: Vec<usize> = (0..3 * n + 2)
                .map(|c| {
                    if c < n {
                        self.node(k, 0) + c
                    } else if c < 2 * n {
                        c - n
                    } else if c < 3 * n {
                        self.node(k + 1, 0) + c - 2 * n
                    } else {
                        li + c - 3 * n
                    }
                })
                .collect();
            for (row, rhs) in bord.iter_mut().zip(brhs.iter_mut()) {
                eliminate_border(&s, 0, n, &map, row, rhs);
            }
            acc = DMatrix::from_fn(n, 2 * n + 3, |r, c| s[(n + r, n + c)]);
            pivots.push(s);
        }
        // 3. The rest: x0 and (ln T, p).
        let mut fm = DMatrix::zeros(n + 2, n + 2);
        let mut fr = DVector::zeros(n + 2);
        for r in 0..n {
            for c in 0..n {
                fm[(r, c)] = acc[(r, c)];
            }
            fm[(r, n)] = acc[(r, 2 * n)];
            fm[(r, n + 1)] = acc[(r, 2 * n + 1)];
            fr[r] = acc[(r, 2 * n + 2)];
        }
        for b in 0..2 {
            for c in 0..n {
                fm[(n + b, c)] = bord[b][c];
            }
            fm[(n + b, n)] = bord[b][li];
            fm[(n + b, n + 1)] = bord[b][li + 1];
            fr[n + b] = brhs[b];
        }
        let sol = fm.lu().solve(&fr)?;
        let mut du = vec![0.0; li + 2];
        du[..n].copy_from_slice(&sol.as_slice()[..n]);
        du[li] = sol[n];
        du[li + 1] = sol[n + 1];
        // 4. Back: the mesh points, then the interiors.
        for k in (1..nint).rev() {
            let s = &pivots[k - 1];
            let mut vals = vec![0.0; 3 * n + 2];
            let next = self.node(k + 1, 0);
            for c in 0..n {
                vals[n + c] = du[c];
                vals[2 * n + c] = if k == nint - 1 { 0.0 } else { du[next + c] };
            }
            vals[3 * n] = du[li];
            vals[3 * n + 1] = du[li + 1];
            back_substitute(s, 0, n, &mut vals);
            let o = self.node(k, 0);
            du[o..o + n].copy_from_slice(&vals[..n]);
        }
        for (j, blk) in blocks.iter().enumerate() {
            let mut vals = vec![0.0; yc + 2];
            let (a, b) = (self.node(j, 0), self.node(j + 1, 0));
            for c in 0..n {
                vals[c] = du[a + c];
                vals[NCOL * n + c] = du[b + c];
            }
            vals[yc] = du[li];
            vals[yc + 1] = du[li + 1];
            back_substitute(blk, n, npiv, &mut vals);
            for i in 1..NCOL {
                let o = self.node(j, i);
                du[o..o + n].copy_from_slice(&vals[i * n..(i + 1) * n]);
            }
        }
        du.iter().all(|v| v.is_finite()).then_some((du, mono_m))
    }

    /// Newton's method from `u` on the hyperplane ⟨dir, u⟩ = target (in the inner product of
    /// `weighted`: `dir` already multiplied by the weights), with the phase row `phase`.
    /// (A chord method, keeping f's Jacobian while the steps shrink, took one or two more
    /// iterations a step, which the step control answered with steps half as long: no faster.)
    fn newton(
        &self,
        mesh: &[f64],
        mut u: Vec<f64>,
        arc: &[f64],
        target: f64,
        phase: &[f64],
    ) -> Option<(Vec<f64>, usize)> {
        let mut prev = f64::INFINITY;
        for it in 0..NEWTON_MAX {
            let lin = self.linearise(&u, Diff::Single)?;
            let mut blocks = self.assemble(mesh, &u, &lin);
            let mut bord = [phase.to_vec(), arc.to_vec()];
            let mut rhs = [-dot(phase, &u), target - dot(arc, &u)];
            let (du, _) = self.solve(&mut blocks, &mut bord, &mut rhs, false)?;
            let size = du.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
            if size > 1.0 {
                return None;
            }
            u.iter_mut().zip(&du).for_each(|(a, b)| *a += b);
            // Converged, or at the rounding noise of a field through erfc.
            if size < NEWTON_TOL
                || super::continuation::converged(size, prev, self.s.f.noise_free())
            {
                return Some((u, it + 1));
            }
            prev = size;
        }
        None
    }

    /// The tangent at `u` (oriented along `t_prev`) and the monodromy matrix.
    fn analyse(&self, mesh: &[f64], u: Vec<f64>, t_prev: &[f64], its: usize) -> Option<Pt> {
        let lin = self.linearise(&u, Diff::FineInP)?;
        let mut blocks = self.assemble(mesh, &u, &lin);
        let rc = NODES * self.n + 2;
        for b in &mut blocks {
            for r in 0..b.nrows() {
                b[(r, rc)] = 0.0;
            }
        }
        let w = self.weights(mesh);
        let arc: Vec<f64> = t_prev.iter().zip(&w).map(|(a, b)| a * b).collect();
        let mut bord = [self.phase_row(&u), arc];
        let mut rhs = [0.0, 1.0];
        let (mut t, mono) = self.solve(&mut blocks, &mut bord, &mut rhs, true)?;
        let norm = self.inner(mesh, &t, &t).sqrt();
        if norm.is_nan() || norm <= 0.0 {
            return None;
        }
        let sign = if self.inner(mesh, &t, t_prev) < 0.0 {
            -1.0
        } else {
            1.0
        };
        t.iter_mut().for_each(|v| *v *= sign / norm);
        Some(Pt {
            mesh: mesh.to_vec(),
            u,
            t,
            mono: mono?,
            iterations: its,
        })
    }

    /// The point at arclength σ from `from` along its tangent (phase against `from`).
    fn step(&self, from: &Pt, sigma: f64, phase_ref: &[f64]) -> Option<Pt> {
        let pred: Vec<f64> = from
            .u
            .iter()
            .zip(&from.t)
            .map(|(a, b)| a + sigma * b)
            .collect();
        let w = self.weights(&from.mesh);
        let arc: Vec<f64> = from.t.iter().zip(&w).map(|(a, b)| a * b).collect();
        let target = dot(&arc, &pred);
        let phase = self.phase_row(phase_ref);
        let (u, its) = self.newton(&from.mesh, pred, &arc, target, &phase)?;
        self.analyse(&from.mesh, u, &from.t, its)
    }

    /// The state (scaled) at time τ ∈ [0, 1] of the orbit `u` on `mesh`.
    fn value_at(&self, mesh: &[f64], u: &[f64], tau: f64) -> Vec<f64> {
        let tau = tau.rem_euclid(1.0);
        let j = mesh[1..self.nint]
            .partition_point(|&m| m <= tau)
            .min(self.nint - 1);
        let s = ((tau - mesh[j]) / (mesh[j + 1] - mesh[j])).clamp(0.0, 1.0);
        let (l, _) = lagrange(s);
        (0..self.n)
            .map(|a| (0..NODES).map(|i| l[i] * u[self.node(j, i) + a]).sum())
            .collect()
    }

    /// How unevenly |x⁽⁴⁾|^{1/4} h is distributed (largest over mean), and the mesh that
    /// equidistributes it.
    fn monitor(&self, mesh: &[f64], u: &[f64]) -> (f64, Vec<f64>) {
        let n = self.n;
        let nint = self.nint;
        // The 4th difference of the nodes: x⁽⁴⁾ (h/4)⁴.
        let rho: Vec<f64> = (0..nint)
            .map(|j| {
                let h = mesh[j + 1] - mesh[j];
                let mut big = 0.0_f64;
                for a in 0..n {
                    let x: Vec<f64> = (0..NODES).map(|i| u[self.node(j, i) + a]).collect();
                    let d4 = x[0] - 4.0 * x[1] + 6.0 * x[2] - 4.0 * x[3] + x[4];
                    big = big.max(d4.abs());
                }
                (big / (h / NCOL as f64).powi(NCOL as i32)).powf(1.0 / NCOL as f64)
            })
            .collect();
        // Smoothed, with a floor so that no part of the orbit is left without intervals.
        let sm: Vec<f64> = (0..nint)
            .map(|j| 0.25 * rho[(j + nint - 1) % nint] + 0.5 * rho[j] + 0.25 * rho[(j + 1) % nint])
            .collect();
        let total: f64 = (0..nint).map(|j| sm[j] * (mesh[j + 1] - mesh[j])).sum();
        let floor = 0.1 * total.max(1e-300);
        let dens: Vec<f64> = sm.iter().map(|v| v + floor).collect();
        let mass: Vec<f64> = (0..nint)
            .map(|j| dens[j] * (mesh[j + 1] - mesh[j]))
            .collect();
        let sum: f64 = mass.iter().sum();
        let uneven = mass.iter().fold(0.0_f64, |m, v| m.max(*v)) / (sum / nint as f64);
        let mut new = vec![0.0; nint + 1];
        let mut cum = 0.0;
        let mut j = 0;
        for (k, slot) in new.iter_mut().enumerate().take(nint).skip(1) {
            let target = sum * k as f64 / nint as f64;
            while j < nint - 1 && cum + mass[j] < target {
                cum += mass[j];
                j += 1;
            }
            let frac = ((target - cum) / mass[j].max(1e-300)).clamp(0.0, 1.0);
            *slot = mesh[j] + frac * (mesh[j + 1] - mesh[j]);
        }
        new[nint] = 1.0;
        (uneven, new)
    }

    /// `v` (an orbit or a tangent on `mesh`) at the nodes of `new`.
    fn interpolate(&self, mesh: &[f64], v: &[f64], new: &[f64]) -> Vec<f64> {
        let li = self.li();
        let mut out = vec![0.0; li + 2];
        for j in 0..self.nint {
            for i in 0..NCOL {
                let tau = new[j] + (new[j + 1] - new[j]) * i as f64 / NCOL as f64;
                let x = self.value_at(mesh, v, tau);
                let o = self.node(j, i);
                out[o..o + self.n].copy_from_slice(&x);
            }
        }
        out[li] = v[li];
        out[li + 1] = v[li + 1];
        out
    }

    /// The orbit in the field's units: p, period, min, max, multipliers, stability. The
    /// extremes are those of samples 1/16 of an interval apart, refined by the parabola through
    /// the extreme sample and its neighbours.
    fn orbit(&self, pt: &Pt) -> Orbit {
        let n = self.n;
        let per = 4 * NCOL;
        let bases: Vec<[f64; NODES]> = (0..per)
            .map(|q| lagrange(q as f64 / per as f64).0)
            .collect();
        let mut taus = Vec::with_capacity(self.nint * per);
        let mut vals = vec![Vec::with_capacity(self.nint * per); n];
        for j in 0..self.nint {
            let h = pt.mesh[j + 1] - pt.mesh[j];
            for (q, l) in bases.iter().enumerate() {
                taus.push(pt.mesh[j] + h * q as f64 / per as f64);
                for (a, v) in vals.iter_mut().enumerate() {
                    let z: f64 = (0..NODES).map(|i| l[i] * pt.u[self.node(j, i) + a]).sum();
                    v.push(z * self.s.w[a]);
                }
            }
        }
        let extreme = |v: &[f64], sign: f64| -> f64 {
            let m = v.len();
            let k = (0..m)
                .max_by(|&a, &b| (sign * v[a]).total_cmp(&(sign * v[b])))
                .unwrap_or(0);
            let (km, kp) = ((k + m - 1) % m, (k + 1) % m);
            let d0 = (taus[km] - taus[k] + 0.5).rem_euclid(1.0) - 0.5;
            let d2 = (taus[kp] - taus[k] + 0.5).rem_euclid(1.0) - 0.5;
            let (y0, y1, y2) = (v[km], v[k], v[kp]);
            let a = ((y2 - y1) / d2 - (y0 - y1) / d0) / (d2 - d0);
            let b = (y2 - y1) / d2 - a * d2;
            let peak = y1 - b * b / (4.0 * a);
            // The parabola's extreme, when it is one near the sample.
            if a.is_finite() && a * sign < 0.0 && (sign * (peak - y1)) >= 0.0 && peak.is_finite() {
                peak
            } else {
                y1
            }
        };
        let min = vals.iter().map(|v| extreme(v, -1.0)).collect();
        let max = vals.iter().map(|v| extreme(v, 1.0)).collect();
        let (multipliers, stable) = floquet(&pt.mono);
        Orbit {
            p: self.param(&pt.u),
            period: self.period(&pt.u),
            min,
            max,
            multipliers,
            stable,
        }
    }

    /// ∫⟨a − ā, b − b̄⟩ dt of two orbits on the same mesh (ā their means): negative when the
    /// branch has passed through a constant orbit (a Hopf point) between them.
    fn shape_overlap(&self, mesh: &[f64], a: &[f64], b: &[f64]) -> f64 {
        let w = self.weights(mesh);
        let n = self.n;
        let mean = |v: &[f64], k: usize| -> f64 {
            (0..self.nodes()).map(|g| w[g * n + k] * v[g * n + k]).sum()
        };
        (0..n)
            .map(|k| {
                let (ma, mb) = (mean(a, k), mean(b, k));
                (0..self.nodes())
                    .map(|g| w[g * n + k] * (a[g * n + k] - ma) * (b[g * n + k] - mb))
                    .sum::<f64>()
            })
            .sum()
    }

    /// `v` (an orbit or a tangent on `mesh`) on a mesh of `nint` intervals (uniform in the
    /// old mesh's intervals: each split in equal parts).
    fn refine(&self, mesh: &[f64], v: &[f64], nint: usize) -> (Vec<f64>, Vec<f64>) {
        let k = nint / self.nint;
        let new: Vec<f64> = (0..=nint)
            .map(|j| {
                let (a, r) = (j / k, j % k);
                if a >= self.nint {
                    1.0
                } else {
                    mesh[a] + (mesh[a + 1] - mesh[a]) * r as f64 / k as f64
                }
            })
            .collect();
        let n = self.n;
        let li_new = nint * NCOL * n;
        let mut out = vec![0.0; li_new + 2];
        for j in 0..nint {
            for i in 0..NCOL {
                let tau = new[j] + (new[j + 1] - new[j]) * i as f64 / NCOL as f64;
                let x = self.value_at(mesh, v, tau);
                let o = (j * NCOL + i) * n;
                out[o..o + n].copy_from_slice(&x);
            }
        }
        out[li_new] = v[self.li()];
        out[li_new + 1] = v[self.li() + 1];
        (new, out)
    }

    /// The largest peak-to-peak swing of the scaled variables.
    fn amplitude(&self, u: &[f64]) -> f64 {
        let n = self.n;
        (0..n)
            .map(|a| {
                let vals = (0..self.nodes()).map(|k| u[k * n + a]);
                let (lo, hi) = vals.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
                    (l.min(v), h.max(v))
                });
                hi - lo
            })
            .fold(0.0, f64::max)
    }
}

/// The Floquet multipliers of a monodromy matrix, largest modulus first, and whether all but
/// the one nearest 1 (the trivial multiplier) lie inside the unit circle.
#[must_use]
fn floquet(m: &DMatrix<f64>) -> (Vec<Eigen>, bool) {
    let mut e: Vec<Eigen> = m
        .complex_eigenvalues()
        .iter()
        .map(|c| Eigen { re: c.re, im: c.im })
        .collect();
    e.sort_by(|a, b| b.re.hypot(b.im).total_cmp(&a.re.hypot(a.im)));
    let trivial = (0..e.len()).min_by(|&a, &b| {
        let d = |k: usize| (e[k].re - 1.0).hypot(e[k].im);
        d(a).total_cmp(&d(b))
    });
    let stable = e
        .iter()
        .enumerate()
        .filter(|(k, _)| Some(*k) != trivial)
        .all(|(_, v)| v.re.hypot(v.im) < 1.0);
    (e, stable)
}

/// Follows the branch of periodic orbits of `f` that is born at the Hopf point (x, p) of
/// angular frequency `omega` (per unit of the field's time), within the settings' range. `w` is
/// each state variable's typical size. The first orbit is x + ε Re(q e^{iωt}) corrected, with q
/// the critical eigenvector.
///
/// # Errors
/// No critical eigenvector at the Hopf point, or no orbit next to it.
#[allow(clippy::too_many_lines)]
pub fn continue_cycle<F: Field>(
    f: &F,
    x: &[f64],
    p: f64,
    omega: f64,
    w: &[f64],
    set: &CycleSettings,
) -> Result<CycleBranch, CycleError> {
    let n = f.dim();
    if omega.is_nan() || omega <= 0.0 || x.len() != n || w.len() != n {
        return Err(CycleError::NoEigenvector);
    }
    let w_p = (set.p_max - set.p_min).abs().max(1e-12);
    let scaled = |w: &[f64]| {
        let mut wv = w.to_vec();
        wv.push(w_p);
        let mut zs: Vec<f64> = x.iter().zip(w).map(|(a, b)| a / b).collect();
        zs.push((p - set.p_min) / w_p);
        let s = Scaled {
            f,
            w: wv,
            p0: set.p_min,
            n,
        };
        (s, zs)
    };
    let (s, zs) = scaled(w);
    let jac = s.jacobian(&zs).ok_or(CycleError::NoEigenvector)?;
    let a = DMatrix::from_fn(n, n, |i, j| Complex::new(jac[(i, j)], 0.0));
    let q = null_vector(&(a - DMatrix::identity(n, n) * Complex::new(0.0, omega)))
        .ok_or(CycleError::NoEigenvector)?;
    // A variable that is near 0 at the equilibria (a small weight) but swings with the others
    // would take the arclength for itself: no variable's swing in the critical eigenvector,
    // relative to its weight, may exceed the median variable's (the weight is raised).
    let qx: Vec<f64> = (0..n).map(|k| q[k].norm() * w[k]).collect();
    let mut ratios: Vec<f64> = (0..n).map(|k| qx[k] / w[k]).collect();
    ratios.sort_by(f64::total_cmp);
    let median = ratios[n / 2];
    if median.is_nan() || median <= 0.0 {
        return Err(CycleError::NoEigenvector);
    }
    let w: Vec<f64> = (0..n).map(|k| w[k].max(qx[k] / median)).collect();
    let q: Vec<Complex<f64>> = (0..n).map(|k| q[k] * (s.w[k] / w[k])).collect();
    let (s, zs) = scaled(&w);
    let mut c = Colloc::new(s, set.intervals, 2.0 * std::f64::consts::PI / omega);
    let li = c.li();
    let mesh: Vec<f64> = (0..=c.nint).map(|j| j as f64 / c.nint as f64).collect();
    // The Hopf "orbit" (constant) and its tangent Re(q e^{2πiτ}).
    let mut u0 = vec![0.0; li + 2];
    let mut t0 = vec![0.0; li + 2];
    for j in 0..c.nint {
        for i in 0..NCOL {
            let tau = mesh[j] + (mesh[j + 1] - mesh[j]) * i as f64 / NCOL as f64;
            let (sn, cs) = (2.0 * std::f64::consts::PI * tau).sin_cos();
            let o = c.node(j, i);
            for k in 0..n {
                u0[o + k] = zs[k];
                t0[o + k] = q[k].re * cs - q[k].im * sn;
            }
        }
    }
    u0[li + 1] = zs[n];
    let norm = c.inner(&mesh, &t0, &t0).sqrt();
    if norm.is_nan() || norm <= 0.0 {
        return Err(CycleError::NoEigenvector);
    }
    t0.iter_mut().for_each(|v| *v /= norm);
    let hopf = Pt {
        mesh: mesh.clone(),
        u: u0,
        t: t0,
        mono: DMatrix::identity(n, n),
        iterations: 0,
    };
    // The first orbit: amplitude ~ ds0 in the scaled variables.
    let ds0 = 0.02_f64.min(set.ds_max);
    let mut first = None;
    let mut ds = ds0;
    while ds > 1e-4 {
        if let Some(pt) = c.step(&hopf, ds, &hopf.t) {
            first = Some(pt);
            break;
        }
        ds *= 0.5;
    }
    let mut cur = first.ok_or(CycleError::NoStart)?;
    let mut branch = CycleBranch {
        points: vec![c.orbit(&cur)],
        special: Vec::new(),
        end: CycleEnd::Budget,
    };
    let amp_first = c.amplitude(&cur.u);
    let mut amp_max = amp_first;
    let mut t_min = c.period(&cur.u);
    // (period, parameter) of the points so far, for the homoclinic test.
    let mut history = vec![(c.period(&cur.u), c.param(&cur.u))];
    let inside = |zp: f64| (-1e-12..=1.0 + 1e-12).contains(&zp);
    let special_orbit = |c: &Colloc<'_, F>, q: &Pt, kind| CycleSpecial {
        kind,
        orbit: c.orbit(q),
        after: 0,
    };
    while branch.points.len() < set.max_points {
        // A new mesh when the old one no longer fits the orbit.
        let (uneven, new_mesh) = c.monitor(&cur.mesh, &cur.u);
        if uneven > 2.0 {
            let u = c.interpolate(&cur.mesh, &cur.u, &new_mesh);
            let t = c.interpolate(&cur.mesh, &cur.t, &new_mesh);
            let moved = Pt {
                mesh: new_mesh,
                u,
                t,
                ..cur.clone()
            };
            // Corrected on the new mesh, on the hyperplane through itself.
            if let Some(q) = c.step(&moved, 0.0, &moved.u) {
                cur = q;
            }
        }
        let next = c
            .step(&cur, ds, &cur.u)
            .filter(|q| c.inner(&q.mesh, &q.t, &cur.t) > 0.9);
        // A discretisation too coarse for the orbit shows in the trivial multiplier: refine.
        if let Some(q) = &next {
            let trivial = q.trivial_error();
            if trivial > 1e-2 && c.nint * 2 <= set.max_intervals {
                let nint = 2 * c.nint;
                let (mesh, u) = c.refine(&cur.mesh, &cur.u, nint);
                let (_, t) = c.refine(&cur.mesh, &cur.t, nint);
                let old = c.nint;
                c.nint = nint;
                let moved = Pt {
                    mesh,
                    u,
                    t,
                    ..cur.clone()
                };
                if let Some(q) = c.step(&moved, 0.0, &moved.u) {
                    cur = q;
                    continue;
                }
                c.nint = old;
            }
        }
        let Some(next) = next else {
            ds *= 0.5;
            if ds < DS_MIN {
                branch.end = CycleEnd::Lost;
                // Lost on the way up a period that grows without bound while p has settled:
                // the approach to a homoclinic orbit, as far as the mesh resolves it.
                let (t_now, p_now) = (c.period(&cur.u), c.param(&cur.u));
                let earlier = history.iter().rev().find(|(t, _)| *t <= t_now / 1.5);
                if t_now > 2.0 * t_min
                    && earlier.is_some_and(|h| (h.1 - p_now).abs() < 1e-4 * (set.p_max - set.p_min))
                {
                    let mut sp = special_orbit(&c, &cur, SpecialKind::Homoclinic);
                    sp.after = branch.points.len() - 1;
                    branch.special.push(sp);
                    branch.end = CycleEnd::Homoclinic;
                }
                break;
            }
            continue;
        };
        // Through a Hopf point (the orbit's swing changes sign): the branch ends there.
        if c.shape_overlap(&next.mesh, &cur.u, &next.u) < 0.0
            && c.amplitude(&next.u) < 0.2 * amp_max
        {
            branch.end = CycleEnd::Hopf;
            break;
        }
        let after = branch.points.len() - 1;
        // Special points between cur and next.
        let tests: [(SpecialKind, TestFn); 2] = [
            (SpecialKind::CycleFold, Pt::fold_test),
            (SpecialKind::PeriodDoubling, Pt::pd_test),
        ];
        let mut found = Vec::new();
        for (kind, test) in tests {
            let (f0, f1) = (test(&cur), test(&next));
            // A fold's test passes through zero at a finite slope; a branch that has become
            // vertical in p (the approach to a homoclinic orbit) flips its sign in the noise.
            let vertical = c.period(&cur.u) > 5.0 * t_min
                && (c.param(&cur.u) - c.param(&next.u)).abs() < 1e-9 * (set.p_max - set.p_min);
            // (Only at a sign change: the multipliers' eigenvalues are not needed otherwise.)
            let clear = || match kind {
                SpecialKind::CycleFold => !vertical,
                SpecialKind::PeriodDoubling => pd_possible(&cur, &next),
                _ => true,
            };
            if f0 * f1 < 0.0 && clear() {
                let at = |sigma: f64| c.step(&cur, sigma, &cur.u);
                if let Some(q) = illinois(at, test, f0, ds, f1) {
                    let mut sp = special_orbit(&c, &q, kind);
                    sp.after = after;
                    // A period doubling has its multiplier at −1 (a sign change of det(M + I)
                    // through a pole, or through noise in the multipliers of a badly
                    // conditioned monodromy, is none).
                    let genuine = kind != SpecialKind::PeriodDoubling
                        || sp
                            .orbit
                            .multipliers
                            .iter()
                            .any(|e| (e.re + 1.0).abs() < 1e-3 && e.im.abs() < 1e-9);
                    if genuine {
                        found.push(sp);
                    }
                }
            }
        }
        found.sort_by(|a, b| {
            let key = |s: &CycleSpecial| (s.orbit.p - branch.points[after].p).abs();
            key(a).total_cmp(&key(b))
        });
        branch.special.extend(found);
        let li = c.li();
        let zp = next.u[li + 1];
        if !inside(zp) {
            // The end of the range: the orbit on it.
            let bound = if zp > 1.0 { 1.0 } else { 0.0 };
            let mut arc = vec![0.0; li + 2];
            arc[li + 1] = 1.0;
            let phase = c.phase_row(&cur.u);
            let mut pred = next.u.clone();
            pred[li + 1] = bound;
            if let Some(q) = c
                .newton(&next.mesh, pred, &arc, bound, &phase)
                .and_then(|(u, its)| c.analyse(&next.mesh, u, &cur.t, its))
            {
                branch.points.push(c.orbit(&q));
            }
            branch.end = CycleEnd::Range;
            break;
        }
        let orbit = c.orbit(&next);
        let amp = c.amplitude(&next.u);
        amp_max = amp_max.max(amp);
        t_min = t_min.min(orbit.period);
        history.push((orbit.period, orbit.p));
        branch.points.push(orbit);
        // Back at a Hopf point?
        if amp < 0.5 * amp_first && amp_max > 4.0 * amp_first {
            branch.end = CycleEnd::Hopf;
            break;
        }
        // A homoclinic end: the period has grown many times over while p hardly moves.
        let (t_now, p_now) = (c.period(&next.u), c.param(&next.u));
        if t_now > set.period_factor * t_min {
            let half = history
                .iter()
                .rev()
                .find(|(t, _)| *t <= 0.5 * t_now)
                .map_or(p_now, |h| h.1);
            if (half - p_now).abs() < 1e-5 * (set.p_max - set.p_min) {
                let mut sp = special_orbit(&c, &next, SpecialKind::Homoclinic);
                sp.after = branch.points.len() - 1;
                branch.special.push(sp);
                branch.end = CycleEnd::Homoclinic;
                break;
            }
        }
        ds = match next.iterations {
            0..=2 => (ds * 1.5).min(set.ds_max),
            3 => (ds * 1.3).min(set.ds_max),
            4 => (ds * 1.1).min(set.ds_max),
            _ => ds * 0.6,
        };
        cur = next;
    }
    Ok(branch)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// r' = μ r + σ r³, θ' = ω + b r² in Cartesian coordinates (x = r cos θ, y = r sin θ), with
    /// μ the parameter: a Hopf point at μ = 0 and, for μσ < 0, the cycle r² = −μ/σ of period
    /// 2π/(ω + b r²) and nontrivial multiplier exp(−2μT).
    struct Polar {
        sigma: f64,
        omega: f64,
        b: f64,
    }
    impl Field for Polar {
        fn noise_free(&self) -> bool {
            true
        }
        fn dim(&self) -> usize {
            2
        }
        fn eval(&self, x: &[f64], mu: f64) -> Option<Vec<f64>> {
            let r2 = x[0] * x[0] + x[1] * x[1];
            let radial = mu + self.sigma * r2;
            let angular = self.omega + self.b * r2;
            Some(vec![
                radial * x[0] - angular * x[1],
                radial * x[1] + angular * x[0],
            ])
        }
    }

    #[test]
    fn the_polar_normal_form_has_its_closed_form_cycles() {
        for (sigma, lo, hi) in [(-1.0, -0.2, 0.5), (1.0, -0.5, 0.2)] {
            let f = Polar {
                sigma,
                omega: 2.0,
                b: 0.7,
            };
            let set = CycleSettings::new(lo, hi);
            let br = continue_cycle(&f, &[0.0, 0.0], 0.0, 2.0, &[1.0, 1.0], &set).unwrap();
            assert_eq!(br.end, CycleEnd::Range, "{:?}", br.end);
            assert!(br.points.len() > 5, "{}", br.points.len());
            for o in &br.points {
                let r2 = -o.p / sigma;
                let r = r2.sqrt();
                let period = 2.0 * std::f64::consts::PI / (2.0 + 0.7 * r2);
                assert!(
                    (o.period - period).abs() < 1e-8 * period,
                    "{o:?} vs T {period}"
                );
                assert!((o.max[0] - r).abs() < 1e-7 * r.max(1e-3), "{o:?} vs r {r}");
                assert!((o.min[1] + r).abs() < 1e-7 * r.max(1e-3), "{o:?} vs r {r}");
                // Multipliers: 1 and exp(−2μT) (the radial one: d(r')/dr = μ + 3σr² = −2μ).
                let m = (-2.0 * o.p * period).exp();
                let other = o
                    .multipliers
                    .iter()
                    .map(|e| e.re)
                    .min_by(|a, b| (a - 1.0).abs().total_cmp(&(b - 1.0).abs()).reverse())
                    .unwrap();
                assert!((other - m).abs() < 1e-6 * m.max(1.0), "{o:?}: {m}");
                assert_eq!(o.stable, sigma < 0.0);
            }
            let last = br.points.last().unwrap();
            assert!((last.p - if sigma < 0.0 { hi } else { lo }).abs() < 1e-10);
        }
    }

    /// Rössler: x' = −y − z, y' = x + a y, z' = b + z (x − c), b = 2, c = 4, in a.
    struct Rossler;
    impl Field for Rossler {
        fn noise_free(&self) -> bool {
            true
        }
        fn dim(&self) -> usize {
            3
        }
        fn eval(&self, x: &[f64], a: f64) -> Option<Vec<f64>> {
            Some(vec![
                -x[1] - x[2],
                x[0] + a * x[1],
                2.0 + x[2] * (x[0] - 4.0),
            ])
        }
    }

    fn rk4(f: &impl Field, x: &mut [f64], p: f64, h: f64) {
        let k1 = f.eval(x, p).unwrap();
        let at =
            |k: &[f64], s: f64| -> Vec<f64> { x.iter().zip(k).map(|(a, b)| a + s * b).collect() };
        let k2 = f.eval(&at(&k1, 0.5 * h), p).unwrap();
        let k3 = f.eval(&at(&k2, 0.5 * h), p).unwrap();
        let k4 = f.eval(&at(&k3, h), p).unwrap();
        for i in 0..x.len() {
            x[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
        }
    }

    /// The local maxima of x over the second half of a run of `t` time units.
    fn maxima(f: &impl Field, mut x: Vec<f64>, p: f64, t: f64) -> Vec<f64> {
        let h = 0.005;
        let steps = (t / h) as usize;
        let mut out = Vec::new();
        let (mut a, mut b) = (x[0], x[0]);
        for k in 0..steps {
            rk4(f, &mut x, p, h);
            if k > steps / 2 && b > a && b > x[0] {
                out.push(b);
            }
            a = b;
            b = x[0];
        }
        out
    }

    #[test]
    fn the_rossler_period_doubling_is_where_the_poincare_map_doubles() {
        use crate::analysis::continuation::{continue_branch, Settings};
        let (lo, hi) = (-0.05, 0.345);
        let eq = continue_branch(
            &Rossler,
            &[-0.025, -0.497, 0.497],
            lo,
            &[1.0; 3],
            true,
            &Settings::new(lo, hi),
        )
        .unwrap();
        let h = eq.special.iter().find(|s| s.kind == SpecialKind::Hopf);
        let h = h.unwrap_or_else(|| {
            panic!(
                "{:?} {:?}",
                eq.special,
                eq.points
                    .iter()
                    .step_by(20)
                    .map(|q| (q.p, q.eigen.clone()))
                    .collect::<Vec<_>>()
            )
        });
        let br = continue_cycle(
            &Rossler,
            &h.x,
            h.p,
            h.omega.unwrap(),
            &[1.0; 3],
            &CycleSettings::new(lo, hi),
        )
        .unwrap();
        let pd: Vec<_> = br
            .special
            .iter()
            .filter(|s| s.kind == SpecialKind::PeriodDoubling)
            .collect();
        assert_eq!(pd.len(), 1, "{:?}", br.special);
        let c_pd = pd[0].orbit.p;
        assert!((0.25..0.345).contains(&c_pd), "{c_pd}");
        assert!(pd[0]
            .orbit
            .multipliers
            .iter()
            .any(|e| (e.re + 1.0).abs() < 1e-3));
        // A second method: the maxima of x along runs, one value before, two after.
        let spread = |c: f64| {
            let m = maxima(&Rossler, vec![1.0, 1.0, 0.0], c, 3000.0);
            let (l, h) = m
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
                    (l.min(*v), h.max(*v))
                });
            // Alternating: every other maximum close.
            let alt = m
                .windows(3)
                .map(|w| (w[0] - w[2]).abs())
                .fold(0.0, f64::max);
            (h - l, alt)
        };
        let (before, _) = spread(c_pd - 0.005);
        let (after, alt) = spread(c_pd + 0.005);
        assert!(before < 1e-3, "one maximum before: spread {before}");
        assert!(
            after > 2e-2 && alt < 1e-3,
            "two maxima after: spread {after}, {alt}"
        );
        // The orbits before it stable, after it not.
        let k = pd[0].after;
        assert!(br.points[k].stable && !br.points[k + 1].stable);
    }

    /// ẋ = y, ẏ = −x + x² + y (p − H), H = y²/2 + V(x), V = x²/2 − x³/3: dH/dt = y² (p − H),
    /// so for 0 < p < 1/6 the level set H = p is a stable cycle, born at p = 0 (Hopf) and
    /// homoclinic to the saddle (1, 0) at p = V(1) = 1/6.
    struct Loop;
    impl Field for Loop {
        fn noise_free(&self) -> bool {
            true
        }
        fn dim(&self) -> usize {
            2
        }
        fn eval(&self, x: &[f64], p: f64) -> Option<Vec<f64>> {
            let h = 0.5 * x[1] * x[1] + 0.5 * x[0] * x[0] - x[0].powi(3) / 3.0;
            Some(vec![x[1], -x[0] + x[0] * x[0] + x[1] * (p - h)])
        }
    }

    #[test]
    fn the_level_set_cycles_end_at_the_closed_form_homoclinic_value() {
        let br = continue_cycle(
            &Loop,
            &[0.0, 0.0],
            0.0,
            1.0,
            &[1.0, 1.0],
            &CycleSettings::new(-0.1, 0.3),
        )
        .unwrap();
        assert_eq!(
            br.end,
            CycleEnd::Homoclinic,
            "{:?} {}",
            br.points.last(),
            br.points.len()
        );
        let hom = br.special.last().unwrap();
        assert_eq!(hom.kind, SpecialKind::Homoclinic);
        assert!((hom.orbit.p - 1.0 / 6.0).abs() < 1e-5, "{}", hom.orbit.p);
        let v = |x: f64| 0.5 * x * x - x.powi(3) / 3.0;
        let checked: Vec<_> = br.points.iter().filter(|o| o.period < 12.0).collect();
        assert!(checked.len() > 10, "{}", checked.len());
        for o in checked {
            // On H = p: the turning points in x have V = p, the largest y is √(2p).
            assert!(
                (v(o.max[0]) - o.p).abs() < 1e-6 && (v(o.min[0]) - o.p).abs() < 1e-6,
                "{o:?}"
            );
            assert!((o.max[1] - (2.0 * o.p).sqrt()).abs() < 1e-6, "{o:?}");
            assert!(o.stable, "{o:?}");
        }
    }
}
