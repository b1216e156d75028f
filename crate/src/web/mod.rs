//! The page's face (wasm only): `#[wasm_bindgen]` shims over [`crate::app::Session`] and the
//! workers' jobs, plus the canvas backend. Every number, sentence and figure comes from
//! [`crate::app`]; this module only moves text and canvases across the JavaScript boundary.

mod app;
mod canvas;
mod common;
mod runners;

pub use app::App;
pub use common::{memory_bytes, panic_message, simulate_panic};
pub use runners::{AnalysisRunner, FitRunner, NetworkRunner};
