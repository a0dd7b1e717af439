#!/usr/bin/env bash
# Command 2: install what is missing, build, and run the whole test suite (unit, integration,
# emulator, SDK example, the real-client tests with the official openai and ollama npm packages
# and the dashboard's browser test), then the fuzz targets for FUZZ_SECONDS each (scripts/fuzz.sh;
# any finding fails), then the whole suite again built with AddressSanitizer + UBSan in build-asan/.
# Quick local run: FUZZ=0 SANITIZE=0 scripts/test.sh. CI runs everything. Extra arguments go to
# ctest (both runs), e.g. -R integration.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
(cd tests/clients && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; })
(cd tests/ui && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; })
(cd "${BUILD_DIR:-build}" && ctest --output-on-failure --timeout 300 "$@")

if [ "${FUZZ:-1}" != 0 ]; then
  bash scripts/fuzz.sh "${FUZZ_SECONDS:-10}"
fi

if [ "${SANITIZE:-1}" != 0 ]; then
  # -O1 -g1: compiles faster than -O2 -g and still gives file:line in reports.
  LAUNCHER=(); command -v ccache >/dev/null 2>&1 && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  BUILD_DIR=build-asan BUILD_TYPE=RelWithDebInfo bash scripts/build.sh -DSPLITPOINT_SANITIZE=ON \
    -DSPLITPOINT_BENCH=OFF "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" "${LAUNCHER[@]}"
  # The gateway and emulator processes the tests start inherit these, so they are checked too.
  export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
  (cd build-asan && ctest --output-on-failure --timeout 900 "$@")
fi
