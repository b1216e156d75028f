//! The numerical pieces of the fit: a Householder-QR least-squares solver (the threshold step
//! is a linear least-squares problem, solved directly rather than by a general optimiser), the
//! inverse of erfc, and Levenberg–Marquardt for the rate-space refinement.

/// Solves min ‖A x − b‖₂ for the `rows` of A (each of length n ≤ rows.len()) by Householder QR
/// on column-equilibrated A.
///
/// # Errors
/// When A has fewer rows than columns or is rank deficient; the message names the column.
pub fn least_squares(rows: &[Vec<f64>], b: &[f64]) -> Result<Vec<f64>, String> {
    let m = rows.len();
    let n = rows.first().map_or(0, Vec::len);
    if m < n || b.len() != m || rows.iter().any(|r| r.len() != n) {
        return Err(format!("{m} equations cannot determine {n} unknowns"));
    }
    // Column-major copy, each column scaled to unit norm (the scale is undone at the end).
    let mut scale = vec![0.0; n];
    let mut a: Vec<Vec<f64>> = (0..n)
        .map(|j| rows.iter().map(|r| r[j]).collect::<Vec<f64>>())
        .collect();
    for (j, col) in a.iter_mut().enumerate() {
        let norm = col.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm == 0.0 || !norm.is_finite() {
            return Err(format!("column {j} is zero or not finite"));
        }
        scale[j] = norm;
        col.iter_mut().for_each(|x| *x /= norm);
    }
    let mut y = b.to_vec();
    let mut diag = vec![0.0; n];
    for k in 0..n {
        let norm = a[k][k..].iter().map(|x| x * x).sum::<f64>().sqrt();
        let alpha = if a[k][k] > 0.0 { -norm } else { norm };
        diag[k] = alpha;
        // Householder vector v = x − alpha e₁, stored in a[k][k..].
        a[k][k] -= alpha;
        let vnorm2: f64 = a[k][k..].iter().map(|x| x * x).sum();
        if vnorm2 == 0.0 {
            continue;
        }
        let (left, right) = a.split_at_mut(k + 1);
        let v = &left[k][k..];
        for col in right.iter_mut() {
            let dot: f64 = v.iter().zip(&col[k..]).map(|(p, q)| p * q).sum();
            let f = 2.0 * dot / vnorm2;
            col[k..].iter_mut().zip(v).for_each(|(c, vi)| *c -= f * vi);
        }
        let dot: f64 = v.iter().zip(&y[k..]).map(|(p, q)| p * q).sum();
        let f = 2.0 * dot / vnorm2;
        y[k..].iter_mut().zip(v).for_each(|(c, vi)| *c -= f * vi);
    }
    let largest = diag.iter().fold(0.0_f64, |acc, d| acc.max(d.abs()));
    let mut x = vec![0.0; n];
    for k in (0..n).rev() {
        if diag[k].abs() <= 1e-12 * largest {
            return Err(format!(
                "the data do not determine unknown {k} (rank deficient)"
            ));
        }
        let s: f64 = (k + 1..n).map(|j| a[j][k] * x[j]).sum();
        x[k] = (y[k] - s) / diag[k];
    }
    Ok(x.iter().zip(&scale).map(|(xi, s)| xi / s).collect())
}

/// x with erfc(x) = y, for 0 < y < 2 (bisection on ln erfc, which is monotone and smooth;
/// 200 halvings reach the last bit). `None` outside (0, 2).
#[must_use]
pub fn erfc_inv(y: f64) -> Option<f64> {
    if y.is_nan() || y <= 0.0 || y >= 2.0 {
        return None;
    }
    let (mut lo, mut hi) = (-6.0_f64, 27.0_f64); // erfc(−6) ≈ 2 − 2e−17, erfc(27) ≈ 5e−319
    let target = libm::log(y);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid == lo || mid == hi {
            break;
        }
        if libm::log(libm::erfc(mid)) > target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(0.5 * (lo + hi))
}

