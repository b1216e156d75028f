//! What the page's three Web Workers run, platform-free: the spiking network, an analysis job
//! and the refit. Each is configured from the page's link query, so the worker builds the same
//! scenario as the page; the `web` module wraps each in a `#[wasm_bindgen]` runner.

use super::session::to_text;
use crate::analysis::Job;
use crate::fit::Fitter;
use crate::record::{encode_chunk, Progress, Recording, SpikeFilter};
use crate::scenario::{self, Network, Scenario};
use crate::transfer::coefficients::CoefficientSet;
use crate::Error;
use serde_json::json;

/// The scenario of the page's link query, lessons included (the page shows the query's
/// notices; the workers ignore them).
fn scenario_of(query: &str) -> Scenario {
    let mut s = Scenario::default();
    let _ = scenario::apply_link(&mut s, query);
    s
}

/// The network worker's simulator.
#[derive(Default)]
pub struct NetworkWorker {
    net: Option<Network>,
}

impl NetworkWorker {
    /// Builds the network of the scenario in `query`, reusing the previous wiring when it is
    /// unchanged. Returns "" or the reason there is no network.
    pub fn configure(&mut self, query: &str) -> String {
        let s = scenario_of(query);
        let previous = self.net.take().and_then(Network::into_conductance);
        match s.network(SpikeFilter::RASTER, previous) {
            Ok(net) => {
                self.net = Some(net);
                String::new()
            }
            Err(e) => e.to_string(),
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

    /// What was recorded since the last call, with the progress and the worker's `memory`
    /// [bytes] (see [`crate::record::encode_chunk`]).
    pub fn take_chunk(&mut self, memory: f64) -> Vec<f64> {
        let Some(net) = self.net.as_mut() else {
            let idle = Progress {
                t_ms: 0.0,
                done: true,
                diverged_at_ms: None,
                memory_bytes: memory,
                spikes_e: 0,
                spikes_i: 0,
            };
            return encode_chunk(&idle, &Recording::default());
        };
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
}

/// The analysis worker's job.
#[derive(Default)]
pub struct AnalysisWorker {
    job: Option<Job>,
}

impl AnalysisWorker {
    /// Prepares the analysis of the scenario in `query` with the coefficient file `coeffs`;
    /// returns "" or why it cannot run.
    pub fn configure(&mut self, query: &str, coeffs: &str) -> String {
        let s = scenario_of(query);
        let made = if coeffs.is_empty() {
            Job::new(&s, None)
        } else {
            CoefficientSet::parse("coefficients", coeffs).and_then(|set| Job::new(&s, Some(&set)))
        };
        match made {
            Ok(job) => {
                self.job = Some(job);
                String::new()
            }
            Err(e) => {
                self.job = None;
                e.to_string()
            }
        }
    }

    /// Computes up to `items` more items; returns whether the job is done.
    pub fn step(&mut self, items: usize) -> bool {
        let Some(job) = self.job.as_mut() else {
            return true;
        };
        for _ in 0..items {
            if job.done() {
                break;
            }
            job.step();
        }
        job.done()
    }

    /// Items done and in total, as JSON {done, total}.
    #[must_use]
    pub fn progress(&self) -> String {
        let (done, total) = self
            .job
            .as_ref()
            .map_or((0, 0), |j| (j.done_items(), j.len()));
        to_text(&json!({"done": done, "total": total}))
    }

    /// The result so far, the failed items' messages and what was adjusted before the job
    /// started, as JSON {result, failures, notices}.
    #[must_use]
    pub fn result(&self) -> String {
        match &self.job {
            Some(job) => to_text(&json!({
                "result": job.result(),
                "failures": job.failures(),
                "notices": job.notices(),
            })),
            None => to_text(&json!({"result": null, "failures": [], "notices": []})),
        }
    }
}

/// The fit worker's fitter.
#[derive(Default)]
pub struct FitWorker {
    fitter: Option<Fitter>,
    key: String,
}

impl FitWorker {
    /// Prepares the refit of the scenario in `query`; returns "" or why it cannot run.
    pub fn configure(&mut self, query: &str) -> String {
        let inputs = scenario_of(query).refit_inputs();
        self.key = inputs.key();
        match Fitter::new(inputs) {
            Ok(f) => {
                self.fitter = Some(f);
                String::new()
            }
            Err(e) => {
                self.fitter = None;
                e.to_string()
            }
        }
    }

    /// The inputs' key (see [`crate::fit::FitInputs::key`]).
    #[must_use]
    pub fn key(&self) -> String {
        self.key.clone()
    }

    /// Simulates up to `points` more points; returns whether all are done.
    pub fn step(&mut self, points: usize) -> bool {
        self.fitter.as_mut().is_none_or(|f| f.step(points))
    }

    /// Progress as JSON: rows done and in all, points simulated.
    #[must_use]
    pub fn progress(&self) -> String {
        let (done, total, points) = self.fitter.as_ref().map_or((0, 0, 0), |f| {
            let s = f.sweep();
            (s.rows_done(), s.rows_total(), s.points_done())
        });
        to_text(&json!({"rows_done": done, "rows_total": total, "points": points}))
    }

    /// Fits and returns the coefficient file's text.
    ///
    /// # Errors
    /// When nothing was configured or the data cannot determine the coefficients.
    pub fn finish(&self) -> Result<String, Error> {
        let f = self
            .fitter
            .as_ref()
            .ok_or_else(|| Error::Fit("nothing to fit".into()))?;
        f.finish().map(|set| set.to_json())
    }
}
