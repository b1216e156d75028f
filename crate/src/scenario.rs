//! A [`Scenario`]: everything that determines what the page shows — model, parameters,
//! stimulus, run length, seed and view options. URL state, JSON export and the CLI all
//! (de)serialise it through [`crate::schema`], so they share one set of keys and units.

use crate::analysis::job::AnalysisSpec;
use crate::fit::{FitInputs, GridPreset};
use crate::lorentz::{Family, LorentzMeanField, LorentzParams, LorentzSetup, LorentzTrace};
use crate::meanfield::{self, AdexMeanField, AdexParams, AdexState, IzhParams, RunOptions, Trace};
use crate::network::{AdexNetwork, Network, NetworkParams, NetworkSetup, SpikeFilter, Wiring};
use crate::stimulus::{Signal, Stimulus, StimulusKind};
use crate::transfer::coefficients::{CoefficientSet, NeuronModel};
use crate::Error;

/// The models the product knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelKind {
    /// Conductance-based AdEx mean field with adaptation (di Volo et al. 2019).
    Adex,
    /// Conductance-based Izhikevich (adaptive QIF) mean field (Alexandersen et al. 2023).
    Izhikevich,
    /// QIF mean field (Montbrió, Pazó & Roxin 2015).
    Qif,
    /// QIF with spike-frequency adaptation (Gast, Schmidt & Knösche 2020).
    QifSfa,
    /// Dimensionless Izhikevich mean field (Chen & Campbell 2022).
    IzhCc,
    /// Biophysical Izhikevich mean field with distributed thresholds (Gast, Solla & Kennedy).
    IzhGsk,
}

impl ModelKind {
    /// Every model, in menu order.
    pub const ALL: [Self; 6] = [
        Self::Adex,
        Self::Izhikevich,
        Self::Qif,
        Self::QifSfa,
        Self::IzhCc,
        Self::IzhGsk,
    ];

    /// Id used in URLs, JSON and the CLI.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Adex => "adex",
            Self::Izhikevich => "izhikevich",
            Self::Qif => "qif",
            Self::QifSfa => "qif_sfa",
            Self::IzhCc => "izh_cc",
            Self::IzhGsk => "izh_gsk",
        }
    }

    /// Human-readable name with its reference.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Adex => "AdEx mean field with adaptation (di Volo et al. 2019)",
            Self::Izhikevich => {
                "Izhikevich (adaptive QIF) conductance mean field (Alexandersen et al. 2023)"
            }
            Self::Qif => "QIF exact mean field (Montbrió, Pazó & Roxin 2015)",
            Self::QifSfa => "QIF with spike-frequency adaptation (Gast et al. 2020)",
            Self::IzhCc => "Izhikevich exact mean field, dimensionless (Chen & Campbell 2022)",
            Self::IzhGsk => "Izhikevich with distributed thresholds (Gast, Solla & Kennedy)",
        }
    }

    /// The exact (Lorentzian) family of this model, if it is one.
    #[must_use]
    pub fn family(self) -> Option<Family> {
        match self {
            Self::Adex | Self::Izhikevich => None,
            Self::Qif => Some(Family::Qif),
            Self::QifSfa => Some(Family::QifSfa),
            Self::IzhCc => Some(Family::Cc),
            Self::IzhGsk => Some(Family::Gsk),
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
    /// Izhikevich cells (model `izhikevich`; synapses, K, N and drive are in `adex`).
    pub izh: IzhParams,
    /// Parameters of the exact families (`qif`, `qif_sfa`, `izh_cc`, `izh_gsk`).
    pub lz: LorentzParams,
    /// The exact families' networks use one global adaptation variable (the mean field's
    /// closure made exact) instead of one per neuron.
    pub lz_global_adaptation: bool,
    /// The stimulus reaches the mean field only, not the network: OU noise standing in for the
    /// network's own finite-size fluctuations (di Volo et al. 2019 Fig 6).
    pub stim_mf_only: bool,
    /// The analysis view and its settings.
    pub analysis: AnalysisSpec,
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
            izh: IzhParams::default(),
            lz: LorentzParams::default(),
            lz_global_adaptation: false,
            stim_mf_only: false,
            analysis: AnalysisSpec::default(),
        }
    }
}

