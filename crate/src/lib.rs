//! Mean-Field Explorer: mean-field models of cortical populations, their fitted transfer
//! functions and (later) the spiking networks they describe, compiled natively (the
//! `meanfield` command-line tool, the tests) and to WebAssembly (the page).
//!
//! One unit system inside the core: ms, mV, nS, pF, pA; rates in Hz (see [`units`]).
//! Everything random comes from an explicit seed (see [`rng`]).
//!
//! Run/draw lifecycle of the page:
//! ```text
//! URL query ──► schema::apply_query ──► Scenario ──► meanfield::run ──► Trace ──► plot::* (any DrawingBackend)
//!      ▲                                    │
//!      └────────── schema::to_query ◄───────┘  (only keys that differ from the defaults)
//! ```

pub mod analysis;
pub mod error;
pub mod export;
pub mod fit;
pub mod limits;
pub mod lorentz;
pub mod meanfield;
pub mod network;
pub mod plot;
pub mod presets;
pub mod rng;
pub mod scenario;
pub mod schema;
pub mod stimulus;
pub mod transfer;
pub mod units;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::Error;
