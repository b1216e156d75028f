//! The exact mean fields as PyRates scripts: PyRates' own templates (`qif`, `qif_sfa`,
//! `ik_nodim`, `ik_theta`, `ik_eta`; `exact_mf.md`) with the scenario's parameters, initial state and
//! input. The dimensionless families run in their own time unit (PyRates τ = 1) and the script
//! converts time and rate back to ms and Hz.

use super::py;
use crate::lorentz::Family;
use crate::scenario::Scenario;
use crate::Error;

const BODY: &str = r#"
import argparse
import contextlib
import os
import sys
import tempfile
import warnings

import numpy as np
from pyrates import CircuitTemplate


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="-", help="CSV file of the trace ('-': stdout)")
    ap.add_argument("--solver", default="scipy", choices=("scipy", "euler"),
                    help="scipy: adaptive RK45 at tight tolerances (default, close to the page's "
                         "RK4); euler: PyRates' default fixed-step Euler at the same step")
    args = ap.parse_args()

    circuit = CircuitTemplate.from_yaml(TEMPLATE)
    circuit.update_var(node_vars={NODE + k: v for k, v in NODE_VARS.items()},
                       edge_vars=[(NODE + "r", NODE + "r_in", {"weight": J})])
    # The input current on the step grid (in the model's time unit): I_0 plus the stimulus.
    steps = int(round(DURATION_MS / DT_MS))
    t_ms = np.arange(steps) * DT_MS
    current = np.interp(t_ms, INPUT_T_MS, INPUT)
    # RK45's steps are capped at DT_MS: an unbounded step can overshoot where r comes close
    # to 0 (ik_eta's bursts) and step over a short pulse.
    kwargs = ({"rtol": 1e-9, "atol": 1e-12, "max_step": DT_MS / TIME_UNIT_MS}
              if args.solver == "scipy" else {})
    outputs = {name: NODE + name for name in ["r", "v"] + EXTRA}
    here = os.getcwd()
    warnings.filterwarnings("ignore", message="The following arguments have no effect")
    # PyRates writes its generated code into the working folder and its progress to stdout,
    # where the CSV goes: a temporary folder for the one, stderr for the other.
    with tempfile.TemporaryDirectory() as build, contextlib.redirect_stdout(sys.stderr):
        os.chdir(build)
        try:
            res = circuit.run(simulation_time=steps * DT_MS / TIME_UNIT_MS,
                              step_size=DT_MS / TIME_UNIT_MS, inputs={NODE + "I_ext": current},
                              outputs=outputs, solver=args.solver, float_precision="float64",
                              clear=True, **kwargs)
        finally:
            os.chdir(here)

    rows = ([k * DT_MS, float(res["r"].iloc[k]) / TIME_UNIT_MS * 1e3]
            + [float(res[c].iloc[k]) for c in ["v"] + EXTRA] + [current[k]]
            for k in range(len(res.index)))
    write_csv(args.out, ["t_ms", "r", "v"] + EXTRA + ["input"], rows, 12)
"#;

/// A family's PyRates template: circuit path, operator, edge weight J, node variables (name,
/// value) and the state variables beyond r and v.
type Template = (
    &'static str,
    &'static str,
    f64,
    Vec<(&'static str, f64)>,
    &'static [&'static str],
);

