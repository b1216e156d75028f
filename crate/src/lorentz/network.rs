//! The spiking networks behind the exact mean fields (`exact_mf.md` §5): N all-to-all coupled
//! quadratic neurons whose heterogeneity (excitability η_j, or spike threshold θ_j for GSK) takes
//! the deterministic Lorentzian quantiles x̄ + Δ tan(π/2 (2j − N − 1)/(N + 1)).
//!
//! Each step freezes the shared inputs (recurrent rate, synaptic gating s, global adaptation a)
//! and each neuron's own adaptation, and moves every neuron with the Cayley (Padé 1/1) flow map
//! of its quadratic membrane (a Möbius map of v, see `move_neurons`): second order, exact in
//! carrying a neuron through +∞ and back from −∞, and free of transcendentals, so the loop
//! vectorises and gives the same bits natively and in wasm. A neuron is refractory while
//! |v| > v_peak, from its crossing of +v_peak (the spike) until it comes back past −v_peak: the
//! time MPR 2015's refractory correction holds it for, here followed by the flow itself.
//! A spike's time within its step is where the step's map crosses v_peak (`crossing_time`).
//! The network's v is the median of the non-refractory neurons' v: the centre of the voltage
//! Lorentzian, which is what the mean field's v is (a Lorentzian has no mean).

use super::families::{dispatch, tan_det, Coeffs, Shared, Third};
use super::mf::LorentzMeanField;
use crate::error::Quantity;
use crate::record::{Bin, Recording, Spike, SpikeFilter};
use crate::rng::SeededRng;
use crate::stimulus::Signal;
use crate::Error;
use std::f64::consts::PI;

/// Random stream of the initial voltages (the heterogeneity itself is deterministic).
const STREAM_INIT: u64 = 2;
/// What stands for v = ±∞ in a step (a neuron just past its spike); the Möbius step maps it
/// to the finite value the flow from ∞ reaches.
const V_INFINITY: f64 = 1e15;
/// Largest network.
pub const MAX_NEURONS: usize = 200_000;

/// The deterministic Lorentzian quantiles of MPR 2015: centre + Δ tan(π/2 (2j − N − 1)/(N + 1)),
/// j = 1..N, in ascending order.
#[must_use]
pub fn lorentzian_quantiles(centre: f64, delta: f64, n: usize) -> Vec<f64> {
    let nf = n as f64;
    (1..=n)
        .map(|j| centre + delta * tan_det(PI / 2.0 * (2.0 * j as f64 - nf - 1.0) / (nf + 1.0)))
        .collect()
}

/// What an exact network is, apart from its stimulus, length and seed: two equal specs make
/// the same network (the page's network cache key is derived from this value).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LorentzNetworkSpec {
    /// The family and its parameters (shared with the mean field).
    pub mf: LorentzMeanField,
    /// Number of neurons.
    pub n: usize,
    /// Step [ms].
    pub dt_ms: f64,
    /// Rate bin [ms].
    pub bin_ms: f64,
    /// One adaptation variable for all neurons, driven by the population rate and the centre
    /// of the voltages, instead of one per neuron: the mean field's closure u_j = ⟨u⟩ then
    /// holds exactly (Chen–Campbell, GSK; QIF-SFA's adaptation is always global).
    pub global_adaptation: bool,
}

/// Everything an exact network is built from.
#[derive(Clone, Debug)]
pub struct LorentzSetup<'a> {
    /// The network itself.
    pub spec: LorentzNetworkSpec,
    /// The stimulus, realised.
    pub signal: &'a Signal,
    /// Model time to simulate [ms].
    pub duration_ms: f64,
    /// Seed of the initial voltages.
    pub seed: u64,
    /// Which spikes to keep: `max_e` neurons spread evenly over the heterogeneity.
    pub filter: SpikeFilter,
}

