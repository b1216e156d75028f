//! The rows of the schema: every key with its models, unit, range, default's source and how it
//! reads and writes a [`Scenario`] field, and the lookups over them ([`specs`], [`spec`],
//! [`set`], [`pairs`]). The table is built once, on first use.

use super::defaults::Scenario;
use super::kind::ModelKind;
use super::lessons::{lesson, LESSONS};
use super::models::REFIT;
use super::schema::{
    Access, Domain, GetText, Notice, Options, OutOfRange, ParamSpec, SetText, G_ANALYSIS, G_CC,
    G_EXC, G_GSK, G_INH, G_IZH_E, G_IZH_I, G_LESSON, G_MODEL, G_NET, G_QIF, G_RUN, G_SFA,
    G_SPIKING, G_STIM, MAX_SEED,
};
use super::view::AnalysisKind;
use crate::error::shorten;
use crate::meanfield::{AdaptationMode, Order};
use crate::network::Connectivity;
use crate::stimulus::StimulusKind;
use crate::transfer::coefficients::{builtin_ids_for, builtin_label, NeuronModel};
use crate::Error;
use std::sync::OnceLock;

// The model sets of the `models` column.
const ALL: &[ModelKind] = &ModelKind::ALL;
const CONDUCTANCE: &[ModelKind] = &[ModelKind::Adex, ModelKind::Izhikevich];
const ADEX: &[ModelKind] = &[ModelKind::Adex];
const IZH: &[ModelKind] = &[ModelKind::Izhikevich];
const EXACT: &[ModelKind] = &[
    ModelKind::Qif,
    ModelKind::QifSfa,
    ModelKind::IzhCc,
    ModelKind::IzhGsk,
];
const QIF: &[ModelKind] = &[ModelKind::Qif, ModelKind::QifSfa];
const SFA: &[ModelKind] = &[ModelKind::QifSfa];
const CC: &[ModelKind] = &[ModelKind::IzhCc];
/// The biophysical Izhikevich families (their cells, synapses and adaptation).
const GSK: &[ModelKind] = &[ModelKind::IzhGsk, ModelKind::IzhEta];
/// Distributed thresholds.
const THETA: &[ModelKind] = &[ModelKind::IzhGsk];
/// Distributed background currents.
const ETA: &[ModelKind] = &[ModelKind::IzhEta];
/// The exact Izhikevich families (per-neuron adaptation).
const EXACT_IZH: &[ModelKind] = &[ModelKind::IzhCc, ModelKind::IzhGsk, ModelKind::IzhEta];

macro_rules! real {
    ($models:expr, $key:literal, $label:literal, $unit:literal, $group:expr, $adv:literal, [$min:expr, $max:expr, $step:expr], $doc:literal, $($f:ident).+) => {
        ParamSpec {
            models: $models,
            scannable: false,
            key: $key,
            label: $label,
            unit: $unit,
            group: $group,
            doc: $doc,
            advanced: $adv,
            domain: Domain::Real { min: $min, max: $max, step: $step },
            access: Access::Num(|s| s.$($f).+, |s, v| s.$($f).+ = v),
        }
    };
}

/// A real key that the analysis can scan and map.
macro_rules! scan {
    ($($row:tt)+) => {
        ParamSpec {
            scannable: true,
            ..real!($($row)+)
        }
    };
}

macro_rules! int {
    ($models:expr, $key:literal, $label:literal, $group:expr, [$min:expr, $max:expr], $doc:literal, $($f:ident).+) => {
        ParamSpec {
            models: $models,
            scannable: false,
            key: $key,
            label: $label,
            unit: "",
            group: $group,
            doc: $doc,
            advanced: false,
            domain: Domain::Int { min: $min, max: $max },
            access: Access::Num(|s| s.$($f).+, |s, v| s.$($f).+ = v),
        }
    };
}

fn choice(
    models: &'static [ModelKind],
    key: &'static str,
    label: &'static str,
    group: &'static str,
    doc: &'static str,
    access: (GetText, SetText, Options),
) -> ParamSpec {
    ParamSpec {
        models,
        scannable: false,
        key,
        label,
        unit: "",
        group,
        doc,
        advanced: false,
        domain: Domain::Choice,
        access: Access::Text(access.0, access.1, access.2),
    }
}

fn order_access() -> (GetText, SetText, Options) {
    (
        |s| match s.adex.order {
            Order::First => "1".into(),
            Order::Second => "2".into(),
        },
        |s, v| {
            s.adex.order = match v {
                "1" => Order::First,
                "2" => Order::Second,
                _ => return false,
            };
            true
        },
        |_| {
            vec![
                ("1".into(), "first order (rates)".into()),
                ("2".into(), "second order (rates + covariances)".into()),
            ]
        },
    )
}

fn adaptation_access() -> (GetText, SetText, Options) {
    (
        |s| match s.adex.adaptation {
            AdaptationMode::Dynamic => "dynamic".into(),
            AdaptationMode::Stationary => "stationary".into(),
        },
        |s, v| {
            s.adex.adaptation = match v {
                "dynamic" => AdaptationMode::Dynamic,
                "stationary" => AdaptationMode::Stationary,
                _ => return false,
            };
            true
        },
        |_| {
            vec![
                ("dynamic".into(), "dynamic W (τ_w)".into()),
                ("stationary".into(), "stationary W = b ν τ_w".into()),
            ]
        },
    )
}

fn flag_access() -> (GetText, SetText, Options) {
    (
        |s| if s.compare_stationary { "1" } else { "0" }.into(),
        |s, v| {
            s.compare_stationary = match v {
                "1" => true,
                "0" => false,
                _ => return false,
            };
            true
        },
        |_| vec![("0".into(), "no".into()), ("1".into(), "yes".into())],
    )
}

