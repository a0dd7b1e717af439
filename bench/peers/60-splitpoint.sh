# shellcheck shell=bash disable=SC2034  # sourced by run-all.sh, which reads the T_* variables
# Target for ../shared/bench/peers (run-all.sh): splitpoint, one process, one worker, pinned to
# SUT_CPU. bench/peers.sh copies the harness to /tmp/peers, drops this file into its targets.d/
# and runs it (see bench/README.md, "splitpoint in the peers harness").
#
# Routing (one process, one listener on 18040, like a production deployment). The harness payload
# names model gpt-4o-mini; routing.auto_models makes that name automatic, so every request runs
# the whole policy chain (facts, privacy scan, complexity, latency, cost, health) as `model: auto`:
#   non-streaming: the chain picks the local tier for the short, simple request -> provider "mock"
#                  (local, kind openai) -> the nginx mock http://127.0.0.1:18001/v1
#   streaming:     the same URL plus "X-Splitpoint-Tier: cloud" (the pin policy) -> provider
#                  "sse-mock" (cloud, kind openai) -> the C SSE mock http://127.0.0.1:18002/v1
# 18041 stays free for a second instance. CPU and RSS columns are those of this one process.
#
# SPLITPOINT_BIN: the gateway binary (a Release build); default: /work/main/build-bench/splitpoint.
# SPLITPOINT_WORKERS: server.workers (default 1).
SPLITPOINT_BIN=${SPLITPOINT_BIN:-/work/main/build-bench/splitpoint}

T_NAME=splitpoint
T_DESC="splitpoint $("$SPLITPOINT_BIN" version 2>/dev/null | awk '{print $2}') $(git -C "$(dirname "$SPLITPOINT_BIN")" rev-parse --short HEAD 2>/dev/null), ${SPLITPOINT_WORKERS:-1} worker(s), model auto"
T_URL=http://127.0.0.1:18040/v1/chat/completions
T_HEADERS=()
T_SSE_URL=http://127.0.0.1:18040/v1/chat/completions
T_SSE_HEADERS=("X-Splitpoint-Tier: cloud")
T_REQUIRES="$SPLITPOINT_BIN"
t_start() {
  local cfg="$RUN_DIR/splitpoint.yaml"
  cat >"$cfg" <<YAML
server:
  listen: 127.0.0.1:18040
  workers: ${SPLITPOINT_WORKERS:-1}
providers:
  - name: mock
    tier: local
    kind: openai
    base_url: http://127.0.0.1:$MOCK_PORT/v1
    api_key: sk-mock-0000000000000000
    chat_model: gpt-4o
  - name: sse-mock
    tier: cloud
    kind: openai
    base_url: http://127.0.0.1:$SSE_MOCK_PORT/v1
    api_key: sk-mock-0000000000000000
    chat_model: gpt-4o-sse
routing:
  auto_models: [gpt-4o-mini]
YAML
  start_bg splitpoint taskset -c "$SUT_CPU" "$SPLITPOINT_BIN" serve --config "$cfg"
}
