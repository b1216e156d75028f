//! The spiking networks the conductance-based mean fields describe: N_e excitatory and N_i
//! inhibitory AdEx cells (di Volo et al. 2019, `adex_mf.md` §1) or Izhikevich cells (Alexandersen
//! et al. 2023, `izhikevich_mf.md` §1) with conductance-based exponential synapses, random or
//! fixed-in-degree wiring, and K_ext external Poisson inputs per cell at the same external rate
//! (drive plus stimulus) as the mean field. Both cells are one update: leak + exponential spike
//! current (AdEx) + quadratic current (Izhikevich), with the unused terms' constants at 0.
//!
//! Cost model, per model second at N = 10 000 and dt = 0.1 ms: 10⁸ neuron updates (a
//! branch-free loop over structure-of-arrays f32 state that the compiler vectorises), ~10⁷
//! external input events (one Poisson count per population and step, then one uniform target
//! per event: no random number per neuron per step), and ~10⁷–10⁸ recurrent synaptic events
//! (a spike walks one contiguous CSR row).
//!
//! Step order (as Brian2's schedule): integrate V and w with the conductances of the step
//! start, decay the conductances, detect and reset spikes, then deliver this step's recurrent
//! and external events (no delay).

pub mod connectivity;
pub mod fastexp;
pub mod params;
pub mod poisson;
pub mod spec;

pub use crate::record::{decode_chunk, encode_chunk, Bin, Progress, Recording, Spike, SpikeFilter};
pub use connectivity::{Csr, Wiring};
pub use params::{Connectivity, NetworkParams, SpikingCell, MAX_SYNAPSES};
pub use spec::{Cells, NetworkSpec};

use crate::meanfield::{AdexCell, AdexParams, IzhCell};
use crate::rng::SeededRng;
use crate::stimulus::Signal;
use crate::transfer::Synapses;
use crate::units::HZ_MS;
use crate::Error;

/// Random streams of a run (see [`SeededRng::stream`]).
const STREAM_WIRING: u64 = 1;
const STREAM_INIT: u64 = 2;
const STREAM_DRIVE: u64 = 3;

/// Cells scanned at once for spikes.
const SCAN_CHUNK: usize = 64;

/// A synaptic conductance below this is set to 0 [nS] (far below what moves an f32 membrane
/// potential, and far above the subnormal floats, 1.2e−38).
const G_FLOOR_NS: f32 = 1e-30;

/// Per-population constants of the neuron update, in f32 as the state.
#[derive(Clone, Copy, Debug)]
struct PopConst {
    first: usize,
    len: usize,
    e_l: f32,
    g_l: f32,
    gl_delta: f32,
    inv_delta: f32,
    v_thr: f32,
    quad_k: f32,
    e_q: f32,
    e_w: f32,
    dt_over_c: f32,
    e_e: f32,
    e_i: f32,
    a: f32,
    b: f32,
    dt_over_tau_w: f32,
    v_reset: f32,
    v_peak: f32,
    ref_steps: f32,
    decay_e: f32,
    decay_i: f32,
}

impl PopConst {
    fn new(
        first: usize,
        len: usize,
        cell: &AdexCell,
        spk: &SpikingCell,
        s: &Synapses,
        dt: f64,
    ) -> Self {
        Self {
            first,
            len,
            e_l: cell.e_l_mv as f32,
            g_l: cell.g_l_ns as f32,
            gl_delta: (cell.g_l_ns * spk.delta_t_mv) as f32,
            inv_delta: (1.0 / spk.delta_t_mv) as f32,
            v_thr: spk.v_thr_mv as f32,
            quad_k: 0.0,
            e_q: 0.0,
            e_w: cell.e_l_mv as f32,
            dt_over_c: (dt / cell.c_m_pf) as f32,
            e_e: s.e_e_mv as f32,
            e_i: s.e_i_mv as f32,
            a: cell.a_ns as f32,
            b: cell.b_pa as f32,
            dt_over_tau_w: (dt / cell.tau_w_ms) as f32,
            v_reset: spk.v_reset_mv as f32,
            v_peak: spk.v_peak_mv() as f32,
            ref_steps: (spk.t_ref_ms / dt).round() as f32,
            decay_e: libm::exp(-dt / s.tau_e_ms) as f32,
            decay_i: libm::exp(-dt / s.tau_i_ms) as f32,
        }
    }
}

