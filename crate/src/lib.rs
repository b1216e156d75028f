//! Mean-Field Explorer: mean-field models of cortical populations, their fitted transfer
//! functions and the spiking networks they describe, compiled natively (the `meanfield`
//! command-line tool, the tests) and to WebAssembly (the page).
//!
//! One unit system inside the core: ms, mV, nS, pF, pA; rates in Hz (see [`units`]).
//! Everything random comes from an explicit seed (see [`rng`]).
//!
//! # What depends on what
//!
//! A file imports only from its own layer or lower ones, and no files import each other in a
//! circle. `tests/architecture.rs` reads the table below and fails on an import from a higher
//! layer, on a circle, on a browser API outside `web/`, on `cli` and `web` importing each
//! other, and on `plot` importing `scenario`; and on a file below `scenario` that names a schema
//! key in its errors (models refuse a typed [`error::Quantity`]; `scenario` names its key).
//!
//! Layers, lowest first:
//! ```text
//! 0 base        error units rng text
//! 1 vocabulary  neuron stimulus record
//! 2 models      transfer meanfield lorentz network
//! 3 fitting     fit
//! 4 scenario    scenario
//! 5 uses        analysis export
//! 6 drawing     plot
//! 7 product     app
//! 8 faces       cli web
//! ```
//! - **base**: the error type, the unit conversions, the seeded random streams.
//! - **vocabulary**: what every model speaks of (stimuli) and what every network reports (its
//!   [`record::Recording`] of spikes and binned rates).
//! - **models**: the transfer function and the mean fields it serves, the exact (Lorentzian)
//!   families, the spiking networks. They take typed parameters and return typed results;
//!   none names a `Scenario`, a schema key or a page sentence.
//! - **fitting**: simulated cells in, coefficient records out.
//! - **scenario**: the one description of a run and its codecs (schema table, link, JSON,
//!   limits, presets): the only place where keys meet fields.
//! - **uses**: what is computed from a scenario (analyses) and written from it (exports).
//! - **drawing**: data in, drawing out, on any plotters backend.
//! - **product** and **faces**: the session the page and the CLI share, and the two faces; only
//!   `web/` touches `wasm_bindgen` and `web_sys`.
//!
//! Run/draw lifecycle of the page:
//! ```text
//! URL query ──► schema::apply_query ──► Scenario ──► meanfield::run ──► Trace ──► plot::* (any DrawingBackend)
//!      ▲                                    │
//!      └────────── schema::to_query ◄───────┘  (only keys that differ from the defaults)
//! ```

pub mod analysis;
pub mod app;
pub mod error;
pub mod export;
pub mod fit;
pub mod lorentz;
pub mod meanfield;
pub mod network;
pub mod neuron;
pub mod plot;
pub mod record;
pub mod rng;
pub mod scenario;
pub mod stimulus;
pub mod text;
pub mod transfer;
pub mod units;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::Error;
