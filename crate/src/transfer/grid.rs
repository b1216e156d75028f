//! The grids of inputs the single-neuron simulations run on.
//!
//! How they were chosen (AdEx): the mean field feeds its cells ν_e + ν_drive ≈ 2–25 Hz and
//! ν_i ≈ 0–40 Hz per synapse, with RS adaptation currents up to a few hundred pA (W = b ν τ_w:
//! 60 pA × 5 Hz × 0.5 s = 150 pA). Each row sweeps ν_e until the output passes 60 Hz, and
//! refines where the output jumps, so every row has points all along its rise. 20 s per point
//! puts the simulated rates' standard error well below the fit's residual (measured: the
//! file's `noise_rms_hz` beside `rms_hz`). The page's quick grid halves the resolution and the
//! run length. The check grid sits between the full grid's points and uses other random
//! streams.

use crate::neuron::NeuronModel;
use crate::neuron::Pop;
use crate::Error;
use serde::{Deserialize, Serialize};

/// How long and how finely one point is simulated.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimSettings {
    /// Model time per point, after the warm-up [ms].
    pub duration_ms: f64,
    /// Integration step [ms] (0.05 ms, as the di Volo single-cell code).
    pub dt_ms: f64,
    /// Time simulated and discarded first [ms] (the conductances start at their means).
    pub warmup_ms: f64,
}

/// Inputs simulated for each cell, and how. Each row (one ν_i, one w) sweeps ν_e upwards from
/// `nu_e_from_hz` in steps of `nu_e_step_hz` until the output exceeds `max_rate_hz` (as the
/// reference code's adaptive grid); then, `refine_levels` times, a point is added halfway
/// between neighbours whose rates differ by more than `refine_jump_hz`, so that steep cells
/// (FS: 0 to 60 Hz within 2 Hz of input) get as many points in their rising part as shallow ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    /// First excitatory input rate per synapse [Hz].
    pub nu_e_from_hz: f64,
    /// Step of the excitatory input rate [Hz].
    pub nu_e_step_hz: f64,
    /// Last excitatory input rate [Hz].
    pub nu_e_to_hz: f64,
    /// Halvings of the step where the output jumps.
    pub refine_levels: u32,
    /// Output jump between neighbours that calls for a point between them [Hz].
    pub refine_jump_hz: f64,
    /// Inhibitory input rates per synapse of the excitatory cell's rows [Hz].
    pub nu_i_hz: Vec<f64>,
    /// The same for the inhibitory cell, which has fewer adaptation values and so gets more
    /// rows here [Hz].
    pub nu_i_inh_hz: Vec<f64>,
    /// Adaptation currents of the excitatory cell [pA].
    pub w_exc_pa: Vec<f64>,
    /// Adaptation currents of the inhibitory cell [pA] (0 only, when it does not adapt).
    pub w_inh_pa: Vec<f64>,
    /// Simulation of each point.
    pub sim: SimSettings,
    /// A row stops above this rate, and such points are left out of the fit and the check
    /// [Hz] (the reference fit keeps 0 < ν_out < 60 Hz).
    pub max_rate_hz: f64,
}

/// Named grids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridPreset {
    /// The pipeline's grid, for the files shipped with the page.
    Full,
    /// The page's refit: a quarter of the full grid's work.
    Quick,
}

impl GridPreset {
    /// Both, in menu order.
    pub const ALL: [Self; 2] = [Self::Full, Self::Quick];

    /// Name on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::Quick => "quick",
        }
    }

    /// Parses a [`GridPreset::name`].
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.name() == name)
    }
}

impl Grid {
    /// The grid `preset` for cells of `model`.
    #[must_use]
    pub fn preset(model: NeuronModel, preset: GridPreset) -> Self {
        // The Izhikevich inputs include the drive (≥ 6 Hz in the reference protocols).
        let from = match model {
            NeuronModel::Adex => 0.5,
            NeuronModel::Izhikevich => 2.0,
        };
        let sim = |duration_ms| SimSettings {
            duration_ms,
            dt_ms: 0.05,
            warmup_ms: 100.0,
        };
        match preset {
            GridPreset::Full => Self {
                nu_e_from_hz: from,
                nu_e_step_hz: 1.0,
                nu_e_to_hz: 40.0,
                refine_levels: 2,
                refine_jump_hz: 5.0,
                nu_i_hz: vec![0.0, 2.5, 5.0, 7.5, 10.0, 15.0, 20.0, 30.0, 40.0],
                nu_i_inh_hz: (0..=20).map(|k| 2.0 * f64::from(k)).collect(),
                w_exc_pa: vec![0.0, 50.0, 100.0, 200.0, 300.0],
                w_inh_pa: vec![0.0],
                sim: sim(20_000.0),
                max_rate_hz: 60.0,
            },
            GridPreset::Quick => Self {
                nu_e_from_hz: from,
                nu_e_step_hz: 2.0,
                nu_e_to_hz: 40.0,
                refine_levels: 2,
                refine_jump_hz: 10.0,
                nu_i_hz: vec![0.0, 5.0, 10.0, 20.0, 30.0, 40.0],
                nu_i_inh_hz: vec![0.0, 2.5, 5.0, 7.5, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0],
                w_exc_pa: vec![0.0, 100.0, 300.0],
                w_inh_pa: vec![0.0],
                sim: sim(10_000.0),
                max_rate_hz: 60.0,
            },
        }
    }