/// A running exact network.
pub struct LorentzNetwork {
    mf: LorentzMeanField,
    het: Vec<f64>,
    v: Vec<f64>,
    u: Vec<f64>,
    /// The raster's neurons (every `stride`-th): v and u at the start of the step just taken.
    kept_start: Vec<(f64, f64)>,
    /// Whether each neuron fired in the step just taken, noted when the raster keeps every
    /// neuron (empty otherwise).
    fired: Vec<u8>,
    scratch: Vec<f64>,
    shared: Shared,
    v_peak: f64,
    signal: Signal,
    dt: f64,
    dt_ms: f64,
    step: u64,
    end_step: u64,
    steps_per_bin: u64,
    bin_spikes: u64,
    bin_u: f64,
    total_spikes: u64,
    stride: usize,
    global_u: Option<f64>,
    pending: Recording,
    diverged: Option<f64>,
}

/// Every how many neurons an exact network keeps the spikes of under `filter` (spread evenly
/// over the heterogeneity; the kept neuron j is numbered j / stride).
#[must_use]
pub fn raster_stride(n: usize, filter: SpikeFilter) -> usize {
    let keep = filter.max_e.min(n as u32);
    n.div_ceil(keep.max(1) as usize)
}

/// One step h of v̇ = A v² + B v + D from v0 with the Cayley flow map (see `move_neurons`):
/// (v after the step, the map's denominator, which is ≤ 0 when v passed through +∞).
/// ±[`V_INFINITY`] stands for ∞ itself.
#[cfg(test)]
fn cayley(a: f64, b: f64, d: f64, h: f64, v0: f64) -> (f64, f64) {
    let k = Coeffs {
        a,
        b0: b,
        d0: d,
        ..Coeffs::default()
    };
    StepMap::new(&k, h).apply::<false, false>(0.0, 0.0, v0)
}

/// One step's Cayley maps v ↦ (P v + Q)/(R − S v) of every neuron (see `move_neurons`) as
/// polynomials of the neuron's heterogeneity x and adaptation u, their coefficients worked out
/// once per step. With B = b0 + b1 x, D = d0 + d1 x − du u, κ = h² (A D − B²/4)/4:
/// P = 1 − κ + hB/2 = p0 + p1 x + p2 x² + pu u, R = P − hB, Q = h D, S = h A.
#[derive(Clone, Copy, Debug)]
struct StepMap {
    p0: f64,
    p1: f64,
    p2: f64,
    pu: f64,
    /// h b0 and h b1: R = P − (hb0 + hb1 x).
    hb0: f64,
    hb1: f64,
    q0: f64,
    q1: f64,
    qu: f64,
    s: f64,
}

impl StepMap {
    fn new(k: &Coeffs, h: f64) -> Self {
        // κ = kd D − kb B².
        let (kd, kb) = (0.25 * h * h * k.a, h * h / 16.0);
        Self {
            p0: 1.0 - kd * k.d0 + kb * k.b0 * k.b0 + 0.5 * h * k.b0,
            p1: -kd * k.d1 + 2.0 * kb * k.b0 * k.b1 + 0.5 * h * k.b1,
            p2: kb * k.b1 * k.b1,
            pu: kd * k.du,
            hb0: h * k.b0,
            hb1: h * k.b1,
            q0: h * k.d0,
            q1: h * k.d1,
            qu: -h * k.du,
            s: h * k.a,
        }
    }

    /// (v after the step, the map's denominator R − S v0) of a neuron with heterogeneity
    /// `het` and adaptation `u` from `v0`. `VARIED_B`: whether B depends on the heterogeneity
    /// (b1 ≠ 0); `ADAPT`: whether D depends on the adaptation (du ≠ 0). Without them the terms
    /// they add are zero, left out.
    #[inline(always)]
    fn apply<const VARIED_B: bool, const ADAPT: bool>(
        &self,
        het: f64,
        u: f64,
        v0: f64,
    ) -> (f64, f64) {
        let mut p = self.p0 + self.p1 * het;
        let mut q = self.q0 + self.q1 * het;
        if VARIED_B {
            p += self.p2 * (het * het);
        }
        if ADAPT {
            p += self.pu * u;
            q += self.qu * u;
        }
        let r = if VARIED_B {
            p - (self.hb0 + self.hb1 * het)
        } else {
            p - self.hb0
        };
        let num = p * v0 + q;
        let den = r - self.s * v0;
        ((num / den).clamp(-V_INFINITY, V_INFINITY), den)
    }
}

