//! The AdEx network as a standalone PyNEST script (NEST 3, `aeif_cond_exp`).

use super::NetSpec;

/// The script's fixed part: it reads the constants of [`NetSpec::python_block`].
const BODY: &str = r#"
import argparse
import json
import os
import sys
import time
import warnings

import numpy as np

os.environ.setdefault("PYNEST_QUIET", "1")  # no banner on stdout, where the CSV goes
import nest  # noqa: E402


def neuron_params(name):
    """aeif_cond_exp parameters of one population: the cell as listed, conductance synapses."""
    p = dict(CELLS[name])
    p.update({"E_ex": E_E, "E_in": E_I, "tau_syn_ex": TAU_E, "tau_syn_in": TAU_I, "I_e": 0.0})
    return p


def rate_schedule(series):
    """External Poisson rate per cell [Hz] (K_EXT inputs) as NEST change points: one value
    per DT_MS step from the knots, kept where it changes. NEST takes change times strictly
    after 0, so the rate of the first step starts one step late."""
    steps = int(round(DURATION_MS / DT_MS))
    t = np.arange(steps) * DT_MS
    rate = K_EXT * np.interp(t, DRIVE_T_MS, series)
    keep = np.concatenate(([True], np.diff(rate) != 0.0))
    times, rates = np.round(t[keep] / DT_MS) * DT_MS, rate[keep]
    times[0] = DT_MS
    if len(times) > 1 and times[1] <= DT_MS:
        times, rates = times[1:], rates[1:]
    return times, rates


def connect(pre, post, k, n_pre, same_population, weight):
    if CONNECTIVITY == "fixed_indegree":
        conn = {"rule": "fixed_indegree", "indegree": int(k), "allow_autapses": False,
                "allow_multapses": False}
    else:
        conn = {"rule": "pairwise_bernoulli", "p": k / (n_pre - 1 if same_population else n_pre),
                "allow_autapses": False}
    # NEST's smallest delay is one step; Mean-Field Explorer delivers spikes in the same step.
    nest.Connect(pre, post, conn, {"synapse_model": "static_synapse", "weight": weight,
                                   "delay": DT_MS})


