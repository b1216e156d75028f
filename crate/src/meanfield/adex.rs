//! Right-hand side of the AdEx mean field (`adex_mf.md` §3), in the form the official code
//! implements (El Boustani & Destexhe 2009), which differs from Zerlaut 2018's printed equations
//! (§6.8). The derivatives of F the second-order equations need are exact: one evaluation of
//! F in a [`Jet`] gives them (the official code's 1e-5 Hz stencil loses ~2e-4 of ∂²F to
//! rounding, `adex_mf.md` §3.1, which keeps a second-order run from ever settling).

use super::adex_params::{AdaptationMode, AdexCell, AdexParams, Order};
use super::izh_params::IzhParams;
use crate::neuron::Pop;
use crate::stimulus::StimSample;
use crate::transfer::coefficients::CoefficientSet;
use crate::transfer::izhikevich::IzhTransfer;
use crate::transfer::jet::{Jet, Real};
use crate::transfer::moments::mean_conductances;
use crate::transfer::TransferFunction;
use crate::units::HZ_MS;
use crate::Error;

/// State of the AdEx mean field.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AdexState {
    /// Excitatory rate ν_e [Hz].
    pub nu_e: f64,
    /// Inhibitory rate ν_i [Hz].
    pub nu_i: f64,
    /// Variance of ν_e, c_ee [Hz²].
    pub c_ee: f64,
    /// Covariance of ν_e and ν_i, c_ei [Hz²].
    pub c_ei: f64,
    /// Variance of ν_i, c_ii [Hz²].
    pub c_ii: f64,
    /// Mean excitatory adaptation current W_e [pA].
    pub w_e: f64,
    /// Mean inhibitory adaptation current W_i [pA].
    pub w_i: f64,
}

impl AdexState {
    /// The values in the order of [`AdexState::NAMES`].
    #[must_use]
    pub fn to_array(&self) -> [f64; 7] {
        [
            self.nu_e, self.nu_i, self.c_ee, self.c_ei, self.c_ii, self.w_e, self.w_i,
        ]
    }

    /// Builds a state from values in the order of [`AdexState::NAMES`].
    #[must_use]
    pub fn from_array(x: [f64; 7]) -> Self {
        Self {
            nu_e: x[0],
            nu_i: x[1],
            c_ee: x[2],
            c_ei: x[3],
            c_ii: x[4],
            w_e: x[5],
            w_i: x[6],
        }
    }

    /// Variable names (CSV/JSON keys) and their units.
    pub const NAMES: [(&'static str, &'static str); 7] = [
        ("nu_e", "Hz"),
        ("nu_i", "Hz"),
        ("c_ee", "Hz^2"),
        ("c_ei", "Hz^2"),
        ("c_ii", "Hz^2"),
        ("w_e", "pA"),
        ("w_i", "pA"),
    ];
}

/// F and its derivatives with respect to the two input rates, at one point.
#[derive(Clone, Copy, Debug, Default)]
struct Local {
    f: f64,
    d_e: f64,
    d_i: f64,
    d_ee: f64,
    d_ei: f64,
    d_ii: f64,
}

impl Local {
    /// ½ Σ c ∂²F: the second-order correction to the rate equation.
    fn curvature(&self, x: &AdexState) -> f64 {
        0.5 * (x.c_ee * self.d_ee + 2.0 * x.c_ei * self.d_ei + x.c_ii * self.d_ii)
    }
}

/// A population's transfer function: AdEx (di Volo 2019) or Izhikevich (Alexandersen 2023).
#[derive(Clone, Copy, Debug)]
enum CellTf {
    Adex(TransferFunction),
    Izh(IzhTransfer),
}

impl CellTf {
    fn rate<T: Real>(&self, fe: T, fi: T, w: T) -> T {
        match self {
            Self::Adex(tf) => tf.rate_of(fe, fi, w),
            Self::Izh(tf) => tf.rate(fe, fi, w),
        }
    }

