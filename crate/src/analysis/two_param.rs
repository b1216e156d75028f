//! Two-parameter continuation: the curves of folds and of Hopf points of a vector field
//! f(x, p₁, p₂) in the (p₁, p₂) plane, with their codimension-two points.
//!
//! - **Curves.** A fold curve is the branch of the augmented system G(x, p₁; p₂) = (f, g) = 0
//!   where g vanishes exactly where f_x is singular, a Hopf curve that where the bialternate
//!   product 2 f_x ⊙ I is (its determinant is ∏_{i<j}(λ_i + λ_j), Kuznetsov 2004, §10.2): g is
//!   the determinant (a polynomial in the entries of f_x, so as smooth as f) over its size at
//!   the start. The systems are continued in p₂ by
//!   [`super::continuation::continue_branch`], with p₁ an unknown.
//! - **Cusp.** Along a fold curve, the quadratic coefficient b = ⟨p, f_xx(q, q)⟩ (q, p the right
//!   and left null vectors of f_x) changes sign. The curve then turns in p₂ as well (both
//!   parameters' tangent components vanish there), a fold of the augmented branch located to
//!   1e-12 by the continuation; it is a cusp when b changes sign across it.
//! - **Bogdanov–Takens.** Along a Hopf curve the product κ of the pair whose sum vanishes is ω² >
//!   0 on the Hopf part and −λ² < 0 where the curve continues as a curve of neutral saddles: κ
//!   changes sign at a Bogdanov–Takens point, on a fold curve.
//! - **Bautin.** The first Lyapunov coefficient changes sign along the Hopf part.
//!
//! The codimension-two points are located by linear interpolation of their test function
//! between the two curve points that bracket the sign change.

use super::continuation::{
    continue_branch, first_lyapunov, jacobian_at, Field, Settings, SpecialKind,
};
use nalgebra::DMatrix;

/// A vector field with two parameters.
pub trait Field2 {
    /// Number of state variables.
    fn dim(&self) -> usize;
    /// f(x, p₁, p₂), or `None` where it is not defined.
    fn eval2(&self, x: &[f64], p1: f64, p2: f64) -> Option<Vec<f64>>;
    /// Whether f is free of rounding noise (see [`Field::noise_free`]).
    fn noise_free(&self) -> bool {
        false
    }
}

/// What a curve is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CurveKind {
    /// Folds (saddle-nodes).
    Fold,
    /// Hopf points (and, past a Bogdanov–Takens point, neutral saddles).
    Hopf,
}

/// A point of a curve.
#[derive(Clone, Debug, PartialEq)]
pub struct CurvePoint {
    /// The first parameter.
    pub p1: f64,
    /// The second parameter.
    pub p2: f64,
    /// The equilibrium.
    pub x: Vec<f64>,
    /// Hopf curves: whether the point is a neutral saddle (real pair ±λ), not a Hopf point.
    pub neutral: bool,
}

/// A curve of folds or Hopf points.
#[derive(Clone, Debug, PartialEq)]
pub struct Curve {
    /// Folds or Hopf points.
    pub kind: CurveKind,
    /// Its points, in order of arclength.
    pub points: Vec<CurvePoint>,
}

/// A codimension-two point.
#[derive(Clone, Debug, PartialEq)]
pub struct Special2 {
    /// Cusp, Bogdanov–Takens or Bautin.
    pub kind: SpecialKind,
    /// The first parameter.
    pub p1: f64,
    /// The second parameter.
    pub p2: f64,
    /// The equilibrium.
    pub x: Vec<f64>,
}

/// The field at fixed (p₁, p₂), as a one-parameter [`Field`] (its parameter unused), for the
/// Jacobian and the Lyapunov coefficient.
struct Frozen<'a, F: Field2> {
    f: &'a F,
    p1: f64,
    p2: f64,
}

impl<F: Field2> Field for Frozen<'_, F> {
    fn dim(&self) -> usize {
        self.f.dim()
    }
    fn eval(&self, x: &[f64], _: f64) -> Option<Vec<f64>> {
        self.f.eval2(x, self.p1, self.p2)
    }
    fn noise_free(&self) -> bool {
        self.f.noise_free()
    }
}

