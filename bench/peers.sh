#!/usr/bin/env bash
# bench/peers.sh - splitpoint in the peers harness (../shared/bench/peers), one command.
#
# Copies the read-only harness to $PEERS_COPY (default /tmp/peers), installs
# bench/peers/60-splitpoint.sh as a target, runs it with TARGETS (default direct,nginx,splitpoint)
# against the Release binary $SPLITPOINT_BIN (default build/splitpoint of this tree), and prints
# the splitpoint and nginx rows with splitpoint/nginx ratios from the same run.
#   QUICK=1 bench/peers.sh          ~1 min smoke run (the harness's QUICK)
#   bench/peers.sh                  full run (~3.5 min for three targets)
# Results: $RESULTS_DIR (default /tmp/peers-results/<timestamp>/).
# Every other knob of run-all.sh (DURATION, REPEATS, CONNS, SSE_*, LOAD_CPU, SUT_CPU) passes
# through. Loopback only; the harness stops what it started.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$REPO/../shared/bench/peers}
[ -d "$SHARED" ] || SHARED=/work/shared/bench/peers
PEERS_COPY=${PEERS_COPY:-/tmp/peers}
export SPLITPOINT_BIN=${SPLITPOINT_BIN:-$REPO/build/splitpoint}
export TARGETS=${TARGETS:-direct,nginx,splitpoint}
[ -x "$SPLITPOINT_BIN" ] || { echo "no $SPLITPOINT_BIN: cmake --build build -j2 --target splitpoint" >&2; exit 1; }

rm -rf "$PEERS_COPY"
cp -r "$SHARED" "$PEERS_COPY"
chmod -R u+w "$PEERS_COPY"
rm -rf "$PEERS_COPY/results"
cp "$REPO/bench/peers/60-splitpoint.sh" "$PEERS_COPY/targets.d/"
export RESULTS_DIR=${RESULTS_DIR:-/tmp/peers-results/$(date +%Y%m%d-%H%M%S)}  # outside the copy, which the next run replaces
"$PEERS_COPY/run-all.sh" >/dev/null

echo
echo "== splitpoint vs nginx (same run; ratio = splitpoint / nginx) =="
awk -F'\t' 'NR==1{next} $1=="nginx"||$1=="splitpoint" {
    k=$1 SUBSEP $2; n[k]++; rps[k]+=$4; p50[k]+=$5; p99[k]+=$7; cpr[k]+=$12; err[k]+=$9; lb[k]+=$13; sb[k]+=$14; cs[$2]=1 }
  END { printf "%-6s %-11s %9s %9s %9s %9s %7s %10s\n", "conns", "target", "req/s", "p50 ms", "p99 ms", "us/req", "errors", "core-busy"
    for (c in cs) { for (t=0;t<2;t++) { name=(t?"splitpoint":"nginx"); k=name SUBSEP c; if (!(k in n)) continue
        printf "%-6s %-11s %9.0f %9.3f %9.3f %9.1f %7d %6.0f/%3.0f\n", c, name, rps[k]/n[k], p50[k]/n[k]/1000, p99[k]/n[k]/1000, cpr[k]/n[k], err[k], lb[k]/n[k], sb[k]/n[k] }
      s="splitpoint" SUBSEP c; g="nginx" SUBSEP c
      if ((s in n) && (g in n)) printf "%-6s %-11s %9.2f %9s %9s %9.2f\n", c, "ratio", (rps[s]/n[s])/(rps[g]/n[g]), "", "", (cpr[s]/n[s])/(cpr[g]/n[g]) } }' \
  "$RESULTS_DIR/wrk.tsv" | sort -s -k1,1n
awk -F'\t' 'NR==1{next} { k=$1 SUBSEP $2; n[k]++; t[k]+=$5; e[k]+=$11; cs[$2]=1 }
  END { for (c in cs) { d="direct" SUBSEP c
      for (j=0;j<2;j++) { name=(j?"splitpoint":"nginx"); k=name SUBSEP c; if (!(k in n) || !(d in n)) continue
        printf "stream c=%-3s %-11s +TTFT p50 %7.3f ms  errors %d\n", c, name, (t[k]/n[k]-t[d]/n[d])/1000, e[k] } } }' \
  "$RESULTS_DIR/sse.tsv" | sort
awk -F'\t' 'NR==1{next} $1=="nginx"||$1=="splitpoint" { printf "RSS %-11s idle %.1f MB, idle after load %.1f MB\n", $1, $2/1024, $3/1024 }' "$RESULTS_DIR/memory.tsv"
echo "core-busy: % busy of the load core / the proxy core (100/100: other processes compete, the"
echo "wall-clock figures are then the scheduler's). Full summary: $RESULTS_DIR/summary.txt"