/// Whether a neuron that went from `v0` to `v1` over a step whose map has denominator `den`
/// crossed +v_peak upwards: from at most v_peak to above it, or through +∞ (den ≤ 0).
#[inline(always)]
fn crossed(v0: f64, v1: f64, den: f64, vp: f64) -> bool {
    // `&` and `|`, not `&&` and `||`: no branches, so the neuron loop stays vectorised.
    (v0 <= vp) & ((den <= 0.0) | (v1 > vp))
}

/// When, within a step h from v0 (< v_peak), the Cayley map of [`cayley`] reaches `vp`: the
/// smallest τ in (0, h] with v(τ) = vp, a root of (m/4)(vp − v0) τ² + (B (v0 + vp)/2 + D +
/// A v0 vp) τ + (v0 − vp) = 0 (m = AD − B²/4); h if there is none. Only arithmetic and a
/// square root, both correctly rounded, so the raster's spike times too are the same bits
/// natively and in wasm.
fn crossing_time(a: f64, b: f64, d: f64, h: f64, v0: f64, vp: f64) -> f64 {
    let m = a * d - 0.25 * b * b;
    let qa = 0.25 * m * (vp - v0);
    let qb = 0.5 * b * (v0 + vp) + d + a * v0 * vp;
    let qc = v0 - vp;
    let disc = qb * qb - 4.0 * qa * qc;
    let tau = if disc < 0.0 {
        h
    } else if qb > 0.0 {
        // The root of "+√" in its cancellation-free form.
        -2.0 * qc / (qb + disc.sqrt())
    } else if qa != 0.0 {
        (-qb + disc.sqrt()) / (2.0 * qa)
    } else {
        h
    };
    if tau > 0.0 && tau <= h {
        tau
    } else {
        h
    }
}

/// Checks the settings of an exact network.
///
/// # Errors
/// Too few or too many neurons, a step that does not fit the bins or is too coarse, a spike cut
/// that is not positive.
pub fn check(setup: &LorentzNetworkSpec) -> Result<(), Error> {
    if setup.n < 2 || setup.n > MAX_NEURONS {
        return Err(Error::model(
            Quantity::NetworkSize,
            setup.n,
            format!("the network of an exact mean field takes 2 to {MAX_NEURONS} neurons"),
        ));
    }
    let unit = setup.mf.t_unit_ms();
    if !(setup.dt_ms > 0.0 && setup.dt_ms <= 0.05 * unit.max(1.0)) {
        return Err(Error::model(
            Quantity::NetworkStep,
            setup.dt_ms,
            format!(
                "the step must be positive and at most 5 % of the model's time unit ({unit:.4} ms)"
            ),
        ));
    }
    if setup.bin_ms.is_nan() || setup.bin_ms < setup.dt_ms {
        return Err(Error::model(
            Quantity::RateBin,
            setup.bin_ms,
            "a bin must be at least one step long",
        ));
    }
    Ok(())
}

