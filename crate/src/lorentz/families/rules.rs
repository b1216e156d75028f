//! What every exact family provides ([`Rules`]) and the small types its rules speak of.

/// One state variable: CSV key, plot label and unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Var {
    /// Key (CSV/JSON).
    pub key: &'static str,
    /// Label with the paper's symbol.
    pub label: &'static str,
    /// Unit ("" for dimensionless).
    pub unit: &'static str,
}

/// A [`Var`].
pub(crate) const fn var(key: &'static str, label: &'static str, unit: &'static str) -> Var {
    Var { key, label, unit }
}

/// A state: r (per time unit), v, and two family-specific variables (0 where unused).
pub type State = [f64; 4];

/// Per-step coefficients of a network neuron: v̇ = A v² + (b0 + b1 h_j) v + d0 + d1 h_j − du u_j
/// (h_j its heterogeneity), and u̇_j = ua (ub (v_j − uv) − u_j) between spikes, u_j += ud per
/// spike.
#[derive(Clone, Copy, Debug, Default)]
pub struct Coeffs {
    /// A.
    pub a: f64,
    /// Constant part of B.
    pub b0: f64,
    /// Part of B per unit of heterogeneity.
    pub b1: f64,
    /// Constant part of D.
    pub d0: f64,
    /// Part of D per unit of heterogeneity.
    pub d1: f64,
    /// Weight of the neuron's adaptation in D.
    pub du: f64,
    /// Adaptation rate.
    pub ua: f64,
    /// Subthreshold adaptation.
    pub ub: f64,
    /// Potential the subthreshold adaptation is measured from.
    pub uv: f64,
    /// Spike-triggered adaptation jump.
    pub ud: f64,
}

/// The variables a network shares across its neurons.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Shared {
    /// The recurrent rate of the last step (per time unit).
    pub r: f64,
    /// The synaptic gating s.
    pub s: f64,
    /// QIF-SFA's global adaptation (a, x).
    pub sfa: [f64; 2],
}

/// What the network reports as the family's third variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Third {
    /// None (QIF): 0.
    Zero,
    /// QIF-SFA's global adaptation a.
    Sfa,
    /// The mean adaptation ⟨u⟩ of the neurons.
    MeanU,
}

/// A family's PyRates template (`model_templates.neural_mass_models.<template>`) with the
/// family's parameters under PyRates' names.
#[derive(Clone, Debug, PartialEq)]
pub struct PyRatesTemplate {
    /// Circuit path below `neural_mass_models`, e.g. `qif.qif`.
    pub template: &'static str,
    /// The node's operator, e.g. `qif_op`.
    pub op: &'static str,
    /// The edge weight r → r_in.
    pub j: f64,
    /// Node variables (name, value), initial state of the extra variables included.
    pub vars: Vec<(&'static str, f64)>,
    /// State variables beyond r and v.
    pub extra: &'static [&'static str],
    /// What the mapping had to do, for the script's header (`None`: nothing).
    pub note: Option<String>,
}

/// What makes a family: its mean field and what its network needs, from its parameters `P`.
pub trait Rules {
    /// The family's parameters.
    type P;
    /// The state variables (r and v first).
    const VARS: &'static [Var];
    /// What the network reports as the third variable.
    const THIRD: Third;
    /// [`Rules::VARS`], callable through [`dispatch!`].
    #[must_use]
    fn vars() -> &'static [Var] {
        Self::VARS
    }
    /// [`Rules::THIRD`], callable through [`dispatch!`].
    #[must_use]
    fn third() -> Third {
        Self::THIRD
    }
    /// The time unit [ms].
    fn t_unit_ms(p: &Self::P) -> f64;
    /// The unit of the input current (and of v): "" for the dimensionless families.
    #[must_use]
    fn current_unit() -> &'static str {
        ""
    }
    /// The constant external current I_0.
    fn i0(p: &Self::P) -> f64;
    /// The quadratic gain A of v̇ = A v² + …: the half-width of the voltage Lorentzian is π r / A.
    #[must_use]
    fn gain(_p: &Self::P) -> f64 {
        1.0
    }
    /// dx/dt per time unit at state `x` under input current `i`.
    fn derivative(p: &Self::P, x: &State, i: f64) -> State;
    /// The network's heterogeneity (centre, half-width) and spike cut v_peak.
    fn heterogeneity(p: &Self::P) -> (f64, f64, f64);
    /// A network neuron's coefficients for one step under input `i` and the shared variables.
    fn coeffs(p: &Self::P, i: f64, shared: &Shared) -> Coeffs;
    /// The family's PyRates template with these parameters (time in the family's unit).
    fn pyrates(p: &Self::P) -> PyRatesTemplate;
    /// Advances the shared synaptic and adaptation variables by `dt` (time units) after a step
    /// with population rate `r` and `spikes_per_neuron`.
    fn advance(p: &Self::P, dt: f64, r: f64, spikes_per_neuron: f64, shared: &mut Shared);
}
