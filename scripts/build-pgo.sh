#!/usr/bin/env bash
# Builds the splitpoint executable with profile-guided optimization (GCC) in build-pgo/:
#   1. the emulator and the stream load tool, ordinary builds, in build/;
#   2. an instrumented splitpoint (-DSPLITPOINT_PGO=generate) in build-pgo/;
#   3. bench/pgo/train.sh: loopback traffic through it, both front doors and both provider
#      protocols, streamed and not, the whole policy chain (~20 s); profiles in build-pgo/pgo-profiles;
#   4. the optimized splitpoint (-DSPLITPOINT_PGO=use) in the same directory.
# About 9 % less CPU per request (12 % less user time) than the ordinary build (docs/performance.md,
# round 7). Only the `splitpoint` target is built here; tests and tools come from build/. Extra
# arguments go to cmake (first pass).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build-pgo}
PROFILES=$PWD/$BUILD_DIR/pgo-profiles
GEN=()
command -v ninja >/dev/null 2>&1 && GEN=(-G Ninja)
[ -f build/CMakeCache.txt ] || cmake -S . -B build "${GEN[@]}" -DCMAKE_BUILD_TYPE=Release
cmake --build build -j "$(nproc)" --target splitpoint-emulator splitpoint-streams-load
cmake -S . -B "$BUILD_DIR" "${GEN[@]}" -DCMAKE_BUILD_TYPE=Release -DSPLITPOINT_TESTS=OFF \
  -DSPLITPOINT_BENCH=OFF -DSPLITPOINT_PGO=generate -DSPLITPOINT_PGO_DIR="$PROFILES" "$@"
rm -rf "$PROFILES"
cmake --build "$BUILD_DIR" -j "$(nproc)" --target splitpoint
bash bench/pgo/train.sh "$BUILD_DIR/splitpoint" build
ls "$PROFILES"/*.gcda >/dev/null 2>&1 || { echo "build-pgo: the training wrote no profiles" >&2; exit 1; }
cmake -S . -B "$BUILD_DIR" -DSPLITPOINT_PGO=use
cmake --build "$BUILD_DIR" -j "$(nproc)" --target splitpoint
"$BUILD_DIR/splitpoint" --help >/dev/null
echo "build-pgo: $BUILD_DIR/splitpoint"
