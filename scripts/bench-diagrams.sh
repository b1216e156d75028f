#!/usr/bin/env bash
# Benchmark (prints figures; not a test): the exact families' default bifurcation diagrams (with
# their cycle branches) and two-parameter curves, and the conductance models' (AdEx first order
# at di Volo's Fig 5 and at its default drive; AdEx and Izhikevich at their defaults, second
# order), natively (the `meanfield` CLI, best of 3) and
# in the page (tests/browser/bench-analysis.mjs, median of 3), in one sitting.
# Usage: scripts/bench-diagrams.sh (after scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin meanfield 2>/dev/null
bin=target/release/meanfield
best() {
  local t best=999 out
  out=$(mktemp)
  for _ in 1 2 3; do
    /usr/bin/time -f %e -o "$out" "$bin" "$@" >/dev/null 2>&1 </dev/null
    t=$(cat "$out")
    best=$(python3 -c "print(min($best, $t))")
  done
  rm -f "$out"
  echo "$best"
}
# model, key, range, second key, its range: each model's defaults (crate/src/scenario/models.rs)
while read -r m k a b k2 a2 b2; do
  one=$(best bifurcation --model "$m" --param "$k" --from "$a" --to "$b")
  two=$(best bifurcation --model "$m" --param "$k" --from "$a" --to "$b" --two "$k2" --from2 "$a2" --to2 "$b2")
  printf 'native %-8s bifurcation diagram + cycles %6.2f s   two-parameter curves %6.2f s\n' "$m" "$one" "$two"
done <<'TABLE'
qif qif_eta -10 0 qif_delta 0.01 5
qif_sfa qif_eta -6 0 sfa_alpha 0 2
izh_cc cc_eta 0 0.3 cc_g 0 3
izh_gsk gsk_eta 30 70 gsk_delta 0.1 3
izh_eta gsk_eta 30 70 eta_delta 0.5 20
TABLE
# The conductance models: name, --set flags, key, range, second key, its range.
fig5="--set coeffs=divolo2019-code --set order=1 --set nu_drive=0 --set b_e=0 --set el_i=-65"
while read -r name sets k a b k2 a2 b2; do
  # shellcheck disable=SC2086
  one=$(best bifurcation ${sets//,/ } --param "$k" --from "$a" --to "$b")
  # shellcheck disable=SC2086
  two=$(best bifurcation ${sets//,/ } --param "$k" --from "$a" --to "$b" --two "$k2" --from2 "$a2" --to2 "$b2")
  printf 'native %-22s bifurcation diagram + cycles %6.2f s   two-parameter curves %6.2f s\n' "$name" "$one" "$two"
done <<TABLE
adex-fig5-order1 ${fig5// /,} el_e -70 -60 el_i -70 -60
adex-order1 --set,model=adex,--set,order=1 nu_drive 0 10 b_e 0 100
adex-order2 --set,model=adex nu_drive 0 10 b_e 0 100
izhikevich-order2 --set,model=izhikevich nu_drive 0 20 izh_d_e 0 60
TABLE
if [ -d dist ]; then node tests/browser/bench-analysis.mjs 3 | grep -E 'qif|izh|adex'; fi
