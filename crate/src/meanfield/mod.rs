//! The Markovian (El Boustani & Destexhe 2009) mean fields of conductance-based networks, first
//! and second order: the AdEx mean field with adaptation of di Volo, Romagnoni, Capone &
//! Destexhe 2019 (Neural Comput 31:653–680) and the Izhikevich (adaptive QIF) mean field of
//! Alexandersen et al. 2023, which share the equations and differ in the transfer function
//! ([`crate::transfer`]). The exact Lorentzian-ansatz families live in [`crate::lorentz`].

mod adex;
mod adex_params;
mod izh_params;
mod run;

pub use crate::neuron::Pop;
pub use adex::{AdexMeanField, AdexState};
pub use adex_params::{AdaptationMode, AdexCell, AdexParams, Order};
pub use izh_params::{IzhCell, IzhParams};
pub use run::{run, steady, RunEvent, RunOptions, Steady, SteadyOptions, Trace, STATE_CAP};
