#!/usr/bin/env bash
# Installs what building and testing need, idempotently and quickly when already done:
#   - the wasm32-unknown-unknown Rust target;
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock;
#   - with --browser: Debian's chromium and the node packages of the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=0
[[ "${1:-}" == "--browser" ]] && browser=1

say() { printf '[setup] %s\n' "$*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >&2
fi

# The CLI must match the library version in Cargo.lock exactly.
want=$(awk -F'"' '$0 == "name = \"wasm-bindgen\"" { getline; print $2; exit }' Cargo.lock 2>/dev/null || true)
if [[ -z "$want" ]]; then
  cargo generate-lockfile >&2
  want=$(awk -F'"' '$0 == "name = \"wasm-bindgen\"" { getline; print $2; exit }' Cargo.lock)
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ "$have" != "$want" ]]; then
  say "installing wasm-bindgen-cli $want (found '${have:-none}'); this takes a few minutes once"
  # Not --locked: the registry lacks the newest release of one of its pinned dependencies.
  cargo install wasm-bindgen-cli --version "$want" >&2
fi

if (( browser )); then
  if [[ ! -x /usr/bin/chromium ]]; then
    say "installing Debian's chromium"
    if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
  fi
  lock=tests/browser/package-lock.json
  stamp=tests/browser/node_modules/.installed-lock
  if [[ ! -f "$stamp" ]] || ! cmp -s "$lock" "$stamp"; then
    say "installing the browser tests' node packages"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >&2)
    cp "$lock" "$stamp"
  fi
fi
