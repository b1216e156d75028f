//! Subthreshold moments of the conductance-based Izhikevich (adaptive QIF) cell of
//! Alexandersen et al. 2023 (`izhikevich_mf.md` §2): μ_V is the lower root of the stationary
//! quadratic, σ_V and τ_V are that paper's heuristic expressions.
//!
//! Units. The reference code writes the cell with T_v = 1 s and unit-free conductances. That is
//! exactly the core's unit system with C_m = 1000 pF: conductances in nS, g_iz in nS/mV, u and the
//! mean adaptation U in pA. The heuristic σ_V and τ_V are not dimensionally consistent; they are
//! evaluated as the reference does, with synaptic times in s and T_v = C_m / 1 nS in s.

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
    pub fn mu_v(&self, mu_ge_ns: f64, mu_gi_ns: f64, syn: &Synapses, u_pa: f64) -> (f64, bool) {
        let k = self.k_ns_per_mv;
        let e = self.e_iz_mv;
        let b = 2.0 * k * e + mu_ge_ns + mu_gi_ns + self.b_ns;
        let c = k * e * e + mu_ge_ns * syn.e_e_mv + mu_gi_ns * syn.e_i_mv - u_pa;
        let d = b * b - 4.0 * k * c;
        ((b - d.max(0.0).sqrt()) / (2.0 * k), d >= 0.0)
    }

    /// The moments for total input rates (K already applied) and mean adaptation `u_pa`.
    /// The flag says whether the inputs lie in the transfer function's domain: μ_V is a real
    /// root (see [`IzhNeuron::mu_v`]) below the spike cut, and the heuristic variance is
    /// positive. Outside it (strong excitation with little inhibition pulls μ_V towards E_e,
    /// above v_peak, and the variance expression turns negative) the cell fires tonically and
    /// the formula's rate means nothing.
    #[must_use]
    pub fn moments(
        &self,
        syn: &Synapses,
        fe_total_hz: f64,
        fi_total_hz: f64,
        u_pa: f64,
    ) -> (Moments, bool) {
        let mu_ge = syn.q_e_ns * syn.tau_e_ms * fe_total_hz * HZ_MS;
        let mu_gi = syn.q_i_ns * syn.tau_i_ms * fi_total_hz * HZ_MS;
        let (mu_v, real) = self.mu_v(mu_ge, mu_gi, syn, u_pa);
        let a = self.k_ns_per_mv * (mu_v - self.e_iz_mv).powi(2);
        let tiz = ms_to_s(self.t_v_ms());
        let terms = [
            (syn.q_e_ns * (syn.e_e_mv - mu_v), ms_to_s(syn.tau_e_ms)),
            (syn.q_i_ns * (syn.e_i_mv - mu_v), ms_to_s(syn.tau_i_ms)),
        ];
        let variance = |fe: f64, fi: f64| {
            [fe, fi]
                .iter()
                .zip(terms)
                .map(|(f, (bs, c))| {
                    let c3 = c * c * c;
                    f * (2.0 * a * bs * c3 / (tiz * tiz)
                        + c3 * bs * bs / (8.0 * tiz)
                        + bs * bs * c3 / (8.0 * tiz * tiz))
                })
                .sum::<f64>()
        };
        let s = variance(fe_total_hz, fi_total_hz);
        let sigma_v_mv = if s > 0.0 {
            s.sqrt()
        } else {
            SIGMA_V_NONPOSITIVE_MV
        };
        let (fe, fi) = (
            fe_total_hz + TAU_V_RATE_EPS_HZ,
            fi_total_hz + TAU_V_RATE_EPS_HZ,
        );
        let s2 = variance(fe, fi);
        let tau_v_s = if s2 > 0.0 {
            let num: f64 = [fe, fi]
                .iter()
                .zip(terms)
                .map(|(f, (bs, c))| {
                    f * bs * bs * c.powi(4) / (2.0 * std::f64::consts::PI * tiz * tiz)
                })
                .sum();
            0.5 * num / (s2 + TAU_V_VAR_EPS)
        } else {
            1.0
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
            real && mu_v < self.v_peak_mv && s > 0.0,
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
    pub fn moments_at(&self, fe_hz: f64, fi_hz: f64, u_pa: f64) -> (Moments, bool) {
        let k = self.in_degrees;
        self.neuron.moments(
            &self.synapses,
            fe_hz.max(super::RATE_FLOOR_HZ) * k.k_e,
            fi_hz.max(super::RATE_FLOOR_HZ) * k.k_i,
            u_pa,
        )
    }

    /// Output rate [Hz]. Outside the domain the formula is evaluated with μ_V at the saddle-node
    /// vertex (see [`IzhNeuron::mu_v`]), so the rate stays finite and continuous.
    #[must_use]
    pub fn rate(&self, fe_hz: f64, fi_hz: f64, u_pa: f64) -> f64 {
        let (m, _) = self.moments_at(fe_hz, fi_hz, u_pa);
        super::erfc_rate(&m, self.poly.evaluate(&self.norm, &m))
    }

    /// Mean potential μ_V [mV].
    #[must_use]
    pub fn mu_v(&self, fe_hz: f64, fi_hz: f64, u_pa: f64) -> f64 {
        self.moments_at(fe_hz, fi_hz, u_pa).0.mu_v_mv
    }
}