    /// The held-out grid for `--check`: rows and a ν_e lattice between the full grid's.
    #[must_use]
    pub fn check(model: NeuronModel) -> Self {
        let full = Self::preset(model, GridPreset::Full);
        Self {
            nu_e_from_hz: full.nu_e_from_hz + 0.5 * full.nu_e_step_hz,
            nu_i_hz: vec![1.25, 6.25, 12.5, 25.0, 35.0],
            nu_i_inh_hz: vec![1.25, 6.25, 12.5, 17.5, 25.0, 35.0],
            w_exc_pa: vec![25.0, 150.0, 250.0],
            w_inh_pa: vec![0.0],
            refine_levels: 1,
            ..full
        }
    }

    /// The rows (ν_i, w) of cell `pop`, ν_i fastest.
    #[must_use]
    pub fn rows(&self, pop: Pop) -> Vec<(f64, f64)> {
        let (ws, nis) = match pop {
            Pop::Exc => (&self.w_exc_pa, &self.nu_i_hz),
            Pop::Inh => (&self.w_inh_pa, &self.nu_i_inh_hz),
        };
        ws.iter()
            .flat_map(|w| nis.iter().map(move |ni| (*ni, *w)))
            .collect()
    }

    /// The base ν_e of every row [Hz].
    #[must_use]
    pub fn nu_e_base(&self) -> Vec<f64> {
        let n = ((self.nu_e_to_hz - self.nu_e_from_hz) / self.nu_e_step_hz + 1e-9).floor() as usize;
        (0..=n)
            .map(|k| self.nu_e_from_hz + k as f64 * self.nu_e_step_hz)
            .collect()
    }

    /// The finest ν_e spacing refinement reaches [Hz].
    #[must_use]
    pub fn nu_e_fine_step(&self) -> f64 {
        self.nu_e_step_hz / f64::from(1u32 << self.refine_levels.min(16))
    }

    /// Checks the grid can be simulated in reasonable time and memory.
    ///
    /// # Errors
    /// A message naming the field.
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |what: &str| Err(Error::Fit(format!("grid: {what}")));
        for (name, col) in [
            ("nu_i_hz", &self.nu_i_hz),
            ("nu_i_inh_hz", &self.nu_i_inh_hz),
            ("w_exc_pa", &self.w_exc_pa),
            ("w_inh_pa", &self.w_inh_pa),
        ] {
            if col.is_empty() {
                return bad(&format!("{name} is empty"));
            }
            if col
                .iter()
                .any(|x| !x.is_finite() || (name.starts_with("nu") && *x < 0.0))
            {
                return bad(&format!("{name} must hold finite numbers (rates ≥ 0)"));
            }
        }
        let s = &self.sim;
        if !(s.dt_ms > 0.0 && s.dt_ms <= 0.5) {
            return bad("sim.dt_ms must be in (0, 0.5] ms");
        }
        if !(s.duration_ms >= 100.0 && s.warmup_ms >= 0.0) {
            return bad("sim.duration_ms must be at least 100 ms and sim.warmup_ms ≥ 0");
        }
        let e = [self.nu_e_from_hz, self.nu_e_step_hz, self.nu_e_to_hz];
        if e.iter().any(|x| !x.is_finite())
            || self.nu_e_from_hz < 0.0
            || self.nu_e_step_hz <= 0.0
            || self.nu_e_to_hz < self.nu_e_from_hz
            || self.refine_levels > 8
            || self.refine_jump_hz.is_nan()
            || self.refine_jump_hz <= 0.0
        {
            return bad("nu_e_from_hz ≥ 0, nu_e_step_hz > 0, nu_e_to_hz ≥ nu_e_from_hz, refine_levels ≤ 8 and refine_jump_hz > 0 are needed");
        }
        // Worst case: every row runs to the end and every gap is refined.
        let per_row = self.nu_e_base().len() << self.refine_levels;
        let points = (self.w_exc_pa.len() * self.nu_i_hz.len()
            + self.w_inh_pa.len() * self.nu_i_inh_hz.len())
            * per_row;
        let steps = points as f64 * (s.duration_ms + s.warmup_ms) / s.dt_ms;
        if steps > 2e10 {
            return bad(&format!(
                "{points} points of {} ms at dt {} ms are {steps:.2e} steps, more than 2e10",
                s.duration_ms, s.dt_ms
            ));
        }
        if self.max_rate_hz.is_nan() || self.max_rate_hz <= 0.0 {
            return bad("max_rate_hz must be positive");
        }
        Ok(())
    }
}
