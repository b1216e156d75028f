//! The exact mean fields as PyRates scripts: PyRates' own templates (`qif`, `qif_sfa`,
//! `ik_nodim`, `ik_theta`, `ik_eta`; `exact_mf.md`) with the scenario's parameters, initial state and
//! input. The dimensionless families run in their own time unit (PyRates τ = 1) and the script
//! converts time and rate back to ms and Hz.

use super::py;
use crate::lorentz::families::{dispatch, PyRatesTemplate};
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

/// The script and what does not carry over exactly.
pub(super) fn script(s: &Scenario) -> Result<(String, Vec<String>), Error> {
    let mf = s
        .lorentz()
        .ok_or_else(|| Error::Usage("the PyRates export needs an exact mean field".into()))?;
    let f = py::float;
    let x0 = mf.initial_state();
    // The family's own template and parameter names (lorentz/families).
    let PyRatesTemplate {
        template,
        op,
        j,
        mut vars,
        extra,
        note,
    } = dispatch!(mf.family, &mf.p => pyrates());
    vars.push(("r", x0[0]));
    vars.push(("v", x0[1]));
    let signal = s.signal();
    let steps = (s.duration_ms / s.dt_ms).round().max(1.0) as usize;
    let knots = py::knots(steps, s.dt_ms, super::spec::DRIVE_TOLERANCE, |t| {
        vec![mf.input(signal.at(t))]
    });
    // The biophysical families (currents in pA) run in ms; the others in their own unit.
    let unit = if mf.current_unit().is_empty() {
        "ms: PyRates runs with tau = 1 in this unit (r per unit)"
    } else {
        "ms (r in 1/ms)"
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
    notes.extend(note);
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
