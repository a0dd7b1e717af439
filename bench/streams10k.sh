#!/usr/bin/env bash
# bench/streams10k.sh - N (default 10,000) concurrent streaming requests held open through the
# gateway, the emulator streaming slowly (~20 tokens/s each). Asserts every stream completes with
# the right token count and [DONE]; reports the gateway's CPU and RSS at peak and after.
#
#   bench/streams10k.sh                              10,000 streams: first token after 15 s, then
#                                                    20 tokens at 20 tokens/s
#   STREAMS=2000 TOKENS=40 bench/streams10k.sh       smaller
# The first-token delay (TTFT_MS, 15000) holds every stream open at once before tokens flow: at
# 20 tokens/s, 10,000 streaming together are 200,000 events/s for the emulator, the gateway and
# the load client, which share this machine's 2 cores, so without it the early streams end
# before the last ones open.
#   WORKERS=2 bench/streams10k.sh                    gateway server.workers (default 1)
# Knobs: STREAMS, TOKENS, TPS (emulator tokens/s, 20), TTFT_MS, EMU_THREADS (2), RAMP (new streams/s, 2000), WORKERS,
# GATEWAYS (processes, default: as few as the fd limit allows), TIMEOUT_S (load client deadline,
# 300), BUILD_DIR (default build/), EMU_PORT/GW_PORT (18080/1), SETTLE_S (RSS read every 5 s until
# this many seconds after the load; default 5: once).
# Raises the fd limit to 65536, or to the hard limit when that is lower (20,000 in the container
# this was written in). A gateway process holds 2 fds per stream (client + upstream), so when
# 2 * STREAMS + 100 exceeds the limit, GATEWAYS processes share the port with SO_REUSEPORT (as
# server.workers do inside one process); CPU and RSS are then summed over them. Loopback only;
# every process started here is stopped by PID on exit. Exit status 0 only when every stream
# completed correctly.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$REPO/build}
STREAMS=${STREAMS:-10000}
TOKENS=${TOKENS:-20}
TTFT_MS=${TTFT_MS:-15000}
TPS=${TPS:-20}
RAMP=${RAMP:-2000}
WORKERS=${WORKERS:-1}
TIMEOUT_S=${TIMEOUT_S:-300}
EMU_PORT=${EMU_PORT:-18080}
GW_PORT=${GW_PORT:-18081}
OUT=${OUT:-/tmp/sp-streams10k/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
FD_LIMIT=$(ulimit -n)
GATEWAYS=${GATEWAYS:-$(((2 * STREAMS + 100 + FD_LIMIT - 1) / FD_LIMIT))}
for port in "$EMU_PORT" "$GW_PORT"; do
  if ss -Hltn "sport = :$port" | grep -q .; then echo "port $port is taken" >&2; exit 1; fi
done
cmake --build "$BUILD_DIR" -j2 --target splitpoint splitpoint-emulator splitpoint-streams-load >/dev/null

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

"$BUILD_DIR/tools/emulator/splitpoint-emulator" --port "$EMU_PORT" --record-limit 0 \
  --tokens-per-sec "$TPS" --reply-tokens "$TOKENS" --ttft-ms "$TTFT_MS" --threads "${EMU_THREADS:-2}" >"$OUT/emulator.log" 2>&1 &
EMU=$!; PIDS+=($EMU)
cat >"$OUT/gateway.yaml" <<YAML
server:
  listen: 127.0.0.1:$GW_PORT
  workers: $WORKERS
  max_concurrent_requests: $((STREAMS + 100))
providers:
  - name: local
    tier: local
    kind: openai
    base_url: http://127.0.0.1:$EMU_PORT/v1
    chat_model: gpt-4o
ledger:
  path: $OUT/ledger-GW.db
YAML
GWS=()
for ((g = 0; g < GATEWAYS; g++)); do
  sed "s/ledger-GW/ledger-$g/" "$OUT/gateway.yaml" >"$OUT/gateway-$g.yaml"   # one ledger file each
  "$BUILD_DIR/splitpoint" serve --config "$OUT/gateway-$g.yaml" >"$OUT/gateway-$g.log" 2>&1 &
  GWS+=($!); PIDS+=($!)
done
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$GW_PORT/healthz" && break; sleep 0.1; done
sleep 0.5

rss_kb() { local t=0 p; for p in "$@"; do t=$((t + $(awk '/^VmRSS/ {print $2}' "/proc/$p/status"))); done; echo $t; }
hwm_kb() { local t=0 p; for p in "$@"; do t=$((t + $(awk '/^VmHWM/ {print $2}' "/proc/$p/status"))); done; echo $t; }
cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
TCK=$(getconf CLK_TCK)
rss_idle=$(rss_kb "${GWS[@]}")
c0=$(cpu_ticks "${GWS[@]}"); e0=$(cpu_ticks "$EMU"); t0=$(date +%s.%N)

# One sample a second while the load runs: elapsed s, gateway RSS KB, CPU % since last sample.
(
  prev=$(cpu_ticks "${GWS[@]}"); i=0
  while [ $i -lt $((TIMEOUT_S + 30)) ]; do
    sleep 1; i=$((i + 1))
    now=$(cpu_ticks "${GWS[@]}" 2>/dev/null) || break
    printf '%d\t%s\t%d\t%d\n' "$i" "$(rss_kb "${GWS[@]}")" $(((now - prev) * 100 / TCK)) \
      "$(ss -Htn state established "( sport = :$GW_PORT )" | wc -l)"
    prev=$now
  done
) >"$OUT/samples.tsv" &
SAMPLER=$!; PIDS+=($SAMPLER)

set +e
"$BUILD_DIR/bench/splitpoint-streams-load" --port "$GW_PORT" -n "$STREAMS" --ramp "$RAMP" \
  --tokens "$TOKENS" --timeout-s "$TIMEOUT_S" 2>"$OUT/load.log" | tee "$OUT/result.txt"
status=${PIPESTATUS[0]}
set -e
c1=$(cpu_ticks "${GWS[@]}"); e1=$(cpu_ticks "$EMU"); t1=$(date +%s.%N)
kill "$SAMPLER" 2>/dev/null || true
sleep 5
rss_after=$(rss_kb "${GWS[@]}")
for ((k = 10; k <= ${SETTLE_S:-5}; k += 5)); do  # does it fall further? (jemalloc decays in 5 s)
  sleep 5
  echo "RSS ${k} s after the load: $(($(rss_kb "${GWS[@]}") / 1024)) MB"
done
hwm=$(hwm_kb "${GWS[@]}")
peak_cpu=$(sort -t$'\t' -k3,3n "$OUT/samples.tsv" | tail -1 | cut -f3)
peak_conns=$(sort -t$'\t' -k4,4n "$OUT/samples.tsv" | tail -1 | cut -f4)
awk -v i="$rss_idle" -v h="$hwm" -v a="$rss_after" -v c="$(((c1 - c0)))" -v tck="$TCK" \
  -v t0="$t0" -v t1="$t1" -v pc="$peak_cpu" -v pn="$peak_conns" -v n="$STREAMS" -v tok="$TOKENS" \
  -v e="$((e1 - e0))" -v g="$GATEWAYS" -v w="$WORKERS" -v fl="$FD_LIMIT" 'BEGIN {
  printf "gateway (%d process(es), %d worker(s) each, fd limit %d): ", g, w, fl
  printf "RSS idle %.1f MB, peak (VmHWM) %.1f MB, after %.1f MB; CPU %.1f s over %.1f s (mean %.0f%%, peak 1 s sample %d%%); peak client connections %d\n",
    i/1024, h/1024, a/1024, c/tck, t1-t0, 100*c/tck/(t1-t0), pc, pn
  printf "gateway CPU per stream %.0f us, per token chunk %.1f us; emulator CPU %.1f s\n", 1e6*c/tck/n, 1e6*c/tck/(n*tok), e/tck }' | tee "$OUT/summary.txt"
echo "samples (s, RSS KB, CPU %, client conns): $OUT/samples.tsv"
exit "$status"
