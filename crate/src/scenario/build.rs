//! From a [`Scenario`] to the typed inputs of the models below it: the mean field, the
//! networks, the fit, the stimulus realised over the run. The models take these pieces and
//! never the scenario; this is the one place where the scenario's fields meet them.

use super::defaults::Scenario;
use super::limits;
use super::models::REFIT;
use super::runs::Network;
use crate::error::Quantity;
use crate::fit::{FitInputs, Grid, GridPreset};
use crate::lorentz::{LorentzMeanField, LorentzNetworkSpec, LorentzSetup, LorentzTrace};
use crate::meanfield::{self, AdexMeanField, AdexState, RunOptions, Trace};
use crate::network::{AdexNetwork, NetworkSetup, NetworkSpec, Wiring};
use crate::neuron::{NeuronModel, Pop};
use crate::record::SpikeFilter;
use crate::stimulus::{Signal, Stimulus, StimulusKind};
use crate::transfer::coefficients::{CellNeuron, CoefficientSet, FitNeuron};
use crate::transfer::Normalisation;
use crate::Error;

/// The schema key of a model quantity a check refused.
#[must_use]
pub fn key_of(quantity: Quantity) -> &'static str {
    match quantity {
        Quantity::NetworkSize => "n",
        Quantity::NetworkStep => "dt_net",
        Quantity::RateBin => "bin",
        Quantity::InhibitoryFraction => "frac_i",
        Quantity::InDegreeExc => "k_e",
        Quantity::InDegreeInh => "k_i",
        Quantity::SlopeFactorExc => "delta_t_e",
        Quantity::SlopeFactorInh => "delta_t_i",
        Quantity::IzhResetExc => "izh_vreset_e",
        Quantity::IzhResetInh => "izh_vreset_i",
    }
}

/// A model's error with the quantity it refused named by its schema key.
#[must_use]
pub fn keyed(e: Error) -> Error {
    e.keyed(key_of)
}

impl Scenario {
    /// Whether the model's cells are the conductance-based Izhikevich cells.
    #[must_use]
    pub fn izhikevich_cells(&self) -> bool {
        self.model.info().cells == Some(NeuronModel::Izhikevich)
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
        match self.model.info().cells {
            Some(NeuronModel::Izhikevich) => Some(&self.izh.coeffs),
            Some(NeuronModel::Adex) => Some(&self.adex.coeffs),
            None => None,
        }
    }

    /// The number of neurons of the network's populations (N_e, N_i); the exact families'
    /// networks have one population.
    #[must_use]
    pub fn population_sizes(&self) -> (usize, usize) {
        if self.model.family().is_some() {
            (self.adex.n_total.round().max(0.0) as usize, 0)
        } else {
            self.network_spec().population_sizes()
        }
    }

