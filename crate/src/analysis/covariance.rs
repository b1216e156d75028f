//! Whether a second-order conductance mean field can settle: its equilibria (rates, covariances
//! and adaptation together) and their stability, from the Jacobian of all seven equations.
//!
//! The covariance equations can lose stability while the rates look plausible (the Izhikevich
//! model at d_e = 25 pA, ν_drive = 3 Hz: the run never settles, c_ee climbs to 85 Hz², while the
//! first order settles at 2.28 Hz). A run there is no steady prediction, and the page says so.

use super::bifurcation::Keyed;
use super::continuation::{equilibrium, jacobian_at};
use super::fixed_points::fixed_points;
use super::system::System;
use crate::meanfield::{AdexState, Order};
use crate::scenario::Scenario;
use crate::text::format_number;

/// `v` to four significant digits, as the page prints numbers.
fn sig(v: f64) -> String {
    format_number(format!("{v:.3e}").parse().unwrap_or(v))
}
use crate::transfer::coefficients::CoefficientSet;

/// An equilibrium of the second-order model and its least stable eigenvalue.
#[derive(Clone, Debug, PartialEq)]
pub struct CovarianceEquilibrium {
    /// The state, in [`AdexState`]'s variables (W pinned in stationary mode).
    pub state: AdexState,
    /// The eigenvalue with the largest real part: its real part [1/s].
    pub growth_per_s: f64,
    /// Its frequency [Hz] (0 for a real eigenvalue).
    pub frequency_hz: f64,
    /// Every eigenvalue (real part, imaginary part) [1/ms].
    pub eigen_per_ms: Vec<(f64, f64)>,
}

impl CovarianceEquilibrium {
    /// Whether every eigenvalue has a negative real part.
    #[must_use]
    pub fn stable(&self) -> bool {
        self.growth_per_s < 0.0
    }

    /// The largest |1 + λ dt| over the eigenvalues: above 1, forward-Euler steps of `dt_ms`
    /// (the runs') move away from the equilibrium even where it is stable.
    #[must_use]
    pub fn euler_factor(&self, dt_ms: f64) -> f64 {
        self.eigen_per_ms
            .iter()
            .map(|&(re, im)| (1.0 + re * dt_ms).hypot(im * dt_ms))
            .fold(0.0, f64::max)
    }

    /// The largest Euler step [ms] with which every eigenvalue's |1 + λ dt| is below 1
    /// (−2 Re λ / |λ|² for each stable λ).
    #[must_use]
    pub fn euler_limit_ms(&self) -> f64 {
        self.eigen_per_ms
            .iter()
            .filter(|(re, _)| *re < 0.0)
            .map(|&(re, im)| -2.0 * re / (re * re + im * im))
            .fold(f64::INFINITY, f64::min)
    }
}

/// The equilibria of `s`'s second-order model under its constant input, found by Newton's
/// method from `last` (where a run ended) and from the first-order fixed points; empty for a
/// first-order or exact model.
#[must_use]
pub fn second_order_equilibria(
    s: &Scenario,
    set: &CoefficientSet,
    last: &AdexState,
) -> Vec<CovarianceEquilibrium> {
    if s.model.family().is_some() || s.adex.order != Order::Second {
        return Vec::new();
    }
    let (base, _) = s.without_time_dependence();
    let Ok(sys) = System::of(&base, Some(set)) else {
        return Vec::new();
    };
    let n = sys.dim();
    let mut starts = vec![sys.pick(last)];
    starts.extend(sys.starts_from_fixed_points(&base, set));
    let w: Vec<f64> = (0..n)
        .map(|k| starts.iter().map(|x| x[k].abs()).fold(1e-3, f64::max))
        .collect();
    let field = Keyed::new(base, Some(set), [], n);
    let mut out: Vec<(Vec<f64>, CovarianceEquilibrium)> = Vec::new();
    for x0 in &starts {
        let Some(x) = equilibrium(&field, x0, 0.0, &w) else {
            continue;
        };
        let same = |y: &Vec<f64>| {
            y.iter()
                .zip(&x)
                .zip(&w)
                .all(|((a, b), w)| (a - b).abs() < 1e-6 * w)
        };
        if out.iter().any(|(y, _)| same(y)) {
            continue;
        }
        let Some(j) = jacobian_at(&field, &x, 0.0, &w) else {
            continue;
        };
        let eigen = j.complex_eigenvalues();
        let Some(top) = eigen.iter().copied().max_by(|a, b| a.re.total_cmp(&b.re)) else {
            continue;
        };
        out.push((
            x.clone(),
            CovarianceEquilibrium {
                state: sys.unpick(&x),
                growth_per_s: top.re * 1e3,
                frequency_hz: top.im.abs() / (2.0 * std::f64::consts::PI) * 1e3,
                eigen_per_ms: eigen.iter().map(|c| (c.re, c.im)).collect(),
            },
        ));
    }
    out.into_iter().map(|(_, e)| e).collect()
}

