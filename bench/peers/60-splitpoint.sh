# shellcheck shell=bash disable=SC2034  # sourced by run-all.sh, which reads the T_* variables
# Target for ../shared/bench/peers (run-all.sh): splitpoint, one process, one worker, pinned to
# SUT_CPU. Copy the harness somewhere writable and drop this file into its targets.d/ (see
# bench/README.md, "splitpoint in the peers harness").
#
# Routing (one process, one listener on 18040, like a production deployment):
#   non-streaming: model gpt-4o-mini (the harness payload) or gpt-4o -> provider "mock" (cloud,
#                  kind openai) -> the nginx mock http://127.0.0.1:18001/v1
#   streaming:     the same URL plus "X-Splitpoint-Tier: local" -> provider "sse-mock" (local tier,
#                  kind openai) -> the C SSE mock http://127.0.0.1:18002/v1
# splitpoint has a single listener per process, so the streaming route is chosen per request by
# header (as the harness does for Portkey) instead of a second port; 18041 stays free for a
# second instance if one is ever wanted. CPU and RSS columns are then those of this one process.
#
# SPLITPOINT_BIN: the gateway binary (a Release build); default: /work/main/build-bench/splitpoint.
SPLITPOINT_BIN=${SPLITPOINT_BIN:-/work/main/build-bench/splitpoint}

T_NAME=splitpoint
T_DESC="splitpoint $("$SPLITPOINT_BIN" version 2>/dev/null | awk '{print $2}') $(git -C "$(dirname "$SPLITPOINT_BIN")" rev-parse --short HEAD 2>/dev/null), 1 worker"
T_URL=http://127.0.0.1:18040/v1/chat/completions
T_HEADERS=()
T_SSE_URL=http://127.0.0.1:18040/v1/chat/completions
T_SSE_HEADERS=("X-Splitpoint-Tier: local")
T_REQUIRES="$SPLITPOINT_BIN"
t_start() {
  local cfg="$RUN_DIR/splitpoint.yaml"
  cat >"$cfg" <<YAML
server:
  listen: 127.0.0.1:18040
  workers: 1
providers:
  - name: mock
    tier: cloud
    kind: openai
    base_url: http://127.0.0.1:$MOCK_PORT/v1
    api_key: sk-mock-0000000000000000
    chat_model: gpt-4o
    models: [gpt-4o-mini]
  - name: sse-mock
    tier: local
    kind: openai
    base_url: http://127.0.0.1:$SSE_MOCK_PORT/v1
    api_key: sk-mock-0000000000000000
    chat_model: gpt-4o-sse
YAML
  start_bg splitpoint taskset -c "$SUT_CPU" "$SPLITPOINT_BIN" serve --config "$cfg"
}
