//! The product's session, platform-free: what the page shows, computed natively so that the
//! tests can check it without a browser. The page's `web` module is a thin shim over a
//! [`Session`] plus the canvas backend; everything a person reads (readouts, summaries,
//! captions), every figure (by id, from [`figures`]) and the data behind it (CSV) comes from
//! here.
//!
//! Inside, lowest first: [`state`] (what a session holds besides the scenario), [`readout`]
//! (the numbers in words), [`csv`] (figure data), [`session`] (the state and its scenario
//! methods), then one file per view, each an `impl Session`: [`figures`] (the figure registry
//! and the drawings), [`keys`] (the cache keys of the network, analysis and refit), [`lessons`] (the lesson followed, its steps and checks), [`network`] (the streamed network run), [`pin`] (a pinned run's ghost), [`analysis`] (the analysis
//! view), [`refit`] (the transfer-function view and the page's refit), [`export`] (scripts
//! for other simulators), and [`workers`] (the jobs the page's Web Workers run).

pub mod analysis;
pub mod csv;
pub mod export;
pub mod figures;
pub mod keys;
pub mod lessons;
pub mod network;
pub mod pin;
pub mod readout;
pub mod refit;
pub mod session;
pub mod state;
pub mod workers;

pub use figures::{Drawing, FigureSpec};
pub use session::Session;
pub use workers::{AnalysisWorker, FitWorker, NetworkWorker};