/// A least-squares problem r(p) for Levenberg–Marquardt: residuals and their Jacobian.
pub trait Residuals {
    /// Number of parameters.
    fn parameters(&self) -> usize;
    /// Residuals at `p`.
    fn residuals(&self, p: &[f64]) -> Vec<f64>;
    /// Jacobian rows ∂r_j/∂p at `p`.
    fn jacobian(&self, p: &[f64]) -> Vec<Vec<f64>>;
}

/// Minimises Σ r_j(p)² from `p0` by Levenberg–Marquardt with Marquardt's diagonal scaling; each
/// step is a QR solve of the damped, augmented system. Returns the best p found and its cost.
#[must_use]
pub fn levenberg_marquardt(
    problem: &impl Residuals,
    p0: &[f64],
    max_iter: usize,
) -> (Vec<f64>, f64) {
    let cost = |r: &[f64]| r.iter().map(|x| x * x).sum::<f64>();
    let mut p = p0.to_vec();
    let mut c = cost(&problem.residuals(&p));
    let mut lambda = 1e-3;
    let n = problem.parameters();
    for _ in 0..max_iter {
        let r = problem.residuals(&p);
        let j = problem.jacobian(&p);
        let d: Vec<f64> = (0..n)
            .map(|k| j.iter().map(|row| row[k] * row[k]).sum::<f64>().max(1e-300))
            .collect();
        let mut improved = false;
        while lambda < 1e12 {
            let mut rows = j.clone();
            let mut rhs: Vec<f64> = r.iter().map(|x| -x).collect();
            for (k, dk) in d.iter().enumerate() {
                let mut row = vec![0.0; n];
                row[k] = (lambda * dk).sqrt();
                rows.push(row);
                rhs.push(0.0);
            }
            let Ok(step) = least_squares(&rows, &rhs) else {
                lambda *= 4.0;
                continue;
            };
            let trial: Vec<f64> = p.iter().zip(&step).map(|(a, b)| a + b).collect();
            let ct = cost(&problem.residuals(&trial));
            if ct.is_finite() && ct < c {
                let gain = (c - ct) / c.max(f64::MIN_POSITIVE);
                p = trial;
                c = ct;
                lambda = (lambda / 3.0).max(1e-12);
                improved = gain > 1e-12;
                break;
            }
            lambda *= 4.0;
        }
        if !improved {
            break;
        }
    }
    (p, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn least_squares_solves_an_overdetermined_consistent_system_exactly() {
        // y = 2 − 3 t + 0.5 t² sampled at 7 points, with columns of very different size.
        let ts: Vec<f64> = (0..7).map(|k| f64::from(k) * 100.0).collect();
        let rows: Vec<Vec<f64>> = ts.iter().map(|t| vec![1.0, *t, t * t]).collect();
        let b: Vec<f64> = ts.iter().map(|t| 2.0 - 3.0 * t + 0.5 * t * t).collect();
        let x = least_squares(&rows, &b).unwrap();
        assert!(
            (x[0] - 2.0).abs() < 1e-9 && (x[1] + 3.0).abs() < 1e-12 && (x[2] - 0.5).abs() < 1e-15,
            "{x:?}"
        );
    }

    #[test]
    fn least_squares_names_an_undetermined_unknown() {
        let rows = vec![vec![1.0, 2.0], vec![2.0, 4.0], vec![3.0, 6.0]];
        let e = least_squares(&rows, &[1.0, 2.0, 3.0]).unwrap_err();
        assert!(e.contains("unknown 1"), "{e}");
    }

    #[test]
    fn erfc_inv_inverts_erfc() {
        for x in [-3.0, -0.5, 0.0, 0.3, 1.0, 4.0, 9.0] {
            let y = libm::erfc(x);
            let back = erfc_inv(y).unwrap();
            assert!((back - x).abs() < 1e-10 * x.abs().max(1.0), "{x} {back}");
        }
        assert!(erfc_inv(0.0).is_none() && erfc_inv(2.0).is_none() && erfc_inv(f64::NAN).is_none());
    }
}
