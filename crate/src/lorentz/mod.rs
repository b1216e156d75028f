//! The exact (Lorentzian-ansatz) mean-field families and their spiking networks: QIF
//! (Montbrió, Pazó & Roxin 2015), QIF with spike-frequency adaptation (Gast, Schmidt & Knösche
//! 2020), the dimensionless Izhikevich model of Chen & Campbell 2022 and the biophysical
//! Izhikevich models with distributed thresholds or background currents of Gast, Solla &
//! Kennedy (`exact_mf.md`), one file each in [`families`].

pub mod families;
mod mf;
pub mod network;
mod quadratic;

pub use families::{
    CcParams, EtaParams, Family, GskParams, Initial, LorentzParams, QifParams, SfaParams, State,
    Var,
};
pub use mf::{run, run_from, LorentzMeanField, LorentzTrace};
pub use network::{
    lorentzian_quantiles, raster_stride, LorentzNetwork, LorentzNetworkSpec, LorentzSetup,
};
pub use quadratic::Quadratic;
