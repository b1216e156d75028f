//! The AdEx mean field as a script for The Virtual Brain: TVB's `ZerlautAdaptationSecondOrder`
//! (or `FirstOrder`) on one node, with our parameters and coefficients mapped term by term
//! (`adex_mf.md` §6: TVB's rates are in kHz, its P in volts in the 10-slot order
//! P0, Pμ, Pσ, Pτ, Pμμ, Pσσ, Pττ, Pμσ, Pμτ, Pστ; N_e, N_i and the in-degrees come from N_tot, g
//! and p_connect).

use super::py;
use crate::meanfield::{AdaptationMode, Order};
use crate::scenario::Scenario;
use crate::transfer::coefficients::CoefficientSet;
use crate::transfer::threshold_poly::{Normalisation, ThresholdPoly};
use crate::Error;

const BODY: &str = r#"
import argparse
import logging
import sys
import warnings

import numpy as np
from tvb.datatypes import connectivity
from tvb.simulator import coupling, integrators, models, monitors, simulator


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="-", help="CSV file of the trace ('-': stdout)")
    args = ap.parse_args()
    logging.getLogger("tvb").setLevel(logging.ERROR)  # TVB logs to stdout, where the CSV goes
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")

    model_class = (models.ZerlautAdaptationSecondOrder if ORDER == 2
                   else models.ZerlautAdaptationFirstOrder)
    model = model_class(**{k: np.array([v]) for k, v in PARAMETERS.items()},
                        P_e=np.array(P_E_VOLT), P_i=np.array(P_I_VOLT))
    model.variables_of_interest = model.state_variables
    state = np.array([[INITIAL[v] for v in model.state_variables]])
    node = connectivity.Connectivity(
        weights=np.zeros((1, 1)), tract_lengths=np.zeros((1, 1)),
        region_labels=np.array(["population"]), centres=np.zeros((1, 3)),
        speed=np.array([1.0]))
    sim = simulator.Simulator(
        model=model, connectivity=node, coupling=coupling.Linear(a=np.array([0.0])),
        # Forward Euler at DT_MS, as Mean-Field Explorer (TVB's usual choice is HeunDeterministic).
        integrator=integrators.EulerDeterministic(dt=DT_MS),
        monitors=(monitors.Raw(),), simulation_length=DURATION_MS,
        initial_conditions=state[:, :, None, None])
    sim.configure()

    # The drive and stimulus change with time: set TVB's external inputs before every step.
    steps = int(round(DURATION_MS / DT_MS))
    t = np.arange(steps + 1) * DT_MS
    ext_e = np.interp(t, DRIVE_T_MS, DRIVE_E_HZ)
    ext_i = np.interp(t, DRIVE_T_MS, DRIVE_I_HZ)
    names = list(model.state_variables)
    rows = [(0.0, state[0])]
    k = 0
    model.external_input_ex_ex[:] = ext_e[0] * 1e-3
    model.external_input_in_ex[:] = ext_i[0] * 1e-3
    for (time_ms, y), in sim():
        k += 1
        rows.append((k * DT_MS, y[:, 0, 0]))
        if k < len(ext_e):
            model.external_input_ex_ex[:] = ext_e[k] * 1e-3
            model.external_input_in_ex[:] = ext_i[k] * 1e-3

    def row(t_ms, y, e, i):
        v = dict(zip(names, y))
        return [t_ms, v["E"] * 1e3, v["I"] * 1e3, v.get("C_ee", 0.0) * 1e6,
                v.get("C_ei", 0.0) * 1e6, v.get("C_ii", 0.0) * 1e6, v["W_e"], v["W_i"], e, i]
    write_csv(args.out, ["t_ms", "nu_e", "nu_i", "c_ee", "c_ei", "c_ii", "w_e", "w_i", "input_e",
                         "input_i"], (row(t, y, e, i) for (t, y), e, i in zip(rows, ext_e, ext_i)),
              10)
"#;

/// The 10 coefficients in TVB's order, in volts.
fn tvb_order_volt(p: &ThresholdPoly) -> Vec<f64> {
    [
        p.p0,
        p.p_mu,
        p.p_sigma,
        p.p_tau,
        p.p_mu_mu,
        p.p_sigma_sigma,
        p.p_tau_tau,
        p.p_mu_sigma,
        p.p_mu_tau,
        p.p_sigma_tau,
    ]
    .iter()
    .map(|mv| mv * 1e-3)
    .collect()
}

