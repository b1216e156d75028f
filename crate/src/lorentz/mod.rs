//! The exact (Lorentzian-ansatz) mean-field families and their spiking networks: QIF
//! (Montbrió, Pazó & Roxin 2015), QIF with spike-frequency adaptation (Gast, Schmidt & Knösche
//! 2020), the dimensionless Izhikevich model of Chen & Campbell 2022 and the biophysical
//! Izhikevich model with distributed thresholds of Gast, Solla & Kennedy (`exact_mf.md`).

mod mf;
pub mod network;
mod params;
mod quadratic;

pub use mf::{run, run_from, Family, LorentzMeanField, LorentzTrace, State, Var};
pub use network::{lorentzian_quantiles, LorentzNetwork, LorentzSetup};
pub use params::{CcParams, GskParams, Initial, LorentzParams, QifParams, SfaParams};
pub use quadratic::Quadratic;
