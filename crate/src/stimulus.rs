//! External stimuli, one type shared by every model: what is added to (or taken from) the
//! constant external drive over time.
//!
//! A stimulus is a flat set of parameters (so that it maps one-to-one onto URL and CLI keys)
//! plus a [`StimulusKind`] that says which of them it uses. [`Stimulus::signal`] turns it into a
//! [`Signal`] that can be sampled at any time; only the Ornstein–Uhlenbeck kind needs the seed.

use crate::rng::SeededRng;
use std::f64::consts::PI;

/// Resolution on which Ornstein–Uhlenbeck noise is realised [ms]; any model samples it by
/// linear interpolation, so the mean field and a network with another step see one realisation.
pub const OU_GRID_MS: f64 = 0.1;

/// The stimulus waveforms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StimulusKind {
    /// No stimulus: the drive alone.
    None,
    /// s(t) = amp for all t.
    Constant,
    /// s(t) = amp from t0 on.
    Step,
    /// s(t) = amp from t0 for dur: a rectangular kick (di Volo 2019 Fig 5).
    Pulse,
    /// The official di Volo code's pulse: Gaussian rise (σ = rise) to amp at t0, Gaussian decay
    /// (σ = decay) after it.
    DoubleGaussian,
    /// Difference of exponentials from t0 (time constants rise, decay), peak = amp
    /// (di Volo 2019 Fig 3-A1).
    ExpPulse,
    /// The drive switched off from t0 for dur (di Volo 2019 Fig 3-A2).
    DriveOff,
    /// s(t) = amp sin(2π f (t − t0)) from t0 on (Fig 3-A3).
    Sine,
    /// One period of amp sin(2π f (t − t0)) starting at t0 (Fig 4).
    SineCycle,
    /// Ornstein–Uhlenbeck noise: s(t) = amp ξ(t), ξ of unit variance and time constant tau_ou
    /// (Fig 6), seeded.
    Ou,
}

impl StimulusKind {
    /// Every kind, in menu order.
    pub const ALL: [Self; 10] = [
        Self::None,
        Self::Constant,
        Self::Step,
        Self::Pulse,
        Self::DoubleGaussian,
        Self::ExpPulse,
        Self::DriveOff,
        Self::Sine,
        Self::SineCycle,
        Self::Ou,
    ];

    /// The name used in URLs, JSON and the CLI.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Constant => "constant",
            Self::Step => "step",
            Self::Pulse => "pulse",
            Self::DoubleGaussian => "double_gaussian",
            Self::ExpPulse => "exp_pulse",
            Self::DriveOff => "drive_off",
            Self::Sine => "sine",
            Self::SineCycle => "sine_cycle",
            Self::Ou => "ou",
        }
    }

    /// A short human description.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "none (drive only)",
            Self::Constant => "constant extra input",
            Self::Step => "step",
            Self::Pulse => "rectangular pulse (Fig 5 kick)",
            Self::DoubleGaussian => "double-Gaussian pulse (official code)",
            Self::ExpPulse => "exponential rise/decay pulse (Fig 3-A1)",
            Self::DriveOff => "drive switched off (Fig 3-A2)",
            Self::Sine => "sinusoid (Fig 3-A3)",
            Self::SineCycle => "one sinusoid cycle (Fig 4)",
            Self::Ou => "Ornstein-Uhlenbeck noise (Fig 6)",
        }
    }

    /// Parses a [`StimulusKind::name`].
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The stimulus parameter keys this kind uses (the page hides the others).
    #[must_use]
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Self::None => &[],
            Self::Constant => &["stim_amp", "stim_frac_i"],
            Self::Step => &["stim_amp", "stim_t0", "stim_frac_i"],
            Self::Pulse => &["stim_amp", "stim_t0", "stim_dur", "stim_frac_i"],
            Self::DoubleGaussian | Self::ExpPulse => &[
                "stim_amp",
                "stim_t0",
                "stim_rise",
                "stim_decay",
                "stim_frac_i",
            ],
            Self::DriveOff => &["stim_t0", "stim_dur"],
            Self::Sine | Self::SineCycle => &["stim_amp", "stim_t0", "stim_freq", "stim_frac_i"],
            Self::Ou => &["stim_amp", "stim_tau_ou", "stim_frac_i", "seed"],
        }
    }
}