/// The script and what does not carry over exactly.
pub(super) fn script(s: &Scenario, set: &CoefficientSet) -> Result<(String, Vec<String>), Error> {
    let p = &s.adex;
    if set.neuron_model != crate::transfer::coefficients::NeuronModel::Adex {
        return Err(Error::Coefficients {
            file: set.id.clone(),
            reason: "TVB's Zerlaut model needs an AdEx coefficient set".into(),
        });
    }
    let mut notes = Vec::new();
    if set.norm != Normalisation::default() {
        notes.push(format!(
            "The set '{}' normalises the threshold polynomial differently from TVB, which \
             always uses mu_V0 = -60 mV, 10 mV, sigma_V0 = 4 mV, 6 mV, tau_V0 = 0.5, 1.",
            set.id
        ));
    }
    if p.exc.g_l_ns != p.inh.g_l_ns || p.exc.c_m_pf != p.inh.c_m_pf {
        notes.push(format!(
            "TVB has one g_L and one C_m for both populations; the excitatory values ({} nS, {} pF) \
             are used for both (ours: inhibitory {} nS, {} pF).",
            p.exc.g_l_ns, p.exc.c_m_pf, p.inh.g_l_ns, p.inh.c_m_pf
        ));
    }
    if p.adaptation == AdaptationMode::Stationary {
        notes.push(
            "TVB has no stationary-adaptation variant: W follows its ODE (the page's default)."
                .into(),
        );
    }
    if p.order == Order::Second {
        notes.push(
            "TVB's second-order model divides its numerical first derivatives of the transfer \
             function by 1e3 and its second derivatives by 1e6 (rates in kHz; see TVB's models/zerlaut.py), so its covariances and the 1/2 c d2F corrections are much weaker than \
             in the di Volo code and in Mean-Field Explorer: expect the first-order behaviour."
                .into(),
        );
    }
    notes.push(
        "TVB's transfer function adds 1e-6 kHz to the recurrent rates and clamps only E, I >= 0; \
         ours follows the official code (rates floored at 1e-8 Hz, state clamped to \
         [1e-9, 175]). The difference is below 1e-3 Hz away from the silent state."
            .into(),
    );
    let (n_e, _) = p.population_sizes();
    let n_i = p.n_total - n_e;
    let f = py::float;
    let order = match p.order {
        Order::First => 1,
        Order::Second => 2,
    };
    let params: Vec<(&str, String, &str)> = vec![
        ("g_L", f(p.exc.g_l_ns), "nS"),
        ("C_m", f(p.exc.c_m_pf), "pF"),
        ("E_L_e", f(p.exc.e_l_mv), "mV"),
        ("E_L_i", f(p.inh.e_l_mv), "mV"),
        ("a_e", f(p.exc.a_ns), "nS"),
        ("b_e", f(p.exc.b_pa), "pA"),
        ("tau_w_e", f(p.exc.tau_w_ms), "ms"),
        ("a_i", f(p.inh.a_ns), "nS"),
        ("b_i", f(p.inh.b_pa), "pA"),
        ("tau_w_i", f(p.inh.tau_w_ms), "ms"),
        ("E_e", f(p.synapses.e_e_mv), "mV"),
        ("E_i", f(p.synapses.e_i_mv), "mV"),
        ("Q_e", f(p.synapses.q_e_ns), "nS"),
        ("Q_i", f(p.synapses.q_i_ns), "nS"),
        ("tau_e", f(p.synapses.tau_e_ms), "ms"),
        ("tau_i", f(p.synapses.tau_i_ms), "ms"),
        (
            "N_tot",
            py::int(p.n_total.round().max(0.0) as usize),
            "cells (N_e = N_tot (1 - g), N_i = N_tot g)",
        ),
        ("g", f(p.frac_i), "inhibitory fraction"),
        (
            "p_connect_e",
            f(p.k_e / n_e.max(1e-12)),
            "so that K_e = (1 - g) p_connect_e N_tot",
        ),
        (
            "p_connect_i",
            f(p.k_i / n_i.max(1e-12)),
            "so that K_i = g p_connect_i N_tot",
        ),
        (
            "K_ext_e",
            py::int(p.k_ext.round().max(0.0) as usize),
            "external inputs per cell",
        ),
        ("K_ext_i", "0".into(), "no external inhibition"),
        ("T", f(p.t_mf_ms), "ms, the Markov time constant"),
        (
            "weight_noise",
            "0.0".into(),
            "the stimulus below replaces TVB's OU drive",
        ),
        ("external_input_ex_in", "0.0".into(), "kHz"),
        ("external_input_in_in", "0.0".into(), "kHz"),
    ];
    let mut block = String::from(
        "# ---- The mean field, parameter by parameter, in TVB's names and units ---------------\n",
    );
    block.push_str(&format!(
        "SCENARIO = {}\nORDER = {order}\nDURATION_MS = {}\nDT_MS = {}\nPARAMETERS = {{\n",
        py::string(&format!("?{}", crate::scenario::to_query(s))),
        f(s.duration_ms),
        f(s.dt_ms)
    ));
    for (k, v, unit) in &params {
        block.push_str(&format!("    \"{k}\": {v},  # {unit}\n"));
    }
    block.push_str("}\n");
    block.push_str(&format!(
        "# Threshold polynomial of '{}' mapped by term into TVB's order\n\
         # [P0, Pmu, Psigma, Ptau, Pmumu, Psigmasigma, Ptautau, Pmusigma, Pmutau, Psigmatau], in volts.\n",
        set.id
    ));
    block.push_str(&py::float_list("P_E_VOLT", &tvb_order_volt(&set.exc.p)));
    block.push_str(&py::float_list("P_I_VOLT", &tvb_order_volt(&set.inh.p)));
    let x0 = s.initial_state();
    let c = |v: f64| if order == 2 { v * 1e-6 } else { 0.0 };
    block.push_str(&format!(
        "# Initial state in TVB's units: rates in kHz, covariances in kHz^2, W in pA.\n\
         INITIAL = {{\"E\": {}, \"I\": {}, \"C_ee\": {}, \"C_ei\": {}, \"C_ii\": {}, \
         \"W_e\": {}, \"W_i\": {}, \"ou_drift\": 0.0}}\n",
        f(x0.nu_e * 1e-3),
        f(x0.nu_i * 1e-3),
        f(c(x0.c_ee)),
        f(c(x0.c_ei)),
        f(c(x0.c_ii)),
        f(x0.w_e),
        f(x0.w_i)
    ));
    let signal = s.signal();
    let steps = (s.duration_ms / s.dt_ms).round().max(1.0) as usize;
    let (drive, frac_i) = (p.nu_drive_hz, s.stimulus.frac_i);
    let knots = py::knots(steps, s.dt_ms, super::spec::DRIVE_TOLERANCE, |t| {
        let (e, i) = signal.at(t).external_rates(drive, frac_i);
        vec![e, i]
    });
    block.push_str(
        "# External rate per input [Hz] (drive + stimulus) of each population: knots of a\n\
         # piecewise-linear function of time that gives every DT_MS step's rate (to 1e-4).\n\
         # It becomes external_input_ex_ex (E) and external_input_in_ex (I) in kHz, step by step.\n",
    );
    block.push_str(&knots.python("DRIVE_T_MS", &["DRIVE_E_HZ", "DRIVE_I_HZ"]));
    let run = "Run it (TVB from PyPI: `pip install tvb-library`):\n    \
               python3 THIS_FILE.py > trace.csv    # CSV as `meanfield run`: \
               t_ms,nu_e,nu_i,c_ee,c_ei,c_ii,w_e,w_i,input_e,input_i\n\
               To couple many regions, give the Simulator a real Connectivity and a coupling; \
               the\nlong-range input enters TVB's model as an extra excitatory rate, like the \
               drive here.";
    let mut text = py::header(
        s,
        "The AdEx mean field of Mean-Field Explorer (di Volo et al. 2019) for The Virtual Brain.",
        run,
        &notes,
    );
    text.push('\n');
    text.push_str(&block);
    text.push_str(BODY);
    text.push_str(py::CSV_AND_MAIN);
    Ok((text, notes))
}
