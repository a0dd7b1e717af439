#!/usr/bin/env bash
# bench/fault-load.sh - issue #4's load test: wrk at saturation (32 connections) for 60 s through
# the gateway while ~5% of upstream calls fail, then whether memory returns to its idle level.
#
# Two emulators: "local" (tier local, where `model: auto` sends this small request) and "cloud"
# (tier cloud, the fallback). A controller adds faults to the local emulator's script 5 times a
# second, FAULT_PCT (5) % of the requests it saw since the last round, cycling through status
# 500, status 429, close (no answer) and garbage (200 with invalid JSON). The cloud emulator has
# no faults (FAULT_CLOUD=1: the same faults there too, so some reach the client), so the gateway
# can absorb a fault by retrying or falling back.
# Reports requests served, answers by status (wrk Lua counts), socket errors, faults injected,
# the gateway's RSS idle before / peak (VmHWM) / idle 10 s after, and its CPU per request.
#   bench/fault-load.sh                     60 s, 32 connections
#   DURATION=10 bench/fault-load.sh         shorter
# Knobs: DURATION, CONNS, FAULT_PCT, FAULT_CLOUD, WORKERS (1), BUILD_DIR, ports LOCAL_PORT/CLOUD_PORT/GW_PORT
# (18090-18092). Loopback only; every process started here is stopped by PID on exit; wrk runs
# under `timeout`.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$REPO/build}
DURATION=${DURATION:-60}
CONNS=${CONNS:-32}
FAULT_PCT=${FAULT_PCT:-5}
FAULT_CLOUD=${FAULT_CLOUD:-0}
WORKERS=${WORKERS:-1}
LOCAL_PORT=${LOCAL_PORT:-18090}
CLOUD_PORT=${CLOUD_PORT:-18091}
GW_PORT=${GW_PORT:-18092}
OUT=${OUT:-/tmp/sp-fault-load/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
for port in "$LOCAL_PORT" "$CLOUD_PORT" "$GW_PORT"; do
  if ss -Hltn "sport = :$port" | grep -q .; then echo "port $port is taken" >&2; exit 1; fi
done
cmake --build "$BUILD_DIR" -j2 --target splitpoint splitpoint-emulator >/dev/null

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

EMU="$BUILD_DIR/tools/emulator/splitpoint-emulator"
"$EMU" --port "$LOCAL_PORT" --record-limit 0 >"$OUT/emu-local.log" 2>&1 & PIDS+=($!)
"$EMU" --port "$CLOUD_PORT" --record-limit 0 >"$OUT/emu-cloud.log" 2>&1 & PIDS+=($!)
cat >"$OUT/gateway.yaml" <<YAML
server:
  listen: 127.0.0.1:$GW_PORT
  workers: $WORKERS
providers:
  - name: local
    tier: local
    kind: openai
    base_url: http://127.0.0.1:$LOCAL_PORT/v1
    api_key: sk-bench
    chat_model: gpt-4o
  - name: cloud
    tier: cloud
    kind: openai
    base_url: http://127.0.0.1:$CLOUD_PORT/v1
    api_key: sk-bench
    chat_model: gpt-4o
ledger:
  path: $OUT/ledger.db
YAML
"$BUILD_DIR/splitpoint" serve --config "$OUT/gateway.yaml" >"$OUT/gateway.log" 2>&1 &
GW=$!; PIDS+=($GW)
URL=http://127.0.0.1:$GW_PORT/v1/chat/completions
sed 's/"model":"[^"]*"/"model":"auto"/' "$REPO/bench/payloads/request.json" >"$OUT/request.json"
for _ in $(seq 100); do curl -sf -o /dev/null -d @"$OUT/request.json" "$URL" && break; sleep 0.1; done
curl -s -D - -o /dev/null -d @"$OUT/request.json" "$URL" | grep -i '^x-splitpoint-provider' >"$OUT/smoke.txt"

rss_kb() { awk "/^$2/ {print \$2}" "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
emu_requests() { curl -s "http://127.0.0.1:$1/_emulator/stats" | grep -o '"requests":[0-9]*' | cut -d: -f2; }

# Warm-up so "idle" means after start-up and after the first requests (pools, caches).
BODY_FILE=$OUT/request.json timeout 20 wrk -t1 -c"$CONNS" -d2s -s "$REPO/bench/post.lua" "$URL" >"$OUT/warmup.txt"
sleep 2
rss_idle=$(rss_kb "$GW" VmRSS)

# Fault controller for the emulator on port $1: every 0.2 s, for its new requests, blocks of one
# fault followed by a filler fault that changes nothing (stall 0 ms) for the next
# 100/FAULT_PCT - 1 requests, so faults are spread evenly instead of in bursts (3 failures in a
# row mark a provider unhealthy for 10 s). Writes the count injected to faults-<port>.txt.
controller() {
  local port=$1 kinds=('{"kind":"status","code":500' '{"kind":"status","code":429' '{"kind":"close"' '{"kind":"garbage"')
  local prev owed=0 k=0 injected=0 end=$((SECONDS + DURATION + 2)) now n j list
  prev=$(emu_requests "$port")
  while [ $SECONDS -lt $end ]; do
    sleep 0.2
    now=$(emu_requests "$port") || continue
    owed=$((owed + (now - prev) * FAULT_PCT)); prev=$now
    n=$((owed / 100)); owed=$((owed % 100))
    ((n > 0)) || continue
    list=""
    for ((j = 0; j < n; j++)); do
      list+="${list:+,}${kinds[k]},\"path\":\"/v1/chat/completions\"}"; k=$(((k + 1) % 4))
      list+=",{\"kind\":\"stall\",\"ms\":0,\"count\":$((100 / FAULT_PCT - 1)),\"path\":\"/v1/chat/completions\"}"
    done
    curl -s -o /dev/null -d "{\"faults\":[$list]}" "http://127.0.0.1:$port/_emulator/faults"
    injected=$((injected + n)); echo "$injected" >"$OUT/faults-$port.txt"
  done
}
controller "$LOCAL_PORT" & PIDS+=($!)
[ "$FAULT_CLOUD" = 1 ] && { controller "$CLOUD_PORT" & PIDS+=($!); }

c0=$(cpu_ticks "$GW"); l0=$(emu_requests "$LOCAL_PORT"); k0=$(emu_requests "$CLOUD_PORT")
BODY_FILE=$OUT/request.json timeout $((DURATION + 30)) wrk -t1 -c"$CONNS" -d"${DURATION}s" \
  --timeout 5s -s "$REPO/bench/status.lua" "$URL" >"$OUT/wrk.txt"
c1=$(cpu_ticks "$GW"); l1=$(emu_requests "$LOCAL_PORT"); k1=$(emu_requests "$CLOUD_PORT")
for port in "$LOCAL_PORT" "$CLOUD_PORT"; do curl -s -o /dev/null -X POST "http://127.0.0.1:$port/_emulator/reset"; done
peak=$(rss_kb "$GW" VmHWM)
sleep 10
rss_after=$(rss_kb "$GW" VmRSS)

grep -E '^(RESULT|STATUS)' "$OUT/wrk.txt"
requests=$(grep -o 'RESULT requests=[0-9]*' "$OUT/wrk.txt" | cut -d= -f2)
{
  echo "gateway: $(cat "$OUT/smoke.txt" | tr -d '\r'), $WORKERS worker(s), $CONNS connections, ${DURATION} s"
  echo "requests served: $requests ($((requests / DURATION)) req/s); answers by status:" \
    "$(grep '^STATUS' "$OUT/wrk.txt" | sed 's/STATUS code=//; s/ count=/: /' | sort -n | paste -sd, -)"
  echo "upstream calls: local $((l1 - l0)), cloud $((k1 - k0)); faults injected: local $(cat "$OUT/faults-$LOCAL_PORT.txt" 2>/dev/null || echo 0), cloud $(cat "$OUT/faults-$CLOUD_PORT.txt" 2>/dev/null || echo 0)"
  awk -v c="$((c1 - c0))" -v tck="$(getconf CLK_TCK)" -v n="$requests" -v i="$rss_idle" -v p="$peak" -v a="$rss_after" 'BEGIN {
    printf "gateway CPU %.1f s, %.1f us/request; RSS idle %.1f MB, peak %.1f MB, idle 10 s after %.1f MB (%+.1f MB)\n",
      c/tck, 1e6*c/tck/n, i/1024, p/1024, a/1024, (a-i)/1024 }'
} | tee "$OUT/summary.txt"
