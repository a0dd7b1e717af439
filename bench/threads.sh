#!/usr/bin/env bash
# bench/threads.sh - the threading model by measurement: server.workers 1 vs 2 (one io_context
# per worker thread, each with its own SO_REUSEPORT acceptor), nothing pinned, on this 2-core
# machine where wrk and the emulator need CPU too. Rounds alternate the order so drift hits
# both alike. Prints req/s, p50/p99 and gateway CPU per request per run.
#   bench/threads.sh                    3 rounds x 10 s per setting, 32 connections, model auto
# Knobs: ROUNDS, DURATION, CONNS, WORKER_SETS ("1 2"), BUILD_DIR, EMU_PORT/GW_PORT (18075/6).
# Loopback only; processes started here are stopped by PID.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$REPO/build}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
WORKER_SETS=${WORKER_SETS:-"1 2"}
EMU_PORT=${EMU_PORT:-18075}
GW_PORT=${GW_PORT:-18076}
OUT=${OUT:-/tmp/sp-threads/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
"$BUILD_DIR/tools/emulator/splitpoint-emulator" --port "$EMU_PORT" --record-limit 0 >"$OUT/emu.log" 2>&1 &
PIDS+=($!)
sed 's/"model":"[^"]*"/"model":"auto"/' "$REPO/bench/payloads/request.json" >"$OUT/request.json"
URL=http://127.0.0.1:$GW_PORT/v1/chat/completions

run() {  # $1 workers, $2 round
  cat >"$OUT/gw-$1.yaml" <<YAML
server:
  listen: 127.0.0.1:$GW_PORT
  workers: $1
providers:
  - name: local
    tier: local
    kind: openai
    base_url: http://127.0.0.1:$EMU_PORT/v1
    api_key: sk-bench
    chat_model: gpt-4o
ledger:
  path: $OUT/ledger-$1.db
YAML
  "$BUILD_DIR/splitpoint" serve --config "$OUT/gw-$1.yaml" >"$OUT/gw-$1-$2.log" 2>&1 &
  local gw=$!
  for _ in $(seq 100); do curl -sf -o /dev/null -d @"$OUT/request.json" "$URL" && break; sleep 0.1; done
  BODY_FILE=$OUT/request.json timeout 30 wrk -t1 -c"$CONNS" -d2s -s "$REPO/bench/post.lua" "$URL" >/dev/null
  local c0 c1
  c0=$(awk '{print $14 + $15}' "/proc/$gw/stat")
  BODY_FILE=$OUT/request.json timeout $((DURATION + 30)) wrk -t1 -c"$CONNS" -d"${DURATION}s" \
    -s "$REPO/bench/post.lua" "$URL" >"$OUT/wrk-$1-$2.txt"
  c1=$(awk '{print $14 + $15}' "/proc/$gw/stat")
  kill "$gw"; wait "$gw" 2>/dev/null || true
  awk -v w="$1" -v r="$2" -v c="$((c1 - c0))" -v tck="$(getconf CLK_TCK)" -v d="$DURATION" '
    /^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "workers=%s round=%s req/s=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d gw_cpu=%.0f%% gw_us/req=%.1f\n",
        w, r, v["requests"] / d, v["p50_us"] / 1000, v["p99_us"] / 1000,
        v["err_status"] + v["err_connect"] + v["err_read"] + v["err_timeout"], 100 * c / tck / d, 1e6 * c / tck / v["requests"] }' \
    "$OUT/wrk-$1-$2.txt"
}
for ((r = 1; r <= ROUNDS; r++)); do
  sets=$WORKER_SETS; ((r % 2 == 0)) && sets=$(echo "$WORKER_SETS" | tr ' ' '\n' | tac | tr '\n' ' ')
  for w in $sets; do run "$w" "$r"; done
done | tee "$OUT/results.txt"
awk '{ split($1, a, "="); split($3, b, "="); split($8, c, "="); n[a[2]]++; rps[a[2]] += b[2]; us[a[2]] += c[2] }
  END { for (w in n) printf "mean workers=%s req/s=%.0f gw_us/req=%.1f (%d rounds)\n", w, rps[w] / n[w], us[w] / n[w], n[w] }' "$OUT/results.txt"
