//! Parameters of the spiking network that only the network has: how spikes are made (the AdEx
//! exponential and its cut), how neurons are wired, and the simulation grid. Everything the mean
//! field shares (membranes, adaptation, synapses, in-degrees, N, drive) stays in
//! [`crate::meanfield::AdexParams`], so one key means one number for both.

/// The spike-generating part of an AdEx cell (MDB `cell_library.py`, `adex_mf.md` §1.2).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpikingCell {
    /// Threshold of the exponential term V_T [mV] (−50 mV).
    pub v_thr_mv: f64,
    /// Slope factor Δ_T [mV] (RS 2 mV, FS 0.5 mV). The spike is cut at V_T + 5 Δ_T, as in the
    /// Zerlaut/di Volo single-cell code (`tf_simulation.adexp_sim`).
    pub delta_t_mv: f64,
    /// Reset potential [mV] (−65 mV).
    pub v_reset_mv: f64,
    /// Refractory period [ms] during which V is held at the reset (5 ms).
    pub t_ref_ms: f64,
}

impl SpikingCell {
    /// The potential at which a spike is counted and V is reset [mV]: V_T + 5 Δ_T.
    #[must_use]
    pub fn v_peak_mv(&self) -> f64 {
        self.v_thr_mv + 5.0 * self.delta_t_mv
    }
}

/// How the recurrent synapses are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connectivity {
    /// Every ordered pair (no self-connections) independently, with p_e = K_e / (N_e − 1…) and
    /// p_i = K_i / N_i, so the mean in-degrees are K_e and K_i at every N. At N = 10 000 this is
    /// the paper's p = 5 %.
    Random,
    /// Every neuron receives exactly K_e excitatory and K_i inhibitory synapses from distinct
    /// presynaptic neurons: the in-degrees the mean field assumes, at any N.
    FixedInDegree,
}

impl Connectivity {
    /// Both rules, in menu order.
    pub const ALL: [Self; 2] = [Self::Random, Self::FixedInDegree];

    /// Id used in links, JSON and the CLI.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Random => "random",
            Self::FixedInDegree => "fixed_indegree",
        }
    }

    /// Human-readable description.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Random => "random, p = K/N (the paper's 5 % at N = 10 000)",
            Self::FixedInDegree => "fixed in-degree K_e, K_i",
        }
    }

    /// Parses a [`Connectivity::name`].
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Network-only parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NetworkParams {
    /// Wiring rule (random, as the paper).
    pub connectivity: Connectivity,
    /// Integration step [ms] (0.1 ms, the Brian2 networks of Zerlaut 2018 and di Volo 2019).
    pub dt_ms: f64,
    /// Width of the population-rate bins [ms] (5 ms).
    pub bin_ms: f64,
    /// RS cells (V_T = −50 mV, Δ_T = 2 mV, reset −65 mV, 5 ms refractory).
    pub exc: SpikingCell,
    /// FS cells (V_T = −50 mV, Δ_T = 0.5 mV, reset −65 mV, 5 ms refractory).
    pub inh: SpikingCell,
}

impl Default for NetworkParams {
    fn default() -> Self {
        let rs = SpikingCell {
            v_thr_mv: -50.0,
            delta_t_mv: 2.0,
            v_reset_mv: -65.0,
            t_ref_ms: 5.0,
        };
        Self {
            connectivity: Connectivity::Random,
            dt_ms: 0.1,
            bin_ms: 5.0,
            exc: rs,
            inh: SpikingCell {
                delta_t_mv: 0.5,
                ..rs
            },
        }
    }
}

/// Largest number of recurrent synapses a network may have: 4 bytes each, so 30 million keep a
/// network (and the page's worker) under ~150 MB. N = 10 000 with K = 500 has 5 million.
pub const MAX_SYNAPSES: f64 = 30e6;