/// How fast ν_e [Hz/s] and c_ee [Hz²/s] of `s`'s model change at `x` (under its constant
/// input).
fn drift(s: &Scenario, set: &CoefficientSet, x: &AdexState) -> Option<(f64, f64)> {
    let (base, _) = s.without_time_dependence();
    let mf = base.adex_model(set).ok()?;
    let input = base.signal().at(0.0);
    let d = mf.derivative(&mf.with_pinned_adaptation(x, input), input);
    Some((d.nu_e * 1e3, d.c_ee * 1e3))
}

/// Below this drift of ν_e [Hz/s] a run's end counts as settled.
const SETTLED_HZ_PER_S: f64 = 1e-3;

/// What the page says under a second-order run that cannot settle: its model has equilibria
/// but no stable one, or none at all near the run's end while the run still drifts there
/// (`None` when an equilibrium is stable, or the run has settled).
#[must_use]
pub fn unsettled_warning(s: &Scenario, set: &CoefficientSet, last: &AdexState) -> Option<String> {
    if s.model.family().is_some() || s.adex.order != Order::Second {
        return None;
    }
    let eq = second_order_equilibria(s, set, last);
    let advice = "The bifurcation diagram (Analysis) shows where the equilibrium loses stability.";
    let nearest = |stable: bool| {
        eq.iter().filter(|e| e.stable() == stable).min_by(|a, b| {
            let d = |e: &CovarianceEquilibrium| (e.state.nu_e - last.nu_e).abs();
            d(a).total_cmp(&d(b))
        })
    };
    if let Some(e) = nearest(true) {
        // Stable; but can the run's Euler steps reach it, and is it a state of the closure (a
        // spread beyond the mean puts much of the Gaussian's weight on negative rates)?
        let euler = (e.euler_factor(s.dt_ms) > 1.0).then(|| {
            format!(
                " The run's Euler steps of dt_mf = {} ms cannot settle on it (its fastest mode needs dt_mf < {} ms): they swing from step to step around it instead, and that swing is no prediction either; with a smaller dt_mf the run settles there.",
                sig(s.dt_ms),
                sig(e.euler_limit_ms())
            )
        });
        let (sd_e, sd_i) = (e.state.c_ee.max(0.0).sqrt(), e.state.c_ii.max(0.0).sqrt());
        if sd_e <= e.state.nu_e && sd_i <= e.state.nu_i {
            return euler.map(|t| {
                format!(
                    "The second-order mean field's equilibrium here is stable (ν_e = {} Hz).{t}",
                    sig(e.state.nu_e)
                )
            });
        }
        let first_order = first_order_text(s, set);
        return Some(format!(
            "No prediction from the second order here: its stable equilibrium, ν_e = {} Hz with c_ee = {} Hz² (σ_e = {} Hz, ν_i = {} Hz with σ_i = {} Hz), has a spread larger than its rate, where the moment closure breaks down (a Gaussian that wide puts much of its weight on negative rates); it is approached with a time constant of {} s.{}{first_order} The low-covariance equilibrium that continues the first-order state ends at a fold or loses stability at a Hopf point: the bifurcation diagram (Analysis) shows where.",
            sig(e.state.nu_e),
            sig(e.state.c_ee),
            sig(sd_e),
            sig(e.state.nu_i),
            sig(sd_i),
            sig(-1.0 / e.growth_per_s),
            euler.unwrap_or_default(),
        ));
    }
    if eq.is_empty() {
        let (dnu, dc) = drift(s, set, last)?;
        if dnu.abs() < SETTLED_HZ_PER_S {
            return None;
        }
        let first_order = first_order_text(s, set);
        return Some(format!(
            "No steady prediction: the second-order mean field has no equilibrium near this run's end (none is found from it, nor from the first-order fixed points), and at the end ν_e still changes by {} Hz/s and c_ee by {} Hz²/s: the rates and the ±√c band drift or oscillate instead of settling.{first_order} {advice}",
            sig(dnu),
            sig(dc)
        ));
    }
    let near = nearest(false)?;
    let how = if near.frequency_hz > 0.0 {
        format!(
            "a perturbation grows at {} /s, oscillating at {} Hz",
            sig(near.growth_per_s),
            sig(near.frequency_hz)
        )
    } else {
        format!("a perturbation grows at {} /s", sig(near.growth_per_s))
    };
    let first_order = first_order_text(s, set);
    Some(format!(
        "No steady prediction: the second-order mean field has no stable equilibrium here. Its equilibrium at ν_e = {} Hz (c_ee = {} Hz²) is unstable ({how}), so the rates and the ±√c band drift or oscillate instead of settling.{first_order} {advice}",
        sig(near.state.nu_e),
        sig(near.state.c_ee)
    ))
}

/// " The first-order model settles at ν_e = … Hz." (its stable fixed points), or "".
fn first_order_text(s: &Scenario, set: &CoefficientSet) -> String {
    fixed_points(s, set)
        .ok()
        .and_then(|fp| {
            fp.stable()
                .map(|p| format!("{} Hz", sig(p.nu_e)))
                .reduce(|a, b| format!("{a} or {b}"))
        })
        .map_or_else(String::new, |r| {
            format!(" The first-order model settles at ν_e = {r}.")
        })
}