/// The bialternate product 2A ⊙ I of an n × n matrix, of size n(n−1)/2 (Kuznetsov 2004,
/// eq. 10.46): det(2A ⊙ I) = ∏_{i<j}(λ_i + λ_j).
#[must_use]
pub fn bialternate(a: &DMatrix<f64>) -> DMatrix<f64> {
    let n = a.nrows();
    let pairs: Vec<(usize, usize)> = (1..n).flat_map(|p| (0..p).map(move |q| (p, q))).collect();
    DMatrix::from_fn(pairs.len(), pairs.len(), |i, j| {
        let ((p, q), (r, s)) = (pairs[i], pairs[j]);
        if r == p && s == q {
            a[(p, p)] + a[(q, q)]
        } else if r == q {
            -a[(p, s)]
        } else if r != p && s == q {
            a[(p, r)]
        } else if r == p && s != q {
            a[(q, s)]
        } else if s == p {
            -a[(q, r)]
        } else {
            0.0
        }
    })
}

/// The augmented system of a fold or Hopf curve: unknowns (x, p₁), parameter p₂.
struct Augmented<'a, F: Field2> {
    f: &'a F,
    kind: CurveKind,
    /// The state variables' typical sizes.
    w: Vec<f64>,
    /// The test matrix's size at the start: the product of its rows' norms (the bound of
    /// Hadamard's inequality on its determinant), which the determinant is divided by.
    scale: f64,
    /// Where p₁ may go.
    p1_window: (f64, f64),
}

/// The matrix whose singularity defines the curve, in the coordinates scaled by `w`: f_x for
/// a fold, its bialternate product for a Hopf curve.
fn test_matrix<F: Field2>(
    f: &F,
    kind: CurveKind,
    (x, p1, p2): (&[f64], f64, f64),
    w: &[f64],
) -> Option<DMatrix<f64>> {
    let n = x.len();
    let a = jacobian_at(&Frozen { f, p1, p2 }, x, 0.0, w)?;
    let scaled = DMatrix::from_fn(n, n, |i, k| a[(i, k)] / w[i] * w[k]);
    Some(match kind {
        CurveKind::Fold => scaled,
        CurveKind::Hopf => bialternate(&scaled),
    })
}

impl<F: Field2> Augmented<'_, F> {
    /// The test function: det M over its size at the start.
    fn test(&self, x: &[f64], p1: f64, p2: f64) -> Option<f64> {
        let g = test_matrix(self.f, self.kind, (x, p1, p2), &self.w)?.determinant() / self.scale;
        g.is_finite().then_some(g)
    }
}

impl<F: Field2> Field for Augmented<'_, F> {
    fn dim(&self) -> usize {
        self.f.dim() + 1
    }
    fn eval(&self, y: &[f64], p2: f64) -> Option<Vec<f64>> {
        let n = self.f.dim();
        let (x, p1) = (&y[..n], y[n]);
        if !(p1 >= self.p1_window.0 && p1 <= self.p1_window.1) {
            return None;
        }
        let mut v = self.f.eval2(x, p1, p2)?;
        v.push(self.test(x, p1, p2)?);
        Some(v)
    }
    fn noise_free(&self) -> bool {
        self.f.noise_free()
    }
}

/// Settings of a two-parameter continuation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings2 {
    /// The range of p₂ the curves are followed in.
    pub p2_range: (f64, f64),
    /// Where p₁ may go (the curves end where they leave it).
    pub p1_window: (f64, f64),
    /// The typical size of p₁ (its range's span).
    pub p1_scale: f64,
}

