#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz/ and runs each one for a fixed
# time, printing its executions and findings.
#   scripts/fuzz.sh [seconds-per-target] [target...]     e.g. scripts/fuzz.sh 3600 sse_fuzz
# Targets are the src/**/<name>_fuzz.cc files (all of them by default). Each run starts from the
# seeds in fuzz/corpus/<target>/ plus what earlier runs found (build-fuzz/corpus/<target>/);
# crashing inputs are saved as build-fuzz/findings/<target>/crash-* (replay: the target binary
# with the file as argument). Exit status 1 if any target had a finding.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
shift || true
BUILD=build-fuzz

if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz.sh: clang++ not found (scripts/install-deps.sh installs it)" >&2
  exit 2
fi
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  GEN=(); command -v ninja >/dev/null 2>&1 && GEN=(-G Ninja)
  LAUNCHER=(); command -v ccache >/dev/null 2>&1 && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  CC=clang CXX=clang++ cmake -S . -B "$BUILD" "${GEN[@]}" "${LAUNCHER[@]}" \
    -DCMAKE_BUILD_TYPE=Release -DSPLITPOINT_FUZZ=ON >/dev/null
fi
cmake --build "$BUILD" -j "$(nproc)"

if [ $# -gt 0 ]; then
  TARGETS=("$@")
else
  mapfile -t TARGETS < <(find src -name '*_fuzz.cc' -printf '%f\n' | sed 's/\.cc$//' | sort)
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
mkdir -p "$BUILD/logs"
failed=0
printf '%-20s %8s %12s %10s %9s\n' target seconds executions exec/s findings
for t in "${TARGETS[@]}"; do
  bin="$BUILD/$t"
  [ -x "$bin" ] || { echo "fuzz.sh: no target $t" >&2; failed=1; continue; }
  mkdir -p "$BUILD/corpus/$t" "$BUILD/findings/$t" "fuzz/corpus/$t"
  before=$(find "$BUILD/findings/$t" -type f | wc -l)
  log="$BUILD/logs/$t.log"
  rc=0
  # -timeout: one input running longer than 10 s is a finding (a hang); -rss_limit_mb likewise.
  "$bin" "$BUILD/corpus/$t" "fuzz/corpus/$t" -max_total_time="$SECONDS_PER_TARGET" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$BUILD/findings/$t/" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  found=$(( $(find "$BUILD/findings/$t" -type f | wc -l) - before ))
  if [ "$rc" -ne 0 ] && [ "$found" -eq 0 ]; then found=1; fi  # died without saving an input
  printf '%-20s %8s %12s %10s %9s\n' "$t" "${took:-?}" "${execs:-?}" "${rate:-?}" "$found"
  if [ "$found" -gt 0 ]; then
    failed=1
    echo "  finding in $t (exit $rc); log: $log; inputs: $BUILD/findings/$t/" >&2
    grep -m1 -E 'INVARIANT VIOLATED|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error' \
      "$log" >&2 || tail -5 "$log" >&2
  fi
done
exit $failed
