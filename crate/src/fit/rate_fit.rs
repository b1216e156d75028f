//! The two-step fit of one cell's threshold polynomial (`adex_mf.md` §4.2).

use super::cell::{cell_moments, Sample};
use super::lsq::{erfc_inv, least_squares, levenberg_marquardt, Residuals};
use crate::transfer::coefficients::CellNeuron;
use crate::transfer::provenance::FitResiduals;
use crate::transfer::threshold_poly::basis;
use crate::transfer::{erfc_rate, erfc_rate_slope, InDegrees, Moments, Normalisation, Synapses};
use crate::transfer::{ThresholdPoly, SIGMA_V_FLOOR_MV};
use crate::units::HZ_MS;

/// Fewest points the threshold step accepts (the polynomial has 10 coefficients).
const MIN_THRESHOLD_POINTS: usize = 20;
/// Fewest spikes a point needs to enter the threshold step.
const MIN_SPIKES: u64 = 2;

/// One simulated point with the transfer function's moments there.
#[derive(Clone, Copy, Debug)]
pub struct FitPoint {
    /// Moments at the point's inputs.
    pub moments: Moments,
    /// Whether the inputs lie in the transfer function's domain (see
    /// [`crate::transfer::izhikevich::IzhNeuron::moments`]; always for AdEx).
    pub in_domain: bool,
    /// The simulation.
    pub sample: Sample,
}

impl FitPoint {
    /// The point at inputs `x` = (ν_e, ν_i, w) of `cell`, simulated as `sample`.
    #[must_use]
    pub fn new(
        cell: &CellNeuron,
        syn: &Synapses,
        k: &InDegrees,
        x: (f64, f64, f64),
        sample: &Sample,
    ) -> Self {
        let (moments, in_domain) = cell_moments(cell, syn, k, x);
        Self {
            moments,
            in_domain,
            sample: *sample,
        }
    }

    /// Whether the point counts for the rate fit and the check.
    #[must_use]
    pub fn usable(&self, max_rate_hz: f64) -> bool {
        self.in_domain && self.sample.rate_hz <= max_rate_hz
    }

    /// The effective threshold this point's rate implies, if it can be inverted [mV].
    fn threshold(&self, max_rate_hz: f64) -> Option<f64> {
        let s = &self.sample;
        if !self.usable(max_rate_hz) || s.spikes < MIN_SPIKES || s.rate_hz <= 0.0 {
            return None;
        }
        let m = &self.moments;
        let y = 2.0 * s.rate_hz * m.tau_v_ms * HZ_MS;
        let sigma = m.sigma_v_mv.max(SIGMA_V_FLOOR_MV);
        erfc_inv(y).map(|x| m.mu_v_mv + std::f64::consts::SQRT_2 * sigma * x)
    }

    fn basis(&self, norm: &Normalisation) -> [f64; 10] {
        basis(norm.xyz(&self.moments))
    }

    /// The rate polynomial `p` predicts here [Hz].
    #[must_use]
    pub fn predicted(&self, p: &ThresholdPoly, norm: &Normalisation) -> f64 {
        erfc_rate(&self.moments, p.evaluate(norm, &self.moments))
    }
}

struct RateProblem<'a> {
    points: Vec<&'a FitPoint>,
    bases: Vec<[f64; 10]>,
}

impl RateProblem<'_> {
    fn threshold(&self, j: usize, p: &[f64]) -> f64 {
        self.bases[j].iter().zip(p).map(|(b, c)| b * c).sum()
    }
}

impl Residuals for RateProblem<'_> {
    fn parameters(&self) -> usize {
        10
    }

    fn residuals(&self, p: &[f64]) -> Vec<f64> {
        self.points
            .iter()
            .enumerate()
            .map(|(j, pt)| erfc_rate(&pt.moments, self.threshold(j, p)) - pt.sample.rate_hz)
            .collect()
    }

    fn jacobian(&self, p: &[f64]) -> Vec<Vec<f64>> {
        self.points
            .iter()
            .enumerate()
            .map(|(j, pt)| {
                let slope = erfc_rate_slope(&pt.moments, self.threshold(j, p));
                self.bases[j].iter().map(|b| slope * b).collect()
            })
            .collect()
    }
}