/// The curve of `kind` through the fold or Hopf point (x, p₁) at p₂, followed both ways in p₂;
/// `w` is each state variable's typical size. `None` when the start is not on the curve.
#[must_use]
pub fn follow<F: Field2>(
    f: &F,
    kind: CurveKind,
    (x, p1, p2): (&[f64], f64, f64),
    w: &[f64],
    set: &Settings2,
) -> Option<(Curve, Vec<Special2>)> {
    let n = f.dim();
    let m = test_matrix(f, kind, (x, p1, p2), w)?;
    let aug = Augmented {
        f,
        kind,
        w: w.to_vec(),
        scale: m.row_iter().map(|r| r.norm()).product::<f64>().max(1e-300),
        p1_window: set.p1_window,
    };
    let mut wy = w.to_vec();
    wy.push(set.p1_scale.max(1e-12));
    let mut y0 = x.to_vec();
    y0.push(p1);
    let cs = Settings::new(set.p2_range.0, set.p2_range.1);
    let mut halves = Vec::new();
    for up in [false, true] {
        if let Ok(b) = continue_branch(&aug, &y0, p2, &wy, up, &cs) {
            halves.push(b);
        }
    }
    if halves.is_empty() {
        return None;
    }
    // One curve: the downward half reversed, then the upward half.
    let mut pts: Vec<(Vec<f64>, f64)> = Vec::new();
    let mut folds: Vec<(Vec<f64>, f64, usize)> = Vec::new();
    for (k, b) in halves.iter().enumerate() {
        let offset = pts.len();
        let mut these: Vec<(Vec<f64>, f64)> = b.points.iter().map(|q| (q.x.clone(), q.p)).collect();
        let mut sp: Vec<(Vec<f64>, f64, usize)> = b
            .special
            .iter()
            .filter(|s| s.kind == SpecialKind::Fold)
            .map(|s| (s.x.clone(), s.p, s.after))
            .collect();
        if k == 0 && halves.len() == 2 {
            let len = these.len();
            these.reverse();
            for s in &mut sp {
                // `after` counted from the start; reversed, the point lies after len − 2 − after.
                s.2 = len.saturating_sub(2 + s.2);
            }
            // The upward half starts at the same point: drop the duplicate.
            these.pop();
        }
        for s in &mut sp {
            s.2 += offset;
        }
        pts.extend(these);
        folds.extend(sp);
    }
    let points: Vec<CurvePoint> = pts
        .iter()
        .map(|(y, p2)| {
            let neutral = kind == CurveKind::Hopf
                && critical_pair(f, &y[..n], y[n], *p2, w).is_some_and(|k| k < 0.0);
            CurvePoint {
                p1: y[n],
                p2: *p2,
                x: y[..n].to_vec(),
                neutral,
            }
        })
        .collect();
    let special = match kind {
        CurveKind::Fold => cusps(f, &points, &folds, w),
        CurveKind::Hopf => hopf_points(f, &points, w),
    };
    Some((Curve { kind, points }, special))
}

/// The product κ of the eigenvalue pair whose sum is smallest (ω² at a Hopf point, −λ² at a
/// neutral saddle).
fn critical_pair<F: Field2>(f: &F, x: &[f64], p1: f64, p2: f64, w: &[f64]) -> Option<f64> {
    let a = jacobian_at(&Frozen { f, p1, p2 }, x, 0.0, w)?;
    let e = a.complex_eigenvalues();
    let mut best = (f64::INFINITY, 0.0);
    for i in 0..e.len() {
        for k in i + 1..e.len() {
            let sum = (e[i] + e[k]).norm();
            if sum < best.0 {
                best = (sum, (e[i] * e[k]).re);
            }
        }
    }
    best.0.is_finite().then_some(best.1)
}

/// The cusp test b = ⟨p, f_xx(q, q)⟩ at a fold point (q, p: right and left null vectors of
/// f_x, from its smallest singular value), by a central second difference; p's sign, which the
/// singular vectors leave free, is fixed by ⟨p, f_p₁⟩ > 0 (not zero at a fold that p₁
/// unfolds).
fn cusp_test<F: Field2>(f: &F, x: &[f64], p1: f64, p2: f64, w: &[f64]) -> Option<f64> {
    let n = x.len();
    let a = jacobian_at(&Frozen { f, p1, p2 }, x, 0.0, w)?;
    // Scaled coordinates, so that q's components are comparable.
    let scaled = DMatrix::from_fn(n, n, |i, k| a[(i, k)] / w[i] * w[k]);
    let svd = scaled.svd(true, true);
    let k = svd.singular_values.imin();
    let q: Vec<f64> = svd.v_t?.row(k).iter().zip(w).map(|(v, w)| v * w).collect();
    let pl: Vec<f64> = svd.u?.column(k).iter().zip(w).map(|(v, w)| v / w).collect();
    let h = 1e-3;
    let at = |s: f64| {
        let y: Vec<f64> = x.iter().zip(&q).map(|(a, b)| a + s * b).collect();
        f.eval2(&y, p1, p2)
    };
    let (fp, f0, fm) = (at(h)?, at(0.0)?, at(-h)?);
    let b: f64 = (0..n)
        .map(|i| pl[i] * (fp[i] - 2.0 * f0[i] + fm[i]) / (h * h))
        .sum();
    let dp = 1e-6 * p1.abs().max(1e-3);
    let (up, down) = (f.eval2(x, p1 + dp, p2)?, f.eval2(x, p1 - dp, p2)?);
    let orient: f64 = (0..n).map(|i| pl[i] * (up[i] - down[i])).sum();
    let b = b * orient.signum();
    b.is_finite().then_some(b)
}