/// A stimulus: its kind and every waveform parameter (each kind uses some of them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stimulus {
    /// Waveform.
    pub kind: StimulusKind,
    /// Amplitude [Hz] of the extra per-synapse input rate (σ for the OU kind).
    pub amp_hz: f64,
    /// Onset, or peak time of the pulses [ms].
    pub t0_ms: f64,
    /// Duration [ms] (drive switched off).
    pub dur_ms: f64,
    /// Rise time [ms]: σ of the rising Gaussian, or τ_rise of the exponential pulse.
    pub rise_ms: f64,
    /// Decay time [ms]: σ of the falling Gaussian, or τ_decay of the exponential pulse.
    pub decay_ms: f64,
    /// Frequency of the sinusoids [Hz].
    pub freq_hz: f64,
    /// Correlation time of the OU noise [ms].
    pub tau_ou_ms: f64,
    /// Fraction of the stimulus that reaches the inhibitory population [1] (the official di Volo
    /// code sends all of it, 1; Zerlaut et al. 2018 none, 0). The constant drive always reaches
    /// both.
    pub frac_i: f64,
}

impl Default for Stimulus {
    /// The official di Volo code's stimulus (ModelDB 263236 `MF_simulation.py`): a double
    /// Gaussian of 5 Hz peaking at t = 2 s, σ_rise = 10 ms, σ_decay = 200 ms, to both populations.
    fn default() -> Self {
        Self {
            kind: StimulusKind::DoubleGaussian,
            amp_hz: 5.0,
            t0_ms: 2000.0,
            dur_ms: 500.0,
            rise_ms: 10.0,
            decay_ms: 200.0,
            freq_hz: 5.0,
            tau_ou_ms: 5.0,
            frac_i: 1.0,
        }
    }
}

/// The stimulus at one instant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StimSample {
    /// Factor on the constant drive [1] (0 while the drive is switched off).
    pub drive_gain: f64,
    /// Extra per-synapse input rate [Hz] (may be negative; the caller clips the total at 0).
    pub extra_hz: f64,
}

impl StimSample {
    /// Per-synapse external rates (to E, to I) [Hz] for a constant drive `nu_drive_hz` of which
    /// a share `frac_i` of the stimulus reaches the inhibitory cells; clipped at 0. The mean
    /// field and the network both take their external input from here.
    #[must_use]
    pub fn external_rates(&self, nu_drive_hz: f64, frac_i: f64) -> (f64, f64) {
        let base = nu_drive_hz * self.drive_gain;
        (
            (base + self.extra_hz).max(0.0),
            (base + frac_i * self.extra_hz).max(0.0),
        )
    }
}

/// A stimulus ready to be sampled in time (OU noise realised from its seed).
#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    stimulus: Stimulus,
    ou: Vec<f64>,
}

impl Stimulus {
    /// Realises the stimulus over `[0, duration_ms]`; `seed` fixes the OU noise.
    #[must_use]
    pub fn signal(&self, duration_ms: f64, seed: u64) -> Signal {
        let ou = if self.kind == StimulusKind::Ou {
            ou_path(self.tau_ou_ms, duration_ms, seed)
        } else {
            Vec::new()
        };
        Signal {
            stimulus: *self,
            ou,
        }
    }
}

