//! Parameters of the exact (Lorentzian-ansatz) mean-field families, with the defaults of their
//! papers and of the PyRates templates (`exact_mf.md`). The dimensionless families (QIF,
//! QIF-SFA, Chen–Campbell) keep their papers' dimensionless parameters and carry one time unit
//! in ms, so that times enter and rates leave the core in ms and Hz like every other model.

/// The QIF population of Montbrió, Pazó & Roxin 2015 (`exact_mf.md` §1), dimensionless with time
/// in units of τ.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QifParams {
    /// Membrane time constant τ, the time unit [ms] (10 ms, as MPR's figures).
    pub tau_ms: f64,
    /// Half-width Δ of the Lorentzian of excitabilities η_j [1] (1).
    pub delta: f64,
    /// Centre η̄ of the excitabilities [1] (−5).
    pub eta: f64,
    /// Recurrent coupling J [1] (15).
    pub j: f64,
    /// Constant external current I_0 [1] (0); the stimulus adds to it.
    pub i0: f64,
    /// Spike cut of the network, reset to −v_peak [1] (100, MPR).
    pub v_peak: f64,
}

impl Default for QifParams {
    fn default() -> Self {
        Self {
            tau_ms: 10.0,
            delta: 1.0,
            eta: -5.0,
            j: 15.0,
            i0: 0.0,
            v_peak: 100.0,
        }
    }
}

/// Spike-frequency adaptation of Gast, Schmidt & Knösche 2020 in the PyRates form: a global
/// a(t) = α τ_a (κ ∗ r)(t) with the unit alpha kernel κ(t) = t/τ_a² e^(−t/τ_a) (`exact_mf.md` §2).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SfaParams {
    /// Adaptation strength α [1] (0.5).
    pub alpha: f64,
    /// Adaptation time constant τ_a in units of τ [1] (10).
    pub tau_a: f64,
}

impl Default for SfaParams {
    fn default() -> Self {
        Self {
            alpha: 0.5,
            tau_a: 10.0,
        }
    }
}

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

/// Initial state of an exact mean field (and the centre and width of the network's initial
/// voltages).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Initial {
    /// Initial rate r(0) [Hz].
    pub r_hz: f64,
    /// Initial centre of the voltage distribution v(0), in the model's unit of v.
    pub v: f64,
}

/// Everything the exact families need.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct LorentzParams {
    /// QIF (also the membrane of QIF-SFA).
    pub qif: QifParams,
    /// Adaptation of QIF-SFA.
    pub sfa: SfaParams,
    /// Chen & Campbell.
    pub cc: CcParams,
    /// Gast, Solla & Kennedy.
    pub gsk: GskParams,
    /// Initial state.
    pub init: Initial,
}

impl Default for Initial {
    /// PyRates' QIF initial state r = 0.01/τ = 1 Hz, v = −2.
    fn default() -> Self {
        Self { r_hz: 1.0, v: -2.0 }
    }
}