/// Access to a field holding one of a named enum's values (`ALL`, `name`, `label`,
/// `from_name`): the menu lists `ALL` with their labels.
macro_rules! named_enum_access {
    ($ty:ty, $($f:ident).+) => {
        (
            |s| s.$($f).+.name().into(),
            |s, v| match <$ty>::from_name(v) {
                Some(x) => {
                    s.$($f).+ = x;
                    true
                }
                None => false,
            },
            |_| <$ty>::ALL.iter().map(|x| (x.name().into(), x.label().into())).collect(),
        )
    };
}

fn model_access() -> (GetText, SetText, Options) {
    (
        |s| s.model.name().into(),
        |s, v| match ModelKind::from_name(v) {
            Some(m) => {
                if m != s.model {
                    let seed = s.seed;
                    *s = Scenario::for_model(m);
                    s.seed = seed;
                }
                true
            }
            None => false,
        },
        |_| {
            ModelKind::ALL
                .iter()
                .map(|m| (m.name().into(), m.label().into()))
                .collect()
        },
    )
}

fn izh_coeffs_access() -> (GetText, SetText, Options) {
    (
        |s| s.izh.coeffs.clone(),
        |s, v| {
            if builtin_ids_for(NeuronModel::Izhikevich).contains(&v) {
                s.izh.coeffs = v.to_string();
                true
            } else {
                false
            }
        },
        |_| {
            builtin_ids_for(NeuronModel::Izhikevich)
                .into_iter()
                .map(|id| (id.to_string(), builtin_label(id).unwrap_or(id).to_string()))
                .collect()
        },
    )
}

fn lz_adaptation_access() -> (GetText, SetText, Options) {
    (
        |s| {
            if s.lz_global_adaptation {
                "global"
            } else {
                "per_neuron"
            }
            .into()
        },
        |s, v| {
            s.lz_global_adaptation = match v {
                "per_neuron" => false,
                "global" => true,
                _ => return false,
            };
            true
        },
        |_| {
            vec![
                (
                    "per_neuron".into(),
                    "per neuron, u_j jumps at its own spikes (the papers' networks)".into(),
                ),
                (
                    "global".into(),
                    "one global u driven by the population (the closure u_j = ⟨u⟩ made exact)"
                        .into(),
                ),
            ]
        },
    )
}

fn stim_target_access() -> (GetText, SetText, Options) {
    (
        |s| if s.stim_mf_only { "mean_field" } else { "both" }.into(),
        |s, v| {
            s.stim_mf_only = match v {
                "both" => false,
                "mean_field" => true,
                _ => return false,
            };
            true
        },
        |_| {
            vec![
                ("both".into(), "mean field and network".into()),
                (
                    "mean_field".into(),
                    "mean field only (noise standing in for the network's finite size, Fig 6)"
                        .into(),
                ),
            ]
        },
    )
}

/// " (E)" or " (I)" for a key of one population's cells, else "".
pub(super) fn population_suffix(spec: &ParamSpec) -> &'static str {
    match spec.group {
        G_EXC | G_IZH_E => " (E)",
        G_INH | G_IZH_I => " (I)",
        _ => "",
    }
}

/// A key's label with its population ("E_L (E)"; an exact family's keys have none), for
/// diagrams whose axes and sentences would otherwise read "E_L against E_L".
#[must_use]
pub fn label_with_population(spec: &ParamSpec) -> String {
    format!("{}{}", spec.label, population_suffix(spec))
}

/// A scannable key's menu entry and axis label: label, population and unit ("b (E) [pA]").
fn scan_option(spec: &ParamSpec) -> (String, String) {
    let who = population_suffix(spec);
    (
        spec.key.to_string(),
        format!("{}{who}{}", spec.label, unit_in_parens(spec.unit)),
    )
}

/// The scannable keys of the scenario's model (of every model for the models without the
/// analysis view, so that their exports load back).
fn scannable_options(s: &Scenario) -> Vec<(String, String)> {
    specs()
        .iter()
        .filter(|spec| {
            spec.scannable
                && (spec.belongs_to(s.model)
                    || !AnalysisKind::for_model(s.model).contains(&AnalysisKind::Scan))
        })
        .map(scan_option)
        .collect()
}

/// The axis label of a key (see [`scan_option`]).
#[must_use]
pub fn scan_label(key: &str) -> String {
    spec(key).map_or_else(|_| key.to_string(), |spec| scan_option(&spec).1)
}

fn unit_in_parens(unit: &str) -> String {
    if unit.is_empty() {
        String::new()
    } else {
        format!(" [{unit}]")
    }
}

/// `v`, if it is one of the scenario's scannable keys.
fn set_scan_key(s: &Scenario, v: &str) -> Option<String> {
    scannable_options(s)
        .into_iter()
        .any(|(k, _)| k == v)
        .then(|| v.to_string())
}

macro_rules! scan_key_access {
    ($f:ident) => {
        (
            |s| s.analysis.$f.clone(),
            |s, v| match set_scan_key(s, v) {
                Some(k) => {
                    s.analysis.$f = k;
                    true
                }
                None => false,
            },
            scannable_options,
        )
    };
}

fn analysis_access() -> (GetText, SetText, Options) {
    (
        |s| s.analysis.kind.name().into(),
        |s, v| match AnalysisKind::from_name(v) {
            Some(k) if AnalysisKind::for_model(s.model).contains(&k) => {
                s.analysis.kind = k;
                true
            }
            _ => false,
        },
        |s| {
            AnalysisKind::for_model(s.model)
                .iter()
                .map(|k| (k.name().into(), k.label().into()))
                .collect()
        },
    )
}

/// The keys a bifurcation diagram can vary: an exact family's own parameters but the network's
/// spike cut and the time unit (the equations are in it); a conductance model's scannable keys
/// (its cells, synapses, drive and the mean field's time constant).
pub(crate) fn diagram_options(s: &Scenario) -> Vec<(String, String)> {
    const OWN: [&str; 4] = [G_QIF, G_SFA, G_CC, G_GSK];
    const NOT_READ: [&str; 4] = ["qif_vpeak", "qif_tau", "cc_vpeak", "cc_t_unit"];
    if s.model.family().is_none() {
        return specs()
            .iter()
            .filter(|spec| spec.scannable && spec.belongs_to(s.model))
            .map(scan_option)
            .collect();
    }
    specs()
        .iter()
        .filter(|spec| {
            spec.belongs_to(s.model)
                && OWN.contains(&spec.group)
                && spec.range().is_some()
                && !NOT_READ.contains(&spec.key)
                && spec.key != "gsk_vpeak"
        })
        .map(|spec| {
            (
                spec.key.to_string(),
                format!("{}{}", spec.label, unit_in_parens(spec.unit)),
            )
        })
        .collect()
}

