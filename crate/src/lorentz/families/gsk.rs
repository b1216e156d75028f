//! The biophysical Izhikevich population with Lorentzian spike thresholds of Gast, Solla &
//! Kennedy (`exact_mf.md` §4; PyRates `ik_theta`), with their regular-spiking values.

use super::rules::var;
use super::rules::{Coeffs, PyRatesTemplate, Rules, Shared, State, Third, Var};
use std::f64::consts::PI;

/// The biophysical Izhikevich population with Lorentzian spike thresholds of Gast, Solla &
/// Kennedy (PyRates `ik_theta`, `exact_mf.md` §4), with their regular-spiking values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GskParams {
    /// Capacitance C [pF] (100).
    pub c_pf: f64,
    /// Quadratic gain k [nS/mV] (0.7).
    pub k: f64,
    /// Resting potential v_r [mV] (−60).
    pub v_r_mv: f64,
    /// Centre of the spike thresholds v̄_θ [mV] (−40).
    pub v_t_mv: f64,
    /// Half-width Δ_v of the thresholds [mV] (1; GSK scan 0.1–3.1).
    pub delta_mv: f64,
    /// Background current η [pA] (50, as in Gast's network script).
    pub eta_pa: f64,
    /// Adaptation rate a = 1/τ_u [1/ms] (0.03).
    pub a_per_ms: f64,
    /// Subthreshold adaptation b [nS] (−2).
    pub b_ns: f64,
    /// Spike-triggered adaptation jump d = κ [pA] (80, Gast's script).
    pub d_pa: f64,
    /// Synaptic conductance g [nS] (15).
    pub g_ns: f64,
    /// Synaptic reversal E_r [mV] (0).
    pub e_r_mv: f64,
    /// Synaptic time constant τ_s [ms] (6).
    pub tau_s_ms: f64,
    /// Synaptic jump J [1] (1).
    pub j: f64,
    /// Constant external current I_0 [pA] (0).
    pub i0_pa: f64,
    /// Spike cut of the network, reset to −v_peak [mV] (1000).
    pub v_peak_mv: f64,
}

impl Default for GskParams {
    fn default() -> Self {
        Self {
            c_pf: 100.0,
            k: 0.7,
            v_r_mv: -60.0,
            v_t_mv: -40.0,
            delta_mv: 1.0,
            eta_pa: 50.0,
            a_per_ms: 0.03,
            b_ns: -2.0,
            d_pa: 80.0,
            g_ns: 15.0,
            e_r_mv: 0.0,
            tau_s_ms: 6.0,
            j: 1.0,
            i0_pa: 0.0,
            v_peak_mv: 1000.0,
        }
    }
}

/// The Gast–Solla–Kennedy family (distributed thresholds).
pub struct Gsk;

/// The biophysical families' variables: r, v [mV], u [pA], s.
pub(super) const BIOPHYSICAL: &[Var] = &[
    var("r", "r", "Hz"),
    var("v", "v", "mV"),
    var("u", "u", "pA"),
    var("s", "s", ""),
];

impl Gsk {
    /// The biophysical families' PyRates template `template` with heterogeneity `delta`.
    pub(super) fn template(
        template: &'static str,
        op: &'static str,
        g: &GskParams,
        delta: f64,
    ) -> PyRatesTemplate {
        PyRatesTemplate {
            template,
            op,
            j: g.j,
            vars: vec![
                ("C", g.c_pf),
                ("k", g.k),
                ("v_r", g.v_r_mv),
                ("v_t", g.v_t_mv),
                ("Delta", delta),
                ("eta", g.eta_pa),
                ("a", g.a_per_ms),
                ("b", g.b_ns),
                ("d", g.d_pa),
                ("g", g.g_ns),
                ("E_r", g.e_r_mv),
                ("tau_s", g.tau_s_ms),
                ("u", 0.0),
                ("s", 0.0),
            ],
            extra: &["u", "s"],
            note: None,
        }
    }

    /// u̇ and ṡ of the biophysical families.
    pub(super) fn adaptation_and_synapse(g: &GskParams, x: &State) -> (f64, f64) {
        let [r, v, u, s] = *x;
        (
            g.a_per_ms * (g.b_ns * (v - g.v_r_mv) - u) + g.d_pa * r,
            -s / g.tau_s_ms + g.j * r,
        )
    }
}

impl Rules for Gsk {
    type P = GskParams;
    const VARS: &'static [Var] = BIOPHYSICAL;
    const THIRD: Third = Third::MeanU;

    fn t_unit_ms(_: &Self::P) -> f64 {
        1.0
    }

    fn current_unit() -> &'static str {
        "pA"
    }

    fn i0(p: &Self::P) -> f64 {
        p.i0_pa
    }

    fn gain(p: &Self::P) -> f64 {
        p.k / p.c_pf
    }

    fn derivative(p: &Self::P, x: &State, i: f64) -> State {
        let g = p;
        let [r, v, u, s] = *x;
        let c = g.c_pf;
        let (du, ds) = Self::adaptation_and_synapse(g, x);
        [
            (g.delta_mv * g.k * g.k * (v - g.v_r_mv) / (PI * c)
                + r * (g.k * (2.0 * v - g.v_r_mv - g.v_t_mv) - g.g_ns * s))
                / c,
            (g.k * v * (v - g.v_r_mv - g.v_t_mv) + g.k * g.v_r_mv * g.v_t_mv + i + g.eta_pa - u
                + g.g_ns * s * (g.e_r_mv - v)
                - PI * c * r * (g.delta_mv + PI * c * r / g.k))
                / c,
            du,
            ds,
        ]
    }

    fn heterogeneity(p: &Self::P) -> (f64, f64, f64) {
        (p.v_t_mv, p.delta_mv, p.v_peak_mv)
    }

    fn coeffs(p: &Self::P, i: f64, shared: &Shared) -> Coeffs {
        let g = p;
        let c = g.c_pf;
        Coeffs {
            a: g.k / c,
            b0: (-g.k * g.v_r_mv - g.g_ns * shared.s) / c,
            b1: -g.k / c,
            d0: (g.eta_pa + i + g.g_ns * shared.s * g.e_r_mv) / c,
            d1: g.k * g.v_r_mv / c,
            du: 1.0 / c,
            ua: g.a_per_ms,
            ub: g.b_ns,
            uv: g.v_r_mv,
            ud: g.d_pa,
        }
    }

    fn advance(p: &Self::P, dt: f64, _: f64, spikes_per_neuron: f64, shared: &mut Shared) {
        shared.s = shared.s * super::rules::exp_det(-dt / p.tau_s_ms) + p.j * spikes_per_neuron;
    }

    fn pyrates(p: &Self::P) -> PyRatesTemplate {
        Self::template("ik.ik_theta", "ik_theta_op", p, p.delta_mv)
    }
}
