#!/usr/bin/env bash
# Command 1: install what is missing, build (Release) and start the gateway.
# Arguments go to `splitpoint serve` (e.g. --config config/splitpoint.example.yaml --listen 127.0.0.1:8080).
# PGO=1: the profile-guided build instead (scripts/build-pgo.sh, build-pgo/; a few minutes more).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if [ "${PGO:-0}" = 1 ]; then
  bash scripts/build-pgo.sh
  exec "${BUILD_DIR:-build-pgo}/splitpoint" serve "$@"
fi
bash scripts/build.sh
exec "${BUILD_DIR:-build}/splitpoint" serve "$@"