/// The access of a diagram key held in `analysis.$f`.
macro_rules! diagram_key_access {
    ($f:ident) => {
        (
            |s| s.analysis.$f.clone(),
            |s, v| {
                if diagram_options(s).iter().any(|(k, _)| k == v) {
                    s.analysis.$f = v.to_string();
                    true
                } else {
                    false
                }
            },
            diagram_options,
        )
    };
}

fn coeffs_access() -> (GetText, SetText, Options) {
    (
        |s| s.adex.coeffs.clone(),
        |s, v| {
            if v == REFIT || builtin_ids_for(NeuronModel::Adex).contains(&v) {
                s.adex.coeffs = v.to_string();
                true
            } else {
                false
            }
        },
        |_| {
            let mut v: Vec<(String, String)> = builtin_ids_for(NeuronModel::Adex)
                .into_iter()
                .map(|id| (id.to_string(), builtin_label(id).unwrap_or(id).to_string()))
                .collect();
            v.push((
                REFIT.into(),
                "Refit for the cells as set here (simulated and fitted in the page)".into(),
            ));
            v
        },
    )
}

/// The whole schema, in display order: the table is built on first use and kept.
#[must_use]
pub fn specs() -> &'static [ParamSpec] {
    static TABLE: OnceLock<Vec<ParamSpec>> = OnceLock::new();
    TABLE.get_or_init(table)
}

