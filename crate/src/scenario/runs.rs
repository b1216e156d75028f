//! Any of the product's spiking networks behind one interface (what the page's worker and the
//! CLI drive): the conductance-based E/I network, or an exact family's Lorentzian network.

use crate::lorentz::LorentzNetwork;
use crate::network::AdexNetwork;
use crate::record::Recording;

/// A running network of any family.
#[allow(clippy::large_enum_variant)] // one per page or CLI run: boxing buys nothing
pub enum Network {
    /// AdEx or Izhikevich E/I network with conductance synapses and Poisson drive.
    Conductance(AdexNetwork),
    /// All-to-all network of quadratic neurons with Lorentzian heterogeneity.
    Lorentz(LorentzNetwork),
}

impl Network {
    /// Current model time [ms].
    #[must_use]
    pub fn t_ms(&self) -> f64 {
        match self {
            Self::Conductance(n) => n.t_ms(),
            Self::Lorentz(n) => n.t_ms(),
        }
    }

    /// Whether the run is over.
    #[must_use]
    pub fn done(&self) -> bool {
        match self {
            Self::Conductance(n) => n.done(),
            Self::Lorentz(n) => n.done(),
        }
    }

    /// When the state stopped being finite, if it did [ms].
    #[must_use]
    pub fn diverged_at_ms(&self) -> Option<f64> {
        match self {
            Self::Conductance(n) => n.diverged_at_ms(),
            Self::Lorentz(n) => n.diverged_at_ms(),
        }
    }

    /// Spikes so far (excitatory, inhibitory); a Lorentzian network has one population.
    #[must_use]
    pub fn total_spikes(&self) -> (u64, u64) {
        match self {
            Self::Conductance(n) => n.total_spikes(),
            Self::Lorentz(n) => (n.total_spikes(), 0),
        }
    }

    /// Takes what was recorded since the last call.
    pub fn take(&mut self) -> Recording {
        match self {
            Self::Conductance(n) => n.take(),
            Self::Lorentz(n) => n.take(),
        }
    }

    /// Simulates until `t_ms` or the end.
    pub fn advance_to(&mut self, t_ms: f64) {
        match self {
            Self::Conductance(n) => n.advance_to(t_ms),
            Self::Lorentz(n) => n.advance_to(t_ms),
        }
    }

    /// Simulates the whole run and returns its recording.
    #[must_use]
    pub fn run(self) -> Recording {
        match self {
            Self::Conductance(n) => n.run(),
            Self::Lorentz(n) => n.run(),
        }
    }

    /// The conductance network, if this is one (its wiring can be reused).
    #[must_use]
    pub fn into_conductance(self) -> Option<AdexNetwork> {
        match self {
            Self::Conductance(n) => Some(n),
            Self::Lorentz(_) => None,
        }
    }
}
