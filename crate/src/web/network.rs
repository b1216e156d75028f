//! The spiking network in the page. A [`NetworkRunner`] lives in a Web Worker and simulates;
//! the page's [`App`] keeps what the worker streamed ([`NetView`]) and draws it beside the mean
//! field. Both sides build their scenario from the same link query, and the App tags each
//! restart with a generation number so that pieces of an older run are dropped.

use super::{js_err, memory_bytes, to_text, App};
use crate::network::{decode_chunk, encode_chunk, Progress, Recording, SpikeFilter};
use crate::scenario;
use crate::scenario::Network;
use crate::scenario::Scenario;
use serde_json::json;
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;

/// The worker's simulator.
#[wasm_bindgen]
pub struct NetworkRunner {
    net: Option<Network>,
    error: Option<String>,
}

#[wasm_bindgen]
impl NetworkRunner {
    /// An empty runner.
    #[wasm_bindgen(constructor)]
    #[must_use]
    pub fn new() -> NetworkRunner {
        super::install_panic_hook();
        Self {
            net: None,
            error: None,
        }
    }

    /// Builds the network of the scenario in `query` (a link query), reusing the previous
    /// wiring when it is unchanged. Returns "" or the reason there is no network.
    pub fn configure(&mut self, query: &str) -> String {
        let mut s = Scenario::default();
        let _ = scenario::apply_query(&mut s, query); // the page shows the notices
        let previous = self.net.take().and_then(Network::into_conductance);
        match s.network(SpikeFilter::RASTER, previous) {
            Ok(net) => {
                self.net = Some(net);
                self.error = None;
                String::new()
            }
            Err(e) => {
                let msg = e.to_string();
                self.error = Some(msg.clone());
                msg
            }
        }
    }

    /// Simulates `model_ms` more (or up to the end).
    pub fn run_for(&mut self, model_ms: f64) {
        if let Some(net) = self.net.as_mut() {
            let t = net.t_ms() + model_ms;
            net.advance_to(t);
        }
    }

    /// Whether there is nothing more to simulate.
    #[must_use]
    pub fn done(&self) -> bool {
        self.net.as_ref().is_none_or(Network::done)
    }

    /// What was recorded since the last call, with the progress (see
    /// [`crate::network::encode_chunk`]).
    pub fn take_chunk(&mut self) -> Vec<f64> {
        let memory = memory_bytes();
        match self.net.as_mut() {
            Some(net) => {
                let rec = net.take();
                let (spikes_e, spikes_i) = net.total_spikes();
                let p = Progress {
                    t_ms: net.t_ms(),
                    done: net.done(),
                    diverged_at_ms: net.diverged_at_ms(),
                    memory_bytes: memory,
                    spikes_e,
                    spikes_i,
                };
                encode_chunk(&p, &rec)
            }
            None => encode_chunk(
                &Progress {
                    t_ms: 0.0,
                    done: true,
                    diverged_at_ms: None,
                    memory_bytes: memory,
                    spikes_e: 0,
                    spikes_i: 0,
                },
                &Recording::default(),
            ),
        }
    }
}

impl Default for NetworkRunner {
    fn default() -> Self {
        Self::new()
    }
}

/// Spikes listed in the status (for checks that the page and the CLI agree).
const FIRST_SPIKES: usize = 20;

/// Wall time over which the speed readout averages [ms].
const SPEED_WINDOW_MS: f64 = 1500.0;

/// What the page knows of the current network run.
#[derive(Default)]
pub struct NetView {
    generation: u32,
    rec: Recording,
    progress: Option<Progress>,
    error: Option<String>,
    /// (model ms, wall ms) of recent pieces.
    speed: VecDeque<(f64, f64)>,
    /// (model ms, wall ms) of the whole run so far.
    total: (f64, f64),
}

impl NetView {
    /// Recorded data of the current run.
    #[must_use]
    pub fn recording(&self) -> &Recording {
        &self.rec
    }

    fn speed(&self) -> Option<f64> {
        let (model, wall) = self
            .speed
            .iter()
            .fold((0.0, 0.0), |(m, w), (dm, dw)| (m + dm, w + dw));
        (wall > 0.0 && model > 0.0).then(|| model / wall)
    }
}

#[wasm_bindgen]
impl App {
    /// The query that determines the network; the page restarts the worker when it changes.
    #[must_use]
    pub fn network_key(&self) -> String {
        self.scenario.network_key()
    }

    /// Starts showing a new network run numbered `generation` (its data so far is dropped).
    /// Returns "" or the reason the scenario makes no network (then the worker is not asked).
    pub fn net_restart(&mut self, generation: u32) -> String {
        let error = self.scenario.check_network().err().map(|e| e.to_string());
        self.net = NetView {
            generation,
            error: error.clone(),
            ..NetView::default()
        };
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
    ) -> Result<bool, JsError> {
        if generation != self.net.generation {
            return Ok(false);
        }
        let (p, rec) = decode_chunk(chunk).map_err(js_err)?;
        let before = self.net.progress.map_or(0.0, |q| q.t_ms);
        if wall_ms > 0.0 && p.t_ms > before {
            self.net.total.0 += p.t_ms - before;
            self.net.total.1 += wall_ms;
            self.net.speed.push_back((p.t_ms - before, wall_ms));
            let mut total: f64 = self.net.speed.iter().map(|x| x.1).sum();
            while total > SPEED_WINDOW_MS && self.net.speed.len() > 1 {
                total -= self.net.speed.pop_front().map_or(0.0, |x| x.1);
            }
        }
        let was_done = self.net.progress.is_some_and(|q| q.done);
        self.net.rec.extend(rec);
        self.net.progress = Some(p);
        if p.done && !was_done && p.diverged_at_ms.is_none() {
            if let Some((e, i)) = self.net.rec.mean_rates_after(0.5 * p.t_ms) {
                self.record_network_result(e, i);
            }
        }
        Ok(true)
    }

    /// The network run as the readout shows it, JSON: t_ms, end_ms, done, speed (model s per
    /// wall s over the last 1.5 s of wall time, or null), speed_run (the same over the run), memory_mb, nu_e / nu_i (mean over the second half of what has been
    /// simulated, or null), the wiring's description, error and divergence.
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
            "speed_run": (self.net.total.1 > 0.0).then(|| self.net.total.0 / self.net.total.1),
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