/// The rows of the schema (built once, by [`specs`]).
fn table() -> Vec<ParamSpec> {
    let mut v = vec![
        choice(ALL, "model", "Model", G_MODEL, "Which mean-field model. Choosing one starts from its paper's parameters (the seed is kept).", model_access()),
        choice(CONDUCTANCE, "order", "Order", G_MODEL, "First order (rates) or second order (rates and covariances, El Boustani & Destexhe 2009); default 2 as the official code.", order_access()),
        scan!(CONDUCTANCE, "t_mf", "T", "ms", G_MODEL, false, [1.0, 100.0, 0.5], "Time constant of the Markovian mean field; the official code effectively uses 5 ms, TVB 20 ms.", adex.t_mf_ms),
        choice(CONDUCTANCE, "adaptation", "Adaptation", G_MODEL, "Dynamic W, or W pinned to its stationary value (the paper's dashed comparison).", adaptation_access()),
        choice(ADEX, "coeffs", "TF coefficients", G_MODEL, "Transfer-function coefficient set: the project's own fit (default), the published ones, or a refit for the cells as set here.", coeffs_access()),
        scan!(ADEX, "b_e", "b", "pA", G_EXC, false, [0.0, 500.0, 1.0], "Spike-triggered adaptation of RS cells (official code 'RS-cellbis': 100 pA).", adex.exc.b_pa),
        scan!(ADEX, "a_e", "a", "nS", G_EXC, false, [0.0, 20.0, 0.1], "Subthreshold adaptation of RS cells (di Volo 2019: 0).", adex.exc.a_ns),
        scan!(ADEX, "tau_w_e", "τ_w", "ms", G_EXC, false, [1.0, 5000.0, 1.0], "Adaptation time constant of RS cells (500 ms).", adex.exc.tau_w_ms),
        scan!(ADEX, "el_e", "E_L", "mV", G_EXC, false, [-80.0, -50.0, 0.1], "Leak reversal of RS cells (-65 mV; Fig 5 uses -63 and -67).", adex.exc.e_l_mv),
        scan!(ADEX, "gl_e", "g_L", "nS", G_EXC, true, [1.0, 50.0, 0.1], "Leak conductance of RS cells (10 nS).", adex.exc.g_l_ns),
        scan!(ADEX, "cm_e", "C_m", "pF", G_EXC, true, [20.0, 1000.0, 1.0], "Membrane capacitance of RS cells (200 pF).", adex.exc.c_m_pf),
        scan!(ADEX, "vthr_e", "V_T", "mV", G_EXC, true, [-70.0, -30.0, 0.1], "Threshold of the exponential term of RS cells in the network (-50 mV); the mean field knows it only through the fit.", net.exc.v_thr_mv),
        scan!(ADEX, "delta_t_e", "Δ_T", "mV", G_EXC, true, [0.1, 10.0, 0.1], "Slope factor of RS cells in the network (2 mV); spikes are cut at V_T + 5 Δ_T.", net.exc.delta_t_mv),
        scan!(ADEX, "vreset_e", "V_reset", "mV", G_EXC, true, [-80.0, -40.0, 0.1], "Reset of RS cells in the network (-65 mV as the fit; the TVB-AdEx network uses -55).", net.exc.v_reset_mv),
        scan!(ADEX, "tref_e", "τ_ref", "ms", G_EXC, true, [0.0, 20.0, 0.1], "Refractory period of RS cells in the network (5 ms).", net.exc.t_ref_ms),
        scan!(ADEX, "el_i", "E_L", "mV", G_INH, false, [-80.0, -50.0, 0.1], "Leak reversal of FS cells (-65 mV).", adex.inh.e_l_mv),
        scan!(ADEX, "b_i", "b", "pA", G_INH, true, [0.0, 500.0, 1.0], "Spike-triggered adaptation of FS cells (0: FS cells do not adapt).", adex.inh.b_pa),
        scan!(ADEX, "a_i", "a", "nS", G_INH, true, [0.0, 20.0, 0.1], "Subthreshold adaptation of FS cells (0).", adex.inh.a_ns),
        scan!(ADEX, "tau_w_i", "τ_w", "ms", G_INH, true, [1.0, 5000.0, 1.0], "Adaptation time constant of FS cells (irrelevant while a_i = b_i = 0).", adex.inh.tau_w_ms),
        scan!(ADEX, "gl_i", "g_L", "nS", G_INH, true, [1.0, 50.0, 0.1], "Leak conductance of FS cells (10 nS).", adex.inh.g_l_ns),
        scan!(ADEX, "cm_i", "C_m", "pF", G_INH, true, [20.0, 1000.0, 1.0], "Membrane capacitance of FS cells (200 pF).", adex.inh.c_m_pf),
        scan!(ADEX, "vthr_i", "V_T", "mV", G_INH, true, [-70.0, -30.0, 0.1], "Threshold of the exponential term of FS cells in the network (-50 mV).", net.inh.v_thr_mv),
        scan!(ADEX, "delta_t_i", "Δ_T", "mV", G_INH, true, [0.1, 10.0, 0.1], "Slope factor of FS cells in the network (0.5 mV).", net.inh.delta_t_mv),
        scan!(ADEX, "vreset_i", "V_reset", "mV", G_INH, true, [-80.0, -40.0, 0.1], "Reset of FS cells in the network (-65 mV).", net.inh.v_reset_mv),
        scan!(ADEX, "tref_i", "τ_ref", "ms", G_INH, true, [0.0, 20.0, 0.1], "Refractory period of FS cells in the network (5 ms).", net.inh.t_ref_ms),
        scan!(CONDUCTANCE, "q_e", "Q_e", "nS", G_NET, false, [0.0, 10.0, 0.05], "Excitatory quantal conductance (1.5 nS as in every di Volo code; the paper text's 1 nS is Zerlaut 2018's).", adex.synapses.q_e_ns),
        scan!(CONDUCTANCE, "q_i", "Q_i", "nS", G_NET, false, [0.0, 20.0, 0.1], "Inhibitory quantal conductance (5 nS).", adex.synapses.q_i_ns),
        scan!(CONDUCTANCE, "tau_syn_e", "τ_e", "ms", G_NET, true, [0.5, 50.0, 0.1], "Excitatory synaptic decay time (5 ms).", adex.synapses.tau_e_ms),
        scan!(CONDUCTANCE, "tau_syn_i", "τ_i", "ms", G_NET, true, [0.5, 50.0, 0.1], "Inhibitory synaptic decay time (5 ms).", adex.synapses.tau_i_ms),
        scan!(CONDUCTANCE, "erev_e", "E_e", "mV", G_NET, true, [-20.0, 20.0, 0.5], "Excitatory reversal potential (0 mV).", adex.synapses.e_e_mv),
        scan!(CONDUCTANCE, "erev_i", "E_i", "mV", G_NET, true, [-100.0, -50.0, 0.5], "Inhibitory reversal potential (-80 mV).", adex.synapses.e_i_mv),
        scan!(CONDUCTANCE, "k_e", "K_e", "", G_NET, true, [1.0, 2000.0, 1.0], "Excitatory in-degree p(1-g)N (400).", adex.k_e),
        scan!(CONDUCTANCE, "k_i", "K_i", "", G_NET, true, [1.0, 1000.0, 1.0], "Inhibitory in-degree p g N (100).", adex.k_i),
        scan!(CONDUCTANCE, "k_ext", "K_ext", "", G_NET, true, [0.0, 4000.0, 1.0], "External Poisson inputs per neuron (400, as K_e: the official code feeds the drive through the recurrent excitatory synapses).", adex.k_ext),
        real!(ALL, "n", "N", "neurons", G_SPIKING, false, [100.0, 1_000_000.0, 100.0], "Network size: the spiking network's N (at most 30 million synapses; 200 000 neurons for the exact families) and the conductance mean fields' finite-size terms (10 000, the paper's size; 5000 for QIF, 2000 for the exact Izhikevich networks to keep the page fast).", adex.n_total),
        choice(CONDUCTANCE, "connectivity", "Wiring", G_SPIKING, "Random with p = K/N (the paper's p = 5 % at N = 10 000; in-degrees vary), or a fixed in-degree K_e, K_i as the mean field assumes.", named_enum_access!(Connectivity, net.connectivity)),
        real!(ALL, "bin", "rate bin", "ms", G_SPIKING, false, [0.1, 100.0, 0.1], "Width of the bins of the network's population rates (5 ms).", net.bin_ms),
        real!(ALL, "dt_net", "dt", "ms", G_SPIKING, true, [0.01, 0.5, 0.01], "Integration step of the network (0.1 ms, as the Brian2 networks).", net.dt_ms),
        scan!(CONDUCTANCE, "frac_i", "g", "", G_NET, true, [0.01, 0.99, 0.01], "Fraction of inhibitory neurons (0.2).", adex.frac_i),
        scan!(CONDUCTANCE, "nu_drive", "ν_drive", "Hz", G_STIM, false, [0.0, 30.0, 0.05], "Constant external drive per external synapse, to both populations (2.5 Hz, official code).", adex.nu_drive_hz),
        choice(ALL, "stim", "Stimulus", G_STIM, "Time-varying input added to the drive.", named_enum_access!(StimulusKind, stimulus.kind)),
        scan!(ALL, "stim_amp", "amplitude", "Hz", G_STIM, false, [-50.0, 50.0, 0.1], "Stimulus amplitude: per external synapse in Hz for the conductance models (σ for OU noise; the total input is clipped at 0; 5 Hz), a current in the model's unit for the exact families (QIF 3, GSK 30 pA).", stimulus.amp_hz),
        real!(ALL, "stim_t0", "t0", "ms", G_STIM, false, [0.0, 100_000.0, 10.0], "Stimulus onset, or the peak time of the pulses (2000 ms).", stimulus.t0_ms),
        real!(ALL, "stim_dur", "duration", "ms", G_STIM, false, [0.0, 100_000.0, 10.0], "How long the drive is switched off, or the rectangular pulse lasts (500 ms).", stimulus.dur_ms),
        real!(ALL, "stim_rise", "rise", "ms", G_STIM, false, [0.1, 2000.0, 0.1], "σ of the rising Gaussian, or τ_rise of the exponential pulse (10 ms).", stimulus.rise_ms),
        real!(ALL, "stim_decay", "decay", "ms", G_STIM, false, [0.1, 5000.0, 0.1], "σ of the falling Gaussian, or τ_decay of the exponential pulse (200 ms).", stimulus.decay_ms),
        real!(ALL, "stim_freq", "frequency", "Hz", G_STIM, false, [0.01, 200.0, 0.01], "Frequency of the sinusoids (5 Hz, Fig 4).", stimulus.freq_hz),
        real!(ALL, "stim_tau_ou", "τ_OU", "ms", G_STIM, false, [0.1, 1000.0, 0.1], "Correlation time of the OU noise (5 ms, TVB default).", stimulus.tau_ou_ms),
        scan!(CONDUCTANCE, "stim_frac_i", "share to FS", "", G_STIM, true, [0.0, 1.0, 0.05], "Fraction of the stimulus that reaches the inhibitory population (1 in the official code, 0 in Zerlaut 2018).", stimulus.frac_i),
        real!(ALL, "duration", "duration", "ms", G_RUN, false, [100.0, 100_000.0, 100.0], "Model time simulated (4000 ms, official code).", duration_ms),
        real!(ALL, "dt_mf", "dt", "ms", G_RUN, true, [0.01, 2.0, 0.01], "Euler step of the mean field (0.5 ms, official code).", dt_ms),
        real!(CONDUCTANCE, "nu_e0", "ν_e(0)", "Hz", G_RUN, true, [0.0, 175.0, 0.1], "Initial excitatory rate (1 Hz, official code).", adex.nu_e0_hz),
        real!(CONDUCTANCE, "nu_i0", "ν_i(0)", "Hz", G_RUN, true, [0.0, 175.0, 0.1], "Initial inhibitory rate (30 Hz, official code).", adex.nu_i0_hz),
        real!(CONDUCTANCE, "w_e0", "W_e(0)", "pA", G_RUN, true, [-500.0, 2000.0, 1.0], "Initial excitatory adaptation current (100 pA, official code).", adex.w_e0_pa),
        choice(CONDUCTANCE, "stim_target", "Stimulus reaches", G_STIM, "Whether the network receives the stimulus too (both), or only the mean field: OU noise then stands in for the network's own finite-size fluctuations, as in di Volo et al. 2019 Fig 6.", stim_target_access()),
        real!(ALL, "plot_from", "plot from", "ms", G_RUN, false, [0.0, 100_000.0, 10.0], "The plots start at this time, to leave out the initial transient (0 ms).", plot_from_ms),
        choice(CONDUCTANCE, "compare_stationary", "Overlay stationary-W model", G_RUN, "Also run the model with W pinned to b ν τ_w and draw it dashed (di Volo 2019 Figs 3, 4).", flag_access()),

        choice(IZH, "izh_coeffs", "TF coefficients", G_MODEL, "Transfer-function coefficients of the Izhikevich cells: the project's own fit (izhikevich_mf.md §2.7: the published RS file is missing).", izh_coeffs_access()),
        scan!(IZH, "izh_k_e", "g_iz", "nS/mV", G_IZH_E, false, [0.001, 0.2, 0.001], "Quadratic gain of the E cells (0.01; the reference's 1/(mV s) with C = 1 nF).", izh.exc.neuron.k_ns_per_mv),
        scan!(IZH, "izh_eiz_e", "E_iz", "mV", G_IZH_E, false, [-80.0, -40.0, 0.5], "Rest/threshold of the E cells' quadratic (-65 mV).", izh.exc.neuron.e_iz_mv),
        scan!(IZH, "izh_d_e", "d", "pA", G_IZH_E, false, [0.0, 200.0, 0.5], "Spike-triggered jump of u in the E cells (15; swept 0-30 in Fig 3); the AdEx b.", izh.exc.d_pa),
        scan!(IZH, "izh_tau_u_e", "τ_u", "ms", G_IZH_E, false, [10.0, 10_000.0, 10.0], "Adaptation time constant T_u/a of the E cells (1000 ms).", izh.exc.tau_u_ms),
        scan!(IZH, "izh_b_e", "b", "nS", G_IZH_E, true, [-1.0, 1.0, 0.01], "Subthreshold coupling of u to v in the E cells (0); the AdEx a.", izh.exc.neuron.b_ns),
        scan!(IZH, "izh_vreset_e", "reset c", "mV", G_IZH_E, true, [-80.0, -35.0, 0.5], "Reset of the E cells (-65 mV).", izh.exc.neuron.v_reset_mv),
        scan!(IZH, "izh_vpeak_e", "v_peak", "mV", G_IZH_E, true, [-50.0, 0.0, 0.5], "Spike cut of the E cells (-30 mV).", izh.exc.neuron.v_peak_mv),
        scan!(IZH, "izh_tref_e", "τ_ref", "ms", G_IZH_E, true, [0.0, 20.0, 0.1], "Refractory period of the E cells (5 ms).", izh.exc.neuron.t_ref_ms),
        scan!(IZH, "izh_k_i", "g_iz", "nS/mV", G_IZH_I, false, [0.001, 0.2, 0.001], "Quadratic gain of the I cells (0.04).", izh.inh.neuron.k_ns_per_mv),
        scan!(IZH, "izh_eiz_i", "E_iz", "mV", G_IZH_I, false, [-80.0, -40.0, 0.5], "Rest/threshold of the I cells' quadratic (-60 mV).", izh.inh.neuron.e_iz_mv),
        scan!(IZH, "izh_d_i", "d", "pA", G_IZH_I, true, [0.0, 200.0, 0.5], "Spike-triggered jump of u in the I cells (0: no adaptation).", izh.inh.d_pa),
        scan!(IZH, "izh_tau_u_i", "τ_u", "ms", G_IZH_I, true, [10.0, 10_000.0, 10.0], "Adaptation time constant of the I cells (1000 ms).", izh.inh.tau_u_ms),
        scan!(IZH, "izh_b_i", "b", "nS", G_IZH_I, true, [-1.0, 1.0, 0.01], "Subthreshold coupling of u to v in the I cells (0).", izh.inh.neuron.b_ns),
        scan!(IZH, "izh_vreset_i", "reset c", "mV", G_IZH_I, true, [-80.0, -35.0, 0.5], "Reset of the I cells (-55 mV).", izh.inh.neuron.v_reset_mv),
        scan!(IZH, "izh_vpeak_i", "v_peak", "mV", G_IZH_I, true, [-50.0, 0.0, 0.5], "Spike cut of the I cells (-30 mV).", izh.inh.neuron.v_peak_mv),
        scan!(IZH, "izh_tref_i", "τ_ref", "ms", G_IZH_I, true, [0.0, 20.0, 0.1], "Refractory period of the I cells (5 ms).", izh.inh.neuron.t_ref_ms),
        real!(QIF, "qif_eta", "η̄", "", G_QIF, false, [-20.0, 20.0, 0.05], "Centre of the Lorentzian excitabilities (-5, PyRates qif).", lz.qif.eta),
        real!(QIF, "qif_delta", "Δ", "", G_QIF, false, [0.01, 10.0, 0.01], "Half-width of the excitabilities (1).", lz.qif.delta),
        real!(QIF, "qif_j", "J", "", G_QIF, false, [-50.0, 50.0, 0.1], "Recurrent coupling (15).", lz.qif.j),
        real!(QIF, "qif_i0", "I₀", "", G_QIF, false, [-20.0, 20.0, 0.05], "Constant external current (0); the stimulus adds to it.", lz.qif.i0),
        real!(QIF, "qif_tau", "τ", "ms", G_QIF, true, [0.5, 100.0, 0.5], "Membrane time constant, the model's time unit (10 ms, MPR 2015's figures).", lz.qif.tau_ms),
        real!(QIF, "qif_vpeak", "v_peak", "", G_QIF, true, [10.0, 10_000.0, 10.0], "Spike cut of the network, reset to -v_peak with the refractory hold (100, MPR 2015).", lz.qif.v_peak),
        real!(SFA, "sfa_alpha", "α", "", G_SFA, false, [0.0, 5.0, 0.01], "Adaptation strength (0.5, PyRates qif_sfa).", lz.sfa.alpha),
        real!(SFA, "sfa_tau_a", "τ_a", "τ", G_SFA, false, [0.5, 200.0, 0.5], "Adaptation time constant in units of τ (10).", lz.sfa.tau_a),
        real!(CC, "cc_eta", "η̄", "", G_CC, false, [-1.0, 1.0, 0.001], "Centre of the excitabilities (0.12, Chen & Campbell's standard example: bursting; tonic outside 0.0749-0.1909).", lz.cc.eta),
        real!(CC, "cc_delta", "Δη", "", G_CC, false, [0.001, 1.0, 0.001], "Half-width of the excitabilities (0.02).", lz.cc.delta),
        real!(CC, "cc_g", "g_syn", "", G_CC, false, [0.0, 5.0, 0.01], "Synaptic conductance G_syn/(k|V_R|) (1.2308).", lz.cc.g),
        real!(CC, "cc_d", "w_jump", "", G_CC, false, [0.0, 1.0, 0.0001], "Spike-triggered adaptation jump (0.0189).", lz.cc.d),
        real!(CC, "cc_i0", "I₀", "", G_CC, false, [-1.0, 1.0, 0.001], "Constant external current (0; the PyRates example uses 0.15 with η̄ = 0).", lz.cc.i0),
        real!(CC, "cc_alpha", "α", "", G_CC, true, [0.0, 2.0, 0.0001], "1 + V_T/|V_R| (0.6215).", lz.cc.alpha),
        real!(CC, "cc_er", "e_r", "", G_CC, true, [-1.0, 3.0, 0.01], "Synaptic reversal 1 + E_r/|V_R| (1).", lz.cc.e_r),
        real!(CC, "cc_a", "a", "", G_CC, true, [0.0, 0.5, 0.0001], "Adaptation rate C/(τ_W k|V_R|) (0.0077).", lz.cc.a),
        real!(CC, "cc_b", "b", "", G_CC, true, [-1.0, 1.0, 0.0001], "Subthreshold adaptation β/(k|V_R|) (-0.0062).", lz.cc.b),
        real!(CC, "cc_tau_s", "τ_s", "", G_CC, true, [0.1, 50.0, 0.1], "Synaptic time constant in time units (2.6).", lz.cc.tau_s),
        real!(CC, "cc_j", "s_jump", "", G_CC, true, [0.0, 10.0, 0.0001], "Synaptic jump (1.2308).", lz.cc.j),
        real!(CC, "cc_t_unit", "time unit", "ms", G_CC, true, [0.1, 20.0, 0.0001], "C/(k|V_R|) with C = 250 pF, k = 2.5 nS/mV, V_R = -65 mV (1.5385 ms).", lz.cc.t_unit_ms),
        real!(CC, "cc_vpeak", "v_peak", "", G_CC, true, [10.0, 10_000.0, 10.0], "Spike cut of the network, reset to -v_peak (200, CC's code).", lz.cc.v_peak),
        real!(GSK, "gsk_eta", "η", "pA", G_GSK, false, [-500.0, 1000.0, 1.0], "Background current (50 pA, Gast's network script).", lz.gsk.eta_pa),
        real!(THETA, "gsk_delta", "Δ_v", "mV", G_GSK, false, [0.01, 20.0, 0.01], "Half-width of the spike thresholds (1 mV; GSK scan 0.1-3.1).", lz.gsk.delta_mv),
        real!(ETA, "eta_delta", "Δ_η", "pA", G_GSK, false, [0.01, 200.0, 0.01], "Half-width of the Lorentzian background currents around η, all thresholds at v̄_θ (5 pA, Gast's ik_eta scripts).", lz.eta.delta_pa),
        real!(GSK, "gsk_d", "κ", "pA", G_GSK, false, [0.0, 1000.0, 1.0], "Spike-triggered adaptation jump d (80 pA).", lz.gsk.d_pa),
        real!(GSK, "gsk_g", "g", "nS", G_GSK, false, [0.0, 100.0, 0.1], "Synaptic conductance (15 nS).", lz.gsk.g_ns),
        real!(GSK, "gsk_i0", "I₀", "pA", G_GSK, false, [-500.0, 1000.0, 1.0], "Constant external current (0 pA).", lz.gsk.i0_pa),
        real!(GSK, "gsk_c", "C", "pF", G_GSK, true, [10.0, 1000.0, 1.0], "Capacitance (100 pF).", lz.gsk.c_pf),
        real!(GSK, "gsk_k", "k", "nS/mV", G_GSK, true, [0.05, 5.0, 0.01], "Quadratic gain (0.7).", lz.gsk.k),
        real!(GSK, "gsk_vr", "v_r", "mV", G_GSK, true, [-90.0, -40.0, 0.5], "Resting potential (-60 mV).", lz.gsk.v_r_mv),
        real!(GSK, "gsk_vt", "v̄_θ", "mV", G_GSK, true, [-70.0, -10.0, 0.5], "Centre of the spike thresholds (-40 mV).", lz.gsk.v_t_mv),
        real!(GSK, "gsk_a", "a", "1/ms", G_GSK, true, [0.0, 1.0, 0.001], "Adaptation rate 1/τ_u (0.03).", lz.gsk.a_per_ms),
        real!(GSK, "gsk_b", "b", "nS", G_GSK, true, [-20.0, 20.0, 0.1], "Subthreshold adaptation (-2 nS).", lz.gsk.b_ns),
        real!(GSK, "gsk_er", "E_r", "mV", G_GSK, true, [-100.0, 50.0, 0.5], "Synaptic reversal (0 mV).", lz.gsk.e_r_mv),
        real!(GSK, "gsk_tau_s", "τ_s", "ms", G_GSK, true, [0.1, 100.0, 0.1], "Synaptic time constant (6 ms).", lz.gsk.tau_s_ms),
        real!(GSK, "gsk_j", "J", "", G_GSK, true, [0.0, 10.0, 0.01], "Synaptic jump (1).", lz.gsk.j),
        real!(GSK, "gsk_vpeak", "v_peak", "mV", G_GSK, true, [100.0, 100_000.0, 100.0], "Spike cut of the network, reset to -v_peak (1000 mV).", lz.gsk.v_peak_mv),
        choice(EXACT_IZH, "lz_adaptation", "Network adaptation", G_SPIKING, "Adaptation in the network: per neuron as in the papers (the mean field then relies on the closure u_j = ⟨u⟩), or one global variable (closure exact).", lz_adaptation_access()),
        choice(ALL, "analysis", "Analysis", G_ANALYSIS, "Which analysis of the mean field is shown below the time series (the conductance models: fixed points by default; the exact families: the bifurcation diagram).", analysis_access()),
        choice(CONDUCTANCE, "scan_x", "Scanned parameter", G_ANALYSIS, "The parameter on the scan's horizontal axis (b of the RS cells, as in Fig 2).", scan_key_access!(scan_x)),
        real!(CONDUCTANCE, "scan_min", "from", "", G_ANALYSIS, false, [-1.0e4, 1.0e4, 0.1], "Start of the scan, in the parameter's unit (0).", analysis.scan_min),
        real!(CONDUCTANCE, "scan_max", "to", "", G_ANALYSIS, false, [-1.0e4, 1.0e4, 0.1], "End of the scan, in the parameter's unit (100).", analysis.scan_max),
        int!(CONDUCTANCE, "scan_n", "values", G_ANALYSIS, [2.0, 201.0], "Values in the scan (21).", analysis.scan_n),
        choice(CONDUCTANCE, "map_x", "Horizontal parameter", G_ANALYSIS, "The map's horizontal parameter (E_L of RS, as in Fig 5A).", scan_key_access!(map_x)),
        real!(CONDUCTANCE, "map_x_min", "from", "", G_ANALYSIS, false, [-1.0e4, 1.0e4, 0.1], "Start of the horizontal range (-70).", analysis.map_x_min),
        real!(CONDUCTANCE, "map_x_max", "to", "", G_ANALYSIS, false, [-1.0e4, 1.0e4, 0.1], "End of the horizontal range (-60).", analysis.map_x_max),
        choice(CONDUCTANCE, "map_y", "Vertical parameter", G_ANALYSIS, "The map's vertical parameter (E_L of FS, as in Fig 5A).", scan_key_access!(map_y)),
        real!(CONDUCTANCE, "map_y_min", "from", "", G_ANALYSIS, false, [-1.0e4, 1.0e4, 0.1], "Start of the vertical range (-70).", analysis.map_y_min),
        real!(CONDUCTANCE, "map_y_max", "to", "", G_ANALYSIS, false, [-1.0e4, 1.0e4, 0.1], "End of the vertical range (-60).", analysis.map_y_max),
        int!(CONDUCTANCE, "map_n", "points per axis", G_ANALYSIS, [2.0, 81.0], "Grid points per axis (21: 441 cells).", analysis.map_n),
        real!(CONDUCTANCE, "fr_min", "lowest frequency", "Hz", G_ANALYSIS, false, [0.01, 500.0, 0.01], "Lowest input frequency (0.1 Hz).", analysis.fr_min_hz),
        real!(CONDUCTANCE, "fr_max", "highest frequency", "Hz", G_ANALYSIS, false, [0.01, 500.0, 0.01], "Highest input frequency (100 Hz).", analysis.fr_max_hz),
        int!(CONDUCTANCE, "fr_n", "frequencies", G_ANALYSIS, [2.0, 60.0], "Frequencies, log-spaced (16).", analysis.fr_n),
        real!(CONDUCTANCE, "fr_amp", "amplitude", "Hz", G_ANALYSIS, false, [0.01, 20.0, 0.01], "Amplitude of the sinusoidal input per external synapse (0.5 Hz).", analysis.fr_amp_hz),
        choice(ALL, "bif_x", "Parameter", G_ANALYSIS, "The bifurcation diagram's parameter: any number of the mean field's equations (the E cells' adaptation jump b or d for the conductance models, the excitability η for the exact families).", diagram_key_access!(bif_x)),
        real!(ALL, "bif_min", "from", "", G_ANALYSIS, false, [-1.0e4, 1.0e4, 0.001], "Start of the diagram's range, in the parameter's unit (the model's default range brackets its folds and Hopf points).", analysis.bif_min),
        real!(ALL, "bif_max", "to", "", G_ANALYSIS, false, [-1.0e4, 1.0e4, 0.001], "End of the diagram's range, in the parameter's unit.", analysis.bif_max),
        choice(ALL, "bif_y", "Second parameter", G_ANALYSIS, "The two-parameter diagram's vertical parameter (the family's heterogeneity Δ by default; QIF-SFA its adaptation α, Chen-Campbell its coupling g; the conductance models the drive ν_drive).", diagram_key_access!(bif_y)),
        real!(ALL, "bif_ymin", "from", "", G_ANALYSIS, false, [-1.0e4, 1.0e4, 0.001], "Start of the second parameter's range, in its unit.", analysis.bif_ymin),
        real!(ALL, "bif_ymax", "to", "", G_ANALYSIS, false, [-1.0e4, 1.0e4, 0.001], "End of the second parameter's range, in its unit.", analysis.bif_ymax),
        int!(ALL, "bif_net", "network runs", G_ANALYSIS, [0.0, 25.0], "Values along the range at which the spiking network is run in the background, drawn as crosses with the range of its binned rate (8; 0: none). Each run is the scenario's own network and duration, without the time-varying stimulus.", analysis.bif_net),
        real!(EXACT, "r0", "r(0)", "Hz", G_RUN, true, [0.0, 1000.0, 0.1], "Initial rate of the exact mean fields and width π r(0)/A of the network's initial voltages (QIF 1 Hz = 0.01/τ; Izhikevich 0).", lz.init.r_hz),
        real!(EXACT, "v0", "v(0)", "", G_RUN, true, [-1000.0, 1000.0, 0.01], "Initial voltage centre, in the model's unit of v (mV for Gast-Solla-Kennedy; QIF -2, Chen-Campbell 0, GSK -60).", lz.init.v),
    ];
    v.push(ParamSpec {
        models: ALL,
        scannable: false,
        key: "seed",
        label: "seed",
        unit: "",
        group: G_RUN,
        doc: "Seed of every random draw: the network's wiring, initial state and Poisson drive, and the OU noise; the same seed gives the same raster (1).",
        advanced: false,
        domain: Domain::Int {
            min: 0.0,
            max: MAX_SEED,
        },
        access: Access::Num(|s| s.seed as f64, |s, v| s.seed = v as u64),
    });
    v.extend([
        choice(ALL, "lesson", "Lesson", G_LESSON, "The lesson being followed (none by default): an example told in steps, each checked on the run.", lesson_access()),
        int!(ALL, "step", "step", G_LESSON, [1.0, 5.0], "The lesson's step (1).", step),
    ]);
    v
}

