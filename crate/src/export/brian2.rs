//! The AdEx or Izhikevich network as a standalone Brian2 script.

use super::NetSpec;

/// The script's fixed part: it reads the constants of [`NetSpec::python_block`].
const BODY: &str = r#"
import argparse
import json
import math
import sys
import time

import numpy as np
from brian2 import (Hz, Network, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, TimedArray,
                    defaultclock, mV, ms, nS, pA, pF, prefs, seed)

# Forward Euler for v and w with the conductances of the step's start, as Mean-Field Explorer;
# the conductances decay exactly (run_regularly below), and v is held during the refractory time.
EQUATIONS = {
    "adex": """
        dv/dt = (g_L*(E_L - v) + g_L*Delta_T*exp((v - V_th)/Delta_T) - w
                 + ge*(E_E - v) + gi*(E_I - v))/C_m : volt (unless refractory)
        dw/dt = (a*(v - E_L) - w)/tau_w : amp
        ge : siemens
        gi : siemens
    """,
    "izhikevich": """
        dv/dt = (k*(v - v_q)**2 - w + ge*(E_E - v) + gi*(E_I - v))/C_m : volt (unless refractory)
        dw/dt = (b*v - w)/tau_u : amp
        ge : siemens
        gi : siemens
    """,
}


def namespace(name):
    c = CELLS[name]
    ns = {"E_E": E_E * mV, "E_I": E_I * mV, "C_m": c["C_m"] * pF,
          "decay_e": math.exp(-DT_MS / TAU_E), "decay_i": math.exp(-DT_MS / TAU_I),
          "q_e": Q_E * nS}
    if CELL_MODEL == "adex":
        ns.update({"g_L": c["g_L"] * nS, "E_L": c["E_L"] * mV, "V_th": c["V_th"] * mV,
                   "Delta_T": c["Delta_T"] * mV, "a": c["a"] * nS, "b": c["b"] * pA,
                   "tau_w": c["tau_w"] * ms, "v_peak": c["V_peak"] * mV,
                   "v_reset": c["V_reset"] * mV})
    else:
        ns.update({"k": c["k"] * nS / mV, "v_q": c["v_q"] * mV, "b": c["b"] * nS,
                   "d": c["d"] * pA, "tau_u": c["tau_u"] * ms, "v_peak": c["v_peak"] * mV,
                   "v_reset": c["v_reset"] * mV})
    return ns


def population(name, n, drive_hz):
    c = CELLS[name]
    ns = namespace(name)
    steps = int(round(DURATION_MS / DT_MS))
    t = np.arange(steps + 1) * DT_MS
    # Each cell has K_EXT independent Poisson inputs at the per-input rate: one Poisson count
    # per cell and step at K_EXT times that rate.
    ns["drive"] = TimedArray(K_EXT * np.interp(t, DRIVE_T_MS, drive_hz) * Hz, dt=DT_MS * ms)
    reset = "v = v_reset; w += b" if CELL_MODEL == "adex" else "v = v_reset; w += d"
    t_ref = c["t_ref"]
    g = NeuronGroup(n, EQUATIONS[CELL_MODEL], threshold="v >= v_peak", reset=reset,
                    refractory=t_ref * ms, method="euler", namespace=ns, name=name)
    lo, hi = V0_RANGE[name]
    g.v = (lo + (hi - lo) * np.random.uniform(size=n)) * mV
    g.w = W0[name] * pA
    g.run_regularly("ge = ge*decay_e\ngi = gi*decay_i", when="groups", order=1,
                    name=name + "_decay")
    g.run_regularly("ge += q_e*poisson(drive(t)*dt)", when="synapses", order=1,
                    name=name + "_drive")
    return g