impl PopConst {
    /// An Izhikevich population: C v̇ = g_iz (v − E_iz)² − u + synaptic currents, u̇ = (b v −
    /// u)/τ_u, v ≥ v_peak → v = c, u += d, refractory hold (`izhikevich_mf.md` §1.1).
    fn izhikevich(first: usize, len: usize, cell: &IzhCell, s: &Synapses, dt: f64) -> Self {
        let n = &cell.neuron;
        Self {
            first,
            len,
            e_l: 0.0,
            g_l: 0.0,
            gl_delta: 0.0,
            inv_delta: 0.0,
            v_thr: 0.0,
            quad_k: n.k_ns_per_mv as f32,
            e_q: n.e_iz_mv as f32,
            e_w: 0.0,
            dt_over_c: (dt / n.c_m_pf) as f32,
            e_e: s.e_e_mv as f32,
            e_i: s.e_i_mv as f32,
            a: n.b_ns as f32,
            b: cell.d_pa as f32,
            dt_over_tau_w: (dt / cell.tau_u_ms) as f32,
            v_reset: n.v_reset_mv as f32,
            v_peak: n.v_peak_mv as f32,
            ref_steps: (n.t_ref_ms / dt).round() as f32,
            decay_e: libm::exp(-dt / s.tau_e_ms) as f32,
            decay_i: libm::exp(-dt / s.tau_i_ms) as f32,
        }
    }
}

/// Everything a network is built from.
#[derive(Clone, Debug)]
pub struct NetworkSetup<'a> {
    /// Cells, synapses, sizes, wiring, drive and time grid.
    pub spec: NetworkSpec,
    /// The stimulus, realised.
    pub signal: &'a Signal,
    /// Share of the stimulus that reaches the FS cells.
    pub stim_frac_i: f64,
    /// Model time to simulate [ms].
    pub duration_ms: f64,
    /// Seed of the wiring, the initial state and the drive.
    pub seed: u64,
    /// Which spikes to keep.
    pub filter: SpikeFilter,
}

/// The sizes (N_e, N_i) a setup gives, as whole neurons.
#[must_use]
pub fn population_sizes(adex: &AdexParams) -> (usize, usize) {
    let (n_e, n_i) = adex.population_sizes();
    (n_e.round().max(0.0) as usize, n_i.round().max(0.0) as usize)
}

/// A running network.
pub struct AdexNetwork {
    wiring: Wiring,
    seed: u64,
    csr: Csr,
    pops: [PopConst; 2],
    v: Vec<f32>,
    w: Vec<f32>,
    ge: Vec<f32>,
    gi: Vec<f32>,
    refr: Vec<f32>,
    q_e: f32,
    q_i: f32,
    k_ext: f64,
    nu_drive_hz: f64,
    stim_frac_i: f64,
    signal: Signal,
    drive: SeededRng,
    dt_ms: f64,
    steps_per_bin: u64,
    step: u64,
    end_step: u64,
    bin_spikes: [u64; 2],
    total_spikes: [u64; 2],
    filter: SpikeFilter,
    pending: Recording,
    fired: Vec<u32>,
    diverged: Option<f64>,
}

impl AdexNetwork {
    /// Builds the network and its initial state.
    ///
    /// # Errors
    /// When the parameters cannot make a network (see [`NetworkSpec::check`]).
    pub fn new(setup: &NetworkSetup<'_>) -> Result<Self, Error> {
        Self::reusing(setup, None)
    }

