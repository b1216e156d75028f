//! The network run as the page shows it: each restart is numbered, the worker's pieces are
//! added as they arrive (pieces of an older run are dropped), and the status line reads from
//! here.

use super::readout::significant;
use super::session::{to_text, Session};
use super::state::{Ingested, NetView};
use crate::Error;
use serde_json::json;

/// Spikes listed in the status (for checks that the page and the CLI agree).
const FIRST_SPIKES: usize = 20;

impl Session {
    /// The query that determines the network; the page restarts the worker when it changes.
    #[must_use]
    pub fn network_key(&self) -> String {
        super::keys::network(&self.scenario)
    }

    /// Starts showing a new network run numbered `generation` (its data so far is dropped).
    /// Returns "" or the reason the scenario makes no network (then the worker is not asked).
    pub fn net_restart(&mut self, generation: u32) -> String {
        let error = self.scenario.check_network().err().map(|e| e.to_string());
        self.net = NetView::new(generation, error.clone());
        error.unwrap_or_default()
    }

    /// Records the worker's failure for run `generation`.
    pub fn net_fail(&mut self, generation: u32, message: &str) {
        if generation == self.net.generation {
            self.net.error = Some(message.to_string());
        }
    }

    /// Adds a piece streamed by the worker for run `generation`, which took `wall_ms` to
    /// simulate. Returns false when the piece belongs to an older run (and was dropped).
    ///
    /// # Errors
    /// When the data is not a chunk.
    pub fn net_ingest(
        &mut self,
        generation: u32,
        chunk: &[f64],
        wall_ms: f64,
    ) -> Result<bool, Error> {
        match self.net.ingest(generation, chunk, wall_ms)? {
            Ingested::Stale => Ok(false),
            Ingested::Added { finished } => {
                if let Some((e, i)) = finished {
                    self.record_network_result(e, i);
                }
                Ok(true)
            }
        }
    }

    /// The network run as the readout shows it, JSON: t_ms, end_ms, done, speed (model s per
    /// wall s over the last 1.5 s of wall time, or null), speed_run (the same over the run),
    /// memory_mb, nu_e / nu_i (mean over the second half of what has been simulated, or null)
    /// and mf_nu_e / mf_nu_i (the mean field's mean over the same window), the wiring's
    /// description, error, divergence, and `text`: all of it in the page's words.
    #[must_use]
    pub fn net_status(&self) -> String {
        let s = &self.scenario;
        let p = self.net.progress;
        let t = p.map_or(0.0, |p| p.t_ms);
        let from = 0.5 * t;
        let means = self.net.rec.mean_rates_after(from);
        let mf = means.and_then(|_| self.mean_field_means(from, t));
        let status = NetStatus {
            t_ms: t,
            end_ms: s.duration_ms,
            done: p.is_some_and(|p| p.done),
            speed: self.net.speed(),
            memory_mb: p.map(|p| p.memory_bytes / 1_048_576.0),
            means,
            mf,
            exact: s.model.family().is_some(),
            diverged_at_ms: p.and_then(|p| p.diverged_at_ms),
        };
        to_text(&json!({
            "generation": self.net.generation,
            "t_ms": t,
            "end_ms": s.duration_ms,
            "done": status.done,
            "speed": status.speed,
            "speed_run": self.net.speed_run(),
            "memory_mb": status.memory_mb,
            "nu_e": means.map(|m| m.0),
            "nu_i": means.map(|m| m.1),
            "mf_nu_e": mf.map(|m| m.0),
            "mf_nu_i": mf.and_then(|m| m.1),
            "mean_from_ms": from,
            "spikes_shown": self.net.rec.spikes.len(),
            "spikes_e": p.map_or(0, |p| p.spikes_e),
            "spikes_i": p.map_or(0, |p| p.spikes_i),
            "first_spikes": self.net.rec.spikes.iter().take(FIRST_SPIKES).map(|s| (s.t_ms, s.neuron)).collect::<Vec<_>>(),
            "wiring": s.network_description(),
            "exact": status.exact,
            "error": self.net.error,
            "diverged_at_ms": status.diverged_at_ms,
            "text": match &self.net.error {
                Some(e) => format!("No network: {e}"),
                None => status.text(&s.network_description()),
            },
        }))
    }