def connect(pre, post, k, n_pre, same_population, on_pre, rng):
    s = Synapses(pre, post, on_pre=on_pre, namespace={"q_exc": Q_E * nS, "q_inh": Q_I * nS},
                 name=pre.name + "_to_" + post.name)
    if CONNECTIVITY == "fixed_indegree":
        # Exactly k distinct presynaptic cells for every cell, never itself.
        k = int(k)
        i = np.empty((len(post), k), dtype=np.int64)
        for j in range(len(post)):
            if same_population:
                pick = rng.choice(n_pre - 1, size=k, replace=False)
                i[j] = pick + (pick >= j)
            else:
                i[j] = rng.choice(n_pre, size=k, replace=False)
        s.connect(i=i.ravel(), j=np.repeat(np.arange(len(post)), k))
    elif same_population:
        s.connect(condition="i != j", p=k / (n_pre - 1))
    else:
        s.connect(p=k / n_pre)
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="-", help="CSV file of the binned rates ('-': stdout)")
    ap.add_argument("--json", action="store_true",
                    help="print a JSON summary (mean rates, wall times) instead of the CSV")
    ap.add_argument("--sample", type=int, default=1000,
                    help="cells per population whose V and w are averaged into v_e, v_i, w_e, w_i")
    ap.add_argument("--target", default="auto", choices=("auto", "cython", "numpy"),
                    help="Brian2 code generation target (default: cython if it is installed)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    prefs.codegen.target = args.target
    seed(SEED)
    np.random.seed(SEED)
    rng = np.random.default_rng(SEED)
    defaultclock.dt = DT_MS * ms
    exc = population("exc", N_E, DRIVE_E_HZ)
    inh = population("inh", N_I, DRIVE_I_HZ)
    syn = [connect(exc, exc, K_E, N_E, True, "ge_post += q_exc", rng),
           connect(exc, inh, K_E, N_E, False, "ge_post += q_exc", rng),
           connect(inh, exc, K_I, N_I, False, "gi_post += q_inh", rng),
           connect(inh, inh, K_I, N_I, True, "gi_post += q_inh", rng)]
    pops = (exc, inh)
    spikes = [SpikeMonitor(p) for p in pops]
    states = [StateMonitor(p, ("v", "w"), record=range(min(args.sample, len(p))),
                           dt=BIN_MS * ms) for p in pops]
    net = Network(*pops, *syn, *spikes, *states)
    net.store()
    net.run(DT_MS * ms)  # code generation and compilation, then back to t = 0
    net.restore()
    build_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    net.run(DURATION_MS * ms)
    wall_s = time.perf_counter() - t0

    # Bins as in Mean-Field Explorer: bin k holds the spikes of steps k*spb .. (k+1)*spb - 1
    # (Brian2 stamps a spike with its step's start); v and w are the means at the bin's end.
    spb = int(round(BIN_MS / DT_MS))
    n_bins = int(round(DURATION_MS / DT_MS)) // spb
    columns = []
    for p, sm, st in zip(pops, spikes, states):
        k = np.round(np.asarray(sm.t / ms) / DT_MS).astype(np.int64) // spb
        counts = np.bincount(k[(k >= 0) & (k < n_bins)], minlength=n_bins)
        # StateMonitor samples at t = m*BIN_MS hold the state at the end of bin m - 1.
        v = np.mean(np.asarray(st.v / mV), axis=0)[1:]
        w = np.mean(np.asarray(st.w / pA), axis=0)[1:]
        n_rec = min(args.sample, len(p))
        v = np.append(v, np.mean(np.asarray(p.v[:n_rec] / mV)))[:n_bins]
        w = np.append(w, np.mean(np.asarray(p.w[:n_rec] / pA)))[:n_bins]
        columns.append((counts / (len(p) * BIN_MS * 1e-3), v, w))
    t_end = (np.arange(n_bins) + 1) * spb * DT_MS
    from brian2 import __version__ as brian2_version
    write_output(args, t_end, columns, {
        "simulator": "Brian2 " + brian2_version + " (" + args.target + ")",
        "synapses": int(sum(len(s) for s in syn)), "build_wall_s": build_s, "wall_s": wall_s})
"#;

/// The script and what does not carry over exactly.
pub(super) fn script(spec: &NetSpec) -> (String, Vec<String>) {
    let notes = vec![
        "The random numbers differ: Brian2 and numpy draw the wiring, V(0) and the Poisson \
         counts from their own generators seeded with SEED. Expect rates to agree within the \
         run's statistical error, not spike for spike."
            .to_string(),
    ];
    let run = "Run it (Brian2 2.9 from PyPI: `pip install brian2 'numpy<2.3' cython`):\n    \
               python3 THIS_FILE.py > rates.csv     # CSV as `meanfield network`: \
               t_ms,nu_e,nu_i,v_e,v_i,w_e,w_i\n    \
               python3 THIS_FILE.py --json          # summary: mean rates, wall times\n\
               For larger networks, Brian2's standalone C++ mode (set_device('cpp_standalone'),\n\
               with prefs.devices.cpp_standalone.openmp_threads) runs on several cores.";
    let text = spec.script(
        "The spiking network of Mean-Field Explorer as a Brian2 script.",
        run,
        &notes,
        BODY,
    );
    (text, notes)
}
