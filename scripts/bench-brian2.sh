#!/usr/bin/env bash
# Benchmark and cross-check of the spiking network against Brian2 (not a test; prints figures).
# Installs Brian2 2.9 (cython target; numpy < 2.3) into target/brian2-venv on first use, then
# runs the same network in Brian2 and in `meanfield network`, and prints speed, memory and the
# rates of both networks beside the second-order mean field.
# Usage: scripts/bench-brian2.sh [DURATION_MS, default 2000] [exact]
#   With exact (or qif, its old name): the exact QIF and Chen–Campbell networks at N = 10 000
#   instead, Brian2 and ours each at several steps (matched accuracy: the largest step within
#   1 % of its own finest), then in the same sitting every exact family natively (`meanfield
#   bench network`) and, when the site is built (scripts/build.sh) and the browser tests'
#   packages are installed, qif and izh_cc in the page.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/brian2-venv
if ! "$venv/bin/python" -c 'import brian2' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'brian2==2.9.*' 'numpy<2.3' 'cython'
fi
cargo build --quiet --release --locked --bin meanfield
if [ "${2:-}" = exact ] || [ "${2:-}" = qif ]; then
  "$venv/bin/python" tests/bench/compare_brian2.py target/release/meanfield "${1:-2000}" qif
  echo
  "$venv/bin/python" tests/bench/compare_brian2.py target/release/meanfield "${1:-2000}" izh_cc
  for m in qif qif_sfa izh_cc izh_gsk izh_eta; do
    echo
    target/release/meanfield bench network --set model="$m"
  done
  if [ -f dist/index.html ] && [ -d tests/browser/node_modules ]; then
    for m in qif izh_cc; do
      echo
      node tests/browser/bench-network.mjs "$m"
    done
  else
    echo "(page figures skipped: run scripts/build.sh and the browser tests once first)"
  fi
else
  "$venv/bin/python" tests/bench/compare_brian2.py target/release/meanfield "${1:-2000}"
fi