    /// The mean field's mean rates (ν_e, ν_i; ν_i is `None` for the exact families) over the
    /// samples in (`from`, `to`] ms, if it has run and has samples there.
    fn mean_field_means(&self, from: f64, to: f64) -> Option<(f64, Option<f64>)> {
        /// The mean of `value` over the samples at times in (from, to].
        fn mean<T>(
            t: &[f64],
            xs: &[T],
            (from, to): (f64, f64),
            value: impl Fn(&T) -> f64,
        ) -> Option<f64> {
            let (sum, n) = t
                .iter()
                .zip(xs)
                .filter(|(t, _)| **t > from && **t <= to)
                .fold((0.0, 0.0), |(s, n), (_, x)| (s + value(x), n + 1.0));
            (n > 0.0).then(|| sum / n)
        }
        let window = (from, to);
        if let Some(tr) = &self.lz_trace {
            return Some((mean(&tr.t_ms, &tr.r_hz, window, |r| *r)?, None));
        }
        let tr = self.trace.as_ref()?;
        let e = mean(&tr.t_ms, &tr.states, window, |x| x.nu_e)?;
        let i = mean(&tr.t_ms, &tr.states, window, |x| x.nu_i)?;
        Some((e, Some(i)))
    }
}

/// What the network status line says.
struct NetStatus {
    t_ms: f64,
    end_ms: f64,
    done: bool,
    speed: Option<f64>,
    memory_mb: Option<f64>,
    means: Option<(f64, f64)>,
    mf: Option<(f64, Option<f64>)>,
    exact: bool,
    diverged_at_ms: Option<f64>,
}

impl NetStatus {
    /// "N = … . t = 1.2 of 3 s, 0.8 model s per wall s, about 2 s left, worker memory 12 MB.
    /// Mean over 0.6–1.2 s: network ν_e = … Hz, ν_i = … Hz; mean field ν_e = … Hz, ν_i = … Hz."
    fn text(&self, wiring: &str) -> String {
        let sig = significant;
        let mut text = format!(
            "{wiring}. t = {} of {} s",
            sig(self.t_ms / 1000.0, 4),
            sig(self.end_ms / 1000.0, 4)
        );
        if let Some(speed) = self.speed {
            text.push_str(&format!(", {} model s per wall s", sig(speed, 2)));
            let left = (self.end_ms - self.t_ms) / 1000.0 / speed;
            if !self.done && left.is_finite() && left >= 1.0 {
                text.push_str(&format!(", about {} s left", sig(left, 2)));
            }
        }
        if let Some(mb) = self.memory_mb {
            text.push_str(&format!(", worker memory {} MB", sig(mb, 3)));
        }
        text.push('.');
        if let Some((e, i)) = self.means {
            let window = format!(
                "Mean over {}–{} s",
                sig(self.t_ms / 2000.0, 3),
                sig(self.t_ms / 1000.0, 3)
            );
            let rates = |e: f64, i: Option<f64>| match (self.exact, i) {
                (true, _) | (false, None) => format!("r = {} Hz", sig(e, 3)),
                (false, Some(i)) => format!("ν_e = {} Hz, ν_i = {} Hz", sig(e, 3), sig(i, 3)),
            };
            text.push_str(&format!(" {window}: network {}", rates(e, Some(i))));
            if let Some((me, mi)) = self.mf {
                text.push_str(&format!("; mean field {}", rates(me, mi)));
            }
            text.push('.');
        }
        if let Some(t) = self.diverged_at_ms {
            text.push_str(&format!(
                " Stopped: the network's state overflowed at {} ms, so nothing after it is drawn; a smaller step dt_net avoids it.",
                sig(t, 4)
            ));
        }
        text
    }
}