    /// The AdEx mean field of this scenario with coefficient set `set`.
    ///
    /// # Errors
    /// When the parameters are inconsistent.
    pub fn adex_model(&self, set: &CoefficientSet) -> Result<AdexMeanField, Error> {
        if self.izhikevich_cells() {
            return AdexMeanField::izhikevich(&self.adex, &self.izh, set, self.stimulus.frac_i)
                .map_err(keyed);
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
        AdexMeanField::new(&self.adex, set, self.stimulus.frac_i).map_err(keyed)
    }

    /// What `coeffs=refit` fits: this scenario's RS and FS cells on the page's quick grid,
    /// seeded with the scenario's seed (the same set in the page and the CLI).
    #[must_use]
    pub fn refit_inputs(&self) -> FitInputs {
        self.fit_inputs(
            GridPreset::Quick,
            REFIT,
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
        self.network_stimulus().signal(self.duration_ms, self.seed)
    }

    /// The stimulus the network receives: none when the stimulus is for the mean field only.
    #[must_use]
    pub fn network_stimulus(&self) -> Stimulus {
        if self.stim_mf_only {
            return Stimulus {
                kind: StimulusKind::None,
                ..self.stimulus
            };
        }
        self.stimulus
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
        limits::check_network(self.adex.n_total, self.duration_ms, self.net.dt_ms)?;
        let signal = self.network_signal();
        if let Some(setup) = self.lorentz_setup(filter, &signal) {
            return Ok(Network::Lorentz(
                crate::lorentz::LorentzNetwork::new(&setup).map_err(keyed)?,
            ));
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
        self.lorentz_network_spec().map(|spec| LorentzSetup {
            spec,
            signal,
            duration_ms: self.duration_ms,
            seed: self.seed,
            filter,
        })
    }

    /// What the exact family's network is made of, if the model is one.
    #[must_use]
    pub fn lorentz_network_spec(&self) -> Option<LorentzNetworkSpec> {
        self.lorentz().map(|mf| LorentzNetworkSpec {
            mf,
            n: self.adex.n_total.round().max(0.0) as usize,
            dt_ms: self.net.dt_ms,
            bin_ms: self.net.bin_ms,
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
                spec: self.network_spec(),
                signal,
                stim_frac_i: self.stimulus.frac_i,
                duration_ms: self.duration_ms,
                seed: self.seed,
                filter,
            },
            previous,
        )
        .map_err(keyed)
    }

    /// The wiring of this scenario's network, or why the parameters make no network (cheap:
    /// nothing is drawn).
    ///
    /// # Errors
    /// See [`NetworkSpec::check`].
    pub fn wiring(&self) -> Result<Wiring, Error> {
        self.network_spec().check().map_err(keyed)
    }

    /// What the conductance network of this scenario is made of (its cells, synapses, sizes,
    /// wiring, drive and grid).
    #[must_use]
    pub fn network_spec(&self) -> NetworkSpec {
        NetworkSpec::new(
            &self.adex,
            &self.net,
            self.izhikevich_cells().then_some(&self.izh),
        )
    }

    /// Why the scenario makes no network, if it makes none (cheap: nothing is drawn).
    ///
    /// # Errors
    /// See [`NetworkSpec::check`] and [`crate::lorentz::network::check`].
    pub fn check_network(&self) -> Result<(), Error> {
        limits::check_network(self.adex.n_total, self.duration_ms, self.net.dt_ms)?;
        match self.lorentz_network_spec() {
            Some(spec) => crate::lorentz::network::check(&spec).map_err(keyed),
            None => self.wiring().map(|_| ()),
        }
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

    /// What a fit of this scenario's cells is made from: the AdEx RS and FS cells (membranes, spike parameters, synapses, in-degrees; its
    /// seed), on `preset`'s grid. FS cells get adaptation values in the grid only if they adapt.
    #[must_use]
    pub fn fit_inputs(&self, preset: GridPreset, id: &str, title: &str) -> FitInputs {
        let cell = |pop: Pop| {
            let c = self.adex.cell(pop);
            let spike = match pop {
                Pop::Exc => &self.net.exc,
                Pop::Inh => &self.net.inh,
            };
            CellNeuron::Adex(FitNeuron {
                g_l_ns: c.g_l_ns,
                c_m_pf: c.c_m_pf,
                e_l_mv: c.e_l_mv,
                v_thr_mv: spike.v_thr_mv,
                delta_t_mv: spike.delta_t_mv,
                v_reset_mv: spike.v_reset_mv,
                t_ref_ms: spike.t_ref_ms,
            })
        };
        let mut grid = Grid::preset(NeuronModel::Adex, preset);
        if self.adex.inh.a_ns != 0.0 || self.adex.inh.b_pa != 0.0 {
            grid.w_inh_pa.clone_from(&grid.w_exc_pa);
        }
        FitInputs {
            id: id.into(),
            title: title.into(),
            model: NeuronModel::Adex,
            exc: ("RS".into(), cell(Pop::Exc)),
            inh: ("FS".into(), cell(Pop::Inh)),
            synapses: self.adex.synapses,
            in_degrees: self.adex.in_degrees(),
            norm: Normalisation::default(),
            grid,
            seed: self.seed,
        }
    }
}
