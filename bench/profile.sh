#!/usr/bin/env bash
# bench/profile.sh - instructions per request of the gateway, counted by callgrind (repeatable on
# this noisy shared machine, unlike wall-clock numbers), and optionally allocations by heaptrack.
#
# The gateway (1 worker) runs under valgrind --tool=callgrind with collection off; after a warm-up
# (which fills the upstream keep-alive pool) collection is switched on, wrk sends load for
# $SECONDS_LOAD seconds, collection is switched off, and the gateway is stopped. Instructions in
# the dump / requests wrk completed = Ir per request (+-32 requests in flight at the edges).
#   bench/profile.sh                       non-streaming, model auto (the whole policy chain)
#   MODEL=cloud bench/profile.sh           explicit route, no chain
#   PROTO=ollama bench/profile.sh          upstream kind ollama (OpenAI -> Ollama translation)
#   TOOL=heaptrack bench/profile.sh        allocations instead (heaptrack, whole process)
#   STREAM=20 bench/profile.sh             "stream":true, the emulator answering 20 tokens at once
# Upstream: splitpoint-emulator (--record-limit 0). Loopback only; everything started is stopped
# by PID on exit. Output: $OUT (default /tmp/sp-profile/<timestamp>/).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$REPO/build}
MODEL=${MODEL:-auto}
PROTO=${PROTO:-openai}
CONNS=${CONNS:-32}
SECONDS_LOAD=${SECONDS_LOAD:-10}
TOOL=${TOOL:-callgrind}
EMU_PORT=${EMU_PORT:-18070}
GW_PORT=${GW_PORT:-18071}
OUT=${OUT:-/tmp/sp-profile/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
for port in "$EMU_PORT" "$GW_PORT"; do
  if ss -Hltn "sport = :$port" | grep -q .; then echo "port $port is taken" >&2; exit 1; fi
done
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

STREAM=${STREAM:-0}
"$BUILD_DIR/tools/emulator/splitpoint-emulator" --port "$EMU_PORT" --record-limit 0 --reply-tokens "$STREAM" >"$OUT/emulator.log" 2>&1 &
PIDS+=($!)
if [ "$PROTO" = ollama ]; then base=http://127.0.0.1:$EMU_PORT; model=llama3.1:8b; else base=http://127.0.0.1:$EMU_PORT/v1; model=gpt-4o; fi
cat >"$OUT/gateway.yaml" <<YAML
server:
  listen: 127.0.0.1:$GW_PORT
  workers: 1
providers:
  - name: local
    tier: local
    kind: $PROTO
    base_url: $base
    api_key: sk-bench
    chat_model: $model
  - name: cloud
    tier: cloud
    kind: openai
    base_url: http://127.0.0.1:$EMU_PORT/v1
    api_key: sk-bench
    chat_model: gpt-4o
ledger:
  path: $OUT/ledger.db
YAML
stream=false; [ "$STREAM" -gt 0 ] && stream=true
sed "s/\"model\":\"[^\"]*\"/\"model\":\"$MODEL\"/; s/\"stream\":false/\"stream\":$stream/" \
  "$REPO/bench/payloads/request.json" >"$OUT/request.json"

case "$TOOL" in
  callgrind) valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$OUT/callgrind.out" \
               "$BUILD_DIR/splitpoint" serve --config "$OUT/gateway.yaml" >"$OUT/gateway.log" 2>&1 & ;;
  heaptrack) heaptrack -o "$OUT/heaptrack" "$BUILD_DIR/splitpoint" serve --config "$OUT/gateway.yaml" >"$OUT/gateway.log" 2>&1 & ;;
  *) echo "TOOL: callgrind or heaptrack" >&2; exit 2 ;;
esac
PIDS+=($!)
url=http://127.0.0.1:$GW_PORT/v1/chat/completions
for _ in $(seq 300); do curl -sf -o /dev/null -H 'Authorization: Bearer x' -d @"$OUT/request.json" "$url" && break; sleep 0.2; done
# The gateway process itself (heaptrack runs it as a child): the listener's owner.
GW=$(ss -Hltnp "sport = :$GW_PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
PIDS+=($GW)
curl -sf -D - -o "$OUT/smoke.json" -d @"$OUT/request.json" "$url" | grep -i '^x-splitpoint' || { echo "gateway did not answer" >&2; exit 1; }
wrk_run() { BODY_FILE="$OUT/request.json" timeout $(($1 + 30)) wrk -t1 -c"$CONNS" -d"$1s" --timeout 10s -s "$REPO/bench/post.lua" "$url"; }
wrk_run 2 >"$OUT/warmup.txt"
[ "$TOOL" = callgrind ] && callgrind_control -i on "$GW" >/dev/null
wrk_run "$SECONDS_LOAD" >"$OUT/wrk.txt"
[ "$TOOL" = callgrind ] && callgrind_control -i off "$GW" >/dev/null
requests=$(grep -o 'requests=[0-9]*' "$OUT/wrk.txt" | cut -d= -f2)
errors=$(grep -o 'err_status=[0-9]*' "$OUT/wrk.txt" | cut -d= -f2)
kill -TERM "$GW"; for _ in $(seq 100); do kill -0 "$GW" 2>/dev/null || break; sleep 0.2; done
echo "requests=$requests err_status=$errors model=$MODEL proto=$PROTO conns=$CONNS stream_tokens=$STREAM out=$OUT"
if [ "$TOOL" = callgrind ]; then
  f=$(ls "$OUT"/callgrind.out* | head -1)
  ir=$(callgrind_annotate "$f" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",","",$1); print $1}')
  echo "Ir=$ir Ir/request=$((ir / requests))"
  callgrind_annotate --inclusive=no "$f" 2>/dev/null | sed -n '/^Ir/,$p' | head -45 >"$OUT/top-self.txt"
  callgrind_annotate --inclusive=yes "$f" 2>/dev/null | sed -n '/^Ir/,$p' | head -80 >"$OUT/top-inclusive.txt"
  echo "top: $OUT/top-self.txt $OUT/top-inclusive.txt"
else
  echo "heaptrack: heaptrack_print $OUT/heaptrack.*"
fi
