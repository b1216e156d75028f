#!/usr/bin/env bash
# The README's second command: every test. Installs what it needs first (idempotent):
# the wasm32 target, wasm-bindgen-cli matching Cargo.lock, Debian's chromium and the browser
# tests' node packages. Then: format and lint checks, the native tests (unit, reference values,
# invariants, CLI, plots), the wasm build, and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "setup"
scripts/setup.sh --browser

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native and wasm32), warnings are errors"
cargo clippy --all-targets --locked -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --locked -- -D warnings

step "native tests"
cargo test --release --locked -- --include-ignored

step "build the site into dist/"
scripts/build.sh

step "browser tests (headless Chromium against dist/ on 127.0.0.1)"
node --test tests/browser/
