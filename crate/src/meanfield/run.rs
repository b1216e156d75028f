//! Fixed-step forward-Euler integration of the AdEx mean field (as the official code: dt =
//! 0.5 ms), the state bounds it applies after every step, and the search for a steady state.

use super::adex::{AdexMeanField, AdexState};
use super::adex_params::Order;
use crate::stimulus::{Signal, StimSample};

/// Upper bound of rates and (co)variances after every step (official code: 175) [Hz, Hz²].
pub const STATE_CAP: f64 = 175.0;
/// Lower bound of rates and variances after every step (official code: 1e-9) [Hz, Hz²].
pub const STATE_FLOOR: f64 = 1e-9;

/// Time grid of a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunOptions {
    /// Model time to simulate [ms].
    pub duration_ms: f64,
    /// Euler step [ms].
    pub dt_ms: f64,
}

/// Something the user should know about a run: the state hit a bound, or blew up.
#[derive(Clone, Debug, PartialEq)]
pub enum RunEvent {
    /// A rate reached the upper clamp: the second-order runaway of `adex_mf.md` §5.2.
    Cap {
        /// First time it happened [ms].
        t_ms: f64,
        /// Variable name.
        variable: &'static str,
        /// Whether the model was of second order (the runaway of its covariance terms) or
        /// of first order (the rates themselves ran to the cap).
        second_order: bool,
    },
    /// A (co)variance was held at the upper clamp for a while (e.g. the initial transient from
    /// the official code's initial state); the ±√c band is not a prediction there.
    CovarianceCap {
        /// Variable name.
        variable: &'static str,
        /// First time at the cap [ms].
        first_ms: f64,
        /// Last time at the cap [ms].
        last_ms: f64,
    },
    /// The Izhikevich transfer function left its domain: the quadratic has no subthreshold
    /// root (the cells would fire tonically) or μ_V passed the spike cut. The model goes on with
    /// μ_V at the saddle-node vertex, which keeps the rate finite but is not a prediction.
    OutOfDomain {
        /// First time [ms].
        t_ms: f64,
        /// Last time [ms].
        last_ms: f64,
        /// Which population.
        population: &'static str,
    },
    /// A state variable became NaN, infinite or (exact models) unphysical; the run stopped
    /// before that step.
    NonFinite {
        /// Time [ms].
        t_ms: f64,
        /// Variable name.
        variable: &'static str,
        /// Whether the model is an exact (Lorentzian) mean field, which changes the advice.
        exact: bool,
    },
}

impl RunEvent {
    /// Whether the event means the curves are not a prediction for part of the run (as opposed
    /// to a remark about the variance band).
    #[must_use]
    pub fn is_warning(&self) -> bool {
        !matches!(self, Self::CovarianceCap { .. })
    }

    /// When the event begins [ms].
    #[must_use]
    pub fn t_ms(&self) -> f64 {
        match self {
            Self::Cap { t_ms, .. }
            | Self::NonFinite { t_ms, .. }
            | Self::OutOfDomain { t_ms, .. } => *t_ms,
            Self::CovarianceCap { first_ms, .. } => *first_ms,
        }
    }
}

/// The time series of one run. Samples are at t = k·dt, k = 0..=n (the first is the initial
/// state).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    /// Sample times [ms].
    pub t_ms: Vec<f64>,
    /// States at those times.
    pub states: Vec<AdexState>,
    /// External per-synapse input to the excitatory population (drive + stimulus) [Hz].
    pub input_e_hz: Vec<f64>,
    /// External per-synapse input to the inhibitory population [Hz].
    pub input_i_hz: Vec<f64>,
    /// What went wrong or needs pointing out, in order.
    pub events: Vec<RunEvent>,
}

impl Trace {
    /// The last state, if any.
    #[must_use]
    pub fn last(&self) -> Option<&AdexState> {
        self.states.last()
    }
}

/// Names of the clamped variables, in state order.
const CLAMPED: [&str; 5] = ["nu_e", "nu_i", "c_ee", "c_ei", "c_ii"];

