"""The dimensionless Izhikevich network of Chen & Campbell 2022 in Brian2, for comparison with
Mean-Field Explorer's `izh_cc` network (speed at matched accuracy). Ours, parameter for parameter
(exact_mf.md section 3, the page's defaults): N neurons, time unit T = C/(k |V_R|) = 1.5385 ms,
excitabilities eta_j at the deterministic Lorentzian quantiles 0.12 + 0.02 tan(pi/2 (2j - N - 1)/
(N + 1)), each neuron its own adaptation u_j,

    dv/dt = (v^2 - alpha v + eta_j - u_j + g s (e_r - v)) / T
    du/dt = a (b v - u_j) / T,   u_j += d at a spike,
    ds/dt = -s / (tau_s T),      s += s_jump / N at each spike of the network,

v_peak = 200, reset -200 after the refractory time 2 T / v_peak (the time the unbounded neuron
takes from +v_peak through infinity back to -v_peak), no input. Forward Euler at the given step.
The synaptic gating s is one cell (the hub) that every spike reaches.

Usage: python brian2_cc.py N DT_MS DURATION_MS
Prints one JSON object: the mean rate over the second half, wall times, model s per wall s.
"""

import sys

from brian2 import (Network, NeuronGroup, PopulationRateMonitor, Synapses, defaultclock,
                    linked_var, ms, prefs)
from brian2_exact import lorentzian_quantiles, run_and_report


def main():
    n, dt_ms, duration_ms = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
    prefs.codegen.target = "cython"
    defaultclock.dt = dt_ms * ms
    t_unit = 250.0 / (2.5 * 65.0) * ms
    eta_bar, delta, v_peak = 0.12, 0.02, 200.0
    hub = NeuronGroup(1, "ds/dt = -s / (tau_s * T) : 1", name="hub",
                      namespace={"tau_s": 2.6, "T": t_unit})
    group = NeuronGroup(
        n,
        """dv/dt = (v**2 - alpha*v + eta - u + g*s_syn*(e_r - v))/T : 1 (unless refractory)
        du/dt = a*(b*v - u)/T : 1
        eta : 1 (constant)
        s_syn : 1 (linked)""",
        threshold=f"v >= {v_peak}", reset=f"v = -{v_peak}; u += d",
        refractory=2 * t_unit / v_peak, method="euler", name="cc",
        namespace={"alpha": 0.6215, "g": 1.2308, "e_r": 1.0, "a": 0.0077, "b": -0.0062,
                   "d": 0.0189, "T": t_unit})
    group.s_syn = linked_var(hub, "s")
    group.eta = lorentzian_quantiles(eta_bar, delta, n)
    group.v = -2.0
    jump = Synapses(group, hub, on_pre=f"s_post += {1.2308 / n}", name="jump")
    jump.connect()
    rate = PopulationRateMonitor(group)
    net = Network(hub, group, jump, rate)
    run_and_report(net, rate, n, dt_ms, duration_ms)


if __name__ == "__main__":
    main()
