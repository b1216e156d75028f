//! Linear stability of a fixed point of the first-order mean field with dynamic adaptation:
//! the Jacobian of (ν_e, ν_i, W_e, W_i) by centred differences, its characteristic polynomial
//! (Faddeev–LeVerrier) and the Routh–Hurwitz conditions, which decide stability without
//! computing eigenvalues.

use crate::meanfield::{AdexMeanField, AdexState};
use crate::stimulus::StimSample;

/// The kind of a fixed point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stability {
    /// Every eigenvalue has a negative real part.
    Stable,
    /// An odd number of real positive eigenvalues (det J > 0 for the 4 × 4 system): a saddle,
    /// as the middle point of a bistable pair.
    Saddle,
    /// Unstable through a complex pair (or an even number of real positive eigenvalues): an
    /// oscillation grows around it.
    Oscillatory,
}

impl Stability {
    /// Name used in CSV and JSON.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Stable => "stable",
            Self::Saddle => "saddle",
            Self::Oscillatory => "oscillatory",
        }
    }

    /// Parses [`Stability::name`].
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Stable, Self::Saddle, Self::Oscillatory]
            .into_iter()
            .find(|s| s.name() == name)
    }

    /// Whether the point is stable.
    #[must_use]
    pub fn is_stable(self) -> bool {
        self == Self::Stable
    }
}

/// Difference steps: rates [Hz], adaptation [pA].
const STEPS: [f64; 4] = [1e-4, 1e-4, 1e-3, 1e-3];

fn rhs(model: &AdexMeanField, x: [f64; 4], s: StimSample) -> [f64; 4] {
    let d = model.derivative(
        &AdexState {
            nu_e: x[0],
            nu_i: x[1],
            w_e: x[2],
            w_i: x[3],
            ..AdexState::default()
        },
        s,
    );
    [d.nu_e, d.nu_i, d.w_e, d.w_i]
}

/// The Jacobian [1/ms in consistent units] of the first-order dynamic-adaptation `model` at
/// `x` = (ν_e, ν_i, W_e, W_i). Rates near 0 are differenced one-sided (rates are not negative).
#[must_use]
pub fn jacobian(model: &AdexMeanField, x: [f64; 4], s: StimSample) -> [[f64; 4]; 4] {
    let mut j = [[0.0; 4]; 4];
    for (col, h) in STEPS.iter().enumerate() {
        let one_sided = col < 2 && x[col] < *h;
        let (mut lo, mut hi) = (x, x);
        hi[col] += h;
        if !one_sided {
            lo[col] -= h;
        }
        let (fp, fm) = (rhs(model, hi, s), rhs(model, lo, s));
        let width = if one_sided { *h } else { 2.0 * h };
        for (row, r) in j.iter_mut().enumerate() {
            r[col] = (fp[row] - fm[row]) / width;
        }
    }
    j
}

fn mul(a: &[[f64; 4]; 4], b: &[[f64; 4]; 4]) -> [[f64; 4]; 4] {
    let mut c = [[0.0; 4]; 4];
    for (i, row) in c.iter_mut().enumerate() {
        for (k, v) in row.iter_mut().enumerate() {
            *v = (0..4).map(|m| a[i][m] * b[m][k]).sum();
        }
    }
    c
}

/// Coefficients (a1, a2, a3, a4) of det(λI − J) = λ⁴ + a1 λ³ + a2 λ² + a3 λ + a4.
#[must_use]
pub fn characteristic(j: &[[f64; 4]; 4]) -> [f64; 4] {
    // Faddeev–LeVerrier: M_1 = I, c_k = −tr(J M_k)/k, M_{k+1} = J M_k + c_k I.
    let mut m = [[0.0; 4]; 4];
    for (i, row) in m.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    let mut c = [0.0; 4];
    for (k, ck) in c.iter_mut().enumerate() {
        let jm = mul(j, &m);
        let tr: f64 = (0..4).map(|i| jm[i][i]).sum();
        *ck = -tr / (k as f64 + 1.0);
        m = jm;
        for (i, row) in m.iter_mut().enumerate() {
            row[i] += *ck;
        }
    }
    c
}

/// Classifies a fixed point from its Jacobian.
#[must_use]
pub fn classify(j: &[[f64; 4]; 4]) -> Stability {
    let [a1, a2, a3, a4] = characteristic(j);
    if a4 < 0.0 {
        // det(−J) = det J < 0 ⇔ product of eigenvalues < 0: an odd number of positive reals.
        return Stability::Saddle;
    }
    let hurwitz = a1 > 0.0
        && a2 > 0.0
        && a3 > 0.0
        && a4 > 0.0
        && a1 * a2 > a3
        && a1 * a2 * a3 > a3 * a3 + a1 * a1 * a4;
    if hurwitz {
        Stability::Stable
    } else {
        Stability::Oscillatory
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(d: [f64; 4]) -> [[f64; 4]; 4] {
        let mut j = [[0.0; 4]; 4];
        for i in 0..4 {
            j[i][i] = d[i];
        }
        j
    }

    #[test]
    fn characteristic_polynomial_of_a_diagonal_matrix_has_its_roots() {
        // (λ+1)(λ+2)(λ+3)(λ+4) = λ⁴ + 10λ³ + 35λ² + 50λ + 24.
        let c = characteristic(&diag([-1.0, -2.0, -3.0, -4.0]));
        for (got, want) in c.iter().zip([10.0, 35.0, 50.0, 24.0]) {
            assert!((got - want).abs() < 1e-12, "{c:?}");
        }
        assert_eq!(classify(&diag([-1.0, -2.0, -3.0, -4.0])), Stability::Stable);
        assert_eq!(classify(&diag([1.0, -2.0, -3.0, -4.0])), Stability::Saddle);
    }

    #[test]
    fn a_growing_rotation_is_oscillatory() {
        // Eigenvalues 0.1 ± i and −1, −2.
        let mut j = diag([0.1, 0.1, -1.0, -2.0]);
        j[0][1] = 1.0;
        j[1][0] = -1.0;
        assert_eq!(classify(&j), Stability::Oscillatory);
        j[0][0] = -0.1;
        j[1][1] = -0.1;
        assert_eq!(classify(&j), Stability::Stable);
    }
}
