//! How much work one request may ask for. A link or a file is input from strangers: a value
//! inside every key's range can still ask for hours of computation or gigabytes of memory in
//! combination (1 million neurons for 100 s at 0.01 ms, 10⁷ mean-field steps). Such requests are
//! refused, or clamped with a notice, before anything is attempted. The same limits hold in the
//! page and in the `meanfield` CLI, so a link and a command line mean the same run.
//!
//! Figures behind the limits (this 2-core machine, native; the page is 1.5–2× slower): the
//! second-order AdEx mean field takes about 1.8 µs and keeps about 200 bytes per step, so
//! 200 000 steps is about 0.4 s and 40 MB; the default network (N = 10 000, dt 0.1 ms, ~2 Hz)
//! advances about 4·10⁸ neuron-steps per second, so 2·10¹¹ neuron-steps is 10–30 minutes of wall
//! time in its worker, more when the rates are high.

use crate::scenario::Scenario;
use crate::Error;

/// Most steps (duration / dt_mf) of one mean-field run.
pub const MAX_MF_STEPS: f64 = 200_000.0;

/// Most neuron-steps (N · duration / dt_net) of one network run.
pub const MAX_NEURON_STEPS: f64 = 2e11;

/// Most mean-field steps of one analysis job, all its runs together.
pub const MAX_ANALYSIS_STEPS: f64 = 2e7;

/// Steps of the scenario's mean-field run.
#[must_use]
pub fn mf_steps(s: &Scenario) -> f64 {
    s.duration_ms / s.dt_ms
}

/// The largest value of `key` ("duration" or "dt_mf") that keeps the mean-field run within
/// [`MAX_MF_STEPS`], or `None` when the run is within it (or `key` is neither).
#[must_use]
pub fn mf_steps_bound(key: &str, s: &Scenario) -> Option<f64> {
    if mf_steps(s) <= MAX_MF_STEPS {
        return None;
    }
    match key {
        "duration" => Some(s.dt_ms * MAX_MF_STEPS),
        "dt_mf" => Some(s.duration_ms / MAX_MF_STEPS),
        _ => None,
    }
}

/// The sentence that explains the mean-field limit.
#[must_use]
pub fn mf_steps_reason(s: &Scenario) -> String {
    format!(
        "duration / dt_mf = {:.3e} steps is more than the {MAX_MF_STEPS:.0} one run may take \
         (about 0.5 s and 40 MB in the page); shorten the duration or raise dt_mf",
        mf_steps(s)
    )
}

/// Checks the network run's size.
///
/// # Errors
/// [`Error::InvalidParam`] on `n` when N · duration / dt_net exceeds [`MAX_NEURON_STEPS`].
pub fn check_network(s: &Scenario) -> Result<(), Error> {
    let n = s.adex.n_total.round();
    let work = n * s.duration_ms / s.net.dt_ms;
    if work.is_nan() || work > MAX_NEURON_STEPS {
        return Err(Error::invalid(
            "n",
            n,
            format!(
                "N · duration / dt_net = {work:.2e} neuron-steps is more than the \
                 {MAX_NEURON_STEPS:.0e} one network run may take (10-30 minutes); lower N, \
                 shorten the duration or raise dt_net"
            ),
        ));
    }
    Ok(())
}

/// Checks an analysis job's total mean-field steps.
///
/// # Errors
/// [`Error::InvalidParam`] on `key` when `steps` exceeds [`MAX_ANALYSIS_STEPS`]; `advice`
/// says what to change.
pub fn check_analysis(key: &str, value: f64, steps: f64, advice: &str) -> Result<(), Error> {
    if steps.is_nan() || steps > MAX_ANALYSIS_STEPS {
        return Err(Error::invalid(
            key,
            crate::schema::format_number(value),
            format!(
                "this analysis needs {steps:.2e} mean-field steps, more than the \
                 {MAX_ANALYSIS_STEPS:.0e} one job may take; {advice}"
            ),
        ));
    }
    Ok(())
}
