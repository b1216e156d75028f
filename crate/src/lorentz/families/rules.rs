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

/// e^x from additions, multiplications and a power of two only, so that a network's synaptic
/// decay is the same bits natively and in wasm (each platform's libm `exp` may differ in the
/// last bit). x = k ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 in two parts), e^r by its Taylor series to r^17 (error
/// below 1e-16), times 2^k. For |x| ≤ 700.
#[must_use]
pub fn exp_det(x: f64) -> f64 {
    // ln 2 split so that k · LN2_HI is exact (Cody and Waite).
    const LN2_HI: f64 = 0.693_147_180_369_123_8;
    const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
    let x = x.clamp(-700.0, 700.0);
    let k = (x / std::f64::consts::LN_2).round();
    let r = (x - k * LN2_HI) - k * LN2_LO;
    let mut sum = 1.0;
    for n in (1..=17).rev() {
        sum = 1.0 + sum * r / f64::from(n);
    }
    // 2^k, built from its exponent bits (k is within ±1010 here).
    let two_k = f64::from_bits(((k as i64 + 1023) as u64) << 52);
    sum * two_k
}

/// tan x for |x| < π/2 from additions, multiplications and divisions only (the network's
/// Lorentzian quantiles and initial voltages, the same bits natively and in wasm): for
/// |x| ≤ π/4 the ratio of the sine and cosine series to x^21, beyond it 1 / tan(π/2 − |x|)
/// with π/2 in two parts, so that the tails keep their relative accuracy.
#[must_use]
pub fn tan_det(x: f64) -> f64 {
    const HALF_PI_HI: f64 = std::f64::consts::FRAC_PI_2;
    const HALF_PI_LO: f64 = 6.123_233_995_736_766e-17;
    let series = |y: f64| {
        let y2 = y * y;
        let (mut s, mut c) = (1.0, 1.0);
        // sin y / y = Σ (−y²)^n / (2n+1)!, cos y = Σ (−y²)^n / (2n)!, by Horner from n = 10.
        for n in (1..=10).rev() {
            let n = f64::from(n);
            s = 1.0 - s * y2 / ((2.0 * n) * (2.0 * n + 1.0));
            c = 1.0 - c * y2 / ((2.0 * n - 1.0) * (2.0 * n));
        }
        y * s / c
    };
    let a = x.abs();
    let t = if a <= std::f64::consts::FRAC_PI_4 {
        series(a)
    } else {
        1.0 / series((HALF_PI_HI - a) + HALF_PI_LO)
    };
    t.copysign(x)
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

#[cfg(test)]
mod tests {
    use super::{exp_det, tan_det};

    #[test]
    fn the_deterministic_tangent_is_the_tangent_into_its_tails() {
        let half_pi = std::f64::consts::FRAC_PI_2;
        for x in [
            0.0,
            1e-8,
            0.3,
            0.785,
            0.786,
            1.2,
            1.5,
            half_pi - 1e-6,
            half_pi * (1.0 - 2.0 / 200_001.0),
        ] {
            for x in [x, -x] {
                let (got, want) = (tan_det(x), f64::tan(x));
                assert!(
                    (got - want).abs() <= 1e-14 * want.abs().max(1e-300),
                    "{x}: {got} vs {want}"
                );
            }
        }
    }

    #[test]
    fn the_deterministic_exponential_is_the_exponential() {
        for x in [
            -700.0, -20.0, -1.0, -0.05, -1e-3, 0.0, 1e-9, 0.3, 1.0, 5.0, 700.0,
        ] {
            let (got, want) = (exp_det(x), f64::exp(x));
            assert!(
                (got - want).abs() <= 4.0 * f64::EPSILON * want,
                "{x}: {got} vs {want}"
            );
        }
    }
}
