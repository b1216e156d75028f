#!/usr/bin/env bash
# Benchmark and cross-check of the spiking network against Brian2 (not a test; prints figures).
# Installs Brian2 2.9 (cython target; numpy < 2.3) into target/brian2-venv on first use, then
# runs the same network in Brian2 and in `meanfield network`, and prints speed, memory and the
# rates of both networks beside the second-order mean field.
# Usage: scripts/bench-brian2.sh [DURATION_MS, default 2000] [qif]
#   With qif: the exact QIF network at N = 10 000 instead, Brian2 at four steps against ours.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/brian2-venv
if ! "$venv/bin/python" -c 'import brian2' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'brian2==2.9.*' 'numpy<2.3' 'cython'
fi
cargo build --quiet --release --locked --bin meanfield
"$venv/bin/python" tests/bench/compare_brian2.py target/release/meanfield "${1:-2000}" ${2:-}
