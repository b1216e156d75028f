"""With "qif" or "izh_cc" as third argument: that exact network instead (see exact()).

Runs the di Volo network in Brian2 (brian2_network.py) and in `meanfield network`, and the
second-order mean field (`meanfield steady`), and prints two tables: speed and memory at b = 0,
N = 2000 and 10 000; stationary rates at N = 10 000 for b = 0, 20, 60 pA. Called by
scripts/bench-brian2.sh with the path of the meanfield binary and the duration in ms."""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def ours(binary, n, b, duration, wiring="random"):
    out = subprocess.run([binary, "network", "--json", "--set", f"n={n}", "--set", f"b_e={b}",
                          "--set", "nu_drive=2.5", "--set", "stim=none", "--set",
                          f"connectivity={wiring}", "--duration-ms", str(duration)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def brian2(n, b, duration):
    out = subprocess.run([sys.executable, os.path.join(HERE, "brian2_network.py"), str(n), str(b),
                          "2.5", str(duration), "1"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def mean_field(binary, b):
    out = subprocess.run([binary, "steady", "--set", f"b_e={b}", "--set", "stim=none"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    binary, duration = sys.argv[1], float(sys.argv[2])
    print(f"Speed: b = 0, nu_drive = 2.5 Hz, {duration:g} ms of model time, random wiring, dt = 0.1 ms")
    print(f"{'N':>6} {'simulator':<22} {'model_s/wall_s':>15} {'run_s':>7} {'build_s':>8} {'peak_MB':>8} {'nu_e':>6} {'nu_i':>6}")
    for n in (2000, 10000):
        o = ours(binary, n, 0, duration)
        peak = o["peak_rss_mb"]
        print(f"{n:>6} {'meanfield (native)':<22} {o['model_s_per_wall_s']:>15.2f} {o['wall_s']:>7.2f} "
              f"{o['build_wall_s']:>8.2f} {peak:>8.0f} {o['mean_nu_e']:>6.2f} {o['mean_nu_i']:>6.2f}")
        r = brian2(n, 0, duration)
        print(f"{n:>6} {'Brian2 2.9 (cython)':<22} {r['model_s_per_wall_s']:>15.2f} {r['wall_s']:>7.2f} "
              f"{r['build_wall_s']:>8.2f} {r['peak_rss_mb']:>8.0f} {r['mean_nu_e']:>6.2f} {r['mean_nu_i']:>6.2f}")
    print()
    long_ms = max(duration, 4000)
    print(f"Rates at N = 10000 (Hz; networks: mean over the second half of {long_ms:g} ms; mean field: steady state)")
    print(f"{'b_pA':>5} {'MF nu_e':>8} {'MF nu_i':>8} | {'random nu_e':>11} {'nu_i':>6} | "
          f"{'fixed-K nu_e':>12} {'nu_i':>6} | {'Brian2 nu_e':>11} {'nu_i':>6}")
    for b in (0, 20, 60):
        mf = mean_field(binary, b)
        o = ours(binary, 10000, b, long_ms)
        f = ours(binary, 10000, b, long_ms, "fixed_indegree")
        r = brian2(10000, b, long_ms)
        print(f"{b:>5} {mf['nu_e']:>8.2f} {mf['nu_i']:>8.2f} | {o['mean_nu_e']:>11.2f} {o['mean_nu_i']:>6.2f} | "
              f"{f['mean_nu_e']:>12.2f} {f['mean_nu_i']:>6.2f} | {r['mean_nu_e']:>11.2f} {r['mean_nu_i']:>6.2f}")


def ours_bench(binary, model, dt, duration):
    """Our network at N = 10 000 through `meanfield bench network` (which keeps the page's raster
    of 400 neurons, as the page runs it): its row as a dict."""
    out = subprocess.run([binary, "bench", "network", "--set", f"model={model}", "--set", f"dt_net={dt}",
                          "--duration-ms", str(duration)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines() if line.split()[:1] == ["10000"]]
    cells = rows[0]
    return {"dt_ms": dt, "model_s_per_wall_s": float(cells[4]), "ns": float(cells[5]),
            "mean_rate_hz": float(cells[6]), "wall_s": float(cells[3])}


def matched(runs):
    """The run at the largest step whose mean rate is within 1 % of the finest step's."""
    ref = runs[0]["mean_rate_hz"]
    return max((r for r in runs if abs(r["mean_rate_hz"] - ref) <= 0.01 * ref), key=lambda r: r["dt_ms"])


# Each exact network compared: its Brian2 script, the steps tried in each simulator (the first
# the finest, the reference of matched accuracy) and the page's step.
EXACT = {
    "qif": ("brian2_qif.py", (0.005, 0.01, 0.02, 0.05), (0.01, 0.05, 0.1, 0.2, 0.25, 0.4), 0.1),
    # Brian2's Euler breaks down above 0.005 ms here (v_peak = 200: h v² overshoots the reset).
    "izh_cc": ("brian2_cc.py", (0.0025, 0.005, 0.01), (0.01, 0.025, 0.05, 0.075), 0.05),
}


def exact(binary, duration, model):
    """An exact family's network at N = 10 000, no input: Brian2 and ours each at several steps,
    and for each the largest step whose mean rate is within 1 % of its own finest step's
    (matched accuracy); ours also at the page's step."""
    script, b2_steps, our_steps, page_step = EXACT[model]
    n = 10000
    print(f"{model} network, N = {n}, no input, {duration:g} ms of model time (mean rate over the second half)")
    print(f"{'simulator':<30} {'dt_ms':>6} {'rate_Hz':>8} {'model_s/wall_s':>15} {'run_s':>7}")
    b2 = []
    for dt in b2_steps:
        out = subprocess.run([sys.executable, os.path.join(HERE, script), str(n), str(dt),
                              str(duration)], check=True, capture_output=True, text=True)
        b2.append(json.loads(out.stdout.strip().splitlines()[-1]))
    ours_runs = [ours_bench(binary, model, dt, duration) for dt in our_steps]
    b2_m, ours_m = matched(b2), matched(ours_runs)
    page = next(r for r in ours_runs if r["dt_ms"] == page_step)
    for name, runs, m in (("Brian2 2.9 (cython, Euler)", b2, b2_m), ("meanfield (native, Cayley)", ours_runs, ours_m)):
        for r in runs:
            mark = "  <- matched accuracy" if r is m else ""
            if r is page:
                mark += "  <- the page's step"
            print(f"{name:<30} {r['dt_ms']:>6g} {r['mean_rate_hz']:>8.3f} "
                  f"{r['model_s_per_wall_s']:>15.3f} {r['wall_s']:>7.2f}{mark}")
    print(f"ours at the page's step / Brian2 at matched accuracy: "
          f"{page['model_s_per_wall_s'] / b2_m['model_s_per_wall_s']:.1f}x")
    print(f"ours / Brian2, both at matched accuracy: "
          f"{ours_m['model_s_per_wall_s'] / b2_m['model_s_per_wall_s']:.1f}x")
    print(f"finest rates: ours {ours_runs[0]['mean_rate_hz']:.3f} Hz, Brian2 {b2[0]['mean_rate_hz']:.3f} Hz")


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[3] in EXACT:
        exact(sys.argv[1], float(sys.argv[2]), sys.argv[3])
    else:
        main()