/// The located folds of the fold curve's augmented branch (turning points in p₂) where the
/// cusp test changes sign across: cusps.
fn cusps<F: Field2>(
    f: &F,
    points: &[CurvePoint],
    folds: &[(Vec<f64>, f64, usize)],
    w: &[f64],
) -> Vec<Special2> {
    let n = f.dim();
    let b = |q: &CurvePoint| cusp_test(f, &q.x, q.p1, q.p2, w);
    folds
        .iter()
        .filter(|(_, _, after)| {
            let (Some(u), Some(v)) = (points.get(*after), points.get(after + 1)) else {
                return false;
            };
            matches!((b(u), b(v)), (Some(a), Some(c)) if a * c < 0.0)
        })
        .map(|(y, p2, _)| Special2 {
            kind: SpecialKind::Cusp,
            p1: y[n],
            p2: *p2,
            x: y[..n].to_vec(),
        })
        .collect()
}

/// Where `g` changes sign between consecutive points, and keeps its sign over `persist`
/// points on either side (a test function near zero over a stretch changes sign back and forth
/// by rounding): the point interpolated linearly.
fn sign_changes<'a>(
    points: &'a [CurvePoint],
    g: &[Option<f64>],
    kind: SpecialKind,
    persist: usize,
) -> impl Iterator<Item = Special2> + 'a {
    let g = g.to_vec();
    (persist..=points.len().saturating_sub(persist)).filter_map(move |k| {
        let (a, b) = (g[k - 1]?, g[k]?);
        if a * b >= 0.0 {
            return None;
        }
        let steady = |r: std::ops::Range<usize>, sign: f64| {
            r.into_iter().all(|i| g[i].is_some_and(|v| v * sign > 0.0))
        };
        if !(steady(k - persist..k, a) && steady(k..k + persist, b)) {
            return None;
        }
        let t = a / (a - b);
        let (u, v) = (&points[k - 1], &points[k]);
        let lerp = |p: f64, q: f64| p + t * (q - p);
        Some(Special2 {
            kind,
            p1: lerp(u.p1, v.p1),
            p2: lerp(u.p2, v.p2),
            x: u.x.iter().zip(&v.x).map(|(p, q)| lerp(*p, *q)).collect(),
        })
    })
}

