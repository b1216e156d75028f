//! The biophysical Izhikevich population with Lorentzian background currents of Gast, Solla &
//! Kennedy (`exact_mf.md` §4; PyRates `ik_eta`): the cells of [`super::GskParams`] with one
//! spike threshold v_t, and background currents η_j spread around η̄ with half-width Δ_η.
//!
//! The heterogeneity term of ṙ is k Δ_η / (π C²), as the Lorentzian ansatz gives for
//! v̇ = (k/C) v² + … + η_j/C and as Gast's own scripts write it. PyRates 1.2.3's `ik_eta`
//! template writes Δ k² / (π C²), which is the same only at its default k = 1; the PyRates
//! export passes Δ/k for it, so the two agree at every k.

use super::gsk::{Gsk, GskParams, BIOPHYSICAL};
use super::rules::{Coeffs, PyRatesTemplate, Rules, Shared, State, Third, Var};
use std::f64::consts::PI;

/// The spread of the background currents.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EtaParams {
    /// Half-width Δ_η of the background currents η_j around η̄ (`gsk_eta`) [pA] (5 pA, as in
    /// Gast's `ik_eta` scripts).
    pub delta_pa: f64,
}

impl Default for EtaParams {
    fn default() -> Self {
        Self { delta_pa: 5.0 }
    }
}

/// The distributed-η family.
pub struct Eta;

impl Rules for Eta {
    type P = (GskParams, EtaParams);
    const VARS: &'static [Var] = BIOPHYSICAL;
    const THIRD: Third = Third::MeanU;

    // The cells are GSK's: the same units, input and gain.
    fn t_unit_ms(p: &Self::P) -> f64 {
        Gsk::t_unit_ms(&p.0)
    }

    fn current_unit() -> &'static str {
        Gsk::current_unit()
    }

    fn i0(p: &Self::P) -> f64 {
        Gsk::i0(&p.0)
    }

    fn gain(p: &Self::P) -> f64 {
        Gsk::gain(&p.0)
    }

    fn derivative(p: &Self::P, x: &State, i: f64) -> State {
        let g = &p.0;
        let [r, v, u, s] = *x;
        let c = g.c_pf;
        let (du, ds) = Gsk::adaptation_and_synapse(g, x);
        [
            (g.k * p.1.delta_pa / (PI * c)
                + r * (g.k * (2.0 * v - g.v_r_mv - g.v_t_mv) - g.g_ns * s))
                / c,
            (g.k * v * (v - g.v_r_mv - g.v_t_mv) + g.k * g.v_r_mv * g.v_t_mv + i + g.eta_pa - u
                + g.g_ns * s * (g.e_r_mv - v)
                - (PI * c * r).powi(2) / g.k)
                / c,
            du,
            ds,
        ]
    }

    fn heterogeneity(p: &Self::P) -> (f64, f64, f64) {
        (p.0.eta_pa, p.1.delta_pa, p.0.v_peak_mv)
    }

    fn coeffs(p: &Self::P, i: f64, shared: &Shared) -> Coeffs {
        let g = &p.0;
        let c = g.c_pf;
        Coeffs {
            a: g.k / c,
            b0: (-g.k * (g.v_r_mv + g.v_t_mv) - g.g_ns * shared.s) / c,
            b1: 0.0,
            d0: (g.k * g.v_r_mv * g.v_t_mv + i + g.g_ns * shared.s * g.e_r_mv) / c,
            d1: 1.0 / c,
            du: 1.0 / c,
            ua: g.a_per_ms,
            ub: g.b_ns,
            uv: g.v_r_mv,
            ud: g.d_pa,
        }
    }

    fn advance(p: &Self::P, dt: f64, r: f64, spikes_per_neuron: f64, shared: &mut Shared) {
        Gsk::advance(&p.0, dt, r, spikes_per_neuron, shared);
    }

    /// PyRates 1.2.3's `ik_eta` writes the heterogeneity term as Δ k²/(π C): passing Δ_η / k
    /// gives our k Δ_η/(π C) at any k.
    fn pyrates(p: &Self::P) -> PyRatesTemplate {
        let (g, e) = p;
        let delta = e.delta_pa / g.k;
        PyRatesTemplate {
            note: Some(format!(
                "PyRates 1.2.3's ik_eta writes the heterogeneity term of r' as Delta*k^2/(pi*C); \
                 the Lorentzian ansatz (and Gast's scripts) give k*Delta/(pi*C). The script passes \
                 Delta = Delta_eta / k = {} so that both are the same model.",
                crate::text::format_number(delta)
            )),
            ..Gsk::template("ik.ik_eta", "ik_eta_op", g, delta)
        }
    }
}
