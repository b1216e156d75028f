//! The project's own transfer-function fitting pipeline (`meanfield fit`, and the page's refit):
//! single-neuron simulations over a grid of inputs ([`cell`]) → the effective threshold of each
//! point, fitted linearly by least squares → a refinement of the same coefficients on the output
//! rates (`adex_mf.md` §4). The result is a [`CoefficientSet`] whose file records the grid,
//! seed, residuals and simulated points, so anyone can re-run and check it.
//!
//! Determinism: every point has its own random stream, derived from the seed, the cell and the
//! point's index, so the same inputs give the same file whatever order the points are run in,
//! natively or in the page.

pub mod cell;
pub mod lsq;
mod rate_fit;
mod sweep;

pub use crate::transfer::grid::{Grid, GridPreset, SimSettings};
pub use crate::transfer::provenance::{CellFitRecord, FitData, FitProvenance, FitResiduals};
pub use cell::{simulate, Sample};
pub use rate_fit::{fit_cell, FitPoint};
pub use sweep::Sweep;

use crate::neuron::Pop;
use crate::transfer::coefficients::{CellFit, CellNeuron, CoefficientSet, NeuronModel};
use crate::transfer::izhikevich::IzhNeuron;
use crate::transfer::{InDegrees, Normalisation, Synapses};
use crate::Error;
use serde::Serialize;

/// Everything a fit depends on: same inputs, same file.
#[derive(Clone, Debug, PartialEq)]
pub struct FitInputs {
    /// Id of the set to write.
    pub id: String,
    /// Title of the set.
    pub title: String,
    /// Neuron model of both cells.
    pub model: NeuronModel,
    /// Excitatory cell: name and parameters.
    pub exc: (String, CellNeuron),
    /// Inhibitory cell: name and parameters.
    pub inh: (String, CellNeuron),
    /// Synapses onto both.
    pub synapses: Synapses,
    /// In-degrees of both.
    pub in_degrees: InDegrees,
    /// Normalisation of the polynomial's variables.
    pub norm: Normalisation,
    /// Inputs simulated and the simulation settings.
    pub grid: Grid,
    /// Seed of every point.
    pub seed: u64,
}

impl FitInputs {
    /// The excitatory and inhibitory Izhikevich cells of Alexandersen et al. 2023
    /// (`izhikevich_mf.md` §1), with the final code's normalisation (μ_V0 = −30 mV, δμ_V0 =
    /// 20 mV, σ_V0 = 0.7 mV, δσ_V0 = 1 mV, τ_V0 = 1.5 ms and δτ_V0 = 3 ms of T_v = 1 s).
    #[must_use]
    pub fn izhikevich(preset: GridPreset, seed: u64) -> Self {
        Self {
            id: "meanfield-fit-izhikevich".into(),
            title: "Izhikevich E and I cells (Alexandersen et al. 2023), fitted by this project"
                .into(),
            model: NeuronModel::Izhikevich,
            exc: ("E".into(), CellNeuron::Izhikevich(IzhNeuron::EXC)),
            inh: ("I".into(), CellNeuron::Izhikevich(IzhNeuron::INH)),
            synapses: crate::transfer::izhikevich::SYNAPSES,
            in_degrees: InDegrees {
                k_e: 400.0,
                k_i: 100.0,
            },
            norm: Normalisation {
                mu_v0_mv: -30.0,
                dmu_v0_mv: 20.0,
                sigma_v0_mv: 0.7,
                dsigma_v0_mv: 1.0,
                tau_v0_n: 0.0015,
                dtau_v0_n: 0.003,
            },
            grid: Grid::preset(NeuronModel::Izhikevich, preset),
            seed,
        }
    }

    /// A key that changes whenever the fit would: two inputs with the same key make the same
    /// file.
    #[must_use]
    pub fn key(&self) -> String {
        format!("{self:?}")
    }

    fn cell(&self, pop: Pop) -> &(String, CellNeuron) {
        match pop {
            Pop::Exc => &self.exc,
            Pop::Inh => &self.inh,
        }
    }
}