    /// Like [`AdexNetwork::new`], but takes the wiring of `previous` when it was drawn with the
    /// same sizes, in-degrees, rule and seed (the expensive part of a rebuild).
    ///
    /// # Errors
    /// As [`AdexNetwork::new`].
    pub fn reusing(setup: &NetworkSetup<'_>, previous: Option<Self>) -> Result<Self, Error> {
        let p = &setup.spec;
        let wiring = p.check()?;
        let csr = match previous {
            Some(prev) if prev.wiring == wiring && prev.seed == setup.seed => prev.csr,
            _ => wiring.build(&mut SeededRng::stream(setup.seed, STREAM_WIRING))?,
        };
        let dt = p.dt_ms;
        let n = wiring.n_e + wiring.n_i;
        let syn = &p.synapses;
        let pops = match &p.cells {
            Cells::Adex { exc, inh } => [
                PopConst::new(0, wiring.n_e, &exc.0, &exc.1, syn, dt),
                PopConst::new(wiring.n_e, wiring.n_i, &inh.0, &inh.1, syn, dt),
            ],
            Cells::Izhikevich { exc, inh } => [
                PopConst::izhikevich(0, wiring.n_e, exc, syn, dt),
                PopConst::izhikevich(wiring.n_e, wiring.n_i, inh, syn, dt),
            ],
        };
        // Uniform between reset and threshold (AdEx V_T, Izhikevich v_peak), so the network
        // does not start in step.
        let starts = match &p.cells {
            Cells::Adex { exc, inh } => [
                (exc.1.v_reset_mv, exc.1.v_thr_mv),
                (inh.1.v_reset_mv, inh.1.v_thr_mv),
            ],
            Cells::Izhikevich { exc, inh } => [
                (exc.neuron.v_reset_mv, exc.neuron.v_peak_mv),
                (inh.neuron.v_reset_mv, inh.neuron.v_peak_mv),
            ],
        };
        let mut init = SeededRng::stream(setup.seed, STREAM_INIT);
        let mut v = Vec::with_capacity(n);
        let mut w = Vec::with_capacity(n);
        for ((pc, (lo, hi)), w0) in pops.iter().zip(starts).zip([p.w_e0_pa, 0.0]) {
            for _ in 0..pc.len {
                let u = init.uniform_open();
                v.push((lo + u * (hi - lo)) as f32);
                w.push(w0 as f32);
            }
        }
        Ok(Self {
            wiring,
            seed: setup.seed,
            csr,
            pops,
            v,
            w,
            ge: vec![0.0; n],
            gi: vec![0.0; n],
            refr: vec![0.0; n],
            q_e: p.synapses.q_e_ns as f32,
            q_i: p.synapses.q_i_ns as f32,
            k_ext: p.k_ext,
            nu_drive_hz: p.nu_drive_hz,
            stim_frac_i: setup.stim_frac_i,
            signal: setup.signal.clone(),
            drive: SeededRng::stream(setup.seed, STREAM_DRIVE),
            dt_ms: dt,
            steps_per_bin: (p.bin_ms / dt).round().max(1.0) as u64,
            step: 0,
            // The last whole step within the run (a step that does not divide it ends early).
            end_step: (setup.duration_ms / dt + 1e-9).floor() as u64,
            bin_spikes: [0; 2],
            total_spikes: [0; 2],
            filter: setup.filter,
            pending: Recording::default(),
            fired: Vec::new(),
            diverged: None,
        })
    }

    /// Current model time [ms].
    #[must_use]
    pub fn t_ms(&self) -> f64 {
        self.step as f64 * self.dt_ms
    }

    /// Model time at which the run ends [ms].
    #[must_use]
    pub fn end_ms(&self) -> f64 {
        self.end_step as f64 * self.dt_ms
    }

    /// Whether the run has reached its end (or stopped because the state diverged).
    #[must_use]
    pub fn done(&self) -> bool {
        self.step >= self.end_step || self.diverged.is_some()
    }

    /// The time [ms] at which a population's mean state stopped being finite, if it did.
    #[must_use]
    pub fn diverged_at_ms(&self) -> Option<f64> {
        self.diverged
    }