    fn mu_v<T: Real>(&self, fe: T, fi: T, w: T) -> T {
        match self {
            Self::Adex(tf) => tf.mu_v(fe, fi, w),
            Self::Izh(tf) => tf.mu_v(fe, fi, w),
        }
    }

    /// Whether (fe, fi, w) lies in the transfer function's domain (always for AdEx).
    fn in_domain(&self, fe: f64, fi: f64, w: f64) -> bool {
        match self {
            Self::Adex(_) => true,
            Self::Izh(tf) => tf.moments_at(fe, fi, w).1,
        }
    }
}

/// One population of the mean field: its transfer function and adaptation.
#[derive(Clone, Copy, Debug)]
struct Population {
    tf: CellTf,
    cell: AdexCell,
}

/// Fixed-point iterations for the stationary u of an Izhikevich cell with b ≠ 0.
const STATIONARY_ITERATIONS: usize = 50;

impl Population {
    fn new(params: &AdexParams, set: &CoefficientSet, pop: Pop) -> Self {
        Self {
            tf: CellTf::Adex(params.transfer_function(set, pop)),
            cell: *params.cell(pop),
        }
    }

    fn izhikevich(params: &AdexParams, izh: &IzhParams, set: &CoefficientSet, pop: Pop) -> Self {
        let cell = izh.cell(pop);
        Self {
            tf: CellTf::Izh(IzhTransfer {
                neuron: cell.neuron,
                synapses: params.synapses,
                in_degrees: params.in_degrees(),
                poly: set.cell(pop).p,
                norm: set.norm,
            }),
            cell: cell.adaptation(),
        }
    }

    /// F at (fe, fi) with adaptation `w(δ_e, δ_i)` when the input rates move by (δ_e, δ_i),
    /// plus its first and second derivatives in (δ_e, δ_i) when `second`, exact (to rounding)
    /// by forward-mode differentiation ([`Jet`]). With dynamic adaptation `w` is constant; with
    /// stationary adaptation it is W̄ of the moved rates, so the derivatives are the total ones
    /// of F(ν, W̄(ν)), the transfer function of the system integrated.
    /// `w0` is `w(0, 0)`, given in `f64` so that a first-order evaluation does no jet
    /// arithmetic.
    fn local(
        &self,
        fe: f64,
        fi: f64,
        (w0, w): (f64, impl Fn(Jet, Jet) -> Jet),
        second: bool,
    ) -> Local {
        if !second {
            return Local {
                f: self.tf.rate(fe, fi, w0),
                ..Local::default()
            };
        }
        let (de, di) = (Jet::var(0.0, 0), Jet::var(0.0, 1));
        let f = self.tf.rate(de + fe, di + fi, w(de, di));
        Local {
            f: f.v,
            d_e: f.g[0],
            d_i: f.g[1],
            d_ee: f.h[0],
            d_ei: f.h[1],
            d_ii: f.h[2],
        }
    }

    /// dW/dt [pA/ms] = −W/τ_w + b ν + a (μ_V − E_L)/τ_w.
    fn dw(&self, w: f64, nu: f64, fe: f64, fi: f64) -> f64 {
        let c = &self.cell;
        let sub = if c.a_ns == 0.0 {
            0.0
        } else {
            c.a_ns * (self.tf.mu_v(fe, fi, w) - c.e_l_mv)
        };
        (sub - w) / c.tau_w_ms + c.b_pa * nu * HZ_MS
    }

