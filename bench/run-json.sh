#!/usr/bin/env bash
# bench/run-json.sh - Boost.JSON against nlohmann-json and RapidJSON (splitpoint-json-bench).
#
# Installs the two comparison libraries (bench-only: nlohmann-json3-dev, rapidjson-dev) when they
# are missing and NO_INSTALL is not 1, re-configures BUILD_DIR so they are found, builds and runs
# the benchmark pinned to core CPU, and prints the median times plus ratios against Boost.JSON.
#
# Knobs: BUILD_DIR=build-bench  CPU=1  REPETITIONS=3  MIN_TIME=0.5 (s per benchmark)
#        NO_INSTALL=1 (compare only what is installed)  RESULTS_DIR=bench/results/<ts>-json
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
CPU=${CPU:-1}
REPETITIONS=${REPETITIONS:-3}
MIN_TIME=${MIN_TIME:-0.5}
RESULTS_DIR=${RESULTS_DIR:-$HERE/results/$(date +%Y%m%d-%H%M%S)-json}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "$*"; exit 1; }

if [ "${NO_INSTALL:-0}" != 1 ]; then
  missing=()
  for p in nlohmann-json3-dev rapidjson-dev libbenchmark-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    log "installing bench-only packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 ||
      die "apt-get install failed (NO_INSTALL=1 compares only what is installed)"
  fi
fi

mkdir -p "$RESULTS_DIR" || die "cannot create $RESULTS_DIR"
gen=(); command -v ninja >/dev/null && gen=(-G Ninja)
# Always re-configure: find_package results are cached, and the libraries may be new.
cmake -S "$ROOT" -B "$BUILD_DIR" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release >"$RESULTS_DIR/cmake.log" 2>&1 ||
  { cat "$RESULTS_DIR/cmake.log" >&2; die "cmake configure failed"; }
grep '^-- bench:' "$RESULTS_DIR/cmake.log" >&2
cmake --build "$BUILD_DIR" -j 2 --target splitpoint-json-bench >&2 || die "build failed"
BIN=$BUILD_DIR/bench/splitpoint-json-bench

log "running $BIN on core $CPU ($REPETITIONS repetitions, ${MIN_TIME}s each); results in $RESULTS_DIR"
# One process per library: the heap state left by one library's runs changed another's timings
# (RapidJSON's 64 KB parse measured 77 us alone and 230 us after the others in one process).
: >"$RESULTS_DIR/json-bench.txt"
for lib in boost nlohmann rapidjson; do
  "$BIN" --benchmark_list_tests=true --benchmark_filter="^$lib/" 2>/dev/null | grep -q "^$lib/" ||
    { log "$lib: not compiled in (not found at configure time)"; continue; }
  taskset -c "$CPU" timeout --foreground 900 "$BIN" --benchmark_filter="^$lib/" \
    --benchmark_repetitions="$REPETITIONS" --benchmark_min_time="$MIN_TIME" \
    --benchmark_report_aggregates_only=true --benchmark_out="$RESULTS_DIR/json-bench-$lib.json" \
    --benchmark_out_format=json | tee -a "$RESULTS_DIR/json-bench.txt" || die "benchmark failed"
done

# Median CPU time per case, and each library's time relative to Boost.JSON's default DOM.
{
  echo
  echo "== JSON: median CPU time per operation (ns), and x = time / boost.json's (lower is faster) =="
  awk '/^[a-z]+\/[a-z_]+\/[a-z0-9_]+_median / {
      split($1, p, "/"); sub(/_median$/, "", p[3]); ns[p[1] "/" p[2] "/" p[3]] = $4
      if (!(p[3] in seen)) { seen[p[3]] = 1; payloads[++np] = p[3] }
      if (!((p[1] "/" p[2]) in seenc)) { seenc[p[1] "/" p[2]] = 1; cases[++nc] = p[1] "/" p[2] } }
    END {
      for (i = 1; i <= np; i++) {
        printf "\n%s\n", payloads[i]
        for (j = 1; j <= nc; j++) { k = cases[j] "/" payloads[i]; if (!(k in ns)) continue
          split(cases[j], c, "/")
          base = "boost/" c[2] "/" payloads[i]
          if (c[2] == "parse_monotonic" || c[2] == "parser_reuse") base = "boost/parse/" payloads[i]
          if (c[2] == "roundtrip_monotonic") base = "boost/roundtrip/" payloads[i]
          x = ((base in ns) && ns[base] > 0) ? ns[k] / ns[base] : 0
          printf "  %-28s %12.0f ns   x%.2f\n", cases[j], ns[k], x } } }' \
    "$RESULTS_DIR/json-bench.txt"
} | tee "$RESULTS_DIR/summary.txt"
