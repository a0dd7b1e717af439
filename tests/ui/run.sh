#!/usr/bin/env bash
# Runs the dashboard's browser test (playwright-core driving Debian's chromium) against the
# gateway. Binaries: SPLITPOINT_BIN and EMULATOR_BIN; CHROMIUM_BIN (default /usr/bin/chromium);
# the screenshot goes to ARTIFACTS_DIR. Exit code is node's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

stamp=node_modules/.package-lock.json
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" || package.json -nt "$stamp" ]]; then
  npm ci --no-audit --no-fund
fi

exec node --test --test-reporter=spec --test-timeout=90000 *.test.mjs