    /// The W at which dW/dt = 0 for rate `nu`, solving the `a` term's dependence on μ_V(W):
    /// W̄ = [b ν τ_w + a (μ_V(0) − E_L)] μ_G / (μ_G + a).
    fn stationary_w<T: Real>(&self, nu: T, fe: T, fi: T) -> T {
        let c = &self.cell;
        let spike = nu * c.b_pa * c.tau_w_ms * HZ_MS;
        if c.a_ns == 0.0 {
            return spike;
        }
        let tf = match &self.tf {
            CellTf::Adex(tf) => tf,
            CellTf::Izh(tf) => {
                // W = b μ_V(W) + d ν τ_u: a contraction for the small b of these cells.
                let mut w = spike;
                for _ in 0..STATIONARY_ITERATIONS {
                    let next = spike + (tf.mu_v(fe, fi, w) - c.e_l_mv) * c.a_ns;
                    let settled = (next.val() - w.val()).abs() <= 1e-12 * (1.0 + next.val().abs());
                    w = next;
                    if settled {
                        break;
                    }
                }
                return w;
            }
        };
        let k = tf.in_degrees;
        let g = mean_conductances(
            &tf.membrane,
            &tf.synapses,
            fe.at_least(0.0) * k.k_e,
            fi.at_least(0.0) * k.k_i,
        );
        let mu_v0 = tf.mu_v(fe, fi, T::cst(0.0));
        (spike + (mu_v0 - c.e_l_mv) * c.a_ns) * g.mu_g_ns / (g.mu_g_ns + c.a_ns)
    }
}

/// The AdEx mean field of di Volo et al. 2019, ready to integrate.
#[derive(Clone, Debug)]
pub struct AdexMeanField {
    exc: Population,
    inh: Population,
    nu_drive_hz: f64,
    ext_ratio: f64,
    stim_frac_i: f64,
    order: Order,
    adaptation: AdaptationMode,
    t_mf_ms: f64,
    n_e: f64,
    n_i: f64,
}

/// Inputs of both transfer functions at one instant.
#[derive(Clone, Copy, Debug)]
struct Inputs {
    /// Per-synapse excitatory input to the RS cells [Hz].
    fe_exc: f64,
    /// Per-synapse excitatory input to the FS cells [Hz].
    fe_inh: f64,
}

impl AdexMeanField {
    /// What the model's equations read, as text (for cache keys: two models with the same key
    /// have the same derivative). The network size enters only the second-order finite-size
    /// terms, so a first-order model leaves it out; the Izhikevich rates read neither the
    /// reset, the refractory period nor the spike cut of their cells (these shape the network's
    /// spikes; the cut also bounds the domain [`AdexMeanField::out_of_domain`] reports).
    #[must_use]
    pub fn equations_key(&self) -> String {
        let mut m = self.clone();
        if m.order == Order::First {
            (m.n_e, m.n_i) = (0.0, 0.0);
        }
        for pop in [&mut m.exc, &mut m.inh] {
            if let CellTf::Izh(tf) = &mut pop.tf {
                let n = &mut tf.neuron;
                (n.v_reset_mv, n.t_ref_ms, n.v_peak_mv) = (0.0, 0.0, 0.0);
            }
        }
        format!("{m:?}")
    }

    /// Builds the model; `stim_frac_i` is the share of the stimulus that reaches the FS cells.
    ///
    /// # Errors
    /// When the parameters are inconsistent (see [`AdexParams::validate`]).
    pub fn new(params: &AdexParams, set: &CoefficientSet, stim_frac_i: f64) -> Result<Self, Error> {
        params.validate()?;
        let (n_e, n_i) = params.population_sizes();
        Ok(Self {
            exc: Population::new(params, set, Pop::Exc),
            inh: Population::new(params, set, Pop::Inh),
            nu_drive_hz: params.nu_drive_hz,
            ext_ratio: params.k_ext / params.k_e,
            stim_frac_i,
            order: params.order,
            adaptation: params.adaptation,
            t_mf_ms: params.t_mf_ms,
            n_e,
            n_i,
        })
    }

    /// The Izhikevich mean field of Alexandersen et al. 2023: the same Markovian equations with
    /// the Izhikevich transfer function and u in place of W (`izhikevich_mf.md` §3). The
    /// derivatives are exact (forward-mode differentiation), not the reference code's 1e-16 Hz that
    /// makes them vanish (§6.2), and the ν_e equation uses ½ Σ c_ab ∂²F_e/∂ν_a∂ν_b (§6.3).
    ///
    /// # Errors
    /// When the parameters are inconsistent, or `set` is not an Izhikevich set.
    pub fn izhikevich(
        params: &AdexParams,
        izh: &IzhParams,
        set: &CoefficientSet,
        stim_frac_i: f64,
    ) -> Result<Self, Error> {
        if set.neuron_model != crate::transfer::coefficients::NeuronModel::Izhikevich {
            return Err(Error::Coefficients {
                file: set.id.clone(),
                reason: format!(
                    "the set is for {} cells; the Izhikevich mean field needs an 'izhikevich' set",
                    set.neuron_model.name()
                ),
            });
        }
        let mut model = Self::new(params, set, stim_frac_i)?;
        model.exc = Population::izhikevich(params, izh, set, Pop::Exc);
        model.inh = Population::izhikevich(params, izh, set, Pop::Inh);
        Ok(model)
    }