impl Scenario {
    /// The default scenario of `model`: its paper's parameters and documented example.
    ///
    /// * `izhikevich`: the reference run of Alexandersen et al. (`izhikevich_mf.md` §3.3):
    ///   ν_ext = 10 Hz, start (4, 8) Hz, U = 60 pA, T = 5 ms, dt = 0.1 ms, 5 s.
    /// * `qif`, `qif_sfa`: the PyRates example (T = 100 τ, I = 3 from 20 τ to 80 τ) with τ = 10 ms.
    /// * `izh_cc`: Chen & Campbell's standard set (η̄ = 0.12: collective bursting), 3 s.
    /// * `izh_gsk`: the regular-spiking set with a 30 pA input from 300 to 1200 ms.
    #[must_use]
    pub fn for_model(model: ModelKind) -> Self {
        let mut s = Self {
            model,
            ..Self::default()
        };
        let pulse = |amp: f64, t0: f64, dur: f64| Stimulus {
            kind: StimulusKind::Pulse,
            amp_hz: amp,
            t0_ms: t0,
            dur_ms: dur,
            ..Stimulus::default()
        };
        match model {
            ModelKind::Adex => {}
            ModelKind::Izhikevich => {
                s.adex.nu_drive_hz = 10.0;
                s.adex.nu_e0_hz = 4.0;
                s.adex.nu_i0_hz = 8.0;
                s.adex.w_e0_pa = 60.0;
                s.stimulus.kind = StimulusKind::None;
                s.duration_ms = 5000.0;
                s.dt_ms = 0.1;
                s.analysis = AnalysisSpec::izhikevich();
            }
            ModelKind::Qif | ModelKind::QifSfa => {
                s.stimulus = pulse(3.0, 200.0, 600.0);
                s.duration_ms = 1000.0;
                s.dt_ms = 0.05;
                s.adex.n_total = 5000.0;
                s.net.bin_ms = 1.0;
                s.net.dt_ms = 0.1;
            }
            ModelKind::IzhCc => {
                s.stimulus.kind = StimulusKind::None;
                s.duration_ms = 3000.0;
                s.dt_ms = 0.05;
                s.adex.n_total = 2000.0;
                s.net.bin_ms = 2.0;
                s.net.dt_ms = 0.05;
                s.lz.init = crate::lorentz::Initial { r_hz: 0.0, v: 0.0 };
            }
            ModelKind::IzhGsk => {
                s.stimulus = pulse(30.0, 300.0, 900.0);
                s.duration_ms = 1500.0;
                s.dt_ms = 0.05;
                s.adex.n_total = 2000.0;
                s.net.bin_ms = 2.0;
                s.net.dt_ms = 0.05;
                s.lz.init = crate::lorentz::Initial {
                    r_hz: 0.0,
                    v: -60.0,
                };
            }
        }
        s
    }

    /// The exact mean field of this scenario, if the model is an exact family.
    #[must_use]
    pub fn lorentz(&self) -> Option<LorentzMeanField> {
        self.model
            .family()
            .map(|family| LorentzMeanField { family, p: self.lz })
    }

    /// Runs the exact mean field (`None` for the conductance models).
    #[must_use]
    pub fn run_lorentz(&self) -> Option<LorentzTrace> {
        self.lorentz()
            .map(|mf| crate::lorentz::run(&mf, &self.signal(), self.duration_ms, self.dt_ms))
    }

    /// The id of the coefficient set the model uses (`None` for the exact families).
    #[must_use]
    pub fn coeffs(&self) -> Option<&str> {
        match self.model {
            ModelKind::Adex => Some(&self.adex.coeffs),
            ModelKind::Izhikevich => Some(&self.izh.coeffs),
            _ => None,
        }
    }

    /// The number of neurons of the network's populations (N_e, N_i); the exact families'
    /// networks have one population.
    #[must_use]
    pub fn population_sizes(&self) -> (usize, usize) {
        if self.model.family().is_some() {
            (self.adex.n_total.round().max(0.0) as usize, 0)
        } else {
            crate::network::population_sizes(&self.adex)
        }
    }

