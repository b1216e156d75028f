"""Network against mean field for every exact family, for one or two builds of `meanfield`
(e.g. before and after a change of the network's integrator): each family's default scenario
at N = 10 000 (the page's size; an older build may default to fewer) with its default stimulus, the mean rate over the second half of the
run from `meanfield network` and from `meanfield run`, and the first spike times.

Usage: python3 exact_agreement.py MEANFIELD [MEANFIELD_BEFORE]
Not a test: prints a table. Needs nothing beyond python3."""

import json
import subprocess
import sys

FAMILIES = ("qif", "qif_sfa", "izh_cc", "izh_gsk", "izh_eta")


def network(binary, model):
    out = subprocess.run([binary, "network", "--json", "--set", f"model={model}", "--set", "n=10000"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def mean_field(binary, model):
    o = json.loads(subprocess.run([binary, "run", "--json", "--set", f"model={model}"],
                                  check=True, capture_output=True, text=True).stdout)
    t, r = o["t_ms"], o["r"]
    half = [x for s, x in zip(t, r) if s >= t[-1] / 2]
    return sum(half) / len(half)


def main():
    builds = sys.argv[1:]
    names = ["after", "before"][: len(builds)]
    head = "".join(f" {'net ' + n + ' Hz':>16}" for n in names)
    print(f"{'family':<8}{head} {'mean field Hz':>14}  first spikes (ms), " + " / ".join(names))
    for m in FAMILIES:
        nets = [network(b, m) for b in builds]
        mf = mean_field(builds[0], m)
        rates = "".join(f" {o['mean_nu_e']:>16.3f}" for o in nets)
        firsts = " / ".join(",".join(f"{t:.4f}" for t in sorted(s[0] for s in o["first_spikes"])[:3]) for o in nets)
        print(f"{m:<8}{rates} {mf:>14.3f}  {firsts}")


if __name__ == "__main__":
    main()
