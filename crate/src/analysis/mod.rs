//! Analysis of the conductance-based mean fields (AdEx and Izhikevich), as in di Volo et al.
//! 2019: the graphical fixed-point construction F(ν_e) against the bisector with the stability
//! of each fixed point (Fig 5B), scans of the fixed points against one parameter (Fig 2), a 2-D
//! map of self-sustained activity (Fig 5A) and the response amplitude to sinusoidal input
//! against its frequency (Fig 3D).
//!
//! Everything here is computed from the first-order equations with adaptation at its stationary
//! value (the fixed points of the model with dynamic adaptation are the same points; their
//! stability is that of the full first-order system), except the frequency response, which runs
//! the scenario's own model. Long computations are split into [`Job`] items so that the page's
//! worker can report progress and be cancelled between items.

pub mod bifurcation;
pub mod continuation;
pub mod covariance;
pub mod curves;
pub mod cycles;
pub mod fixed_points;
pub mod freq;
pub mod job;
mod map;
pub mod network_samples;
pub mod phase_plane;
mod scan;
mod stability;
mod system;
pub mod two_param;

pub use fixed_points::{fixed_points, FixedPoint, FixedPoints, Reduced, NU_MAX_HZ};
pub use freq::{frequency_response_point, FreqPoint};
pub use job::{AnalysisResult, Job};
pub use map::{map_cell, MapCell};
pub use scan::{scan_point, ScanPoint};
pub use stability::Stability;