    /// Spikes so far (excitatory, inhibitory), including those of a bin not yet closed.
    #[must_use]
    pub fn total_spikes(&self) -> (u64, u64) {
        (self.total_spikes[0], self.total_spikes[1])
    }

    /// The wiring.
    #[must_use]
    pub fn wiring(&self) -> Wiring {
        self.wiring
    }

    /// Number of recurrent synapses.
    #[must_use]
    pub fn synapses(&self) -> usize {
        self.csr.len()
    }

    /// Takes what was recorded since the last call.
    pub fn take(&mut self) -> Recording {
        std::mem::take(&mut self.pending)
    }

    /// Simulates until model time `t_ms` or the end of the run, whichever comes first.
    pub fn advance_to(&mut self, t_ms: f64) {
        let target = ((t_ms / self.dt_ms).round() as u64).min(self.end_step);
        while self.step < target && self.diverged.is_none() {
            self.step_once();
        }
    }

    /// Simulates the whole run and returns its recording.
    #[must_use]
    pub fn run(mut self) -> Recording {
        self.advance_to(f64::INFINITY);
        self.take()
    }

    fn step_once(&mut self) {
        let t = self.t_ms();
        let (ext_e, ext_i) = self
            .signal
            .at(t)
            .external_rates(self.nu_drive_hz, self.stim_frac_i);
        for pc in self.pops {
            let r = pc.first..pc.first + pc.len;
            integrate(
                &pc,
                &mut self.v[r.clone()],
                &mut self.w[r.clone()],
                &mut self.ge[r.clone()],
                &mut self.gi[r.clone()],
                &mut self.refr[r],
            );
        }
        self.fire();
        self.deliver_external(ext_e, ext_i);
        self.step += 1;
        if self.step % self.steps_per_bin == 0 {
            self.close_bin();
        }
    }

    /// Detects, resets, records and delivers this step's spikes.
    fn fire(&mut self) {
        self.fired.clear();
        let t_spike = (self.step + 1) as f64 * self.dt_ms;
        for (k, pc) in self.pops.iter().enumerate() {
            let r = pc.first..pc.first + pc.len;
            for (c, chunk) in self.v[r].chunks_mut(SCAN_CHUNK).enumerate() {
                // Most chunks hold no spike: a vectorised count skips them without a branch per cell.
                if chunk
                    .iter()
                    .map(|&v| u32::from(v >= pc.v_peak))
                    .sum::<u32>()
                    == 0
                {
                    continue;
                }
                for (ic, v) in chunk.iter_mut().enumerate() {
                    if *v >= pc.v_peak {
                        let i = c * SCAN_CHUNK + ic;
                        let j = pc.first + i;
                        *v = pc.v_reset;
                        self.w[j] += pc.b;
                        self.refr[j] = pc.ref_steps;
                        self.fired.push(j as u32);
                        self.bin_spikes[k] += 1;
                        self.total_spikes[k] += 1;
                        if self.filter.keeps(j as u32, self.wiring.n_e as u32) {
                            self.pending.spikes.push(Spike {
                                t_ms: t_spike,
                                neuron: j as u32,
                            });
                        }
                    }
                }
            }
        }
        let n_e = self.wiring.n_e as u32;
        for &j in &self.fired {
            let (g, q) = if j < n_e {
                (&mut self.ge, self.q_e)
            } else {
                (&mut self.gi, self.q_i)
            };
            for &t in self.csr.targets(j as usize) {
                if let Some(x) = g.get_mut(t as usize) {
                    *x += q;
                }
            }
        }
    }

