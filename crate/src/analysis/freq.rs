//! Response amplitude to a sinusoidal input against its frequency (di Volo et al. 2019 Fig 3D):
//! the scenario's model driven by amp·sin(2πft) on top of its drive, run past the adaptation
//! transient; the amplitude is max − min of ν_e over the following periods, as in the paper.
//! Computed with dynamic adaptation and with adaptation pinned to its stationary value (the
//! paper's dashed comparison).

use crate::meanfield::{AdaptationMode, Trace};
use crate::scenario::Scenario;
use crate::stimulus::StimulusKind;
use crate::transfer::coefficients::CoefficientSet;
use crate::Error;

/// Steps per input period, at least.
const STEPS_PER_PERIOD: f64 = 40.0;
/// Input periods measured after the transient.
const PERIODS: f64 = 3.0;
/// Shortest measuring window [ms].
const MIN_WINDOW_MS: f64 = 300.0;

/// The scenario of the run at `f_hz`: a sine of `amp_hz` from t = 0, a step resolving it, and
/// the settling time plus the measuring window as duration.
fn sine_run(scenario: &Scenario, f_hz: f64, amp_hz: f64) -> Scenario {
    let period_ms = 1000.0 / f_hz;
    let mut s = scenario.clone();
    s.stimulus.kind = StimulusKind::Sine;
    s.stimulus.amp_hz = amp_hz;
    s.stimulus.freq_hz = f_hz;
    s.stimulus.t0_ms = 0.0;
    s.dt_ms = s.dt_ms.min(period_ms / STEPS_PER_PERIOD);
    s.duration_ms = settle_ms(scenario) + (PERIODS * period_ms).max(MIN_WINDOW_MS);
    s
}

/// What a frequency response of `scenario` reads besides the frequencies and the amplitude,
/// as text (for cache keys): the model (both adaptation modes are run), its initial state and
/// the step the runs start from.
///
/// # Errors
/// When the parameters make no model.
pub fn inputs_key(scenario: &Scenario, set: &CoefficientSet) -> Result<String, Error> {
    let mut s = scenario.clone();
    s.adex.adaptation = AdaptationMode::Dynamic;
    Ok(format!(
        "{}; {:?}; dt {}",
        s.adex_model(set)?.equations_key(),
        s.initial_state(),
        s.dt_ms
    ))
}

/// Checks that the runs at `freqs` fit the limits of [`crate::limits`]: each run within
/// [`MAX_MF_STEPS`](crate::scenario::limits::MAX_MF_STEPS) and, two runs per frequency (dynamic and
/// stationary W), all within [`MAX_ANALYSIS_STEPS`](crate::scenario::limits::MAX_ANALYSIS_STEPS).
///
/// # Errors
/// [`Error::InvalidParam`] naming `fr_min` or `fr_n`, with what to change.
pub fn check_budget(scenario: &Scenario, freqs: &[f64]) -> Result<(), Error> {
    use crate::scenario::limits::{self, MAX_MF_STEPS};
    let steps = |f: f64| {
        let run = sine_run(scenario, f, 0.0);
        limits::mf_steps(run.duration_ms, run.dt_ms)
    };
    let mut total = 0.0;
    for &f in freqs {
        let n = steps(f);
        if n.is_nan() || n > MAX_MF_STEPS {
            // Log spacing leaves 0.010000000000000004: show six decimals at most.
            let shown = crate::text::format_number((f * 1e6).round() / 1e6);
            return Err(Error::invalid(
                "fr_min",
                &shown,
                format!(
                    "the run at {shown} Hz needs {n:.2e} mean-field steps, more than the \
                     {MAX_MF_STEPS:.0} one run may take; raise the lowest frequency or dt_mf"
                ),
            ));
        }
        total += 2.0 * n;
    }
    limits::check_analysis(
        "fr_n",
        freqs.len() as f64,
        total,
        "use fewer frequencies or raise the lowest one",
    )
}

/// The response at one frequency.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FreqPoint {
    /// Input frequency [Hz].
    pub f_hz: f64,
    /// Peak-to-peak ν_e with dynamic adaptation [Hz].
    pub amplitude_hz: f64,
    /// Peak-to-peak ν_e with stationary adaptation [Hz].
    pub amplitude_stationary_hz: f64,
    /// Mean ν_e over the window with dynamic adaptation [Hz].
    pub mean_hz: f64,
}

/// How long the run settles before measuring [ms]: four adaptation time constants of the
/// excitatory cells, within [1, 4] s.
#[must_use]
pub fn settle_ms(scenario: &Scenario) -> f64 {
    let tau = if scenario.model == crate::scenario::ModelKind::Izhikevich {
        scenario.izh.exc.tau_u_ms
    } else {
        scenario.adex.exc.tau_w_ms
    };
    (4.0 * tau).clamp(1000.0, 4000.0)
}

fn window(trace: &Trace, from_ms: f64) -> (f64, f64, f64) {
    let (mut lo, mut hi, mut sum, mut n) = (f64::INFINITY, f64::NEG_INFINITY, 0.0, 0.0);
    for (t, x) in trace.t_ms.iter().zip(&trace.states) {
        if *t >= from_ms {
            lo = lo.min(x.nu_e);
            hi = hi.max(x.nu_e);
            sum += x.nu_e;
            n += 1.0;
        }
    }
    (hi - lo, sum / n, lo)
}

/// The response of `scenario`'s model to a sinusoid of `amp_hz` (per external synapse) at
/// `f_hz`.
///
/// # Errors
/// When the parameters make no model, or the run stops being finite.
pub fn frequency_response_point(
    scenario: &Scenario,
    set: &CoefficientSet,
    f_hz: f64,
    amp_hz: f64,
) -> Result<FreqPoint, Error> {
    let settle = settle_ms(scenario);
    let mut s = sine_run(scenario, f_hz, amp_hz);
    let mut amplitude = |mode: AdaptationMode| -> Result<(f64, f64), Error> {
        s.adex.adaptation = mode;
        let trace = s.run(set)?;
        let (amp, mean, lo) = window(&trace, settle);
        if !(amp.is_finite() && lo.is_finite()) {
            return Err(Error::Usage(format!(
                "the mean field stopped being finite at input frequency {f_hz} Hz"
            )));
        }
        Ok((amp, mean))
    };
    let (amplitude_hz, mean_hz) = amplitude(AdaptationMode::Dynamic)?;
    let (amplitude_stationary_hz, _) = amplitude(AdaptationMode::Stationary)?;
    Ok(FreqPoint {
        f_hz,
        amplitude_hz,
        amplitude_stationary_hz,
        mean_hz,
    })
}