/// The script and what does not carry over exactly.
pub(super) fn script(s: &Scenario) -> Result<(String, Vec<String>), Error> {
    let mf = s
        .lorentz()
        .ok_or_else(|| Error::Usage("the PyRates export needs an exact mean field".into()))?;
    let p = &mf.p;
    let f = py::float;
    let x0 = mf.initial_state();
    let (template, op, j, mut vars, extra): Template = match mf.family {
        Family::Qif | Family::QifSfa => {
            let q = &p.qif;
            let mut v = vec![("tau", 1.0), ("Delta", q.delta), ("eta", q.eta)];
            if mf.family == Family::QifSfa {
                v.extend([
                    ("alpha", p.sfa.alpha),
                    ("tau_a", p.sfa.tau_a),
                    ("a", 0.0),
                    ("x", 0.0),
                ]);
                ("qif.qif_sfa", "qif_sfa_op", q.j, v, &["a", "x"])
            } else {
                ("qif.qif", "qif_op", q.j, v, &[])
            }
        }
        Family::Cc => {
            let c = &p.cc;
            (
                "ik.ik_nodim",
                "ik_nodim_op",
                c.j,
                vec![
                    ("tau", 1.0),
                    ("Delta", c.delta),
                    ("eta", c.eta),
                    ("alpha", c.alpha),
                    ("g", c.g),
                    ("E_r", c.e_r),
                    ("a", c.a),
                    ("b", c.b),
                    ("d", c.d),
                    ("tau_s", c.tau_s),
                    ("u", 0.0),
                    ("s", 0.0),
                ],
                &["u", "s"],
            )
        }
        Family::Gsk | Family::Eta => {
            let g = &p.gsk;
            // ik_eta writes the heterogeneity term as Delta k^2/(pi C), ours (and Gast's
            // scripts) k Delta_eta/(pi C): passing Delta_eta / k gives the same term at any k.
            let (template, op, delta) = if mf.family == Family::Eta {
                ("ik.ik_eta", "ik_eta_op", p.eta.delta_pa / g.k)
            } else {
                ("ik.ik_theta", "ik_theta_op", g.delta_mv)
            };
            (
                template,
                op,
                g.j,
                vec![
                    ("C", g.c_pf),
                    ("k", g.k),
                    ("v_r", g.v_r_mv),
                    ("v_t", g.v_t_mv),
                    ("Delta", delta),
                    ("eta", g.eta_pa),
                    ("a", g.a_per_ms),
                    ("b", g.b_ns),
                    ("d", g.d_pa),
                    ("g", g.g_ns),
                    ("E_r", g.e_r_mv),
                    ("tau_s", g.tau_s_ms),
                    ("u", 0.0),
                    ("s", 0.0),
                ],
                &["u", "s"],
            )
        }
    };
    vars.push(("r", x0[0]));
    vars.push(("v", x0[1]));
    let signal = s.signal();
    let steps = (s.duration_ms / s.dt_ms).round().max(1.0) as usize;
    let knots = py::knots(steps, s.dt_ms, super::spec::DRIVE_TOLERANCE, |t| {
        vec![mf.input(signal.at(t))]
    });
    let unit = match mf.family {
        Family::Gsk | Family::Eta => "ms (r in 1/ms)",
        _ => "ms: PyRates runs with tau = 1 in this unit (r per unit)",
    };
    let mut block = String::from(
        "# ---- The mean field, parameter by parameter (PyRates' names) ------------------------\n",
    );
    block.push_str(&format!(
        "SCENARIO = {}\nTEMPLATE = {}\nNODE = {}\nTIME_UNIT_MS = {}  # {unit}\n\
         DURATION_MS = {}\nDT_MS = {}\nJ = {}  # the edge r -> r_in\nNODE_VARS = {{\n",
        py::string(&format!("?{}", crate::scenario::to_query(s))),
        py::string(&format!("model_templates.neural_mass_models.{template}")),
        py::string(&format!("p/{op}/")),
        f(mf.t_unit_ms()),
        f(s.duration_ms),
        f(s.dt_ms),
        f(j)
    ));
    for (k, v) in &vars {
        block.push_str(&format!("    \"{k}\": {},\n", f(*v)));
    }
    block.push_str("}\n");
    block.push_str(&format!(
        "EXTRA = [{}]  # state variables beyond r and v\n",
        extra
            .iter()
            .map(|e| py::string(e))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    block.push_str(&format!(
        "# Input current I_ext ({}) over time [ms]: knots of a piecewise-linear function that\n\
         # gives every DT_MS step's value (to 1e-4 of its largest).\n",
        if mf.current_unit().is_empty() {
            "dimensionless"
        } else {
            mf.current_unit()
        }
    ));
    block.push_str(&knots.python("INPUT_T_MS", &["INPUT"]));
    let mut notes = vec![
        "Mean-Field Explorer integrates with classical RK4 at DT_MS; the script uses scipy's \
         RK45 at tight tolerances, steps capped at DT_MS, on PyRates' linearly interpolated \
         input (a step becomes a ramp one step wide), or PyRates' Euler with --solver euler."
            .to_string(),
        "PyRates returns no sample at t = DURATION_MS (its output grid excludes the end); the \
         CSV stops one step earlier than `meanfield run`."
            .to_string(),
    ];
    if mf.family == Family::Eta {
        notes.push(format!(
            "PyRates 1.2.3's ik_eta writes the heterogeneity term of r' as Delta*k^2/(pi*C); \
             the Lorentzian ansatz (and Gast's scripts) give k*Delta/(pi*C). The script passes \
             Delta = Delta_eta / k = {} so that both are the same model.",
            f(p.eta.delta_pa / p.gsk.k)
        ));
    }
    let run = "Run it (PyRates 1.2.3 from PyPI: `pip install pyrates`):\n    \
               python3 THIS_FILE.py > trace.csv    # CSV as `meanfield run`: t_ms,r,v,...,input\n\
               PyRates compiles the model to Python in a temporary folder; the template can \
               be\nextended into circuits of many coupled populations (CircuitTemplate with \
               several nodes).";
    let mut text = py::header(
        s,
        &format!(
            "{} of Mean-Field Explorer as a PyRates script.",
            s.model.label()
        ),
        run,
        &notes,
    );
    text.push('\n');
    text.push_str(&block);
    text.push_str(BODY);
    text.push_str(py::CSV_AND_MAIN);
    Ok((text, notes))
}
