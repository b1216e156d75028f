//! The spiking networks behind the exact mean fields (`exact_mf.md` §5): N all-to-all coupled
//! quadratic neurons whose heterogeneity (excitability η_j, or spike threshold θ_j for GSK) takes
//! the deterministic Lorentzian quantiles x̄ + Δ tan(π/2 (2j − N − 1)/(N + 1)).
//!
//! Each step freezes the shared inputs (recurrent rate, synaptic gating s, global adaptation a)
//! and each neuron's own adaptation, and moves every neuron with the exact solution of its
//! quadratic membrane ([`Quadratic`]). A neuron reaching v_peak is held for the time the unbounded
//! neuron would need to go to +∞ and come back from −∞ to v_reset = −v_peak (MPR 2015's
//! refractory correction, computed exactly), then continues; spikes are counted at the crossing.
//! The network's v is the median of the non-refractory neurons' v: the centre of the voltage
//! Lorentzian, which is what the mean field's v is (a Lorentzian has no mean).

use super::families::{dispatch, Coeffs, Shared, Third};
use super::mf::LorentzMeanField;
use super::quadratic::Quadratic;
use crate::error::Quantity;
use crate::record::{Bin, Recording, Spike, SpikeFilter};
use crate::rng::SeededRng;
use crate::stimulus::Signal;
use crate::Error;
use std::f64::consts::PI;

/// Random stream of the initial voltages (the heterogeneity itself is deterministic).
const STREAM_INIT: u64 = 2;
/// Most spikes one neuron may fire in one step (a guard against absurd parameters).
const MAX_SPIKES_PER_STEP: u32 = 64;
/// Largest network.
pub const MAX_NEURONS: usize = 200_000;

/// The deterministic Lorentzian quantiles of MPR 2015: centre + Δ tan(π/2 (2j − N − 1)/(N + 1)),
/// j = 1..N, in ascending order.
#[must_use]
pub fn lorentzian_quantiles(centre: f64, delta: f64, n: usize) -> Vec<f64> {
    let nf = n as f64;
    (1..=n)
        .map(|j| centre + delta * (PI / 2.0 * (2.0 * j as f64 - nf - 1.0) / (nf + 1.0)).tan())
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
    refr: Vec<f64>,
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
                let z = (PI * (init.uniform_open() - 0.5)).tan();
                (x0[1] + width * z).clamp(-v_peak, v_peak)
            })
            .collect();
        let keep = setup.filter.max_e.min(n as u32);
        let stride = n.div_ceil(keep.max(1) as usize);
        let dt = spec.dt_ms / mf.t_unit_ms();
        Ok(Self {
            mf,
            het,
            v,
            u: vec![0.0; n],
            refr: vec![0.0; n],
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
        let (dt, vp) = (self.dt, self.v_peak);
        let mut count: u64 = 0;
        let centre = self.global_u.map(|_| self.centre());
        for j in 0..self.v.len() {
            let h = self.het[j];
            let u = self.global_u.unwrap_or(self.u[j]);
            let quad = Quadratic::new(k.a, k.b0 + k.b1 * h, k.d0 + k.d1 * h - k.du * u);
            let v_start = self.v[j];
            let mut left = dt;
            let mut fired = 0u32;
            let mut v = v_start;
            loop {
                if self.refr[j] > 0.0 {
                    if self.refr[j] >= left {
                        self.refr[j] -= left;
                        break;
                    }
                    left -= self.refr[j];
                    self.refr[j] = 0.0;
                    v = -vp;
                }
                match quad.time_to(v, vp) {
                    Some(th) if th <= left && fired < MAX_SPIKES_PER_STEP => {
                        fired += 1;
                        left -= th;
                        self.refr[j] = quad.hold(vp, -vp);
                        v = -vp;
                        if j % self.stride == 0 {
                            self.pending.spikes.push(Spike {
                                t_ms: t0 + (dt - left) * self.mf.t_unit_ms(),
                                neuron: (j / self.stride) as u32,
                            });
                        }
                    }
                    _ => {
                        if fired < MAX_SPIKES_PER_STEP {
                            v = quad.evolve(v, left).clamp(-vp, vp);
                        }
                        break;
                    }
                }
            }
            self.v[j] = v;
            if self.global_u.is_none() && (k.ua != 0.0 || k.ud != 0.0) {
                self.u[j] +=
                    dt * k.ua * (k.ub * (v_start - k.uv) - self.u[j]) + k.ud * f64::from(fired);
            }
            count += u64::from(fired);
        }
        let n = self.v.len() as f64;
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
        self.scratch.extend(
            self.v
                .iter()
                .zip(&self.refr)
                .filter(|(_, r)| **r <= 0.0)
                .map(|(v, _)| *v),
        );
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
    use super::*;

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