fn lesson_access() -> (GetText, SetText, Options) {
    (
        |s| s.lesson.clone(),
        |s, v| {
            if v.is_empty() || lesson(v).is_some() {
                s.lesson = v.to_string();
                true
            } else {
                false
            }
        },
        |_| {
            std::iter::once((String::new(), "none".to_string()))
                .chain(
                    LESSONS
                        .iter()
                        .map(|l| (l.id.to_string(), l.title.to_string())),
                )
                .collect()
        },
    )
}

/// The spec of `key`.
///
/// # Errors
/// [`Error::UnknownKey`] when there is none.
pub fn spec(key: &str) -> Result<ParamSpec, Error> {
    specs()
        .iter()
        .copied()
        .find(|s| s.key == key)
        .ok_or_else(|| Error::UnknownKey(shorten(key)))
}

/// Sets `key` to `value` in `s`.
///
/// # Errors
/// Unknown key or invalid value.
pub fn set(
    s: &mut Scenario,
    key: &str,
    value: &str,
    policy: OutOfRange,
) -> Result<Option<Notice>, Error> {
    spec(key)?.set(s, value, policy)
}

/// (key, value) for every key, or only for those that differ from the defaults.
#[must_use]
///
/// The defaults are those of the scenario's model ([`Scenario::for_model`]); `model` itself is
/// listed whenever it is not `adex`, and keys of other models are left out.
pub fn pairs(s: &Scenario, only_changed: bool) -> Vec<(&'static str, String)> {
    let defaults = Scenario::for_model(s.model);
    specs()
        .iter()
        .filter(|spec| !only_changed || spec.belongs_to(s.model))
        .map(|spec| {
            let changed = if spec.key == "model" {
                s.model != ModelKind::Adex
            } else {
                spec.get(s) != spec.get(&defaults)
            };
            (spec.key, spec.get(s), changed)
        })
        .filter(|(_, _, changed)| !only_changed || *changed)
        .map(|(k, v, _)| (k, v))
        .collect()
}

/// The groups the page shows for model `m`, in order: the model, then the groups of its own
/// cells (its parameters), then the shared ones (synapses, network, input, run). The lesson
/// and the analysis settings are shown elsewhere and are not listed.
#[must_use]
pub fn groups_for(m: ModelKind) -> Vec<&'static str> {
    const SHARED: [&str; 4] = [G_NET, G_SPIKING, G_STIM, G_RUN];
    let mut own: Vec<&'static str> = vec![G_MODEL];
    for spec in specs().iter().filter(|spec| spec.belongs_to(m)) {
        let g = spec.group;
        let elsewhere = [G_LESSON, G_ANALYSIS].contains(&g) || SHARED.contains(&g);
        if !elsewhere && !own.contains(&g) {
            own.push(g);
        }
    }
    own.extend(SHARED);
    own
}