/// Clamps the state exactly as the official code does (rates and all three (co)variances into
/// [1e-9, 175], so c_ei is never negative there either, `adex_mf.md` §6.11), except W: in pA the
/// official 175 cap and 1e-9 floor would be wrong, and W may be negative when a > 0. Returns which
/// of [`CLAMPED`] reached the cap.
fn clamp(x: &mut AdexState) -> [bool; 5] {
    let mut capped = [false; 5];
    for (i, v) in [
        &mut x.nu_e,
        &mut x.nu_i,
        &mut x.c_ee,
        &mut x.c_ei,
        &mut x.c_ii,
    ]
    .into_iter()
    .enumerate()
    {
        capped[i] = *v >= STATE_CAP;
        *v = clamp_floor_cap(*v);
    }
    capped
}

/// Collects the cap events of a run: the first rate cap, and per covariance the span it was
/// capped.
#[derive(Default)]
struct CapLog {
    second_order: bool,
    rate_capped: bool,
    spans: [Option<(f64, f64)>; 5],
}

impl CapLog {
    fn record(&mut self, capped: [bool; 5], t_ms: f64, events: &mut Vec<RunEvent>) {
        for i in (0..5).filter(|&i| capped[i]) {
            if i < 2 && !self.rate_capped {
                self.rate_capped = true;
                events.push(RunEvent::Cap {
                    t_ms,
                    variable: CLAMPED[i],
                    second_order: self.second_order,
                });
            }
            let span = self.spans[i].get_or_insert((t_ms, t_ms));
            span.1 = t_ms;
        }
    }

    fn finish(self, events: &mut Vec<RunEvent>) {
        for (i, span) in self.spans.into_iter().enumerate().skip(2) {
            if let Some((first_ms, last_ms)) = span {
                events.push(RunEvent::CovarianceCap {
                    variable: CLAMPED[i],
                    first_ms,
                    last_ms,
                });
            }
        }
    }
}

fn clamp_floor_cap(v: f64) -> f64 {
    if v < 0.0 {
        STATE_FLOOR
    } else {
        v.min(STATE_CAP)
    }
}

fn first_non_finite(x: &AdexState) -> Option<&'static str> {
    x.to_array()
        .iter()
        .zip(AdexState::NAMES)
        .find(|(v, _)| !v.is_finite())
        .map(|(_, (name, _))| name)
}

/// One Euler step from `x` (W already pinned in stationary mode) under stimulus sample `s`.
fn step(model: &AdexMeanField, x: &AdexState, s: StimSample, dt: f64) -> AdexState {
    let d = model.derivative(x, s);
    let (a, b) = (x.to_array(), d.to_array());
    AdexState::from_array(std::array::from_fn(|i| a[i] + dt * b[i]))
}

/// Integrates `model` from `x0` under `signal`.
#[must_use]
pub fn run(model: &AdexMeanField, x0: AdexState, signal: &Signal, opts: RunOptions) -> Trace {
    let n = (opts.duration_ms / opts.dt_ms).round().max(0.0) as usize;
    let mut trace = Trace {
        t_ms: Vec::with_capacity(n + 1),
        states: Vec::with_capacity(n + 1),
        input_e_hz: Vec::with_capacity(n + 1),
        input_i_hz: Vec::with_capacity(n + 1),
        events: Vec::new(),
    };
    let mut x = x0;
    let mut caps = CapLog {
        second_order: model.order() == Order::Second,
        ..CapLog::default()
    };
    let check_domain = model.is_izhikevich();
    let mut outside: Option<(f64, f64, &'static str)> = None;
    for k in 0..=n {
        let t = k as f64 * opts.dt_ms;
        let s = signal.at(t);
        x = model.with_pinned_adaptation(&x, s);
        if check_domain {
            if let Some(population) = model.out_of_domain(&x, s) {
                let span = outside.get_or_insert((t, t, population));
                span.1 = t;
            }
        }
        let (ie, ii) = model.external_rates(s);
        trace.t_ms.push(t);
        trace.states.push(x);
        trace.input_e_hz.push(ie);
        trace.input_i_hz.push(ii);
        if k == n {
            break;
        }
        let mut next = step(model, &x, s, opts.dt_ms);
        if let Some(variable) = first_non_finite(&next) {
            trace.events.push(RunEvent::NonFinite {
                t_ms: t + opts.dt_ms,
                variable,
                exact: false,
            });
            break;
        }
        caps.record(clamp(&mut next), t + opts.dt_ms, &mut trace.events);
        x = next;
    }
    caps.finish(&mut trace.events);
    if let Some((t_ms, last_ms, population)) = outside {
        trace.events.push(RunEvent::OutOfDomain {
            t_ms,
            last_ms,
            population,
        });
    }
    trace
}

/// How [`steady`] decides that a run has settled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SteadyOptions {
    /// Euler step [ms].
    pub dt_ms: f64,
    /// Length of the windows compared [ms].
    pub window_ms: f64,
    /// Give up after this much model time [ms].
    pub max_ms: f64,
    /// Largest change over a window, relative to the value, that counts as settled [1]; changes
    /// below 1e-9 Hz, 1e-9 Hz² and 1e-7 pA count as none.
    pub rel_tol: f64,
}

