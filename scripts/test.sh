#!/usr/bin/env bash
# Command 2: install what is missing, build, and run the whole test suite (unit, integration,
# emulator, SDK example, the real-client tests with the official openai and ollama npm packages
# and the dashboard's browser test).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
(cd tests/clients && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; })
(cd tests/ui && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; })
cd "${BUILD_DIR:-build}"
ctest --output-on-failure --timeout 300 "$@"
