//! Subthreshold moments of the conductance-based Izhikevich (adaptive QIF) cell of
//! Alexandersen et al. 2023 (`izhikevich_mf.md` §2): μ_V is the lower root of the stationary
//! quadratic, σ_V and τ_V are that paper's heuristic expressions.
//!
//! Units. The reference code writes the cell with T_v = 1 s and unit-free conductances. That is
//! exactly the core's unit system with C_m = 1000 pF: conductances in nS, g_iz in nS/mV, u and the
//! mean adaptation U in pA. The heuristic σ_V and τ_V are not dimensionally consistent; they are
//! evaluated as the reference does, with synaptic times in s and T_v = C_m / 1 nS in s.

use super::jet::Real;
use super::{Moments, Synapses};
use crate::units::{ms_to_s, HZ_MS};
use serde::{Deserialize, Serialize};

/// σ_V when the heuristic variance is not positive [mV] (reference: 1e-9).
const SIGMA_V_NONPOSITIVE_MV: f64 = 1e-9;
/// Shift of the input rates inside τ_V [Hz] (reference: ν + 1e-9).
const TAU_V_RATE_EPS_HZ: f64 = 1e-9;
/// Added to the variance in τ_V's denominator (reference: S' + 1e-9).
const TAU_V_VAR_EPS: f64 = 1e-9;

/// The synapses of the reference network (`izhikevich_mf.md` §1.2): Q_e = 1.5, Q_i = 5 (nS with
/// C_m = 1 nF), τ = 5 ms, E_e = 0 mV, E_i = −80 mV.
pub const SYNAPSES: Synapses = Synapses {
    q_e_ns: 1.5,
    q_i_ns: 5.0,
    tau_e_ms: 5.0,
    tau_i_ms: 5.0,
    e_e_mv: 0.0,
    e_i_mv: -80.0,
};

/// One Izhikevich cell type (`izhikevich_mf.md` §1.1; defaults are the excitatory "RS" cell).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IzhNeuron {
    /// Quadratic gain g_iz [nS/mV] (E 0.01, I 0.04).
    pub k_ns_per_mv: f64,
    /// Rest/threshold of the quadratic E_iz [mV] (E −65, I −60).
    pub e_iz_mv: f64,
    /// Capacitance [pF]: the reference's T_v = 1 s with 1 nS (1000).
    pub c_m_pf: f64,
    /// Subthreshold adaptation coupling b [nS] (0; u → b v + U in μ_V).
    pub b_ns: f64,
    /// Reset c [mV] (E −65, I −55).
    pub v_reset_mv: f64,
    /// Spike cut v_peak [mV] (−30).
    pub v_peak_mv: f64,
    /// Refractory period [ms] during which v is held at the reset (5).
    pub t_ref_ms: f64,
}

impl IzhNeuron {
    /// The excitatory cell of the reference network (`izhikevich_mf.md` §1.1).
    pub const EXC: Self = Self {
        k_ns_per_mv: 0.01,
        e_iz_mv: -65.0,
        c_m_pf: 1000.0,
        b_ns: 0.0,
        v_reset_mv: -65.0,
        v_peak_mv: -30.0,
        t_ref_ms: 5.0,
    };
    /// The inhibitory cell of the reference network.
    pub const INH: Self = Self {
        k_ns_per_mv: 0.04,
        e_iz_mv: -60.0,
        c_m_pf: 1000.0,
        b_ns: 0.0,
        v_reset_mv: -55.0,
        v_peak_mv: -30.0,
        t_ref_ms: 5.0,
    };

    /// The membrane time unit T_v = C_m / 1 nS [ms] that normalises τ_V (1000 ms).
    #[must_use]
    pub fn t_v_ms(&self) -> f64 {
        self.c_m_pf
    }

    /// Mean potential [mV]: the lower root of k v² − B v + C = 0 with the mean conductances and
    /// u = b v + U. When there is no real root (weak excitation: the cell fires tonically) the
    /// discriminant is clamped at 0, i.e. μ_V is the saddle-node vertex B/(2k), and the second
    /// value is `false`.
    #[must_use]
    pub fn mu_v<T: Real>(&self, mu_ge_ns: T, mu_gi_ns: T, syn: &Synapses, u_pa: T) -> (T, bool) {
        let k = self.k_ns_per_mv;
        let e = self.e_iz_mv;
        let b = mu_ge_ns + 2.0 * k * e + mu_gi_ns + self.b_ns;
        let c = mu_ge_ns * syn.e_e_mv + k * e * e + mu_gi_ns * syn.e_i_mv - u_pa;
        let d = b * b - c * (4.0 * k);
        ((b - d.at_least(0.0).sqrt()) / (2.0 * k), d.val() >= 0.0)
    }

