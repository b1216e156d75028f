//! The network run as the page shows it: each restart is numbered, the worker's pieces are
//! added as they arrive (pieces of an older run are dropped), and the status line reads from
//! here.

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
    /// memory_mb, nu_e / nu_i (mean over the second half of what has been simulated, or null),
    /// the wiring's description, error and divergence.
    #[must_use]
    pub fn net_status(&self) -> String {
        let s = &self.scenario;
        let p = self.net.progress;
        let t = p.map_or(0.0, |p| p.t_ms);
        let means = self.net.rec.mean_rates_after(0.5 * t);
        to_text(&json!({
            "generation": self.net.generation,
            "t_ms": t,
            "end_ms": s.duration_ms,
            "done": p.is_some_and(|p| p.done),
            "speed": self.net.speed(),
            "speed_run": self.net.speed_run(),
            "memory_mb": p.map(|p| p.memory_bytes / 1_048_576.0),
            "nu_e": means.map(|m| m.0),
            "nu_i": means.map(|m| m.1),
            "mean_from_ms": 0.5 * t,
            "spikes_shown": self.net.rec.spikes.len(),
            "spikes_e": p.map_or(0, |p| p.spikes_e),
            "spikes_i": p.map_or(0, |p| p.spikes_i),
            "first_spikes": self.net.rec.spikes.iter().take(FIRST_SPIKES).map(|s| (s.t_ms, s.neuron)).collect::<Vec<_>>(),
            "wiring": s.network_description(),
            "exact": s.model.family().is_some(),
            "error": self.net.error,
            "diverged_at_ms": p.and_then(|p| p.diverged_at_ms),
        }))
    }
}
