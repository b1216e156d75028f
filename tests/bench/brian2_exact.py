"""What the Brian2 scripts of the exact networks (brian2_qif.py, brian2_cc.py) share: the
deterministic Lorentzian quantiles of our networks, and one timed run printed as the JSON
object compare_brian2.py reads."""

import json
import math
import time

from brian2 import Hz, ms


def lorentzian_quantiles(centre, delta, n):
    """centre + delta tan(pi/2 (2j - N - 1)/(N + 1)), j = 1..N, as our networks place them."""
    return [centre + delta * math.tan(math.pi / 2 * (2 * (k + 1) - n - 1) / (n + 1)) for k in range(n)]


def run_and_report(net, rate, n, dt_ms, duration_ms, namespace=None):
    """Builds (a zero-length run), then runs `net` for duration_ms and prints one JSON object:
    the mean of the PopulationRateMonitor `rate` over the second half, wall times, model s per
    wall s. `namespace`: the names the equations use that their groups do not hold (Brian2
    would otherwise look for them in the caller of `run`, which is here)."""
    namespace = namespace or {}
    t0 = time.time()
    net.run(0 * ms, namespace=namespace)
    build = time.time() - t0
    t0 = time.time()
    net.run(duration_ms * ms, namespace=namespace)
    wall = time.time() - t0
    t = rate.t / ms
    r = rate.rate / Hz
    half = r[t >= duration_ms / 2]
    print(json.dumps({"n": n, "dt_ms": dt_ms, "mean_rate_hz": float(half.mean()),
                      "build_wall_s": build, "wall_s": wall,
                      "model_s_per_wall_s": duration_ms * 1e-3 / wall}))