impl LorentzNetwork {
    /// Builds the network and its initial state: the voltages are drawn from the Lorentzian the
    /// mean field starts from (centre v(0), half-width π r(0)/A).
    ///
    /// # Errors
    /// See [`check`].
    pub fn new(setup: &LorentzSetup<'_>) -> Result<Self, Error> {
        let spec = &setup.spec;
        check(spec)?;
        let mf = spec.mf;
        let n = spec.n;
        let (centre, delta, v_peak) = dispatch!(mf.family, &mf.p => heterogeneity());
        let het = lorentzian_quantiles(centre, delta, n);
        let mut init = SeededRng::stream(setup.seed, STREAM_INIT);
        let x0 = mf.initial_state();
        let width = PI * x0[0].max(0.0) / mf.gain();
        let v = (0..n)
            .map(|_| {
                let z = tan_det(PI * (init.uniform_open() - 0.5));
                (x0[1] + width * z).clamp(-v_peak, v_peak)
            })
            .collect();
        let stride = raster_stride(n, setup.filter);
        let dt = spec.dt_ms / mf.t_unit_ms();
        Ok(Self {
            mf,
            het,
            v,
            u: vec![0.0; n],
            kept_start: Vec::with_capacity(n.div_ceil(stride)),
            fired: Vec::new(),
            scratch: Vec::with_capacity(n),
            shared: Shared {
                r: x0[0],
                ..Shared::default()
            },
            v_peak,
            signal: setup.signal.clone(),
            dt,
            dt_ms: spec.dt_ms,
            step: 0,
            // The last whole step within the run (a step that does not divide it ends early).
            end_step: (setup.duration_ms / spec.dt_ms + 1e-9).floor() as u64,
            steps_per_bin: (spec.bin_ms / spec.dt_ms).round().max(1.0) as u64,
            bin_spikes: 0,
            bin_u: 0.0,
            total_spikes: 0,
            stride,
            global_u: spec.global_adaptation.then_some(0.0),
            pending: Recording::default(),
            diverged: None,
        })
    }

    /// Current model time [ms].
    #[must_use]
    pub fn t_ms(&self) -> f64 {
        self.step as f64 * self.dt_ms
    }

    /// Whether the run is over.
    #[must_use]
    pub fn done(&self) -> bool {
        self.step >= self.end_step || self.diverged.is_some()
    }

    /// When the state stopped being finite, if it did [ms].
    #[must_use]
    pub fn diverged_at_ms(&self) -> Option<f64> {
        self.diverged
    }

    /// Spikes so far.
    #[must_use]
    pub fn total_spikes(&self) -> u64 {
        self.total_spikes
    }

    /// Takes what was recorded since the last call.
    pub fn take(&mut self) -> Recording {
        std::mem::take(&mut self.pending)
    }

    /// Simulates until `t_ms` or the end.
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

    fn coeffs(&self, i: f64) -> Coeffs {
        dispatch!(self.mf.family, &self.mf.p => coeffs(i, &self.shared))
    }

    fn step_once(&mut self) {
        let t0 = self.t_ms();
        let i = self.mf.input(self.signal.at(t0));
        let k = self.coeffs(i);
        let map = StepMap::new(&k, self.dt);
        let centre = self.global_u.map(|_| self.centre());
        self.keep_start();
        // The loop for what this family's coefficients vary with; a family whose membrane
        // does not see its adaptation (QIF, QIF-SFA) skips it.
        let count = match (self.global_u, k.b1 != 0.0, k.du != 0.0) {
            (None, false, true) => self.step_neurons::<true, false, true>(&map, &k, 0.0, t0),
            (None, true, true) => self.step_neurons::<true, true, true>(&map, &k, 0.0, t0),
            (None, false, false) => self.step_neurons::<false, false, false>(&map, &k, 0.0, t0),
            (None, true, false) => self.step_neurons::<false, true, false>(&map, &k, 0.0, t0),
            (Some(u), false, _) => self.step_neurons::<false, false, true>(&map, &k, u, t0),
            (Some(u), true, _) => self.step_neurons::<false, true, true>(&map, &k, u, t0),
        };
        let n = self.v.len() as f64;
        let dt = self.dt;
        let r = count as f64 / (n * dt);
        if let (Some(u), Some(v)) = (self.global_u.as_mut(), centre) {
            *u += dt * k.ua * (k.ub * (v - k.uv) - *u) + k.ud * count as f64 / n;
        }
        self.advance_globals(r, count as f64 / n);
        self.shared.r = r;
        self.bin_spikes += count;
        self.total_spikes += count;
        self.step += 1;
        if self.step % self.steps_per_bin == 0 {
            self.close_bin();
        }
    }

    /// Notes v and u of the raster's neurons before the step, for [`Self::record_spikes`].
    fn keep_start(&mut self) {
        let u_global = self.global_u.unwrap_or(0.0);
        self.kept_start.clear();
        for j in (0..self.v.len()).step_by(self.stride) {
            let u = if self.global_u.is_some() {
                u_global
            } else {
                self.u[j]
            };
            self.kept_start.push((self.v[j], u));
        }
    }

