//! The phenomenological effective threshold: a second-order polynomial in the normalised
//! moments (Zerlaut et al. 2018; di Volo et al. 2019 Table 1). Coefficients are named by term,
//! never by slot position (the published codes disagree on slot order, `adex_mf.md` §2.1).

use super::jet::Real;
use super::Moments;
use serde::{Deserialize, Serialize};

/// Normalisation of the polynomial's variables: x = (μ_V − μ_V0)/δμ_V0, and so on.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Normalisation {
    /// μ_V0 [mV].
    pub mu_v0_mv: f64,
    /// δμ_V0 [mV].
    pub dmu_v0_mv: f64,
    /// σ_V0 [mV].
    pub sigma_v0_mv: f64,
    /// δσ_V0 [mV].
    pub dsigma_v0_mv: f64,
    /// τ_V0^N [1].
    pub tau_v0_n: f64,
    /// δτ_V0^N [1].
    pub dtau_v0_n: f64,
}

impl Default for Normalisation {
    /// The constants of Zerlaut et al. 2018, used by every reference code.
    fn default() -> Self {
        Self {
            mu_v0_mv: -60.0,
            dmu_v0_mv: 10.0,
            sigma_v0_mv: 4.0,
            dsigma_v0_mv: 6.0,
            tau_v0_n: 0.5,
            dtau_v0_n: 1.0,
        }
    }
}

impl Normalisation {
    /// The normalised variables (x, y, z) of a set of moments.
    #[must_use]
    pub fn xyz<T: Real>(&self, m: &Moments<T>) -> [T; 3] {
        [
            (m.mu_v_mv - self.mu_v0_mv) / self.dmu_v0_mv,
            (m.sigma_v_mv - self.sigma_v0_mv) / self.dsigma_v0_mv,
            (m.tau_v_n - self.tau_v0_n) / self.dtau_v0_n,
        ]
    }
}

/// Coefficients of V_thr^eff [mV], one per term.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdPoly {
    /// Constant term P0.
    pub p0: f64,
    /// Coefficient of x (μ_V).
    pub p_mu: f64,
    /// Coefficient of y (σ_V).
    pub p_sigma: f64,
    /// Coefficient of z (τ_V^N).
    pub p_tau: f64,
    /// Coefficient of x².
    pub p_mu_mu: f64,
    /// Coefficient of y².
    pub p_sigma_sigma: f64,
    /// Coefficient of z².
    pub p_tau_tau: f64,
    /// Coefficient of x·y.
    pub p_mu_sigma: f64,
    /// Coefficient of x·z.
    pub p_mu_tau: f64,
    /// Coefficient of y·z.
    pub p_sigma_tau: f64,
}

/// The term names, in the order of [`ThresholdPoly::to_array`] and [`basis`].
pub const TERM_NAMES: [&str; 10] = [
    "p0",
    "p_mu",
    "p_sigma",
    "p_tau",
    "p_mu_mu",
    "p_sigma_sigma",
    "p_tau_tau",
    "p_mu_sigma",
    "p_mu_tau",
    "p_sigma_tau",
];

/// The polynomial's basis functions at (x, y, z), in the order of [`TERM_NAMES`].
#[must_use]
pub fn basis<T: Real>([x, y, z]: [T; 3]) -> [T; 10] {
    [
        T::cst(1.0),
        x,
        y,
        z,
        x * x,
        y * y,
        z * z,
        x * y,
        x * z,
        y * z,
    ]
}

impl ThresholdPoly {
    /// Coefficients in the order of [`TERM_NAMES`].
    #[must_use]
    pub fn to_array(&self) -> [f64; 10] {
        [
            self.p0,
            self.p_mu,
            self.p_sigma,
            self.p_tau,
            self.p_mu_mu,
            self.p_sigma_sigma,
            self.p_tau_tau,
            self.p_mu_sigma,
            self.p_mu_tau,
            self.p_sigma_tau,
        ]
    }

    /// Builds the polynomial from coefficients in the order of [`TERM_NAMES`].
    #[must_use]
    pub fn from_array(p: [f64; 10]) -> Self {
        Self {
            p0: p[0],
            p_mu: p[1],
            p_sigma: p[2],
            p_tau: p[3],
            p_mu_mu: p[4],
            p_sigma_sigma: p[5],
            p_tau_tau: p[6],
            p_mu_sigma: p[7],
            p_mu_tau: p[8],
            p_sigma_tau: p[9],
        }
    }

    /// Returns the same polynomial with every coefficient multiplied by `factor`.
    #[must_use]
    pub fn scaled(&self, factor: f64) -> Self {
        Self::from_array(self.to_array().map(|p| p * factor))
    }

    /// V_thr^eff [mV] at the given moments.
    #[must_use]
    pub fn evaluate<T: Real>(&self, norm: &Normalisation, m: &Moments<T>) -> T {
        let b = basis(norm.xyz(m));
        self.to_array()
            .iter()
            .zip(b)
            .fold(T::cst(-0.0), |sum, (p, t)| sum + t * *p)
    }
}