/// Bogdanov–Takens points (κ changes sign) and Bautin points (l₁ changes sign on the Hopf
/// part) along a Hopf curve.
fn hopf_points<F: Field2>(f: &F, points: &[CurvePoint], w: &[f64]) -> Vec<Special2> {
    let kappa: Vec<Option<f64>> = points
        .iter()
        .map(|q| critical_pair(f, &q.x, q.p1, q.p2, w))
        .collect();
    let l1: Vec<Option<f64>> = points
        .iter()
        .zip(&kappa)
        .map(|(q, k)| {
            let omega = k.filter(|k| *k > 0.0)?.sqrt();
            first_lyapunov(
                &Frozen {
                    f,
                    p1: q.p1,
                    p2: q.p2,
                },
                &q.x,
                0.0,
                w,
                omega,
            )
        })
        .collect();
    let mut out: Vec<Special2> =
        sign_changes(points, &kappa, SpecialKind::BogdanovTakens, 1).collect();
    // l₁ by third differences carries rounding: its sign must hold over three points.
    out.extend(sign_changes(points, &l1, SpecialKind::Bautin, 3));
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
    use super::*;

    #[test]
    fn the_bialternate_determinant_is_the_product_of_the_eigenvalue_pair_sums() {
        let a = DMatrix::from_row_slice(
            4,
            4,
            &[
                0.3, -1.2, 0.5, 0.0, 2.0, -0.7, 0.1, 0.4, -0.3, 0.8, -1.5, 0.9, 0.6, 0.0, 0.2, -0.4,
            ],
        );
        let e = a.complex_eigenvalues();
        let mut prod = nalgebra::Complex::new(1.0, 0.0);
        for i in 0..4 {
            for k in i + 1..4 {
                prod *= e[i] + e[k];
            }
        }
        let det = bialternate(&a).determinant();
        assert!(
            (det - prod.re).abs() < 1e-12 * det.abs().max(1.0),
            "{det} {prod}"
        );
        assert!(prod.im.abs() < 1e-12);
    }

    /// The Bogdanov–Takens normal form x' = y, y' = β₁ + β₂ y + x² + x y (Kuznetsov 2004,
    /// eq. 8.52): equilibria x = ±√−β₁, trace β₂ + x and determinant −2x there. Folds on β₁ =
    /// 0; the Hopf curve β₁ = −β₂² (x = −β₂ < 0, so β₂ > 0), continued for β₂ < 0 as neutral
    /// saddles; they meet at the Bogdanov–Takens point (0, 0).
    struct Bt;
    impl Field2 for Bt {
        fn noise_free(&self) -> bool {
            true
        }
        fn dim(&self) -> usize {
            2
        }
        fn eval2(&self, x: &[f64], b1: f64, b2: f64) -> Option<Vec<f64>> {
            Some(vec![x[1], b1 + b2 * x[1] + x[0] * x[0] + x[0] * x[1]])
        }
    }

    #[test]
    fn the_bogdanov_takens_normal_form_has_its_closed_form_hopf_curve_and_bt_point() {
        // The Hopf point at β₂ = 0.5.
        let b2 = 0.5;
        let x = -b2;
        let b1 = -x * x;
        let set = Settings2 {
            p2_range: (-1.0, 1.0),
            p1_window: (-2.0, 2.0),
            p1_scale: 1.0,
        };
        let (curve, special) =
            follow(&Bt, CurveKind::Hopf, (&[x, 0.0], b1, b2), &[1.0, 1.0], &set).unwrap();
        for q in &curve.points {
            assert!((q.p1 + q.p2 * q.p2).abs() < 1e-9, "{q:?}");
        }
        let bt: Vec<_> = special
            .iter()
            .filter(|s| s.kind == SpecialKind::BogdanovTakens)
            .collect();
        assert_eq!(bt.len(), 1, "{special:?}");
        assert!(bt[0].p1.abs() < 1e-4 && bt[0].p2.abs() < 1e-2, "{bt:?}");
        // Past it, the curve is made of neutral saddles.
        assert!(curve.points.iter().any(|q| q.neutral && q.p2 < -0.1));
        assert!(curve
            .points
            .iter()
            .all(|q| q.neutral == (q.p2 < 0.0) || q.p2.abs() < 0.02));
    }

    /// x' = β₁ + β₂ x − x³: folds on 4β₂³ = 27β₁², meeting at the cusp (0, 0).
    struct CuspForm;
    impl Field2 for CuspForm {
        fn noise_free(&self) -> bool {
            true
        }
        fn dim(&self) -> usize {
            1
        }
        fn eval2(&self, x: &[f64], b1: f64, b2: f64) -> Option<Vec<f64>> {
            Some(vec![b1 + b2 * x[0] - x[0].powi(3)])
        }
    }

    #[test]
    fn the_cusp_normal_form_has_its_closed_form_fold_curve_and_cusp() {
        // On the fold curve x² = β₂/3, β₁ = −β₂ x + x³ = −2x³; start at x = 0.5.
        let x = 0.5;
        let (b2, b1) = (3.0 * x * x, -2.0 * x * x * x);
        let set = Settings2 {
            p2_range: (-0.5, 1.0),
            p1_window: (-2.0, 2.0),
            p1_scale: 1.0,
        };
        let (curve, special) =
            follow(&CuspForm, CurveKind::Fold, (&[x], b1, b2), &[1.0], &set).unwrap();
        for q in &curve.points {
            assert!(
                (4.0 * q.p2.powi(3) - 27.0 * q.p1 * q.p1).abs() < 1e-9,
                "{q:?}"
            );
        }
        assert_eq!(special.len(), 1, "{special:?}");
        assert_eq!(special[0].kind, SpecialKind::Cusp);
        assert!(
            special[0].p1.abs() < 1e-9 && special[0].p2.abs() < 1e-6,
            "{special:?}"
        );
    }
}