def allreduce(x):
    """Sums an array over MPI processes (a no-op in a single process)."""
    if nest.NumProcesses() == 1:
        return x
    try:
        from mpi4py import MPI
    except ImportError:
        sys.exit("running on several MPI processes needs mpi4py to gather the rates")
    return MPI.COMM_WORLD.allreduce(x, op=MPI.SUM)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, default=1,
                    help="threads per process (nest.local_num_threads); default 1")
    ap.add_argument("--out", default="-", help="CSV file of the binned rates ('-': stdout)")
    ap.add_argument("--json", action="store_true",
                    help="print a JSON summary (mean rates, wall times) instead of the CSV")
    ap.add_argument("--sample", type=int, default=1000,
                    help="cells per population whose V and w are averaged into v_e, v_i, w_e, w_i")
    args = ap.parse_args()

    t0 = time.perf_counter()
    nest.ResetKernel()
    try:
        nest.verbosity = nest.VerbosityLevel.ERROR
    except AttributeError:
        nest.set_verbosity("M_ERROR")
    # Same seed, same virtual processes (threads x MPI processes): same network, same spikes.
    nest.set(resolution=DT_MS, rng_seed=SEED, local_num_threads=args.threads, print_time=False)

    exc = nest.Create("aeif_cond_exp", N_E, params=neuron_params("exc"))
    inh = nest.Create("aeif_cond_exp", N_I, params=neuron_params("inh"))
    pops = (("exc", exc), ("inh", inh))
    for name, pop in pops:
        lo, hi = V0_RANGE[name]
        pop.V_m = nest.random.uniform(lo, hi)
        pop.w = W0[name]

    connect(exc, exc, K_E, N_E, True, Q_E)
    connect(exc, inh, K_E, N_E, False, Q_E)
    connect(inh, exc, K_I, N_I, False, -Q_I)  # a negative weight drives g_in
    connect(inh, inh, K_I, N_I, True, -Q_I)

    # Each cell receives its own Poisson train at K_EXT times the per-input rate: K_EXT
    # independent inputs of weight Q_E, with the stimulus in the rate.
    for (name, pop), series in zip(pops, (DRIVE_E_HZ, DRIVE_I_HZ)):
        times, rates = rate_schedule(series)
        gen = nest.Create("inhomogeneous_poisson_generator",
                          params={"rate_times": times, "rate_values": rates})
        nest.Connect(gen, pop, syn_spec={"weight": Q_E, "delay": DT_MS})

    recorders, meters = [], []
    for name, pop in pops:
        sr = nest.Create("spike_recorder")
        nest.Connect(pop, sr)
        mm = nest.Create("multimeter", params={"interval": BIN_MS, "record_from": ["V_m", "w"]})
        nest.Connect(mm, pop[:min(args.sample, len(pop))])
        recorders.append(sr)
        meters.append(mm)
    build_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    nest.Simulate(DURATION_MS)
    wall_s = time.perf_counter() - t0

    # Bins as in Mean-Field Explorer: bin k holds the spikes of steps k*spb+1 .. (k+1)*spb
    # (a spike's time is the end of its step); v and w are the means at the bin's end.
    spb = int(round(BIN_MS / DT_MS))
    n_bins = int(round(DURATION_MS / DT_MS)) // spb
    columns = []
    for (name, pop), sr, mm in zip(pops, recorders, meters):
        step = np.round(sr.get("events")["times"] / DT_MS).astype(np.int64)
        k = (step - 1) // spb
        counts = np.bincount(k[(k >= 0) & (k < n_bins)], minlength=n_bins).astype(float)
        ev = mm.get("events")
        kb = np.round(ev["times"] / BIN_MS).astype(np.int64) - 1
        ok = (kb >= 0) & (kb < n_bins)
        sums = [np.bincount(kb[ok], weights=ev[v][ok], minlength=n_bins) for v in ("V_m", "w")]
        n = np.bincount(kb[ok], minlength=n_bins).astype(float)
        # The multimeter does not sample the run's last instant: read the state itself.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            local = nest.GetLocalNodeCollection(pop[:min(args.sample, len(pop))])
        for s, v in zip(sums, ("V_m", "w")):
            s[-1] = np.sum(np.atleast_1d(np.asarray(local.get(v), dtype=float))) if len(local) else 0.0
        n[-1] = float(len(local))
        counts, v_sum, w_sum, n = (allreduce(x) for x in (counts, sums[0], sums[1], n))
        n = np.maximum(n, 1.0)
        columns.append((counts / (len(pop) * BIN_MS * 1e-3), v_sum / n, w_sum / n))
    if nest.Rank() != 0:
        return
    t_end = (np.arange(n_bins) + 1) * spb * DT_MS
    write_output(args, t_end, columns, {
        "simulator": "NEST " + nest.__version__, "threads": args.threads,
        "processes": nest.NumProcesses(), "build_wall_s": build_s, "wall_s": wall_s})
"#;

/// The script and what does not carry over exactly.
pub(super) fn script(spec: &NetSpec) -> (String, Vec<String>) {
    let notes = vec![
        "NEST integrates aeif_cond_exp with an adaptive Runge-Kutta-Fehlberg method inside \
         each step; Mean-Field Explorer uses forward Euler at DT_MS. Expect rates to agree \
         within the run's statistical error, not spike for spike."
            .to_string(),
        "NEST's smallest synaptic delay is one step (DT_MS); ours is zero (a spike acts in \
         the next step)."
            .to_string(),
        "The random numbers differ: NEST draws the wiring, V(0) and the Poisson trains from its \
         own generator seeded with SEED."
            .to_string(),
    ];
    let run = "Run it (NEST 3.10 from PyPI: `pip install nest-simulator`):\n    \
               python3 THIS_FILE.py > rates.csv            # CSV as `meanfield network`: \
               t_ms,nu_e,nu_i,v_e,v_i,w_e,w_i\n    \
               python3 THIS_FILE.py --threads 8 --json     # more threads; summary as JSON\n    \
               mpirun -np 4 python3 THIS_FILE.py --threads 8 --out rates.csv   # a cluster (needs mpi4py)\n\
               The same SEED with the same number of virtual processes (threads x processes) \
               gives the\nsame spikes; another split gives another, equally valid, sample.";
    let text = spec.script(
        "The spiking network of Mean-Field Explorer as a PyNEST script (aeif_cond_exp).",
        run,
        &notes,
        BODY,
    );
    (text, notes)
}
