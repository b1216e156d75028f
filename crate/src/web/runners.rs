//! The three Web Workers' runners: the network, an analysis job and the refit, each a shim
//! over its job in [`crate::app::workers`].

use super::common::{install_panic_hook, js_err, memory_bytes};
use crate::app::{AnalysisWorker, FitWorker, NetworkWorker};
use wasm_bindgen::prelude::*;

/// The network worker's simulator.
#[wasm_bindgen]
#[derive(Default)]
pub struct NetworkRunner(NetworkWorker);

#[wasm_bindgen]
impl NetworkRunner {
    /// An empty runner.
    #[wasm_bindgen(constructor)]
    #[must_use]
    pub fn new() -> NetworkRunner {
        install_panic_hook();
        Self::default()
    }

    /// See [`NetworkWorker::configure`].
    pub fn configure(&mut self, query: &str) -> String {
        self.0.configure(query)
    }

    /// See [`NetworkWorker::run_for`].
    pub fn run_for(&mut self, model_ms: f64) {
        self.0.run_for(model_ms);
    }

    /// See [`NetworkWorker::done`].
    #[must_use]
    pub fn done(&self) -> bool {
        self.0.done()
    }

    /// See [`NetworkWorker::take_chunk`].
    pub fn take_chunk(&mut self) -> Vec<f64> {
        self.0.take_chunk(memory_bytes())
    }
}

/// The analysis worker's job.
#[wasm_bindgen]
#[derive(Default)]
pub struct AnalysisRunner(AnalysisWorker);

#[wasm_bindgen]
impl AnalysisRunner {
    /// An idle runner.
    #[wasm_bindgen(constructor)]
    #[must_use]
    pub fn new() -> AnalysisRunner {
        install_panic_hook();
        Self::default()
    }

    /// See [`AnalysisWorker::configure`].
    pub fn configure(&mut self, query: &str, coeffs: &str) -> String {
        self.0.configure(query, coeffs)
    }

    /// See [`AnalysisWorker::step`].
    pub fn step(&mut self, items: usize) -> bool {
        self.0.step(items)
    }

    /// See [`AnalysisWorker::progress`].
    #[must_use]
    pub fn progress(&self) -> String {
        self.0.progress()
    }

    /// See [`AnalysisWorker::result`].
    #[must_use]
    pub fn result(&self) -> String {
        self.0.result()
    }
}

/// The fit worker's fitter.
#[wasm_bindgen]
#[derive(Default)]
pub struct FitRunner(FitWorker);

#[wasm_bindgen]
impl FitRunner {
    /// An idle runner.
    #[wasm_bindgen(constructor)]
    #[must_use]
    pub fn new() -> FitRunner {
        install_panic_hook();
        Self::default()
    }

    /// See [`FitWorker::configure`].
    pub fn configure(&mut self, query: &str) -> String {
        self.0.configure(query)
    }

    /// See [`FitWorker::key`].
    #[must_use]
    pub fn key(&self) -> String {
        self.0.key()
    }

    /// See [`FitWorker::step`].
    pub fn step(&mut self, points: usize) -> bool {
        self.0.step(points)
    }

    /// See [`FitWorker::progress`].
    #[must_use]
    pub fn progress(&self) -> String {
        self.0.progress()
    }

    /// See [`FitWorker::finish`].
    ///
    /// # Errors
    /// See [`FitWorker::finish`].
    pub fn finish(&self) -> Result<String, JsError> {
        self.0.finish().map_err(js_err)
    }
}