    /// One step of every neuron ([`Self::move_neurons`]) and the raster's spikes in it
    /// ([`Self::record_spikes`], with the same map): how many neurons fired.
    fn step_neurons<const PER_NEURON: bool, const VARIED_B: bool, const ADAPT: bool>(
        &mut self,
        map: &StepMap,
        k: &Coeffs,
        u_global: f64,
        t0: f64,
    ) -> u64 {
        // A raster of every neuron reads the loop's notes; one of a few recomputes its own.
        if self.stride == 1 {
            let count = self.move_neurons::<PER_NEURON, VARIED_B, ADAPT, true>(map, k, u_global);
            self.record_spikes::<VARIED_B, ADAPT, true>(map, k, t0);
            count
        } else {
            let count = self.move_neurons::<PER_NEURON, VARIED_B, ADAPT, false>(map, k, u_global);
            self.record_spikes::<VARIED_B, ADAPT, false>(map, k, t0);
            count
        }
    }

    /// Moves every neuron over one step with the Cayley (Padé 1/1) flow map of its quadratic
    /// membrane and returns how many crossed v_peak upwards. `PER_NEURON` says whether each
    /// neuron has its own adaptation (else `u_global` is it); `VARIED_B` and `ADAPT`, whether
    /// B depends on the heterogeneity and D on the adaptation (see [`StepMap::apply`]);
    /// `FLAGS`, whether to note in `fired` which neurons fired.
    ///
    /// v̇ = A v² + B v + D is the Riccati equation of the linear system ẋ = (B/2) x + D y,
    /// ẏ = −A x − (B/2) y with v = x/y, so its flow over h is a Möbius map of v. The Cayley
    /// transform of h M (M traceless, M² = −(AD − B²/4) I) is, up to a common factor,
    /// [[1 − κ + hB/2, hD], [−hA, 1 − κ − hB/2]] with κ = h² (AD − B²/4)/4: a second-order,
    /// A-stable step that carries a neuron through +∞ to −∞ exactly as the unbounded QIF does
    /// (MPR's v_peak → ∞ limit, which their refractory correction stands in for), with only
    /// additions, multiplications and one division: the same bits natively and in wasm, and a
    /// branch-free loop over plain arrays that the compiler vectorises (two neurons per
    /// instruction with SSE2 and wasm simd128). A neuron is refractory while |v| > v_peak
    /// (between the crossing and its return from −∞ past −v_peak); a spike is its crossing of
    /// +v_peak.
    fn move_neurons<
        const PER_NEURON: bool,
        const VARIED_B: bool,
        const ADAPT: bool,
        const FLAGS: bool,
    >(
        &mut self,
        map: &StepMap,
        k: &Coeffs,
        u_global: f64,
    ) -> u64 {
        let (h, vp) = (self.dt, self.v_peak);
        let n = self.v.len();
        if FLAGS {
            self.fired.resize(n, 0);
        }
        // Slices of length n (the flags' only when noting), so the loop has no bounds checks.
        let het = &self.het[..n];
        let v = &mut self.v[..n];
        let us = &mut self.u[..n];
        let flags = &mut self.fired[..if FLAGS { n } else { 0 }];
        let mut count = 0u64;
        for j in 0..n {
            let v0 = v[j];
            let u = if PER_NEURON { us[j] } else { u_global };
            let (v1, den) = map.apply::<VARIED_B, ADAPT>(het[j], u, v0);
            let fired = crossed(v0, v1, den, vp);
            v[j] = v1;
            count += u64::from(fired);
            if FLAGS {
                flags[j] = u8::from(fired);
            }
            if PER_NEURON {
                // The neuron's adaptation sees the potential at the step's start; a
                // refractory neuron counts as reset (−v_peak).
                let v_seen = if v0.abs() > vp { -vp } else { v0 };
                let jump = if fired { k.ud } else { 0.0 };
                us[j] = u + h * k.ua * (k.ub * (v_seen - k.uv) - u) + jump;
            }
        }
        count
    }

