//! The spiking network on a bifurcation diagram: the scenario's own network run at a value of
//! the diagram's parameter, summarised as its mean rate and the range of its binned rate over
//! the second half of the run, beside the mean field's mean over the same window.

use crate::error::Error;
use crate::record::SpikeFilter;
use crate::scenario::{spec, OutOfRange, Scenario};
use crate::transfer::coefficients::CoefficientSet;

/// The network at one value of the diagram's parameter.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NetworkSample {
    /// The parameter's value.
    pub p: f64,
    /// The network's mean rate over the window [Hz].
    pub mean_hz: f64,
    /// The lowest binned rate in the window [Hz].
    pub min_hz: f64,
    /// The highest binned rate in the window [Hz].
    pub max_hz: f64,
    /// The mean field's mean rate over the same window, run from the same initial state [Hz].
    pub mf_mean_hz: Option<f64>,
    /// The window: the second half of the run [ms].
    pub from_ms: f64,
    /// Its end (the run's length) [ms].
    pub to_ms: f64,
}

/// Runs `s`'s network (without its time-varying stimulus, as the diagram is drawn) with `key`
/// set to `value`, keeping no spikes; the mean field beside it (a conductance model's with its
/// transfer function `set`).
///
/// # Errors
/// A key or value the scenario refuses, parameters that make no network, a run whose state
/// stopped being finite.
pub fn network_sample(
    s: &Scenario,
    set: Option<&CoefficientSet>,
    key: &str,
    value: f64,
) -> Result<NetworkSample, Error> {
    let (mut t, _) = s.without_time_dependence();
    spec(key)?.set_number(&mut t, value, OutOfRange::Reject)?;
    let none = SpikeFilter { max_e: 0, max_i: 0 };
    let net = t.network(none, None)?;
    let rec = net.run();
    let to = t.duration_ms;
    let from = 0.5 * to;
    let window: Vec<f64> = rec
        .bins
        .iter()
        .filter(|b| b.t_end_ms > from)
        .map(|b| b.nu_e_hz)
        .collect();
    let value_text = crate::text::format_number(value);
    if window.is_empty() {
        return Err(Error::invalid(
            key,
            value_text,
            "the network run is too short for one rate bin in its second half",
        ));
    }
    if window.iter().any(|r| !r.is_finite()) {
        return Err(Error::invalid(
            key,
            value_text,
            "the network's state stopped being finite",
        ));
    }
    let mean = window.iter().sum::<f64>() / window.len() as f64;
    let (lo, hi) = window
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &r| {
            (a.min(r), b.max(r))
        });
    // The mean field's excitatory rate over the window, unless the run warned (a cap, a
    // blow-up, the domain left): then it is no prediction to print beside the network.
    let mean_over = |pairs: Vec<(f64, f64)>| -> Option<f64> {
        let sel: Vec<f64> = pairs
            .into_iter()
            .filter(|(t, _)| *t > from)
            .map(|(_, r)| r)
            .collect();
        (!sel.is_empty()).then(|| sel.iter().sum::<f64>() / sel.len() as f64)
    };
    let mf_mean_hz = match (t.run_lorentz(), set) {
        (Some(tr), _) if tr.events.is_empty() => mean_over(
            tr.t_ms
                .iter()
                .copied()
                .zip(tr.r_hz.iter().copied())
                .collect(),
        ),
        (None, Some(set)) => t.run(set).ok().and_then(|tr| {
            (!tr.events.iter().any(crate::meanfield::RunEvent::is_warning)).then_some(())?;
            mean_over(
                tr.t_ms
                    .iter()
                    .copied()
                    .zip(tr.states.iter().map(|x| x.nu_e))
                    .collect(),
            )
        }),
        _ => None,
    };
    Ok(NetworkSample {
        p: value,
        mean_hz: mean,
        min_hz: lo,
        max_hz: hi,
        mf_mean_hz,
        from_ms: from,
        to_ms: to,
    })
}
