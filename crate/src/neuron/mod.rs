//! The vocabulary every model of the product speaks: the two populations of the conductance
//! models and the neuron model of their cells (more of the cells, synapses and circuit move here as the house is restructured).

/// The two populations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pop {
    /// Excitatory, regular spiking (RS).
    Exc,
    /// Inhibitory, fast spiking (FS).
    Inh,
}

/// The neuron model a coefficient set describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NeuronModel {
    /// AdEx cells with the Zerlaut/di Volo moments.
    Adex,
    /// Conductance-based Izhikevich cells with the Alexandersen et al. moments.
    Izhikevich,
}

impl NeuronModel {
    /// The `neuron_model` string of a file.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Adex => "adex",
            Self::Izhikevich => "izhikevich",
        }
    }

    /// Parses a [`NeuronModel::name`].
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Adex, Self::Izhikevich]
            .into_iter()
            .find(|m| m.name() == name)
    }
}
