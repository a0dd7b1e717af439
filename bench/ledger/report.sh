#!/usr/bin/env bash
# bench/ledger/report.sh - `splitpoint report --since 24h` over a ledger of N records (default
# 10,000,000, all inside the last 24 h: the worst case for the window), and the file size per
# record. The ledger is generated once with splitpoint-ledger-gen (the store's own write path).
#
#   RECORDS=10000000 LEDGER=/tmp/splitpoint-bench-ledger.db RUNS=5 bench/ledger/report.sh
#   BUILD_DIR=build (splitpoint and splitpoint-ledger-gen must be built there)
#   KEEP=1 keeps the generated file (default: removed at the end)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
RECORDS=${RECORDS:-10000000}
LEDGER=${LEDGER:-/tmp/splitpoint-bench-ledger.db}
RUNS=${RUNS:-5}
GEN=$BUILD_DIR/bench/ledger/splitpoint-ledger-gen
SP=$BUILD_DIR/splitpoint
for b in "$GEN" "$SP"; do [ -x "$b" ] || { echo "missing $b (build it first)" >&2; exit 1; }; done

if [ ! -f "$LEDGER" ]; then
  echo "generating $RECORDS records into $LEDGER" >&2
  "$GEN" --out "$LEDGER" --records "$RECORDS" --hours 24
fi
# The writer's WAL is checkpointed into the main file when the generator closes it.
bytes=$(stat -c %s "$LEDGER")
rows=$(sqlite3 "$LEDGER" 'SELECT count(*) FROM requests')
echo "file: $bytes bytes, $rows records, $((bytes / rows)) bytes/record"

best=
for ((i = 1; i <= RUNS; i++)); do
  t0=$(date +%s%N)
  "$SP" report --ledger "$LEDGER" --since 24h --json >/dev/null
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  echo "run $i: report --since 24h in $ms ms"
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
echo "best of $RUNS: $best ms (target < 2000 ms)"
"$SP" report --ledger "$LEDGER" --since 24h
[ "${KEEP:-0}" = 1 ] || rm -f "$LEDGER" "$LEDGER-wal" "$LEDGER-shm"