    /// Records the spikes of the raster's neurons in the step just taken, at the time the
    /// step's map crosses v_peak ([`crossing_time`]). Whether a neuron fired is read from the
    /// step's notes (`FLAGS`) or worked out again from its start with the step's own map (the
    /// same operations, so the same answer): cheaper than noting it for every neuron in the
    /// step's loop when the raster keeps few.
    fn record_spikes<const VARIED_B: bool, const ADAPT: bool, const FLAGS: bool>(
        &mut self,
        map: &StepMap,
        k: &Coeffs,
        t0: f64,
    ) {
        let (h, vp, unit) = (self.dt, self.v_peak, self.mf.t_unit_ms());
        for (slot, &(v0, u)) in self.kept_start.iter().enumerate() {
            let j = slot * self.stride;
            let het = self.het[j];
            let fired = if FLAGS {
                self.fired[j] != 0
            } else {
                let (v1, den) = map.apply::<VARIED_B, ADAPT>(het, u, v0);
                crossed(v0, v1, den, vp)
            };
            if !fired {
                continue;
            }
            let (b, d) = (k.b0 + k.b1 * het, k.d0 + k.d1 * het - k.du * u);
            let th = crossing_time(k.a, b, d, h, v0, vp);
            self.pending.spikes.push(Spike {
                t_ms: t0 + th * unit,
                neuron: slot as u32,
            });
        }
    }

    /// The synaptic gating (each spike adds J/N) and QIF-SFA's global adaptation.
    fn advance_globals(&mut self, r: f64, spikes_per_neuron: f64) {
        let dt = self.dt;
        let shared = &mut self.shared;
        dispatch!(self.mf.family, &self.mf.p => advance(dt, r, spikes_per_neuron, shared));
    }

    /// The third state variable of the family, as the mean field names it: a (QIF-SFA) or the
    /// mean u (Chen–Campbell, GSK); 0 for QIF.
    fn third(&self) -> f64 {
        match dispatch!(self.mf.family, third()) {
            Third::Zero => 0.0,
            Third::Sfa => self.shared.sfa[0],
            Third::MeanU => self
                .global_u
                .unwrap_or_else(|| self.u.iter().sum::<f64>() / self.u.len().max(1) as f64),
        }
    }

    /// The median v of the non-refractory neurons (NaN if all are refractory).
    fn centre(&mut self) -> f64 {
        self.scratch.clear();
        self.scratch
            .extend(self.v.iter().filter(|v| v.abs() <= self.v_peak).copied());
        if self.scratch.is_empty() {
            return f64::NAN;
        }
        let mid = self.scratch.len() / 2;
        let (_, m, _) = self.scratch.select_nth_unstable_by(mid, f64::total_cmp);
        *m
    }