impl Default for SteadyOptions {
    fn default() -> Self {
        Self {
            dt_ms: 0.5,
            window_ms: 1000.0,
            max_ms: 300_000.0,
            rel_tol: 1e-7,
        }
    }
}

/// Result of [`steady`].
#[derive(Clone, Debug, PartialEq)]
pub struct Steady {
    /// Final state.
    pub state: AdexState,
    /// Model time reached [ms].
    pub t_ms: f64,
    /// Whether the change over the last window was below tolerance.
    pub settled: bool,
    /// Events of the run (see [`RunEvent`]).
    pub events: Vec<RunEvent>,
}

fn close(a: &AdexState, b: &AdexState, rel_tol: f64) -> bool {
    const FLOORS: [f64; 7] = [1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 1e-7, 1e-7];
    a.to_array()
        .iter()
        .zip(b.to_array())
        .zip(FLOORS)
        .all(|((x, y), floor)| (x - y).abs() <= rel_tol * x.abs().max(y.abs()) + floor)
}

/// Integrates under a time-independent `signal` until two consecutive windows end in the same
/// state (within tolerance) or `max_ms` is reached.
#[must_use]
pub fn steady(
    model: &AdexMeanField,
    x0: AdexState,
    signal: &Signal,
    opts: SteadyOptions,
) -> Steady {
    let window = RunOptions {
        duration_ms: opts.window_ms,
        dt_ms: opts.dt_ms,
    };
    let mut x = x0;
    let mut t = 0.0;
    let mut events = Vec::new();
    while t < opts.max_ms {
        let trace = run(model, x, signal, window);
        t += opts.window_ms;
        let stopped = trace
            .events
            .iter()
            .any(|e| matches!(e, RunEvent::NonFinite { .. }));
        for e in trace.events {
            if !events
                .iter()
                .any(|old| std::mem::discriminant(old) == std::mem::discriminant(&e))
            {
                events.push(shift(e, t - opts.window_ms));
            }
        }
        let Some(&next) = trace.states.last() else {
            break;
        };
        if stopped {
            return Steady {
                state: next,
                t_ms: t,
                settled: false,
                events,
            };
        }
        let settled = close(&x, &next, opts.rel_tol);
        x = next;
        if settled {
            return Steady {
                state: x,
                t_ms: t,
                settled: true,
                events,
            };
        }
    }
    Steady {
        state: x,
        t_ms: t,
        settled: false,
        events,
    }
}

fn shift(e: RunEvent, offset: f64) -> RunEvent {
    match e {
        RunEvent::Cap {
            t_ms,
            variable,
            second_order,
        } => RunEvent::Cap {
            t_ms: t_ms + offset,
            variable,
            second_order,
        },
        RunEvent::NonFinite {
            t_ms,
            variable,
            exact,
        } => RunEvent::NonFinite {
            t_ms: t_ms + offset,
            variable,
            exact,
        },
        RunEvent::OutOfDomain {
            t_ms,
            last_ms,
            population,
        } => RunEvent::OutOfDomain {
            t_ms: t_ms + offset,
            last_ms: last_ms + offset,
            population,
        },
        RunEvent::CovarianceCap {
            variable,
            first_ms,
            last_ms,
        } => RunEvent::CovarianceCap {
            variable,
            first_ms: first_ms + offset,
            last_ms: last_ms + offset,
        },
    }
}