impl Signal {
    /// The stimulus at time `t_ms`.
    #[must_use]
    pub fn at(&self, t_ms: f64) -> StimSample {
        let s = &self.stimulus;
        let u = t_ms - s.t0_ms;
        let extra = |extra_hz| StimSample {
            drive_gain: 1.0,
            extra_hz,
        };
        match s.kind {
            StimulusKind::None => extra(0.0),
            StimulusKind::Constant => extra(s.amp_hz),
            StimulusKind::Step => extra(if u >= 0.0 { s.amp_hz } else { 0.0 }),
            StimulusKind::Pulse => extra(if (0.0..s.dur_ms).contains(&u) {
                s.amp_hz
            } else {
                0.0
            }),
            StimulusKind::DoubleGaussian => {
                extra(s.amp_hz * double_gaussian(u, s.rise_ms, s.decay_ms))
            }
            StimulusKind::ExpPulse => extra(s.amp_hz * exp_pulse(u, s.rise_ms, s.decay_ms)),
            StimulusKind::DriveOff => StimSample {
                drive_gain: if (0.0..s.dur_ms).contains(&u) {
                    0.0
                } else {
                    1.0
                },
                extra_hz: 0.0,
            },
            StimulusKind::Sine => extra(if u >= 0.0 {
                s.amp_hz * sine(u, s.freq_hz)
            } else {
                0.0
            }),
            StimulusKind::SineCycle => {
                let period_ms = 1000.0 / s.freq_hz;
                let on = (0.0..period_ms).contains(&u);
                extra(if on {
                    s.amp_hz * sine(u, s.freq_hz)
                } else {
                    0.0
                })
            }
            StimulusKind::Ou => extra(s.amp_hz * self.ou_at(t_ms)),
        }
    }

    /// The stimulus parameters.
    #[must_use]
    pub fn stimulus(&self) -> &Stimulus {
        &self.stimulus
    }

    fn ou_at(&self, t_ms: f64) -> f64 {
        let x = (t_ms / OU_GRID_MS).max(0.0);
        let k = x.floor();
        let i = k as usize;
        match (self.ou.get(i), self.ou.get(i + 1)) {
            (Some(a), Some(b)) => a + (b - a) * (x - k),
            (Some(a), None) => *a,
            _ => self.ou.last().copied().unwrap_or(0.0),
        }
    }
}

fn sine(u_ms: f64, freq_hz: f64) -> f64 {
    libm::sin(2.0 * PI * freq_hz * u_ms * 1e-3)
}

/// exp(−u²/2σ_r²) before the peak, exp(−u²/2σ_d²) after it, H(0) = ½ (each half contributes
/// ½ at u = 0, as in the official code).
fn double_gaussian(u: f64, sigma_rise: f64, sigma_decay: f64) -> f64 {
    let g = |sigma: f64| libm::exp(-u * u / (2.0 * sigma * sigma));
    if u < 0.0 {
        g(sigma_rise)
    } else if u > 0.0 {
        g(sigma_decay)
    } else {
        0.5 * (g(sigma_rise) + g(sigma_decay))
    }
}

/// (e^{−u/τd} − e^{−u/τr}) normalised to a peak of 1; the alpha function u/τ e^{1−u/τ} when the
/// two time constants coincide.
fn exp_pulse(u: f64, tau_rise: f64, tau_decay: f64) -> f64 {
    if u <= 0.0 {
        return 0.0;
    }
    let (tr, td) = (tau_rise, tau_decay);
    if ((td - tr) / td).abs() < 1e-9 {
        return u / td * libm::exp(1.0 - u / td);
    }
    let shape = |u: f64| libm::exp(-u / td) - libm::exp(-u / tr);
    let t_peak = libm::log(td / tr) * td * tr / (td - tr);
    shape(u) / shape(t_peak)
}

