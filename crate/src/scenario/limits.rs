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

use crate::Error;

/// Most steps (duration / dt_mf) of one mean-field run.
pub const MAX_MF_STEPS: f64 = 200_000.0;

/// Most neuron-steps (N · duration / dt_net) of one network run.
pub const MAX_NEURON_STEPS: f64 = 2e11;

/// Most mean-field steps of one analysis job, all its runs together.
pub const MAX_ANALYSIS_STEPS: f64 = 2e7;

/// Steps of a mean-field run of `duration_ms` at `dt_ms`.
#[must_use]
pub fn mf_steps(duration_ms: f64, dt_ms: f64) -> f64 {
    duration_ms / dt_ms
}

/// The largest duration and the largest step [ms] that each, with the other as given, keep a
/// mean-field run within [`MAX_MF_STEPS`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MfBound {
    /// Longest duration at the given step [ms].
    pub duration_ms: f64,
    /// Smallest step for the given duration [ms].
    pub dt_ms: f64,
}

/// `None` when a run of `duration_ms` at `dt_ms` is within [`MAX_MF_STEPS`], else the bounds
/// that would bring it there.
#[must_use]
pub fn mf_steps_bound(duration_ms: f64, dt_ms: f64) -> Option<MfBound> {
    if mf_steps(duration_ms, dt_ms) <= MAX_MF_STEPS {
        return None;
    }
    Some(MfBound {
        duration_ms: dt_ms * MAX_MF_STEPS,
        dt_ms: duration_ms / MAX_MF_STEPS,
    })
}

/// The sentence that explains the mean-field limit to a run of `steps` steps.
#[must_use]
pub fn mf_steps_reason(steps: f64) -> String {
    format!(
        "duration / dt_mf = {steps:.3e} steps is more than the {MAX_MF_STEPS:.0} one run may take \
         (about 0.5 s and 40 MB in the page); shorten the duration or raise dt_mf"
    )
}

/// Checks the size of a network of `n` neurons run for `duration_ms` at `dt_net_ms`.
///
/// # Errors
/// [`Error::InvalidParam`] on `n` when N · duration / dt_net exceeds [`MAX_NEURON_STEPS`].
pub fn check_network(n: f64, duration_ms: f64, dt_net_ms: f64) -> Result<(), Error> {
    let n = n.round();
    let work = n * duration_ms / dt_net_ms;
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
            crate::text::format_number(value),
            format!(
                "this analysis needs {steps:.2e} mean-field steps, more than the \
                 {MAX_ANALYSIS_STEPS:.0e} one job may take; {advice}"
            ),
        ));
    }
    Ok(())
}