/// A fit in progress: simulate the points a few at a time ([`Fitter::step`]), then
/// [`Fitter::finish`]. The page's worker interleaves steps with progress messages.
pub struct Fitter {
    inputs: FitInputs,
    sweep: Sweep,
}

const POPS: [Pop; 2] = [Pop::Exc, Pop::Inh];

impl Fitter {
    /// A fit of `inputs`, nothing simulated yet.
    ///
    /// # Errors
    /// When the grid cannot be simulated.
    pub fn new(inputs: FitInputs) -> Result<Self, Error> {
        inputs.grid.validate()?;
        let sweep = Sweep::new(
            inputs.grid.clone(),
            POPS.iter().map(|p| (*p, inputs.cell(*p).1)).collect(),
            inputs.synapses,
            inputs.in_degrees,
            inputs.seed,
            sweep::PURPOSE_FIT,
        );
        Ok(Self { inputs, sweep })
    }

    /// The inputs.
    #[must_use]
    pub fn inputs(&self) -> &FitInputs {
        &self.inputs
    }

    /// The sweep (progress: rows and points done).
    #[must_use]
    pub fn sweep(&self) -> &Sweep {
        &self.sweep
    }

    /// Simulates up to `n` more points; returns whether all are done.
    pub fn step(&mut self, n: usize) -> bool {
        self.sweep.step(n)
    }

    /// Simulates every remaining point.
    pub fn run_all(&mut self) {
        while !self.step(64) {}
    }

    /// Fits both cells and returns the coefficient set.
    ///
    /// # Errors
    /// When points are missing or a cell's data cannot determine its coefficients.
    pub fn finish(&self) -> Result<CoefficientSet, Error> {
        let fail = |reason: String| Error::Fit(reason);
        if !self.sweep.finished() {
            return Err(fail(format!(
                "{} of {} rows are simulated",
                self.sweep.rows_done(),
                self.sweep.rows_total()
            )));
        }
        let i = &self.inputs;
        let mut cells = Vec::new();
        let mut summary = Vec::new();
        for pop in POPS {
            let (name, neuron) = i.cell(pop);
            let mut data = FitData::default();
            let pts: Vec<FitPoint> = self
                .sweep
                .results(pop)
                .iter()
                .map(|(x, s)| {
                    data.push(*x, s.rate_hz, s.rate_se_hz, s.mean_v_mv);
                    FitPoint::new(neuron, &i.synapses, &i.in_degrees, *x, s)
                })
                .collect();
            let (p, r) = fit_cell(&pts, &i.norm, i.grid.max_rate_hz)
                .map_err(|e| fail(format!("{name} cell: {e}")))?;
            // "RS residuals: …. FS: …" (the first cell names what the numbers are).
            let lead = if summary.is_empty() { " residuals" } else { "" };
            summary.push(format!(
                "{name}{lead}: threshold {:.3} mV, rate {:.3} Hz RMS (simulation noise {:.3} Hz).",
                r.threshold_rms_mv, r.rms_hz, r.noise_rms_hz
            ));
            let residuals = r;
            cells.push(CellFit {
                name: name.clone(),
                neuron: *neuron,
                p,
                fit: Some(CellFitRecord { residuals, data }),
            });
        }
        let inh = cells.pop().ok_or_else(|| fail("no cells".into()))?;
        let exc = cells.pop().ok_or_else(|| fail("no cells".into()))?;
        let sim = &i.grid.sim;
        Ok(CoefficientSet {
            id: i.id.clone(),
            title: i.title.clone(),
            source: format!(
                "Fitted by Mean-Field Explorer's own pipeline (meanfield fit): {} single-neuron \
                 simulations of {} s each, dt = {} ms, seed {}.",
                self.sweep.points_done(),
                sim.duration_ms / 1000.0,
                sim.dt_ms,
                i.seed
            ),
            notes: summary.join(" "),
            neuron_model: i.model,
            norm: i.norm,
            synapses: i.synapses,
            in_degrees: i.in_degrees,
            exc,
            inh,
            fit: Some(FitProvenance {
                tool: format!("meanfield-explorer {}", env!("CARGO_PKG_VERSION")),
                method: METHOD.into(),
                seed: i.seed,
                grid: i.grid.clone(),
            }),
        })
    }
}

