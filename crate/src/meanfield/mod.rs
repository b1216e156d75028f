//! Mean-field models. For now: the conductance-based AdEx mean field with adaptation of
//! di Volo, Romagnoni, Capone & Destexhe 2019 (Neural Comput 31:653–680), first and second
//! order (El Boustani & Destexhe 2009 Markovian formalism), with the transfer function of
//! [`crate::transfer`].

mod adex;
mod adex_params;
mod run;

pub use adex::{AdexMeanField, AdexState};
pub use adex_params::{AdaptationMode, AdexCell, AdexParams, Order, Pop};
pub use run::{run, steady, RunEvent, RunOptions, Steady, SteadyOptions, Trace};
