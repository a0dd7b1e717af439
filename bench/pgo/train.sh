#!/usr/bin/env bash
# bench/pgo/train.sh GATEWAY TOOLS_DIR - the training run of scripts/build-pgo.sh.
# Drives an instrumented gateway (GATEWAY, built with SPLITPOINT_PGO=generate) through the paths
# real traffic takes, then stops it with SIGTERM so that it writes its profiles (.gcda files, at
# exit). Traffic: the emulator (TOOLS_DIR/tools/emulator, an ordinary build) as both tiers, an
# Ollama-protocol local provider and an OpenAI-protocol cloud one; the ledger on. Through both
# front doors: chat with `model: auto` (the whole policy chain, a privacy finding in half of the
# prompts), pinned to the cloud, explicit models, streamed and not, embeddings, /metrics.
# The training fails (exit 1) if any of it is not answered with 200: a profile of error paths
# would optimize the wrong code. Loopback only; every process started here is stopped on exit.
#   SECONDS_EACH=3 (wrk runs)   STREAMS=200 (per streamed run)
set -euo pipefail
GW_BIN=$(realpath "$1")
TOOLS=$(realpath "$2")
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SECONDS_EACH=${SECONDS_EACH:-3}
STREAMS=${STREAMS:-200}
OUT=$(mktemp -d /tmp/splitpoint-pgo.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$OUT"
}
trap cleanup EXIT
fail() { echo "pgo training: $*" >&2; exit 1; }

source "$ROOT/bench/lib/start.sh"

start "$OUT" emulator 'emulator listening on 127\.0\.0\.1:' \
  "$TOOLS/tools/emulator/splitpoint-emulator" --port 0 --record-limit 0 --reply-tokens 16 \
  --models llama3.1:8b,gpt-4o,all-minilm,text-embedding-3-small || fail "the emulator did not start"
EMU=http://127.0.0.1:$STARTED_PORT
cat >"$OUT/gateway.yaml" <<YAML
server:
  listen: 127.0.0.1:0
  workers: 1
providers:
  - {name: local, tier: local, kind: ollama, base_url: "$EMU", chat_model: "llama3.1:8b", embedding_model: all-minilm}
  - {name: cloud, tier: cloud, kind: openai, base_url: "$EMU/v1", api_key: sk-train, chat_model: gpt-4o, embedding_model: text-embedding-3-small}
ledger:
  path: $OUT/ledger.db
YAML
start "$OUT" gateway 'splitpoint listening on 127\.0\.0\.1:' \
  "$GW_BIN" serve --config "$OUT/gateway.yaml" || fail "the gateway did not start"
GW_PID=${PIDS[-1]}
GW=http://127.0.0.1:$STARTED_PORT

# Bodies: the benchmark's OpenAI request as it is, with model auto, and with an e-mail address
# (a privacy finding); Ollama /api/chat bodies of the same conversation.
REQ=$ROOT/bench/payloads/request.json
sed 's/"model":"[^"]*"/"model":"auto"/' "$REQ" >"$OUT/auto.json"
sed 's/"model":"[^"]*"/"model":"auto"/; s/"content":"We /"content":"Mail jane.doe@example.com. We /' \
  "$REQ" >"$OUT/auto-pii.json"
grep -q 'jane.doe' "$OUT/auto-pii.json" || fail "bench/payloads/request.json changed: no user message found"
for f in auto auto-pii; do
  sed -E 's/^.*("messages":\[.*\]),"temperature".*$/{"model":"auto",\1,"stream":false}/' \
    "$OUT/$f.json" >"$OUT/ollama-$f.json"
  grep -q '^{"model":"auto","messages"' "$OUT/ollama-$f.json" || fail "no Ollama body from $f.json"
done

# load URL BODY [wrk -H header]: wrk for SECONDS_EACH at 8 connections; every answer must be 200.
load() {
  local url=$1 body=$2; shift 2
  local out
  out=$(BODY_FILE=$body timeout $((SECONDS_EACH + 30)) wrk -t1 -c8 -d"${SECONDS_EACH}s" \
    -s "$ROOT/bench/post.lua" "$@" "$url" | grep '^RESULT') || fail "wrk failed on $url"
  grep -q ' err_status=0 ' <<<"$out" && ! grep -q 'requests=0 ' <<<"$out" || fail "$url: $out"
  echo "  $url ${*:-} $(grep -o 'requests=[0-9]*' <<<"$out")"
}
# check METHOD PATH [BODY]: one request, status 200.
check() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -m 10 -X "$1" -H 'Content-Type: application/json' \
    ${3:+--data-binary "$3"} "$GW$2")
  [ "$code" = 200 ] || fail "$1 $2: status $code"
}

echo "pgo training: gateway $GW, emulator $EMU"
check POST /v1/chat/completions @"$OUT/auto.json"
load "$GW/v1/chat/completions" "$OUT/auto.json"
load "$GW/v1/chat/completions" "$OUT/auto-pii.json"
load "$GW/v1/chat/completions" "$OUT/auto.json" -H 'X-Splitpoint-Tier: cloud'
load "$GW/api/chat" "$OUT/ollama-auto.json"
load "$GW/api/chat" "$OUT/ollama-auto-pii.json"
for pin in local cloud; do
  "$TOOLS/bench/splitpoint-streams-load" --port "${GW##*:}" --model auto -n "$STREAMS" --ramp 1000 \
    --tokens 16 --timeout-s 60 -H "X-Splitpoint-Tier: $pin" >"$OUT/streams-$pin.txt" ||
    fail "streams ($pin): $(tail -3 "$OUT/streams-$pin.txt")"
  echo "  $STREAMS streams, $pin"
done
for i in $(seq 50); do
  check POST /v1/embeddings '{"model":"auto","input":["one","two"]}'
  check POST /api/embed '{"model":"auto","input":"three"}'
  check GET /api/tags
  check GET /v1/models
done
check GET /metrics

kill -TERM "$GW_PID"
for _ in $(seq 100); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.1; done
! kill -0 "$GW_PID" 2>/dev/null || fail "the gateway did not stop within 10 s"
wait "$GW_PID" || fail "the gateway exited with an error"
echo "pgo training: done"