    /// The first population whose transfer function is outside its domain at `x` (the
    /// Izhikevich cell has no subthreshold rest there), if any.
    #[must_use]
    pub fn out_of_domain(&self, x: &AdexState, s: StimSample) -> Option<&'static str> {
        let u = self.inputs(x, s);
        if !self.exc.tf.in_domain(u.fe_exc, x.nu_i, x.w_e) {
            Some("excitatory")
        } else if !self.inh.tf.in_domain(u.fe_inh, x.nu_i, x.w_i) {
            Some("inhibitory")
        } else {
            None
        }
    }

    /// Whether the populations have Izhikevich transfer functions.
    #[must_use]
    pub fn is_izhikevich(&self) -> bool {
        matches!(self.exc.tf, CellTf::Izh(_))
    }

    /// F and its first derivatives ∂F/∂ν_e, ∂F/∂ν_i [Hz, Hz/Hz] for both populations at `x`,
    /// as the second-order equations use them: ((F_e, ∂_e F_e, ∂_i F_e), (F_i, …)).
    #[must_use]
    pub fn slopes(&self, x: &AdexState, s: StimSample) -> [(f64, f64, f64); 2] {
        let (e, i) = self.locals(x, &self.inputs(x, s), true);
        [(e.f, e.d_e, e.d_i), (i.f, i.d_e, i.d_i)]
    }

    /// Both populations' F at `x` (whose W is pinned in stationary mode), with derivatives
    /// with respect to (ν_e, ν_i) when `second`. In stationary mode W moves with the rates as
    /// W̄ does (W_e = W̄_e(ν_e, …), W_i = W̄_i(ν_i, …)): the chain rule through W̄, so that the
    /// covariance and curvature terms are those of the stationary system, not of one with W
    /// frozen (which ran away to the rate cap in Fig 4-B).
    fn locals(&self, x: &AdexState, u: &Inputs, second: bool) -> (Local, Local) {
        match self.adaptation {
            AdaptationMode::Dynamic => (
                self.exc
                    .local(u.fe_exc, x.nu_i, (x.w_e, |_, _| Jet::cst(x.w_e)), second),
                self.inh
                    .local(u.fe_inh, x.nu_i, (x.w_i, |_, _| Jet::cst(x.w_i)), second),
            ),
            AdaptationMode::Stationary => {
                let w_e0 = self.exc.stationary_w(x.nu_e, u.fe_exc, x.nu_i);
                let w_i0 = self.inh.stationary_w(x.nu_i, u.fe_inh, x.nu_i);
                // x's W plus how W̄ moves, so that F itself is exactly that of x.
                let w_e = |de: Jet, di: Jet| {
                    self.exc
                        .stationary_w(de + x.nu_e, de + u.fe_exc, di + x.nu_i)
                        + x.w_e
                        - w_e0
                };
                let w_i = |de: Jet, di: Jet| {
                    self.inh
                        .stationary_w(di + x.nu_i, de + u.fe_inh, di + x.nu_i)
                        + x.w_i
                        - w_i0
                };
                // At (0, 0) in f64, by the same operations as the jets' values.
                let (w_e00, w_i00) = (w_e0 + x.w_e - w_e0, w_i0 + x.w_i - w_i0);
                (
                    self.exc.local(u.fe_exc, x.nu_i, (w_e00, w_e), second),
                    self.inh.local(u.fe_inh, x.nu_i, (w_i00, w_i), second),
                )
            }
        }
    }

    /// External input per external synapse reaching (E, I) [Hz], clipped at 0.
    #[must_use]
    pub fn external_rates(&self, s: StimSample) -> (f64, f64) {
        s.external_rates(self.nu_drive_hz, self.stim_frac_i)
    }

    fn inputs(&self, x: &AdexState, s: StimSample) -> Inputs {
        let (ext_e, ext_i) = self.external_rates(s);
        Inputs {
            fe_exc: x.nu_e + self.ext_ratio * ext_e,
            fe_inh: x.nu_e + self.ext_ratio * ext_i,
        }
    }

    /// With stationary adaptation, replaces W by its instantaneous steady value.
    #[must_use]
    pub fn with_pinned_adaptation(&self, x: &AdexState, s: StimSample) -> AdexState {
        if self.adaptation == AdaptationMode::Dynamic {
            return *x;
        }
        let u = self.inputs(x, s);
        AdexState {
            w_e: self.exc.stationary_w(x.nu_e, u.fe_exc, x.nu_i),
            w_i: self.inh.stationary_w(x.nu_i, u.fe_inh, x.nu_i),
            ..*x
        }
    }

    /// dx/dt [unit of x per ms] at state `x` (with W already pinned in stationary mode).
    #[must_use]
    pub fn derivative(&self, x: &AdexState, s: StimSample) -> AdexState {
        let u = self.inputs(x, s);
        let second = self.order == Order::Second;
        let (fe, fi) = self.locals(x, &u, second);
        let t = self.t_mf_ms;
        let (dw_e, dw_i) = match self.adaptation {
            AdaptationMode::Dynamic => (
                self.exc.dw(x.w_e, x.nu_e, u.fe_exc, x.nu_i),
                self.inh.dw(x.w_i, x.nu_i, u.fe_inh, x.nu_i),
            ),
            AdaptationMode::Stationary => (0.0, 0.0),
        };
        if !second {
            return AdexState {
                nu_e: (fe.f - x.nu_e) / t,
                nu_i: (fi.f - x.nu_i) / t,
                w_e: dw_e,
                w_i: dw_i,
                ..AdexState::default()
            };
        }
        let inv_t_hz = 1.0 / (t * HZ_MS);
        let (de, di) = (fe.f - x.nu_e, fi.f - x.nu_i);
        AdexState {
            nu_e: (de + fe.curvature(x)) / t,
            nu_i: (di + fi.curvature(x)) / t,
            c_ee: (fe.f * (inv_t_hz - fe.f) / self.n_e
                + de * de
                + 2.0 * x.c_ee * fe.d_e
                + 2.0 * x.c_ei * fe.d_i
                - 2.0 * x.c_ee)
                / t,
            c_ei: (de * di + x.c_ee * fi.d_e + x.c_ei * fe.d_e + x.c_ei * fi.d_i + x.c_ii * fe.d_i
                - 2.0 * x.c_ei)
                / t,
            c_ii: (fi.f * (inv_t_hz - fi.f) / self.n_i
                + di * di
                + 2.0 * x.c_ei * fi.d_e
                + 2.0 * x.c_ii * fi.d_i
                - 2.0 * x.c_ii)
                / t,
            w_e: dw_e,
            w_i: dw_i,
        }
    }

    /// Rate of the excitatory and inhibitory transfer functions at state `x` (no derivatives).
    #[must_use]
    pub fn transfer_rates(&self, x: &AdexState, s: StimSample) -> (f64, f64) {
        let u = self.inputs(x, s);
        (
            self.exc.tf.rate(u.fe_exc, x.nu_i, x.w_e),
            self.inh.tf.rate(u.fe_inh, x.nu_i, x.w_i),
        )
    }

    /// The model's order.
    #[must_use]
    pub fn order(&self) -> Order {
        self.order
    }

    /// Whether adaptation is a state variable or pinned at its steady value.
    #[must_use]
    pub fn adaptation(&self) -> AdaptationMode {
        self.adaptation
    }
}