/// The procedure, as recorded in every file.
pub const METHOD: &str =
    "One neuron per grid point (nu_e, nu_i per synapse; adaptation held at w), \
driven by Poisson shot-noise conductances; rate = spikes / time after the warm-up. Step 1: \
V_thr_eff = mu_V + sqrt(2) sigma_V erfcinv(2 nu_out tau_V) at the points with 0 < nu_out <= \
max_rate_hz and at least 2 spikes, fitted by linear least squares (Householder QR). Step 2: \
Levenberg-Marquardt on the rate error over every point with nu_out <= max_rate_hz, from step 1.";

/// One cell's error against held-out simulations: what `meanfield fit --check` prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckReport {
    /// "exc" or "inh".
    pub cell: &'static str,
    /// The cell's name in the file.
    pub name: String,
    /// Points compared (simulated ν_out ≤ the grid's max rate).
    pub n_points: usize,
    /// RMS of TF − simulation [Hz].
    pub rms_hz: f64,
    /// Largest |TF − simulation| [Hz].
    pub max_hz: f64,
    /// Mean of TF − simulation [Hz].
    pub bias_hz: f64,
    /// RMS standard error of the simulated rates: errors near this are noise [Hz].
    pub noise_rms_hz: f64,
    /// Points left out (rate above the max, or no subthreshold rest).
    pub excluded: usize,
}

/// Checks `pops` of `set` on the held-out grid of its neuron model, seeded with `seed`: the
/// cells, synapses and in-degrees are those the file states.
///
/// # Errors
/// When the grid cannot be simulated.
pub fn check(set: &CoefficientSet, pops: &[Pop], seed: u64) -> Result<Vec<CheckReport>, Error> {
    let mut grid = Grid::check(set.neuron_model);
    // Check adaptation only where the fit had it: an FS fit without w is checked at w = 0.
    if set
        .inh
        .fit
        .as_ref()
        .is_some_and(|f| f.data.w_pa.iter().any(|w| *w != 0.0))
    {
        grid.w_inh_pa.clone_from(&grid.w_exc_pa);
    }
    grid.validate()?;
    let mut sweep = Sweep::new(
        grid.clone(),
        pops.iter().map(|p| (*p, set.cell(*p).neuron)).collect(),
        set.synapses,
        set.in_degrees,
        seed,
        sweep::PURPOSE_CHECK,
    );
    while !sweep.step(64) {}
    Ok(pops
        .iter()
        .map(|pop| {
            let fit = set.cell(*pop);
            let mut errs = Vec::new();
            let mut se2 = 0.0;
            let mut excluded = 0;
            for (x, s) in sweep.results(*pop) {
                let pt = FitPoint::new(&fit.neuron, &set.synapses, &set.in_degrees, x, &s);
                if !pt.usable(grid.max_rate_hz) {
                    excluded += 1;
                    continue;
                }
                errs.push(pt.predicted(&fit.p, &set.norm) - s.rate_hz);
                se2 += s.rate_se_hz * s.rate_se_hz;
            }
            let n = errs.len().max(1) as f64;
            CheckReport {
                cell: match pop {
                    Pop::Exc => "exc",
                    Pop::Inh => "inh",
                },
                name: fit.name.clone(),
                n_points: errs.len(),
                rms_hz: (errs.iter().map(|e| e * e).sum::<f64>() / n).sqrt(),
                max_hz: errs.iter().fold(0.0, |m: f64, e| m.max(e.abs())),
                bias_hz: errs.iter().sum::<f64>() / n,
                noise_rms_hz: (se2 / n).sqrt(),
                excluded,
            }
        })
        .collect())
}