    /// The moments for total input rates (K already applied) and mean adaptation `u_pa`.
    /// The flag says whether the inputs lie in the transfer function's domain: μ_V is a real
    /// root (see [`IzhNeuron::mu_v`]) below the spike cut, and the heuristic variance is
    /// positive. Outside it (strong excitation with little inhibition pulls μ_V towards E_e,
    /// above v_peak, and the variance expression turns negative) the cell fires tonically and
    /// the formula's rate means nothing.
    #[must_use]
    pub fn moments<T: Real>(
        &self,
        syn: &Synapses,
        fe_total_hz: T,
        fi_total_hz: T,
        u_pa: T,
    ) -> (Moments<T>, bool) {
        let mu_ge = fe_total_hz * (syn.q_e_ns * syn.tau_e_ms) * HZ_MS;
        let mu_gi = fi_total_hz * (syn.q_i_ns * syn.tau_i_ms) * HZ_MS;
        let (mu_v, real) = self.mu_v(mu_ge, mu_gi, syn, u_pa);
        let dv = mu_v - self.e_iz_mv;
        let a = dv * dv * self.k_ns_per_mv;
        let tiz = ms_to_s(self.t_v_ms());
        let terms = [
            (
                (T::cst(syn.e_e_mv) - mu_v) * syn.q_e_ns,
                ms_to_s(syn.tau_e_ms),
            ),
            (
                (T::cst(syn.e_i_mv) - mu_v) * syn.q_i_ns,
                ms_to_s(syn.tau_i_ms),
            ),
        ];
        let variance = |fe: T, fi: T| {
            [fe, fi]
                .iter()
                .zip(terms)
                .fold(T::cst(-0.0), |sum, (&f, (bs, c))| {
                    let c3 = c * c * c;
                    sum + f
                        * (a * 2.0 * bs * c3 / (tiz * tiz)
                            + bs * c3 * bs / (8.0 * tiz)
                            + bs * bs * c3 / (8.0 * tiz * tiz))
                })
        };
        let s = variance(fe_total_hz, fi_total_hz);
        let positive = s.val() > 0.0;
        let sigma_v_mv = if positive {
            s.sqrt()
        } else {
            T::cst(SIGMA_V_NONPOSITIVE_MV)
        };
        let (fe, fi) = (
            fe_total_hz + TAU_V_RATE_EPS_HZ,
            fi_total_hz + TAU_V_RATE_EPS_HZ,
        );
        let s2 = variance(fe, fi);
        let tau_v_s = if s2.val() > 0.0 {
            let num = [fe, fi]
                .iter()
                .zip(terms)
                .fold(T::cst(-0.0), |sum, (&f, (bs, c))| {
                    sum + f * bs * bs * c.powi(4) / (2.0 * std::f64::consts::PI * tiz * tiz)
                });
            num * 0.5 / (s2 + TAU_V_VAR_EPS)
        } else {
            T::cst(1.0)
        };
        let tau_v_ms = tau_v_s * 1e3;
        (
            Moments {
                mu_g_ns: mu_ge + mu_gi,
                mu_v_mv: mu_v,
                sigma_v_mv,
                tau_v_ms,
                tau_v_n: tau_v_ms / self.t_v_ms(),
            },
            real && mu_v.val() < self.v_peak_mv && positive,
        )
    }
}

/// The transfer function of one Izhikevich cell type in one network (Alexandersen et al. 2023):
/// [`IzhNeuron::moments`] → threshold polynomial → erfc rate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IzhTransfer {
    /// The cell.
    pub neuron: IzhNeuron,
    /// Synapses onto it.
    pub synapses: Synapses,
    /// Its in-degrees.
    pub in_degrees: super::InDegrees,
    /// Fitted effective-threshold polynomial [mV].
    pub poly: super::ThresholdPoly,
    /// Normalisation of the polynomial's variables.
    pub norm: super::Normalisation,
}

impl IzhTransfer {
    /// Moments and whether the point lies in the formula's domain, at per-synapse rates and
    /// mean adaptation `u_pa`.
    #[must_use]
    pub fn moments_at<T: Real>(&self, fe_hz: T, fi_hz: T, u_pa: T) -> (Moments<T>, bool) {
        let k = self.in_degrees;
        self.neuron.moments(
            &self.synapses,
            fe_hz.at_least(super::RATE_FLOOR_HZ) * k.k_e,
            fi_hz.at_least(super::RATE_FLOOR_HZ) * k.k_i,
            u_pa,
        )
    }

    /// Output rate [Hz]. Outside the domain the formula is evaluated with μ_V at the saddle-node
    /// vertex (see [`IzhNeuron::mu_v`]), so the rate stays finite and continuous.
    #[must_use]
    pub fn rate<T: Real>(&self, fe_hz: T, fi_hz: T, u_pa: T) -> T {
        let (m, _) = self.moments_at(fe_hz, fi_hz, u_pa);
        super::erfc_rate(&m, self.poly.evaluate(&self.norm, &m))
    }

    /// Mean potential μ_V [mV].
    #[must_use]
    pub fn mu_v<T: Real>(&self, fe_hz: T, fi_hz: T, u_pa: T) -> T {
        self.moments_at(fe_hz, fi_hz, u_pa).0.mu_v_mv
    }
}
