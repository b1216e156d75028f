//! A [`Scenario`]: everything that determines what the page shows — model, parameters,
//! stimulus, run length, seed and view options. URL state, JSON export and the CLI all
//! (de)serialise it through [`crate::schema`], so they share one set of keys and units.

use crate::fit::{FitInputs, GridPreset};
use crate::meanfield::{self, AdexMeanField, AdexParams, AdexState, RunOptions, Trace};
use crate::network::{AdexNetwork, NetworkParams, NetworkSetup, SpikeFilter, Wiring};
use crate::stimulus::{Signal, Stimulus, StimulusKind};
use crate::transfer::coefficients::{CoefficientSet, NeuronModel};
use crate::Error;

/// The models the product knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelKind {
    /// Conductance-based AdEx mean field with adaptation (di Volo et al. 2019).
    Adex,
}

impl ModelKind {
    /// Every model, in menu order.
    pub const ALL: [Self; 1] = [Self::Adex];

    /// Id used in URLs, JSON and the CLI.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Adex => "adex",
        }
    }

    /// Human-readable name with its reference.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Adex => "AdEx mean field with adaptation (di Volo et al. 2019)",
        }
    }

    /// Parses a [`ModelKind::name`].
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// Everything that determines a run and its view.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Which model.
    pub model: ModelKind,
    /// AdEx mean-field parameters.
    pub adex: AdexParams,
    /// External stimulus.
    pub stimulus: Stimulus,
    /// Model time to simulate [ms].
    pub duration_ms: f64,
    /// Euler step of the mean field [ms].
    pub dt_ms: f64,
    /// Seed of every random draw (OU noise).
    pub seed: u64,
    /// Also run the stationary-adaptation model and overlay it (dashed, as in the paper).
    pub compare_stationary: bool,
    /// Plots start at this time [ms] (to leave out the initial transient).
    pub plot_from_ms: f64,
    /// Parameters only the spiking network has (spike shape, wiring rule, grid).
    pub net: NetworkParams,
}

impl Default for Scenario {
    /// The official di Volo et al. 2019 code's run: 4 s, dt = 0.5 ms, second order, T = 5 ms.
    fn default() -> Self {
        Self {
            model: ModelKind::Adex,
            adex: AdexParams::default(),
            stimulus: Stimulus::default(),
            duration_ms: 4000.0,
            dt_ms: 0.5,
            seed: 1,
            compare_stationary: false,
            plot_from_ms: 0.0,
            net: NetworkParams::default(),
        }
    }
}

impl Scenario {
    /// The AdEx mean field of this scenario with coefficient set `set`.
    ///
    /// # Errors
    /// When the parameters are inconsistent.
    pub fn adex_model(&self, set: &CoefficientSet) -> Result<AdexMeanField, Error> {
        if set.neuron_model != NeuronModel::Adex {
            return Err(Error::Coefficients {
                file: set.id.clone(),
                reason: format!(
                    "the set is for {} cells; the AdEx mean field needs an 'adex' set",
                    set.neuron_model.name()
                ),
            });
        }
        AdexMeanField::new(&self.adex, set, self.stimulus.frac_i)
    }

    /// What `coeffs=refit` fits: this scenario's RS and FS cells on the page's quick grid,
    /// seeded with the scenario's seed (the same set in the page and the CLI).
    #[must_use]
    pub fn refit_inputs(&self) -> FitInputs {
        FitInputs::adex(
            self,
            GridPreset::Quick,
            crate::schema::REFIT,
            "Refit for the cells of this scenario (quick grid)",
        )
    }

    /// The initial state: c's as in the official code (0.5 Hz²) in second order, and 0 in first
    /// order, which does not model them (they stay 0).
    #[must_use]
    pub fn initial_state(&self) -> AdexState {
        let c0 = match self.adex.order {
            meanfield::Order::First => 0.0,
            meanfield::Order::Second => 0.5,
        };
        AdexState {
            nu_e: self.adex.nu_e0_hz,
            nu_i: self.adex.nu_i0_hz,
            c_ee: c0,
            c_ei: c0,
            c_ii: c0,
            w_e: self.adex.w_e0_pa,
            w_i: 0.0,
        }
    }

    /// The stimulus realised over the run.
    #[must_use]
    pub fn signal(&self) -> Signal {
        self.stimulus.signal(self.duration_ms, self.seed)
    }

    /// The run's time grid.
    #[must_use]
    pub fn run_options(&self) -> RunOptions {
        RunOptions {
            duration_ms: self.duration_ms,
            dt_ms: self.dt_ms,
        }
    }

    /// Runs the mean field.
    ///
    /// # Errors
    /// When the parameters are inconsistent.
    pub fn run(&self, set: &CoefficientSet) -> Result<Trace, Error> {
        let model = self.adex_model(set)?;
        Ok(meanfield::run(
            &model,
            self.initial_state(),
            &self.signal(),
            self.run_options(),
        ))
    }

