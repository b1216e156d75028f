"""Speed of the exported network in NEST (1 and 2 threads) and Brian2 beside `meanfield
network`, one run each. Called by scripts/bench-export.sh with the meanfield binary, the
duration in ms and the folder holding the exported scripts."""

import json
import os
import subprocess
import sys


def last_json(cmd, cwd=None):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=cwd).stdout
    try:
        return json.loads(out)  # meanfield prints one pretty object
    except json.JSONDecodeError:
        return json.loads(out.strip().splitlines()[-1])  # the scripts print one line last


def main():
    binary, duration, folder = sys.argv[1], sys.argv[2], sys.argv[3]
    venv = lambda name: os.path.abspath(os.path.join("target", name, "bin", "python"))
    rows = [
        ("meanfield (native, 1 core)",
         last_json([binary, "network", "--json", "--set", "stim=none", "--duration-ms", duration])),
        ("NEST 3.10, 1 thread",
         last_json([venv("nest-venv"), "meanfield-adex-nest.py", "--json", "--threads", "1"], folder)),
        ("NEST 3.10, 2 threads",
         last_json([venv("nest-venv"), "meanfield-adex-nest.py", "--json", "--threads", "2"], folder)),
        ("Brian2 2.9 (cython)",
         last_json([venv("brian2-venv"), "meanfield-adex-brian2.py", "--json"], folder)),
    ]
    print(f"N = 10000, random wiring, b_e = 100 pA, no stimulus, {duration} ms of model time, "
          "dt = 0.1 ms; rates over the second half")
    print(f"{'simulator':<28} {'model_s/s':>10} {'run_s':>8} {'build_s':>8} {'nu_e':>6} {'nu_i':>6}")
    for name, d in rows:
        print(f"{name:<28} {d['model_s_per_wall_s']:>10.3f} {d['wall_s']:>8.2f} "
              f"{d['build_wall_s']:>8.2f} {d['mean_nu_e']:>6.2f} {d['mean_nu_i']:>6.2f}")


if __name__ == "__main__":
    main()