    fn close_bin(&mut self) {
        let width_ms = self.steps_per_bin as f64 * self.dt_ms;
        let rate = self.bin_spikes as f64 / (self.v.len() as f64 * width_ms) * 1e3;
        let median = self.centre();
        self.bin_u = self.third();
        let t_end_ms = self.t_ms();
        if !(median.is_finite() || self.scratch.is_empty()) || !self.bin_u.is_finite() {
            self.diverged = Some(t_end_ms);
        }
        self.pending.bins.push(Bin {
            t_end_ms,
            nu_e_hz: rate,
            nu_i_hz: 0.0,
            v_e_mv: if median.is_finite() { median } else { 0.0 },
            v_i_mv: 0.0,
            w_e_pa: self.bin_u,
            w_i_pa: self.shared.s,
        });
        self.bin_spikes = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::super::quadratic::Quadratic;
    use super::*;

    /// Steps a lone neuron with the Cayley map for `t`: (v at the end, the times it crossed
    /// +v_peak upwards, the times it came back up past −v_peak).
    fn lone(a: f64, b: f64, d: f64, h: f64, v0: f64, t: f64, vp: f64) -> (f64, Vec<f64>, Vec<f64>) {
        let (mut v, mut up, mut back) = (v0, Vec::new(), Vec::new());
        for k in 0..(t / h).round() as usize {
            let (v1, den) = cayley(a, b, d, h, v);
            if v <= vp && (den <= 0.0 || v1 > vp) {
                up.push(k as f64 * h);
            }
            if v < -vp && v1 >= -vp && den > 0.0 {
                back.push(k as f64 * h);
            }
            v = v1;
        }
        (v, up, back)
    }

    #[test]
    fn the_cayley_step_follows_the_exact_membrane_to_second_order() {
        // Tonic (c > 0) and resting (c < 0) neurons, with a linear term: against the closed form.
        for (a, b, d, v0) in [
            (1.0, 0.0, 4.0, -3.0),
            (1.0, 0.3, -2.0, 0.5),
            (0.04, 1.1, -3.0, -20.0),
        ] {
            let exact = Quadratic::new(a, b, d).evolve(v0, 0.5);
            let err = |h: f64| (lone(a, b, d, h, v0, 0.5, 1e9).0 - exact).abs();
            let (e1, e2) = (err(0.01), err(0.005));
            assert!(e1 < 1e-3 * exact.abs().max(1.0), "a={a} b={b} d={d}: {e1}");
            // Halving h quarters the error: second order.
            assert!(
                (e1 / e2 - 4.0).abs() < 0.3,
                "a={a} b={b} d={d}: {e1} / {e2}"
            );
        }
    }

    #[test]
    fn the_crossing_time_of_a_step_is_the_exact_one_within_half_a_percent() {
        // Steps as the networks take them (h A q ≤ 0.2), crossings inside them.
        let vp = 100.0;
        for (a, b, d, v0, h) in [
            (1.0, 0.0, 4.0, 60.0, 0.01),
            (1.0, 0.0, 400.0, 50.0, 0.01),
            (1.0, 0.3, -2.0, 80.0, 0.01),
            (0.04, 1.1, -3.0, 90.0, 0.05),
        ] {
            let exact = Quadratic::new(a, b, d).time_to(v0, vp).unwrap();
            assert!(exact < h, "the crossing lies in the step: {exact}");
            let got = crossing_time(a, b, d, h, v0, vp);
            assert!(
                (got - exact).abs() < 5e-3 * exact,
                "a={a} b={b} d={d} v0={v0}: {got} vs {exact}"
            );
            // Where the step does not reach v_peak: the whole step.
            assert_eq!(crossing_time(a, b, d, 0.5 * exact, v0, vp), 0.5 * exact);
        }
    }

    #[test]
    fn the_cayley_neuron_fires_at_the_exact_period_and_is_refractory_for_mprs_hold() {
        // v̇ = v² + c, c = 4: period π/√c = π/2; v_peak = 100 at h = 0.01 (the QIF page's step).
        let (c, h, vp) = (4.0, 0.01, 100.0);
        let (_, up, back) = lone(1.0, 0.0, c, h, -vp, 20.0, vp);
        let periods: Vec<f64> = up.windows(2).map(|w| w[1] - w[0]).collect();
        let mean = periods.iter().sum::<f64>() / periods.len() as f64;
        let exact = PI / c.sqrt();
        assert!((mean - exact).abs() < 1e-3 * exact, "{mean} vs {exact}");
        // From the crossing of +v_peak to the return past −v_peak: MPR's hold, within a step.
        let hold = Quadratic::new(1.0, 0.0, c).hold(vp, -vp);
        let refractory = back[0] - up[0];
        assert!(
            (refractory - hold).abs() <= 1.5 * h,
            "{refractory} vs {hold}"
        );
    }

    #[test]
    fn the_quantiles_are_symmetric_and_have_the_lorentzian_quartiles() {
        let x = lorentzian_quantiles(-5.0, 2.0, 1001);
        assert!((x[500] + 5.0).abs() < 1e-12, "median at the centre");
        assert!((x[0] + x[1000] + 10.0).abs() < 1e-9, "symmetric");
        // A Lorentzian's quartiles are centre ± Δ.
        let q3 = x[750];
        assert!((q3 - (-3.0)).abs() < 0.02, "{q3}");
    }
}