fn rate_errors(points: &[&FitPoint], p: &ThresholdPoly, norm: &Normalisation) -> (f64, f64) {
    let errs: Vec<f64> = points
        .iter()
        .map(|pt| pt.predicted(p, norm) - pt.sample.rate_hz)
        .collect();
    let n = errs.len().max(1) as f64;
    (
        (errs.iter().map(|e| e * e).sum::<f64>() / n).sqrt(),
        errs.iter().fold(0.0, |m: f64, e| m.max(e.abs())),
    )
}

/// Fits one cell's polynomial to its simulated `points`: threshold step, then rate step.
///
/// # Errors
/// When too few points have spikes, or the data do not determine every coefficient.
pub fn fit_cell(
    points: &[FitPoint],
    norm: &Normalisation,
    max_rate_hz: f64,
) -> Result<(ThresholdPoly, FitResiduals), String> {
    let mut rows = Vec::new();
    let mut targets = Vec::new();
    for pt in points {
        if let Some(v) = pt.threshold(max_rate_hz) {
            rows.push(pt.basis(norm).to_vec());
            targets.push(v);
        }
    }
    if rows.len() < MIN_THRESHOLD_POINTS {
        return Err(format!(
            "only {} points fire between 0 and {max_rate_hz} Hz, at least {MIN_THRESHOLD_POINTS} \
             are needed: widen the grid",
            rows.len()
        ));
    }
    let p1 = least_squares(&rows, &targets).map_err(|e| format!("threshold step: {e}"))?;
    let threshold_rms_mv = (rows
        .iter()
        .zip(&targets)
        .map(|(r, t)| (r.iter().zip(&p1).map(|(a, b)| a * b).sum::<f64>() - t).powi(2))
        .sum::<f64>()
        / rows.len() as f64)
        .sqrt();
    let usable: Vec<&FitPoint> = points.iter().filter(|p| p.usable(max_rate_hz)).collect();
    let problem = RateProblem {
        bases: usable.iter().map(|p| p.basis(norm)).collect(),
        points: usable.clone(),
    };
    let (p2, _) = levenberg_marquardt(&problem, &p1, 500);
    let step1 = ThresholdPoly::from_array(to_array(&p1));
    let step2 = ThresholdPoly::from_array(to_array(&p2));
    let (step1_rms_hz, step1_max_hz) = rate_errors(&usable, &step1, norm);
    let (rms_hz, max_hz) = rate_errors(&usable, &step2, norm);
    let n = usable.len().max(1) as f64;
    let noise_rms_hz = (usable
        .iter()
        .map(|p| p.sample.rate_se_hz.powi(2))
        .sum::<f64>()
        / n)
        .sqrt();
    // The refinement starts at step 1 and only accepts improvements, but keep the better one
    // regardless (a guard against a non-finite detour).
    let (p, rms_hz, max_hz) = if rms_hz.is_finite() && rms_hz <= step1_rms_hz {
        (step2, rms_hz, max_hz)
    } else {
        (step1, step1_rms_hz, step1_max_hz)
    };
    Ok((
        p,
        FitResiduals {
            threshold_points: rows.len(),
            threshold_rms_mv,
            rate_points: usable.len(),
            step1_rms_hz,
            step1_max_hz,
            rms_hz,
            max_hz,
            noise_rms_hz,
        },
    ))
}

fn to_array(p: &[f64]) -> [f64; 10] {
    let mut a = [0.0; 10];
    a.iter_mut().zip(p).for_each(|(x, y)| *x = *y);
    a
}