    /// Each cell has K_ext Poisson inputs at the external rate of its population: per
    /// population, the step's total count is Poisson(N K_ext ν dt) and each event lands on a
    /// uniformly chosen cell, which is the same process in law.
    fn deliver_external(&mut self, ext_e: f64, ext_i: f64) {
        for (pc, rate) in [(self.pops[0], ext_e), (self.pops[1], ext_i)] {
            if pc.len == 0 {
                continue;
            }
            let mean = pc.len as f64 * self.k_ext * rate * self.dt_ms * HZ_MS;
            let count = poisson::poisson(&mut self.drive, mean);
            let ge = &mut self.ge[pc.first..pc.first + pc.len];
            for _ in 0..count {
                let i = self.drive.below(pc.len as u32) as usize;
                if let Some(x) = ge.get_mut(i) {
                    *x += self.q_e;
                }
            }
        }
    }

    fn close_bin(&mut self) {
        let width_s = self.steps_per_bin as f64 * self.dt_ms * 1e-3;
        let mut rate = [0.0; 2];
        let mut mean_v = [0.0; 2];
        let mut mean_w = [0.0; 2];
        for (k, pc) in self.pops.iter().enumerate() {
            let r = pc.first..pc.first + pc.len;
            let n = pc.len.max(1) as f64;
            rate[k] = self.bin_spikes[k] as f64 / (n * width_s);
            mean_v[k] = self.v[r.clone()].iter().map(|&x| f64::from(x)).sum::<f64>() / n;
            mean_w[k] = self.w[r].iter().map(|&x| f64::from(x)).sum::<f64>() / n;
            self.bin_spikes[k] = 0;
        }
        let t_end_ms = self.t_ms();
        if !(mean_v.iter().chain(&mean_w).all(|x| x.is_finite())) {
            self.diverged = Some(t_end_ms);
        }
        self.pending.bins.push(Bin {
            t_end_ms,
            nu_e_hz: rate[0],
            nu_i_hz: rate[1],
            v_e_mv: mean_v[0],
            v_i_mv: mean_v[1],
            w_e_pa: mean_w[0],
            w_i_pa: mean_w[1],
        });
    }
}

/// Forward Euler for V and w, exact decay for the conductances, over one population. No
/// branches: refractory cells are selected, not skipped, so the loop vectorises.
fn integrate(
    pc: &PopConst,
    v: &mut [f32],
    w: &mut [f32],
    ge: &mut [f32],
    gi: &mut [f32],
    refr: &mut [f32],
) {
    let n = v
        .len()
        .min(w.len())
        .min(ge.len())
        .min(gi.len())
        .min(refr.len());
    let (v, w, ge, gi, refr) = (
        &mut v[..n],
        &mut w[..n],
        &mut ge[..n],
        &mut gi[..n],
        &mut refr[..n],
    );
    for i in 0..n {
        let vv = v[i];
        let ww = w[i];
        let spike = pc.gl_delta * fastexp::exp((vv - pc.v_thr) * pc.inv_delta);
        let dq = vv - pc.e_q;
        let i_tot = pc.g_l * (pc.e_l - vv) + spike + pc.quad_k * dq * dq - ww
            + ge[i] * (pc.e_e - vv)
            + gi[i] * (pc.e_i - vv);
        let active = refr[i] <= 0.0;
        v[i] = if active {
            vv + pc.dt_over_c * i_tot
        } else {
            pc.v_reset
        };
        w[i] = ww + pc.dt_over_tau_w * (pc.a * (vv - pc.e_w) - ww);
        let r = refr[i] - 1.0;
        refr[i] = if r < -1.0 { -1.0 } else { r };
        // Decayed below G_FLOOR a conductance is 0: multiplied on by the decay it would sink
        // into the subnormal floats and stay there (0.98 of a few of the smallest rounds back
        // to them), and every step's multiply on a subnormal is many times slower, so a silent
        // network ran ten times slower than an active one. Nothing the cells feel changes.
        let (g_e, g_i) = (ge[i] * pc.decay_e, gi[i] * pc.decay_i);
        ge[i] = if g_e < G_FLOOR_NS { 0.0 } else { g_e };
        gi[i] = if g_i < G_FLOOR_NS { 0.0 } else { g_i };
    }
}

#[cfg(test)]
mod tests;
