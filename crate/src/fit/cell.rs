//! One neuron under Poisson shot-noise conductances, as in the single-cell simulations the
//! transfer functions are fitted to (`adex_mf.md` §4.1): two Poisson processes of total rates
//! K_e ν_e and K_i ν_i, exponential conductance jumps Q_e, Q_i decaying with τ_e, τ_i, and the
//! adaptation held at a fixed current W (the mean field treats W as slow: τ_w ≫ τ_V, so the
//! transfer function takes it as an input).

use crate::rng::SeededRng;
use crate::transfer::coefficients::{CellNeuron, FitNeuron};
use crate::transfer::grid::SimSettings;
use crate::transfer::izhikevich::IzhNeuron;
use crate::transfer::{moments, InDegrees, Moments, Synapses, RATE_FLOOR_HZ};
use crate::units::HZ_MS;

/// What one simulated point gives.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Sample {
    /// Output rate [Hz].
    pub rate_hz: f64,
    /// Standard error of the rate from 10 blocks of the run [Hz].
    pub rate_se_hz: f64,
    /// Mean membrane potential outside refractory periods [mV].
    pub mean_v_mv: f64,
    /// Number of spikes.
    pub spikes: u64,
}

/// Number of blocks the run is cut into for the rate's standard error.
const BLOCKS: usize = 10;

/// Poisson event times of total rate `rate_hz`, drawn one exponential interval at a time.
struct PoissonClock {
    next_ms: f64,
    mean_interval_ms: f64,
}

impl PoissonClock {
    fn new(rate_hz: f64, rng: &mut SeededRng) -> Self {
        let mean_interval_ms = if rate_hz > 0.0 {
            1.0 / (rate_hz * HZ_MS)
        } else {
            f64::INFINITY
        };
        let mut c = Self {
            next_ms: 0.0,
            mean_interval_ms,
        };
        c.next_ms = c.interval(rng);
        c
    }

    fn interval(&self, rng: &mut SeededRng) -> f64 {
        -libm::log(rng.uniform_open()) * self.mean_interval_ms
    }

    /// Number of events up to time `t_ms`.
    fn count_until(&mut self, t_ms: f64, rng: &mut SeededRng) -> u32 {
        let mut n = 0;
        while self.next_ms <= t_ms {
            n += 1;
            self.next_ms += self.interval(rng);
        }
        n
    }
}

/// The membrane equation of one cell type: dV/dt at V, with conductances and adaptation.
trait CellDynamics {
    fn dvdt(&self, v: f64, g_e: f64, g_i: f64, w: f64, syn: &Synapses) -> f64;
    fn v_start(&self) -> f64;
    fn v_peak(&self) -> f64;
    fn v_reset(&self) -> f64;
    fn t_ref(&self) -> f64;
    /// One step of length `dt` from `v` (Euler or Heun).
    fn step(&self, v: f64, g: (f64, f64), w: f64, syn: &Synapses, dt: f64) -> f64;
}

impl CellDynamics for FitNeuron {
    fn dvdt(&self, v: f64, g_e: f64, g_i: f64, w: f64, syn: &Synapses) -> f64 {
        let spike =
            self.g_l_ns * self.delta_t_mv * libm::exp((v - self.v_thr_mv) / self.delta_t_mv);
        (-self.g_l_ns * (v - self.e_l_mv) + spike
            - g_e * (v - syn.e_e_mv)
            - g_i * (v - syn.e_i_mv)
            - w)
            / self.c_m_pf
    }
    fn v_start(&self) -> f64 {
        self.e_l_mv
    }
    fn v_peak(&self) -> f64 {
        self.v_thr_mv + 5.0 * self.delta_t_mv
    }
    fn v_reset(&self) -> f64 {
        self.v_reset_mv
    }
    fn t_ref(&self) -> f64 {
        self.t_ref_ms
    }
    /// Forward Euler, as the reference single-cell code and the network.
    fn step(&self, v: f64, (g_e, g_i): (f64, f64), w: f64, syn: &Synapses, dt: f64) -> f64 {
        v + dt * self.dvdt(v, g_e, g_i, w, syn)
    }
}

impl CellDynamics for IzhNeuron {
    fn dvdt(&self, v: f64, g_e: f64, g_i: f64, u: f64, syn: &Synapses) -> f64 {
        let d = v - self.e_iz_mv;
        (self.k_ns_per_mv * d * d
            - (self.b_ns * v + u)
            - g_e * (v - syn.e_e_mv)
            - g_i * (v - syn.e_i_mv))
            / self.c_m_pf
    }
    fn v_start(&self) -> f64 {
        -50.0 // the reference network's initial v
    }
    fn v_peak(&self) -> f64 {
        self.v_peak_mv
    }
    fn v_reset(&self) -> f64 {
        self.v_reset_mv
    }
    fn t_ref(&self) -> f64 {
        self.t_ref_ms
    }
    /// Heun's method, as the reference Brian2 network (`method='heun'`).
    fn step(&self, v: f64, (g_e, g_i): (f64, f64), u: f64, syn: &Synapses, dt: f64) -> f64 {
        let k1 = self.dvdt(v, g_e, g_i, u, syn);
        let k2 = self.dvdt(v + dt * k1, g_e, g_i, u, syn);
        v + 0.5 * dt * (k1 + k2)
    }
}

