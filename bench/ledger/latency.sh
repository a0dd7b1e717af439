#!/usr/bin/env bash
# bench/ledger/latency.sh - does recording cost request latency? Two gateways on the same core,
# one with the ledger (ledger.enabled: true, a file in the results directory) and one without,
# the same emulator, the same request (model auto: the whole policy chain, features recorded);
# wrk alternates between them (A B A B ...) in the same run, and the p50/p99 of each are printed
# side by side. Reuses bench/post.lua and bench/payloads/request.json.
#
#   ROUNDS=3 DURATION=10 CONNS=8 bench/ledger/latency.sh
#   THINK_MS=1 CONNS=8 bench/ledger/latency.sh   each connection waits 1 ms between requests, so
#                                                the core is not saturated (wrk's delay hook)
#   BUILD_DIR=build  LOAD_CPU=0 SUT_CPU=1  RESULTS_DIR=bench/results/ledger-<timestamp>
# Only 127.0.0.1 is used; every process started here is stopped on exit, by PID.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
CONNS=${CONNS:-8}
export THINK_MS=${THINK_MS:-0}  # read by bench/post.lua
LOAD_CPU=${LOAD_CPU:-0}
SUT_CPU=${SUT_CPU:-1}
RESULTS_DIR=${RESULTS_DIR:-$ROOT/bench/results/ledger-$(date +%Y%m%d-%H%M%S)}
GW_BIN=$BUILD_DIR/splitpoint
EMU_BIN=$BUILD_DIR/tools/emulator/splitpoint-emulator
for b in "$GW_BIN" "$EMU_BIN"; do [ -x "$b" ] || { echo "missing $b" >&2; exit 1; }; done
command -v wrk >/dev/null || { echo "missing wrk" >&2; exit 1; }
mkdir -p "$RESULTS_DIR"

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  wait 2>/dev/null
}
trap cleanup EXIT

source "$ROOT/bench/lib/start.sh"

start "$RESULTS_DIR" emulator 'emulator listening on 127\.0\.0\.1:' taskset -c "$LOAD_CPU" "$EMU_BIN" \
  --port 0 --record-limit 0 --models llama3.1:8b,gpt-4o || exit 1
EMU=http://127.0.0.1:$STARTED_PORT

config() {  # config ENABLED
  cat <<YAML
server:
  listen: 127.0.0.1:0
providers:
  - {name: emu-ollama, tier: local, kind: ollama, base_url: "$EMU", chat_model: "llama3.1:8b"}
  - {name: emu-openai, tier: cloud, kind: openai, base_url: "$EMU/v1", api_key: sk-bench, chat_model: gpt-4o}
ledger:
  enabled: $1
  path: $RESULTS_DIR/ledger.db
YAML
}
config true >"$RESULTS_DIR/with.yaml"
config false >"$RESULTS_DIR/without.yaml"
declare -A PORT
for v in with without; do
  start "$RESULTS_DIR" "gw-$v" 'splitpoint listening on 127\.0\.0\.1:' taskset -c "$SUT_CPU" "$GW_BIN" \
    serve --config "$RESULTS_DIR/$v.yaml" || exit 1
  PORT[$v]=$STARTED_PORT
done
sed 's/"model":"[^"]*"/"model":"auto"/' "$ROOT/bench/payloads/request.json" >"$RESULTS_DIR/body.json"
for v in with without; do  # warm-up, and a check that it answers
  curl -sf -m 5 -X POST "http://127.0.0.1:${PORT[$v]}/v1/chat/completions" \
    -H 'Content-Type: application/json' --data-binary @"$RESULTS_DIR/body.json" >/dev/null ||
    { echo "gateway $v does not answer" >&2; exit 1; }
done

printf 'round\tledger\trequests\tp50_us\tp90_us\tp99_us\tmax_us\n' | tee "$RESULTS_DIR/latency.tsv"
total_with=0
for ((r = 1; r <= ROUNDS; r++)); do
  order=(with without)
  ((r % 2 == 0)) && order=(without with)  # neither always goes first
  for v in "${order[@]}"; do
    out=$(BODY_FILE=$RESULTS_DIR/body.json taskset -c "$LOAD_CPU" timeout -k 5 $((DURATION + 30)) \
      wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency -s "$ROOT/bench/post.lua" \
      "http://127.0.0.1:${PORT[$v]}/v1/chat/completions" 2>&1 | grep '^RESULT')
    n=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$out")
    [ "$v" = with ] && total_with=$((total_with + n))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$v" "$n" \
      "$(sed 's/.*p50_us=\([0-9]*\).*/\1/' <<<"$out")" "$(sed 's/.*p90_us=\([0-9]*\).*/\1/' <<<"$out")" \
      "$(sed 's/.*p99_us=\([0-9]*\).*/\1/' <<<"$out")" "$(sed 's/.*max_us=\([0-9]*\).*/\1/' <<<"$out")" |
      tee -a "$RESULTS_DIR/latency.tsv"
  done
done
sleep 0.5  # the writer's last batch (100 ms)
rows=$(sqlite3 "$RESULTS_DIR/ledger.db" 'SELECT count(*) FROM requests' 2>/dev/null)
echo "ledger rows: $rows (wrk requests to the ledger gateway: $total_with, plus 1 warm-up and those in flight when wrk stopped)"
awk -F'\t' 'NR > 1 {p50[$2] = p50[$2] " " $4; p99[$2] = p99[$2] " " $6}
  END {for (v in p50) printf "%-8s p50_us:%s   p99_us:%s\n", v, p50[v], p99[v]}' "$RESULTS_DIR/latency.tsv"
echo "results: $RESULTS_DIR"
