#!/usr/bin/env bash
# The README's first command: build the site into dist/ and serve it on 127.0.0.1.
# PORT=8080 scripts/serve.sh to choose the port (default 8000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec node scripts/serve.mjs dist "${PORT:-8000}"
