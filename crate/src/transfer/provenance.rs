//! What a coefficient file records of how it was made: the fit's provenance (tool, method,
//! seed, grid), each cell's residuals and its simulated points. The fitting pipeline
//! ([`crate::fit`]) writes these records; the coefficient loader reads and checks them.

use super::grid::Grid;
use serde::{Deserialize, Serialize};

/// How a set was made: the file's top-level `fit` block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitProvenance {
    /// Tool and version that wrote the file.
    pub tool: String,
    /// The procedure, in words.
    pub method: String,
    /// Seed of every simulated point.
    pub seed: u64,
    /// The grid of inputs and the simulation settings.
    pub grid: Grid,
}

/// Residuals of one cell's fit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitResiduals {
    /// Points used in the threshold step (0 < ν_out ≤ max rate, at least 2 spikes).
    pub threshold_points: usize,
    /// RMS of V_thr^eff(data) − polynomial after the threshold step [mV].
    pub threshold_rms_mv: f64,
    /// Points used in the rate step and in the rate residuals (simulated ν_out ≤ max rate).
    pub rate_points: usize,
    /// RMS rate error of the threshold-step coefficients [Hz].
    pub step1_rms_hz: f64,
    /// Largest rate error of the threshold-step coefficients [Hz].
    pub step1_max_hz: f64,
    /// RMS rate error of the final coefficients [Hz].
    pub rms_hz: f64,
    /// Largest rate error of the final coefficients [Hz].
    pub max_hz: f64,
    /// RMS of the simulated rates' standard errors: the noise floor of `rms_hz` [Hz].
    pub noise_rms_hz: f64,
}

/// The simulated points of one cell, column by column (same order in every column).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitData {
    /// Excitatory input per synapse [Hz].
    pub nu_e_hz: Vec<f64>,
    /// Inhibitory input per synapse [Hz].
    pub nu_i_hz: Vec<f64>,
    /// Adaptation current held fixed [pA].
    pub w_pa: Vec<f64>,
    /// Simulated output rate [Hz].
    pub rate_hz: Vec<f64>,
    /// Its standard error [Hz].
    pub rate_se_hz: Vec<f64>,
    /// Simulated mean membrane potential outside refractory periods [mV].
    pub mean_v_mv: Vec<f64>,
}

impl FitData {
    /// Number of points.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rate_hz.len()
    }

    /// Whether there are no points.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rate_hz.is_empty()
    }

    /// Appends one point, rounded to 7 significant digits: input (ν_e, ν_i, w) [Hz, Hz, pA],
    /// simulated rate and its standard error [Hz], mean membrane potential [mV].
    pub fn push(
        &mut self,
        (ne, ni, w): (f64, f64, f64),
        rate_hz: f64,
        rate_se_hz: f64,
        mean_v_mv: f64,
    ) {
        self.nu_e_hz.push(round_sig(ne));
        self.nu_i_hz.push(round_sig(ni));
        self.w_pa.push(round_sig(w));
        self.rate_hz.push(round_sig(rate_hz));
        self.rate_se_hz.push(round_sig(rate_se_hz));
        self.mean_v_mv.push(round_sig(mean_v_mv));
    }
}

/// One cell's fit record: the file's `cells.*.fit` block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellFitRecord {
    /// Residuals of both steps.
    pub residuals: FitResiduals,
    /// The simulated points.
    pub data: FitData,
}

impl CellFitRecord {
    /// Checks the record's columns agree and hold finite numbers; `at` names it in messages.
    ///
    /// # Errors
    /// A message naming the column.
    pub fn validate(&self, at: &str) -> Result<(), String> {
        let d = &self.data;
        let n = d.rate_hz.len();
        for (name, col) in [
            ("nu_e_hz", &d.nu_e_hz),
            ("nu_i_hz", &d.nu_i_hz),
            ("w_pa", &d.w_pa),
            ("rate_hz", &d.rate_hz),
            ("rate_se_hz", &d.rate_se_hz),
            ("mean_v_mv", &d.mean_v_mv),
        ] {
            if col.len() != n {
                return Err(format!(
                    "{at}.data.{name} has {} values but rate_hz has {n}",
                    col.len()
                ));
            }
            if let Some(i) = col.iter().position(|x| !x.is_finite()) {
                return Err(format!("{at}.data.{name}[{i}] is not a finite number"));
            }
        }
        if let Some(i) = d.rate_hz.iter().position(|r| *r < 0.0) {
            return Err(format!("{at}.data.rate_hz[{i}] is negative"));
        }
        Ok(())
    }
}

/// Rounds to 7 significant digits: the file keeps the data compact, and a simulated rate or
/// potential has no more meaningful digits than that.
fn round_sig(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let e = libm::floor(libm::log10(x.abs())) as i32;
    let f = libm::pow(10.0, f64::from(6 - e));
    libm::round(x * f) / f
}
