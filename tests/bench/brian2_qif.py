"""The QIF network of Montbrió, Pazó & Roxin 2015 in Brian2, for comparison with Mean-Field
Explorer's `qif` network (speed at matched accuracy). Ours, parameter for parameter
(exact_mf.md section 1): N neurons, tau = 10 ms, excitabilities eta_j at the deterministic
Lorentzian quantiles -5 + tan(pi/2 (2j - N - 1)/(N + 1)), all-to-all coupling J r tau with r
the population rate of the previous step, v_peak = 100, reset -100 after the refractory time
2 tau / v_peak (MPR's correction), no input. Forward Euler at the given step. The population
rate reaches every neuron through a one-cell hub that counts the step's spikes.

Usage: python brian2_qif.py N DT_MS DURATION_MS
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
    tau, j_coupling, v_peak = 10 * ms, 15.0, 100.0
    hub = NeuronGroup(1, "r : Hz", name="hub")
    group = NeuronGroup(
        n,
        """dv/dt = (v**2 + eta + j*r_pop*tau)/tau : 1 (unless refractory)
        eta : 1 (constant)
        j : 1 (shared, constant)
        r_pop : Hz (linked)""",
        threshold=f"v >= {v_peak}", reset=f"v = -{v_peak}",
        refractory=2 * tau / v_peak, method="euler", name="qif")
    group.r_pop = linked_var(hub, "r")
    group.j = j_coupling
    group.eta = lorentzian_quantiles(-5.0, 1.0, n)
    group.v = -2.0
    # The step's spikes, counted by the hub (reset before the spikes of the step are added).
    count = Synapses(group, hub, on_pre=f"r_post += 1/({n}*dt)", name="count")
    count.connect()
    hub.run_regularly("r = 0*Hz", when="before_synapses", name="hub_reset")
    rate = PopulationRateMonitor(group)
    net = Network(hub, group, count, rate)
    run_and_report(net, rate, n, dt_ms, duration_ms, {"tau": tau})


if __name__ == "__main__":
    main()
