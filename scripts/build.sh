#!/usr/bin/env bash
# Builds the complete static site into dist/: index.html, www/ (JS, CSS, data) and pkg/ (wasm
# and its JS glue). No CDN, no server code: dist/ can be copied to any static host as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

# simd128: the network's neuron loop runs 4 cells per instruction (every browser since 2021).
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128" \
  cargo build --release --lib --target wasm32-unknown-unknown
wasm=target/wasm32-unknown-unknown/release/meanfield_explorer.wasm

rm -rf dist.tmp
mkdir -p dist.tmp
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir dist.tmp/pkg "$wasm"
cp index.html dist.tmp/
cp -r www dist.tmp/www
rm -rf dist
mv dist.tmp dist

raw=$(stat -c %s dist/pkg/meanfield_explorer_bg.wasm)
gz=$(gzip -9 -c dist/pkg/meanfield_explorer_bg.wasm | wc -c)
printf '[build] dist/ ready: wasm %d bytes (%d gzipped)\n' "$raw" "$gz" >&2
