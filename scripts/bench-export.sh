#!/usr/bin/env bash
# Speed of the exported network in NEST (1 and 2 threads) and Brian2 beside our own network
# (not a test; prints figures). Uses the virtualenvs the simulator tests make
# (target/nest-venv, target/brian2-venv; run `cargo test --release --test simulators --
# --include-ignored` once first). The network is the page's default AdEx network, N = 10 000
# (random wiring, 5 million synapses), for DURATION_MS of model time.
# Usage: scripts/bench-export.sh [DURATION_MS, default 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-1000}"
for v in nest brian2; do
  if ! "target/$v-venv/bin/python" -c "import $v" >/dev/null 2>&1; then
    echo "target/$v-venv is missing: run cargo test --release --test simulators -- --include-ignored" >&2
    exit 1
  fi
done
cargo build --quiet --release --locked --bin meanfield
dir=target/export-bench
mkdir -p "$dir"
link="?v=2&duration=$duration&stim=none"
target/release/meanfield export --to nest --link "$link" --out "$dir/meanfield-adex-nest.py" 2>/dev/null
target/release/meanfield export --to brian2 --link "$link" --out "$dir/meanfield-adex-brian2.py" 2>/dev/null
python3 tests/bench/compare_export.py target/release/meanfield "$duration" "$dir"