    /// The AdEx mean field of this scenario with coefficient set `set`.
    ///
    /// # Errors
    /// When the parameters are inconsistent.
    pub fn adex_model(&self, set: &CoefficientSet) -> Result<AdexMeanField, Error> {
        if self.model == ModelKind::Izhikevich {
            return AdexMeanField::izhikevich(&self.adex, &self.izh, set, self.stimulus.frac_i);
        }
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

    /// The stimulus the network receives: the mean field's, unless it is for the mean field only.
    #[must_use]
    pub fn network_signal(&self) -> Signal {
        if self.stim_mf_only {
            let none = Stimulus {
                kind: StimulusKind::None,
                ..self.stimulus
            };
            return none.signal(self.duration_ms, self.seed);
        }
        self.signal()
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
    ) -> Result<Network, Error> {
        crate::limits::check_network(self)?;
        let signal = self.network_signal();
        if let Some(setup) = self.lorentz_setup(filter, &signal) {
            return Ok(Network::Lorentz(crate::lorentz::LorentzNetwork::new(
                &setup,
            )?));
        }
        self.conductance_network(filter, previous, &signal)
            .map(Network::Conductance)
    }

    /// The setup of the exact family's network, if the model is one.
    fn lorentz_setup<'a>(
        &self,
        filter: SpikeFilter,
        signal: &'a Signal,
    ) -> Option<LorentzSetup<'a>> {
        self.lorentz().map(|mf| LorentzSetup {
            mf,
            n: self.adex.n_total.round().max(0.0) as usize,
            dt_ms: self.net.dt_ms,
            bin_ms: self.net.bin_ms,
            signal,
            duration_ms: self.duration_ms,
            seed: self.seed,
            filter,
            global_adaptation: self.lz_global_adaptation,
        })
    }

    /// The conductance-based network (AdEx or Izhikevich cells).
    ///
    /// # Errors
    /// When the parameters cannot make a network.
    pub fn conductance_network(
        &self,
        filter: SpikeFilter,
        previous: Option<AdexNetwork>,
        signal: &Signal,
    ) -> Result<AdexNetwork, Error> {
        AdexNetwork::reusing(
            &NetworkSetup {
                adex: &self.adex,
                net: &self.net,
                izh: (self.model == ModelKind::Izhikevich).then_some(&self.izh),
                signal,
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
        crate::network::check(
            &self.adex,
            &self.net,
            (self.model == ModelKind::Izhikevich).then_some(&self.izh),
        )
    }

    /// Why the scenario makes no network, if it makes none (cheap: nothing is drawn).
    ///
    /// # Errors
    /// See [`crate::network::check`] and [`crate::lorentz::network::check`].
    pub fn check_network(&self) -> Result<(), Error> {
        crate::limits::check_network(self)?;
        let signal = Stimulus::default().signal(0.0, 0);
        match self.lorentz_setup(SpikeFilter::RASTER, &signal) {
            Some(setup) => crate::lorentz::network::check(&setup),
            None => self.wiring().map(|_| ()),
        }
    }

    /// A one-line description of the network.
    #[must_use]
    pub fn network_description(&self) -> String {
        if self.model.family().is_some() {
            let n = self.adex.n_total.round();
            let adapt = match self.model {
                ModelKind::IzhCc | ModelKind::IzhGsk if self.lz_global_adaptation => {
                    ", one global adaptation variable"
                }
                ModelKind::IzhCc | ModelKind::IzhGsk => ", adaptation per neuron",
                _ => "",
            };
            return format!(
                "{n} neurons, all-to-all, Lorentzian heterogeneity from deterministic quantiles{adapt}"
            );
        }
        self.wiring().map(|w| w.describe()).unwrap_or_default()
    }

    /// The keys that determine the spiking network, as a link query: two scenarios with the
    /// same key run the same network (mean-field-only settings and view options are left out).
    #[must_use]
    pub fn network_key(&self) -> String {
        let d = Self::for_model(self.model);
        let mut s = self.clone();
        s.adex.order = d.adex.order;
        s.adex.t_mf_ms = d.adex.t_mf_ms;
        s.adex.adaptation = d.adex.adaptation;
        s.adex.coeffs = d.adex.coeffs;
        s.adex.nu_e0_hz = d.adex.nu_e0_hz;
        s.adex.nu_i0_hz = d.adex.nu_i0_hz;
        s.izh.coeffs = d.izh.coeffs;
        s.dt_ms = d.dt_ms;
        s.compare_stationary = d.compare_stationary;
        s.plot_from_ms = d.plot_from_ms;
        s.analysis = d.analysis;
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
        if self.model == ModelKind::Izhikevich {
            return self.izh_fit_departures(set);
        }
        let p = &self.adex;
        let mut checks = self.shared_fit_rows(set);
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
        let mut out = departure_sentences(checks);
        if other_model {
            out.push(format!(
                "the set is for {} cells, not AdEx",
                set.neuron_model.name()
            ));
        }
        out
    }

    /// Synapse and in-degree rows (name, unit, used, fitted) that every conductance model checks.
    fn shared_fit_rows(&self, set: &CoefficientSet) -> Vec<(String, &'static str, f64, f64)> {
        let (p, fs) = (&self.adex, &set.synapses);
        [
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
        .collect()
    }

    fn izh_fit_departures(&self, set: &CoefficientSet) -> Vec<String> {
        let mut rows = self.shared_fit_rows(set);
        for (name, pop) in [("E", meanfield::Pop::Exc), ("I", meanfield::Pop::Inh)] {
            let used = &self.izh.cell(pop).neuron;
            let crate::transfer::coefficients::CellNeuron::Izhikevich(fit) = set.cell(pop).neuron
            else {
                return vec![format!(
                    "the set is for {} cells, not Izhikevich",
                    set.neuron_model.name()
                )];
            };
            for (what, unit, a, b) in [
                ("g_iz", "nS/mV", used.k_ns_per_mv, fit.k_ns_per_mv),
                ("E_iz", "mV", used.e_iz_mv, fit.e_iz_mv),
                ("b", "nS", used.b_ns, fit.b_ns),
                ("reset c", "mV", used.v_reset_mv, fit.v_reset_mv),
                ("v_peak", "mV", used.v_peak_mv, fit.v_peak_mv),
                ("τ_ref", "ms", used.t_ref_ms, fit.t_ref_ms),
            ] {
                rows.push((format!("{what} ({name})"), unit, a, b));
            }
        }
        departure_sentences(rows)
    }
}

/// The rows (name, unit, used, fitted) whose values differ, as sentences.
fn departure_sentences(rows: Vec<(String, &str, f64, f64)>) -> Vec<String> {
    rows.into_iter()
        .filter(|(_, _, used, fitted)| (used - fitted).abs() > 1e-9 * fitted.abs().max(1.0))
        .map(|(name, unit, used, fitted)| {
            let unit = if unit.is_empty() {
                String::new()
            } else {
                format!(" {unit}")
            };
            format!("{name} is {used}{unit} here but the fit was made at {fitted}{unit}")
        })
        .collect()
}
