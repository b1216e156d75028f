//! The dimensionless Izhikevich population of Chen & Campbell 2022 (`exact_mf.md` §3; PyRates
//! `ik_nodim`), with its per-neuron adaptation closed by u_j ≈ ⟨u⟩ in the mean field.

use super::rules::var;
use super::rules::{Coeffs, PyRatesTemplate, Rules, Shared, State, Third, Var};
use std::f64::consts::PI;

/// The dimensionless Izhikevich population of Chen & Campbell 2022 (`exact_mf.md` §3), with
/// their standard parameter set (C = 250 pF, k = 2.5 nS/mV, V_R = −65 mV, …, scaled).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CcParams {
    /// Time unit C/(k |V_R|) [ms] (250/(2.5·65) = 1.5385 ms).
    pub t_unit_ms: f64,
    /// Half-width Δη of the excitabilities [1] (0.02).
    pub delta: f64,
    /// Centre η̄ of the excitabilities [1] (0.12, CC's standard example: bursting).
    pub eta: f64,
    /// α = 1 + V_T/|V_R| [1] (0.6215).
    pub alpha: f64,
    /// Synaptic conductance g_syn = G_syn/(k|V_R|) [1] (1.2308).
    pub g: f64,
    /// Synaptic reversal e_r = 1 + E_r/|V_R| [1] (1).
    pub e_r: f64,
    /// Adaptation rate a = C/(τ_W k|V_R|) [1] (0.0077).
    pub a: f64,
    /// Subthreshold adaptation b = β/(k|V_R|) [1] (−0.0062).
    pub b: f64,
    /// Spike-triggered adaptation jump w_jump [1] (0.0189).
    pub d: f64,
    /// Synaptic time constant τ_s [1] (2.6).
    pub tau_s: f64,
    /// Synaptic jump s_jump [1] (1.2308).
    pub j: f64,
    /// Constant external current I_0 [1] (0).
    pub i0: f64,
    /// Spike cut of the network, reset to −v_peak [1] (200, CC's code).
    pub v_peak: f64,
}

impl Default for CcParams {
    fn default() -> Self {
        Self {
            t_unit_ms: 250.0 / (2.5 * 65.0),
            delta: 0.02,
            eta: 0.12,
            alpha: 0.6215,
            g: 1.2308,
            e_r: 1.0,
            a: 0.0077,
            b: -0.0062,
            d: 0.0189,
            tau_s: 2.6,
            j: 1.2308,
            i0: 0.0,
            v_peak: 200.0,
        }
    }
}

/// The Chen–Campbell family.
pub struct Cc;

impl Rules for Cc {
    type P = CcParams;
    const VARS: &'static [Var] = &[
        var("r", "r", "Hz"),
        var("v", "v", ""),
        var("u", "u", ""),
        var("s", "s", ""),
    ];
    const THIRD: Third = Third::MeanU;

    fn t_unit_ms(p: &Self::P) -> f64 {
        p.t_unit_ms
    }

    fn i0(p: &Self::P) -> f64 {
        p.i0
    }

    fn derivative(p: &Self::P, x: &State, i: f64) -> State {
        let c = p;
        let [r, v, u, s] = *x;
        [
            c.delta / PI + r * (2.0 * v - c.alpha - c.g * s),
            v * v - c.alpha * v + c.eta + i - u + c.g * s * (c.e_r - v) - (PI * r).powi(2),
            c.a * (c.b * v - u) + c.d * r,
            -s / c.tau_s + c.j * r,
        ]
    }

    fn heterogeneity(p: &Self::P) -> (f64, f64, f64) {
        (p.eta, p.delta, p.v_peak)
    }

    fn coeffs(p: &Self::P, i: f64, shared: &Shared) -> Coeffs {
        let c = p;
        Coeffs {
            a: 1.0,
            b0: -c.alpha - c.g * shared.s,
            d0: i + c.g * shared.s * c.e_r,
            d1: 1.0,
            du: 1.0,
            ua: c.a,
            ub: c.b,
            ud: c.d,
            ..Coeffs::default()
        }
    }

    fn advance(p: &Self::P, dt: f64, _: f64, spikes_per_neuron: f64, shared: &mut Shared) {
        shared.s = shared.s * super::rules::exp_det(-dt / p.tau_s) + p.j * spikes_per_neuron;
    }

    fn pyrates(p: &Self::P) -> PyRatesTemplate {
        PyRatesTemplate {
            template: "ik.ik_nodim",
            op: "ik_nodim_op",
            j: p.j,
            vars: vec![
                ("tau", 1.0),
                ("Delta", p.delta),
                ("eta", p.eta),
                ("alpha", p.alpha),
                ("g", p.g),
                ("E_r", p.e_r),
                ("a", p.a),
                ("b", p.b),
                ("d", p.d),
                ("tau_s", p.tau_s),
                ("u", 0.0),
                ("s", 0.0),
            ],
            extra: &["u", "s"],
            note: None,
        }
    }
}