/// Exact OU path of unit stationary variance on the [`OU_GRID_MS`] grid, started from its
/// stationary distribution.
fn ou_path(tau_ms: f64, duration_ms: f64, seed: u64) -> Vec<f64> {
    let n = (duration_ms.max(0.0) / OU_GRID_MS).ceil() as usize + 2;
    let mut rng = SeededRng::new(seed);
    let decay = libm::exp(-OU_GRID_MS / tau_ms);
    let kick = (1.0 - decay * decay).sqrt();
    let mut x = rng.normal();
    let mut path = Vec::with_capacity(n);
    for _ in 0..n {
        path.push(x);
        x = x * decay + kick * rng.normal();
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stim(kind: StimulusKind) -> Stimulus {
        Stimulus {
            kind,
            ..Stimulus::default()
        }
    }

    #[test]
    fn pulses_peak_at_their_amplitude() {
        for kind in [StimulusKind::DoubleGaussian, StimulusKind::ExpPulse] {
            let s = stim(kind).signal(4000.0, 0);
            let peak = (0..40_000)
                .map(|k| s.at(k as f64 * 0.1).extra_hz)
                .fold(f64::MIN, f64::max);
            assert!((peak - 5.0).abs() < 1e-3, "{kind:?} peak {peak}");
        }
        let s = stim(StimulusKind::DoubleGaussian).signal(4000.0, 0);
        assert!((s.at(2000.0).extra_hz - 5.0).abs() < 1e-12);
        assert!((s.at(2010.0).extra_hz - 5.0 * (-0.5f64 / 400.0).exp()).abs() < 1e-12);
        assert!((s.at(1990.0).extra_hz - 5.0 * (-0.5f64).exp()).abs() < 1e-12);
    }

    #[test]
    fn exp_pulse_equal_time_constants_is_alpha() {
        let s = Stimulus {
            kind: StimulusKind::ExpPulse,
            rise_ms: 50.0,
            decay_ms: 50.0,
            t0_ms: 0.0,
            amp_hz: 2.0,
            ..Stimulus::default()
        };
        let sig = s.signal(1000.0, 0);
        assert!((sig.at(50.0).extra_hz - 2.0).abs() < 1e-12);
        assert!((sig.at(100.0).extra_hz - 2.0 * 2.0 * (-1.0f64).exp()).abs() < 1e-12);
    }

    #[test]
    fn sine_cycle_is_one_period_and_drive_off_gates() {
        let s = Stimulus {
            kind: StimulusKind::SineCycle,
            t0_ms: 100.0,
            freq_hz: 5.0,
            amp_hz: 2.0,
            ..Stimulus::default()
        }
        .signal(1000.0, 0);
        assert_eq!(s.at(99.0).extra_hz, 0.0);
        assert!((s.at(150.0).extra_hz - 2.0).abs() < 1e-12);
        assert!((s.at(250.0).extra_hz + 2.0).abs() < 1e-12);
        assert_eq!(s.at(300.0).extra_hz, 0.0);
        let off = Stimulus {
            kind: StimulusKind::DriveOff,
            t0_ms: 100.0,
            dur_ms: 50.0,
            ..Stimulus::default()
        }
        .signal(1000.0, 0);
        assert_eq!(off.at(99.9).drive_gain, 1.0);
        assert_eq!(off.at(100.0).drive_gain, 0.0);
        assert_eq!(off.at(150.0).drive_gain, 1.0);
        let pulse = Stimulus {
            kind: StimulusKind::Pulse,
            t0_ms: 100.0,
            dur_ms: 50.0,
            amp_hz: 1.5,
            ..Stimulus::default()
        }
        .signal(1000.0, 0);
        let values: Vec<f64> = [99.9, 100.0, 149.9, 150.0]
            .iter()
            .map(|&t| pulse.at(t).extra_hz)
            .collect();
        assert_eq!(values, [0.0, 1.5, 1.5, 0.0]);
    }

    #[test]
    fn ou_has_its_variance_and_correlation_time_and_is_seeded() {
        let s = Stimulus {
            kind: StimulusKind::Ou,
            amp_hz: 2.0,
            tau_ou_ms: 5.0,
            ..Stimulus::default()
        };
        let a = s.signal(200_000.0, 3);
        let xs: Vec<f64> = (0..200_000).map(|k| a.at(k as f64).extra_hz).collect();
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
        // 200 s / 5 ms = 4e4 correlation times: relative error of the variance ~ 1 %.
        assert!((var - 4.0).abs() < 0.2, "variance {var}");
        // Lag-5 ms autocorrelation of an OU process is e^{-1}.
        let lag: f64 = xs
            .windows(6)
            .map(|w| (w[0] - mean) * (w[5] - mean))
            .sum::<f64>()
            / (n - 5.0)
            / var;
        assert!((lag - (-1.0f64).exp()).abs() < 0.03, "lag corr {lag}");
        let b = s.signal(200_000.0, 3);
        let c = s.signal(200_000.0, 4);
        assert_eq!(a.at(1234.5), b.at(1234.5));
        assert_ne!(a.at(1234.5), c.at(1234.5));
    }

    #[test]
    fn every_kind_has_a_unique_name_that_parses() {
        for k in StimulusKind::ALL {
            assert_eq!(StimulusKind::from_name(k.name()), Some(k));
        }
    }
}