/// Simulates `cell` at per-synapse input rates (`nu_e_hz`, `nu_i_hz`) and adaptation `w_pa`.
#[must_use]
pub fn simulate(
    cell: &CellNeuron,
    syn: &Synapses,
    k: &InDegrees,
    (nu_e_hz, nu_i_hz, w_pa): (f64, f64, f64),
    settings: &SimSettings,
    rng: &mut SeededRng,
) -> Sample {
    match cell {
        CellNeuron::Adex(n) => run(n, syn, k, (nu_e_hz, nu_i_hz, w_pa), settings, rng),
        CellNeuron::Izhikevich(n) => run(n, syn, k, (nu_e_hz, nu_i_hz, w_pa), settings, rng),
    }
}

fn run(
    cell: &impl CellDynamics,
    syn: &Synapses,
    k: &InDegrees,
    (nu_e, nu_i, w): (f64, f64, f64),
    s: &SimSettings,
    rng: &mut SeededRng,
) -> Sample {
    let (fe, fi) = (nu_e.max(0.0) * k.k_e, nu_i.max(0.0) * k.k_i);
    let mut clock_e = PoissonClock::new(fe, rng);
    let mut clock_i = PoissonClock::new(fi, rng);
    let dt = s.dt_ms;
    let (decay_e, decay_i) = (libm::exp(-dt / syn.tau_e_ms), libm::exp(-dt / syn.tau_i_ms));
    // Conductances start at their means, so only the membrane has a transient.
    let mut g_e = syn.q_e_ns * syn.tau_e_ms * fe * HZ_MS;
    let mut g_i = syn.q_i_ns * syn.tau_i_ms * fi * HZ_MS;
    let mut v = cell.v_start();
    let mut refractory = 0.0;
    let warmup_steps = (s.warmup_ms / dt).round() as u64;
    let steps = (s.duration_ms / dt).round().max(1.0) as u64;
    let block_len = steps.div_ceil(BLOCKS as u64);
    let mut block_spikes = [0u64; BLOCKS];
    let (mut v_sum, mut v_n) = (0.0, 0u64);
    let (v_peak, v_reset, t_ref) = (cell.v_peak(), cell.v_reset(), cell.t_ref());
    for i in 0..warmup_steps + steps {
        let t = (i + 1) as f64 * dt;
        let mut spiked = false;
        if refractory > 0.0 {
            refractory -= dt;
            v = v_reset;
        } else {
            v = cell.step(v, (g_e, g_i), w, syn, dt);
            if v > v_peak || v.is_nan() {
                spiked = true;
                v = v_reset;
                refractory = t_ref;
            }
        }
        g_e = g_e * decay_e + syn.q_e_ns * f64::from(clock_e.count_until(t, rng));
        g_i = g_i * decay_i + syn.q_i_ns * f64::from(clock_i.count_until(t, rng));
        if i >= warmup_steps {
            let j = i - warmup_steps;
            if spiked {
                block_spikes[(j / block_len) as usize] += 1;
            } else if refractory <= 0.0 {
                v_sum += v;
                v_n += 1;
            }
        }
    }
    let spikes: u64 = block_spikes.iter().sum();
    let total_ms = steps as f64 * dt;
    let rate_hz = spikes as f64 / (total_ms * HZ_MS);
    let block_rates: Vec<f64> = block_spikes
        .iter()
        .enumerate()
        .map(|(b, n)| {
            let len = block_len
                .min(steps.saturating_sub(b as u64 * block_len))
                .max(1);
            *n as f64 / (len as f64 * dt * HZ_MS)
        })
        .collect();
    let mean = block_rates.iter().sum::<f64>() / BLOCKS as f64;
    let var = block_rates.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / (BLOCKS - 1) as f64;
    Sample {
        rate_hz,
        rate_se_hz: (var / BLOCKS as f64).sqrt(),
        mean_v_mv: if v_n > 0 { v_sum / v_n as f64 } else { v_reset },
        spikes,
    }
}

/// The transfer function's moments for `cell` at per-synapse rates (ν_e, ν_i) and adaptation
/// `w_pa`, with the reference codes' rate floors. The flag is `false` where an Izhikevich cell's
/// inputs lie outside its transfer function's domain.
#[must_use]
pub fn cell_moments(
    cell: &CellNeuron,
    syn: &Synapses,
    k: &InDegrees,
    (nu_e_hz, nu_i_hz, w_pa): (f64, f64, f64),
) -> (Moments, bool) {
    let fe = nu_e_hz.max(RATE_FLOOR_HZ) * k.k_e;
    let fi = nu_i_hz.max(RATE_FLOOR_HZ) * k.k_i;
    match cell {
        CellNeuron::Adex(n) => (moments::moments(&n.membrane(), syn, fe, fi, w_pa), true),
        CellNeuron::Izhikevich(n) => n.moments(syn, fe, fi, w_pa),
    }
}
