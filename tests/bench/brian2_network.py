"""The di Volo et al. 2019 RS/FS AdEx network in Brian2, for comparison with Mean-Field Explorer's
network (speed and rates). Run through scripts/bench-brian2.sh, which installs Brian2 into a
local virtualenv and prints this script's figures beside ours.

The network is ours, parameter for parameter (adex_mf.md section 1): AdEx RS (a = 0, tau_w =
500 ms) and FS cells, V cut at V_T + 5 Delta_T, reset -65 mV, 5 ms refractory, exponential
conductance synapses (Q_e = 1.5 nS, Q_i = 5 nS, tau 5 ms, E_e = 0, E_i = -80 mV), random wiring
with p = K/N_pop and no self-connections, forward Euler at dt = 0.1 ms, V(0) uniform between
reset and threshold, W_e(0) = 100 pA. The drive is K_ext = 400 independent Poisson inputs per
cell (PoissonInput), as in our network and as the mean field assumes; the paper's scripts use a
shared PoissonGroup instead, which adds input correlations.

Usage: python brian2_network.py N B_PA NU_DRIVE_HZ DURATION_MS SEED
Prints one JSON object: rates over the second half, spike counts, wall times, peak memory.
"""

import json
import resource
import sys
import time

from brian2 import (Hz, Network, NeuronGroup, PoissonInput, PopulationRateMonitor, SpikeMonitor,
                    Synapses, defaultclock, ms, mV, nS, pA, pF, prefs, second, seed)


def main():
    n_total, b_pa, nu_drive, duration_ms, rng_seed = (float(x) for x in sys.argv[1:6])
    prefs.codegen.target = "cython"
    seed(int(rng_seed))
    defaultclock.dt = 0.1 * ms
    n_e = int(round(0.8 * n_total))
    n_i = int(round(0.2 * n_total))
    k_e, k_i, k_ext = 400, 100, 400

    eqs = """
    dv/dt = (g_l*(e_l - v) + g_l*delta_t*exp((v - v_thr)/delta_t) - w
             + ge*(0*mV - v) + gi*(-80*mV - v))/c_m : volt (unless refractory)
    dw/dt = (a*(v - e_l) - w)/tau_w : amp
    dge/dt = -ge/(5*ms) : siemens
    dgi/dt = -gi/(5*ms) : siemens
    g_l : siemens (constant)
    c_m : farad (constant)
    e_l : volt (constant)
    delta_t : volt (constant)
    v_thr : volt (constant)
    v_cut : volt (constant)
    a : siemens (constant)
    b : amp (constant)
    tau_w : second (constant)
    """
    g = NeuronGroup(n_e + n_i, eqs, threshold="v > v_cut", reset="v = -65*mV; w += b",
                    refractory=5 * ms, method="euler")
    g.g_l = 10 * nS
    g.c_m = 200 * pF
    g.e_l = -65 * mV
    g.v_thr = -50 * mV
    g.a = 0 * nS
    g.tau_w = 500 * ms
    exc, inh = g[:n_e], g[n_e:]
    exc.delta_t = 2 * mV
    inh.delta_t = 0.5 * mV
    exc.b = b_pa * pA
    inh.b = 0 * pA
    g.v_cut = "v_thr + 5*delta_t"
    g.v = "-65*mV + rand()*15*mV"
    exc.w = 100 * pA
    inh.w = 0 * pA

    syn = []
    for pre, post, on_pre, k, n_pre, same in [
        (exc, exc, "ge_post += 1.5*nS", k_e, n_e, True),
        (exc, inh, "ge_post += 1.5*nS", k_e, n_e, False),
        (inh, exc, "gi_post += 5*nS", k_i, n_i, False),
        (inh, inh, "gi_post += 5*nS", k_i, n_i, True),
    ]:
        s = Synapses(pre, post, on_pre=on_pre)
        if same:
            s.connect(condition="i != j", p=k / (n_pre - 1))
        else:
            s.connect(p=k / n_pre)
        syn.append(s)
    drive = PoissonInput(g, "ge", N=k_ext, rate=nu_drive * Hz, weight=1.5 * nS)
    rate_e, rate_i = PopulationRateMonitor(exc), PopulationRateMonitor(inh)
    spikes = SpikeMonitor(g, record=False)
    net = Network(g, *syn, drive, rate_e, rate_i, spikes)

    t0 = time.perf_counter()
    net.store()
    net.run(1 * ms)  # code generation and compilation, then back to t = 0
    net.restore()
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    net.run(duration_ms * ms)
    wall_s = time.perf_counter() - t0

    half = rate_e.t >= 0.5 * duration_ms * ms
    counts = spikes.count[:]
    print(json.dumps({
        "simulator": "brian2 (cython)",
        "n": n_e + n_i,
        "synapses": int(sum(len(s) for s in syn)),
        "mean_nu_e": float(rate_e.rate[half].mean() / Hz),
        "mean_nu_i": float(rate_i.rate[half].mean() / Hz),
        "spikes_e": int(counts[:n_e].sum()),
        "spikes_i": int(counts[n_e:].sum()),
        "build_wall_s": build_s,
        "wall_s": wall_s,
        "model_s_per_wall_s": duration_ms * 1e-3 / wall_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main()
