#!/usr/bin/env bash
# Runs the real-client tests (official openai and ollama npm packages) against the gateway.
# Binaries: SPLITPOINT_BIN and EMULATOR_BIN (defaults: ../../build/...). Exit code is node's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# (Re)install when node_modules is missing or older than the lockfile.
stamp=node_modules/.package-lock.json
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" || package.json -nt "$stamp" ]]; then
  npm ci --no-audit --no-fund
fi

exec node --test --test-reporter=spec --test-timeout=60000 *.test.mjs