    /// The spiking network of this scenario (same parameters, stimulus, duration and seed as
    /// the mean field), keeping the spikes `filter` selects. `previous` lends its wiring when
    /// the wiring is unchanged.
    ///
    /// # Errors
    /// When the parameters cannot make a network.
    pub fn network(
        &self,
        filter: SpikeFilter,
        previous: Option<AdexNetwork>,
    ) -> Result<AdexNetwork, Error> {
        let signal = self.signal();
        AdexNetwork::reusing(
            &NetworkSetup {
                adex: &self.adex,
                net: &self.net,
                signal: &signal,
                stim_frac_i: self.stimulus.frac_i,
                duration_ms: self.duration_ms,
                seed: self.seed,
                filter,
            },
            previous,
        )
    }

    /// The wiring of this scenario's network, or why the parameters make no network (cheap:
    /// nothing is drawn).
    ///
    /// # Errors
    /// See [`crate::network::check`].
    pub fn wiring(&self) -> Result<Wiring, Error> {
        crate::network::check(&self.adex, &self.net)
    }

    /// The keys that determine the spiking network, as a link query: two scenarios with the
    /// same key run the same network (mean-field-only settings and view options are left out).
    #[must_use]
    pub fn network_key(&self) -> String {
        let d = Self::default();
        let mut s = self.clone();
        s.adex.order = d.adex.order;
        s.adex.t_mf_ms = d.adex.t_mf_ms;
        s.adex.adaptation = d.adex.adaptation;
        s.adex.coeffs = d.adex.coeffs;
        s.adex.nu_e0_hz = d.adex.nu_e0_hz;
        s.adex.nu_i0_hz = d.adex.nu_i0_hz;
        s.dt_ms = d.dt_ms;
        s.compare_stationary = d.compare_stationary;
        s.plot_from_ms = d.plot_from_ms;
        crate::schema::to_query(&s)
    }

    /// The same scenario with adaptation pinned to its stationary value.
    #[must_use]
    pub fn stationary_variant(&self) -> Self {
        let mut s = self.clone();
        s.adex.adaptation = meanfield::AdaptationMode::Stationary;
        s
    }

    /// The scenario with a time-independent stimulus, for steady states: a constant stimulus is
    /// kept, every other kind is removed. Returns whether something was removed.
    #[must_use]
    pub fn without_time_dependence(&self) -> (Self, bool) {
        let mut s = self.clone();
        let kind = s.stimulus.kind;
        let removed = !matches!(kind, StimulusKind::None | StimulusKind::Constant);
        if removed {
            s.stimulus.kind = StimulusKind::None;
        }
        (s, removed)
    }

    /// Parameters in which this scenario departs from what the coefficient set was fitted for,
    /// as sentences (the fit may not hold there).
    #[must_use]
    pub fn fit_departures(&self, set: &CoefficientSet) -> Vec<String> {
        let p = &self.adex;
        let fs = &set.synapses;
        let mut checks: Vec<(String, &str, f64, f64)> = [
            ("Q_e", "nS", p.synapses.q_e_ns, fs.q_e_ns),
            ("Q_i", "nS", p.synapses.q_i_ns, fs.q_i_ns),
            ("τ_e", "ms", p.synapses.tau_e_ms, fs.tau_e_ms),
            ("τ_i", "ms", p.synapses.tau_i_ms, fs.tau_i_ms),
            ("E_e", "mV", p.synapses.e_e_mv, fs.e_e_mv),
            ("E_i", "mV", p.synapses.e_i_mv, fs.e_i_mv),
            ("K_e", "", p.k_e, set.in_degrees.k_e),
            ("K_i", "", p.k_i, set.in_degrees.k_i),
        ]
        .into_iter()
        .map(|(n, u, a, b)| (n.to_string(), u, a, b))
        .collect();
        let cells = [
            ("RS", &p.exc, &self.net.exc, &set.exc.neuron),
            ("FS", &p.inh, &self.net.inh, &set.inh.neuron),
        ];
        let mut other_model = false;
        for (name, cell, spike, fitted) in cells {
            let Some(n) = fitted.adex() else {
                other_model = true;
                continue;
            };
            let rows: [(&str, &str, f64, f64); 7] = [
                ("g_L", "nS", cell.g_l_ns, n.g_l_ns),
                ("C_m", "pF", cell.c_m_pf, n.c_m_pf),
                ("E_L", "mV", cell.e_l_mv, n.e_l_mv),
                ("V_T", "mV", spike.v_thr_mv, n.v_thr_mv),
                ("Δ_T", "mV", spike.delta_t_mv, n.delta_t_mv),
                ("V_reset", "mV", spike.v_reset_mv, n.v_reset_mv),
                ("τ_ref", "ms", spike.t_ref_ms, n.t_ref_ms),
            ];
            for (what, unit, used, fit) in rows {
                checks.push((format!("{what} ({name})"), unit, used, fit));
            }
        }
        let mut out: Vec<String> = checks
            .iter()
            .filter(|(_, _, used, fitted)| (used - fitted).abs() > 1e-9 * fitted.abs().max(1.0))
            .map(|(name, unit, used, fitted)| {
                let unit = if unit.is_empty() {
                    String::new()
                } else {
                    format!(" {unit}")
                };
                format!("{name} is {used}{unit} here but the fit was made at {fitted}{unit}")
            })
            .collect();
        if other_model {
            out.push(format!(
                "the set is for {} cells, not AdEx",
                set.neuron_model.name()
            ));
        }
        out
    }
}
