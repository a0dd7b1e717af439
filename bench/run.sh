#!/usr/bin/env bash
# bench/run.sh - the gateway's added latency, throughput and streaming behaviour, measured against
# calling the upstream emulator directly, in the same run (see bench/README.md).
#
#   bench/run.sh            ~4.5 min (plus the build): wrk 10 s x {1,32} conns x 4 targets x 2 rounds,
#                           then streaming
#   QUICK=1 bench/run.sh    ~30 s smoke run
#
# Targets (all POST /v1/chat/completions, the same 1 KB request):
#   direct    the emulator's OpenAI API (model gpt-4o): the baseline
#   gw-cloud  the gateway, model "cloud" -> OpenAI upstream (the same emulator, /v1)
#   gw-local  the gateway, model "local" -> Ollama upstream (the same emulator, /api/chat):
#             OpenAI -> Ollama translation of the request and back for the answer
#   gw-auto   the gateway, model "auto": the whole policy chain (privacy scan, complexity,
#             latency, cost, health) decides, then as gw-local or gw-cloud
# Emulator, wrk and splitpoint-ttft run on core LOAD_CPU (0), the gateway alone on SUT_CPU (1).
#
# Knobs (environment):
#   DURATION=10 REPEATS=2 CONNS="1 32" WARMUP=2   wrk runs (seconds, rounds, connections)
#   TTFT_REQUESTS=200 TTFT_PACED_REQUESTS=100     streaming requests per run (unpaced / paced)
#   PACED_TPS=100 STREAM_TOKENS=8                 emulator pace and tokens per streamed answer
#   EMU_PORT=18060 GW_PORT=18061                  refused if taken (0 = let the OS choose)
#   LOAD_CPU=0 SUT_CPU=1 GW_WORKERS=1
#   BUILD_DIR=build-bench (Release; built if needed)  SKIP_BUILD=1 to use it as it is
#   RESULTS_DIR=bench/results/<timestamp>
# Only 127.0.0.1 is used. Every process this script starts is stopped on exit, by PID.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
if [ "${QUICK:-0}" = 1 ]; then
  : "${DURATION:=3}" "${REPEATS:=1}" "${WARMUP:=1}" "${TTFT_REQUESTS:=50}" "${TTFT_PACED_REQUESTS:=20}"
fi
DURATION=${DURATION:-10}
REPEATS=${REPEATS:-2}
CONNS=${CONNS:-"1 32"}
WARMUP=${WARMUP:-2}
TTFT_REQUESTS=${TTFT_REQUESTS:-200}
TTFT_PACED_REQUESTS=${TTFT_PACED_REQUESTS:-100}
PACED_TPS=${PACED_TPS:-100}
STREAM_TOKENS=${STREAM_TOKENS:-8}
EMU_PORT=${EMU_PORT:-18060}
GW_PORT=${GW_PORT:-18061}
LOAD_CPU=${LOAD_CPU:-0}
SUT_CPU=${SUT_CPU:-1}
GW_WORKERS=${GW_WORKERS:-1}
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
RESULTS_DIR=${RESULTS_DIR:-$HERE/results/$(date +%Y%m%d-%H%M%S)}
LOG_DIR=$RESULTS_DIR/logs
CLK_TCK=$(getconf CLK_TCK)
MODELS=llama3.1:8b,all-minilm,gpt-4o,text-embedding-3-small

for v in DURATION REPEATS WARMUP TTFT_REQUESTS TTFT_PACED_REQUESTS PACED_TPS STREAM_TOKENS \
  EMU_PORT GW_PORT LOAD_CPU SUT_CPU GW_WORKERS; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "run.sh: $v must be a non-negative integer, got '${!v}'" >&2; exit 2; }
done
((DURATION >= 1 && DURATION <= 600)) || { echo "run.sh: DURATION must be 1..600" >&2; exit 2; }
((REPEATS >= 1 && REPEATS <= 20)) || { echo "run.sh: REPEATS must be 1..20" >&2; exit 2; }

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "$*"; exit 1; }

# ------------------------------------------------------------------ prerequisites and build
for t in wrk taskset curl ss awk; do
  command -v "$t" >/dev/null || die "missing $t (Debian: apt-get install wrk util-linux curl iproute2 gawk)"
done
[ "$(nproc)" -ge 2 ] || log "WARNING: fewer than 2 cores; the pinning to cores $LOAD_CPU/$SUT_CPU overlaps"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  gen=(); command -v ninja >/dev/null && gen=(-G Ninja)
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null)
  if [ "$build_type" != Release ]; then
    log "configuring $BUILD_DIR (Release)"
    cmake -S "$ROOT" -B "$BUILD_DIR" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null ||
      die "cmake configure failed"
  fi
  log "building splitpoint, splitpoint-emulator, splitpoint-ttft in $BUILD_DIR"
  cmake --build "$BUILD_DIR" -j 2 --target splitpoint splitpoint-emulator splitpoint-ttft >&2 ||
    die "build failed"
fi
GW_BIN=$BUILD_DIR/splitpoint
EMU_BIN=$BUILD_DIR/tools/emulator/splitpoint-emulator
TTFT_BIN=$BUILD_DIR/bench/splitpoint-ttft
for b in "$GW_BIN" "$EMU_BIN" "$TTFT_BIN"; do [ -x "$b" ] || die "missing $b"; done

port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
for p in "$EMU_PORT" "$GW_PORT"; do
  if [ "$p" != 0 ] && port_in_use "$p"; then
    die "port $p is already in use; stop that process or set EMU_PORT/GW_PORT"
  fi
done

mkdir -p "$RESULTS_DIR" "$LOG_DIR" || die "cannot create $RESULTS_DIR"
WRK_TSV=$RESULTS_DIR/wrk.tsv     # one row per wrk run
TTFT_TSV=$RESULTS_DIR/ttft.tsv   # one row per splitpoint-ttft run
MEM_TSV=$RESULTS_DIR/memory.tsv  # gateway RSS
CMDS=$RESULTS_DIR/commands.txt   # every start and load command as run
printf 'target\tconns\trep\trps\tp50_us\tp90_us\tp99_us\tmax_us\terrors\tgw_us_per_req\temu_us_per_req\tgw_cpu_pct\temu_conns\tload_core_busy_pct\tsut_core_busy_pct\n' >"$WRK_TSV"
printf 'mode\ttarget\trep\tn\tok\terrors\tttfb_p50_us\tttft_p50_us\tttft_p90_us\tttft_p99_us\ttotal_p50_us\ttotal_p99_us\tevents_avg\n' >"$TTFT_TSV"
: >"$CMDS"

# ------------------------------------------------------------------ processes
STARTED_PIDS=()
STARTED_NAMES=()
LOAD_PID=   # the running load generator (wrk, splitpoint-ttft), if any
cleanup() {
  trap - EXIT INT TERM
  local i pid n alive
  [ -n "$LOAD_PID" ] && kill -TERM "$LOAD_PID" 2>/dev/null
  for pid in "${STARTED_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for ((n = 0; n < 50; n++)); do
    alive=0
    for pid in "${STARTED_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for i in "${!STARTED_PIDS[@]}"; do
    pid=${STARTED_PIDS[$i]}
    if kill -0 "$pid" 2>/dev/null; then
      log "${STARTED_NAMES[$i]} (pid $pid) ignored TERM; sending KILL"
      kill -KILL "$pid" 2>/dev/null
    fi
  done
  wait 2>/dev/null
  ((${#STARTED_PIDS[@]})) && log "stopped ${#STARTED_PIDS[@]} processes started by this run"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# start_bg NAME CMD...: runs CMD in the background, stdout to logs/NAME.out, stderr to
# logs/NAME.err; sets BG_PID.
start_bg() {
  local name=$1; shift
  "$@" >"$LOG_DIR/$name.out" 2>"$LOG_DIR/$name.err" &
  BG_PID=$!
  STARTED_PIDS+=("$BG_PID"); STARTED_NAMES+=("$name")
  { printf '%s: ' "$name"; printf '%q ' "$@"; echo; } >>"$CMDS"
}

# wait_listening NAME PID PATTERN: waits (at most 10 s) for PATTERN<port> on NAME's stdout and
# prints the port.
wait_listening() {
  local name=$1 pid=$2 pattern=$3 i port
  for ((i = 0; i < 100; i++)); do
    port=$(sed -n "s/^$pattern\([0-9][0-9]*\).*/\1/p" "$LOG_DIR/$name.out" 2>/dev/null | head -1)
    [ -n "$port" ] && { echo "$port"; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  log "$name did not start; its stderr:"; sed 's/^/  /' "$LOG_DIR/$name.err" >&2
  return 1
}

# Connections the emulator accepted so far, counting this probe (wrk's, or the gateway's upstream ones).
emu_conns() {
  curl -s -m 2 "$EMU/_emulator/stats" | sed -n 's/.*"connections_accepted":\([0-9]*\).*/\1/p'
}
# core_busy CPU: "busy total" jiffies of one core so far, from /proc/stat.
core_busy() { awk -v c="cpu$1" '$1 == c {t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t}' /proc/stat; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# ------------------------------------------------------------------ start emulator and gateway
start_bg emulator taskset -c "$LOAD_CPU" "$EMU_BIN" --host 127.0.0.1 --port "$EMU_PORT" \
  --record-limit 0 --models "$MODELS"
EMU_PID=$BG_PID
EMU_PORT=$(wait_listening emulator "$EMU_PID" 'emulator listening on 127\.0\.0\.1:') ||
  die "emulator failed to start"
EMU=http://127.0.0.1:$EMU_PORT

GW_CONFIG=$RESULTS_DIR/gateway.yaml
cat >"$GW_CONFIG" <<EOF
# Written by bench/run.sh: both providers point at the emulator.
server:
  listen: 127.0.0.1:$GW_PORT
  workers: $GW_WORKERS
providers:
  - name: emu-ollama
    tier: local
    kind: ollama
    base_url: $EMU
    chat_model: llama3.1:8b
  - name: emu-openai
    tier: cloud
    kind: openai
    base_url: $EMU/v1
    api_key: sk-bench
    chat_model: gpt-4o
EOF
start_bg gateway taskset -c "$SUT_CPU" "$GW_BIN" serve --config "$GW_CONFIG"
GW_PID=$BG_PID
GW_PORT=$(wait_listening gateway "$GW_PID" 'splitpoint listening on 127\.0\.0\.1:') ||
  die "gateway failed to start"
GW=http://127.0.0.1:$GW_PORT
sleep 1   # let start-up work (provider reachability probes) finish before the idle RSS
RSS_IDLE_START=$(status_kb "$GW_PID" VmRSS)
log "emulator pid $EMU_PID on :$EMU_PORT (core $LOAD_CPU), gateway pid $GW_PID on :$GW_PORT (core $SUT_CPU)"

# ------------------------------------------------------------------ targets and smoke checks
TARGETS=(direct gw-cloud gw-local gw-auto)
declare -A URL=([direct]=$EMU/v1/chat/completions [gw-cloud]=$GW/v1/chat/completions
  [gw-local]=$GW/v1/chat/completions [gw-auto]=$GW/v1/chat/completions)
declare -A MODEL=([direct]=gpt-4o [gw-cloud]=cloud [gw-local]=local [gw-auto]=auto)
mkdir -p "$RESULTS_DIR/bodies"
for t in "${TARGETS[@]}"; do
  sed "s/\"model\":\"[^\"]*\"/\"model\":\"${MODEL[$t]}\"/" "$HERE/payloads/request.json" \
    >"$RESULTS_DIR/bodies/$t.json"
  curl -s -i -m 5 -X POST "${URL[$t]}" -H 'Content-Type: application/json' \
    -H 'Authorization: Bearer sk-bench' --data-binary @"$RESULTS_DIR/bodies/$t.json" \
    >"$LOG_DIR/smoke-$t.txt" 2>&1
  if ! head -1 "$LOG_DIR/smoke-$t.txt" | grep -q ' 200' ||
    ! grep -q '"chat.completion"' "$LOG_DIR/smoke-$t.txt"; then
    die "smoke test of $t failed (see $LOG_DIR/smoke-$t.txt)"
  fi
  curl -s -N -i -m 5 -X POST "${URL[$t]}" -H 'Content-Type: application/json' \
    -d "{\"model\":\"${MODEL[$t]}\",\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}],\"stream\":true}" \
    >"$LOG_DIR/smoke-stream-$t.txt" 2>&1
  grep -q '\[DONE\]' "$LOG_DIR/smoke-stream-$t.txt" ||
    die "streaming smoke test of $t failed (see $LOG_DIR/smoke-stream-$t.txt)"
done

{
  echo "date: $(date -u +%FT%TZ)"
  echo "host: $(uname -srm), $(nproc) cores, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)"
  echo "debian: $(cat /etc/debian_version 2>/dev/null)"
  echo "git: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo ' (dirty)')"
  echo "build: $BUILD_DIR ($(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt"))"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "pinning: emulator, wrk, splitpoint-ttft -> core $LOAD_CPU; gateway ($GW_WORKERS worker(s)) -> core $SUT_CPU"
  echo "params: DURATION=$DURATION REPEATS=$REPEATS CONNS='$CONNS' WARMUP=$WARMUP TTFT_REQUESTS=$TTFT_REQUESTS TTFT_PACED_REQUESTS=$TTFT_PACED_REQUESTS PACED_TPS=$PACED_TPS STREAM_TOKENS=$STREAM_TOKENS"
  echo "binaries: splitpoint built $(date -r "$GW_BIN" '+%F %T'), emulator built $(date -r "$EMU_BIN" '+%F %T')"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$RESULTS_DIR/env.txt"
cat "$RESULTS_DIR/env.txt" >&2

# run_load OUT CMD...: runs a load generator, output to OUT. In the background plus `wait`, so
# that Ctrl-C or TERM reach the cleanup at once instead of after the run.
run_load() {
  local out=$1; shift
  "$@" >"$out" 2>&1 &
  LOAD_PID=$!
  wait "$LOAD_PID"
  LOAD_PID=
}

# ------------------------------------------------------------------ non-streaming (wrk)
# run_wrk TARGET CONNS REP SECONDS RECORD
run_wrk() {
  local t=$1 c=$2 rep=$3 secs=$4 record=$5
  local out=$LOG_DIR/wrk-$t-c$c-r$rep.txt
  [ "$record" = 1 ] || out=$LOG_DIR/warmup-$t.txt
  local cmd=(taskset -c "$LOAD_CPU" timeout --foreground -k 5 $((secs + 30)) wrk -t1 -c"$c"
    -d"${secs}s" --timeout 5s --latency -s "$HERE/post.lua" "${URL[$t]}")
  { printf 'BODY_FILE=%q ' "$RESULTS_DIR/bodies/$t.json"; printf '%q ' "${cmd[@]}"; echo; } >>"$CMDS"
  local g0 e0 t0 g1 e1 t1 k0 k1 lb0 lt0 sb0 st0 lb1 lt1 sb1 st1
  k0=$(emu_conns); g0=$(cpu_ticks "$GW_PID"); e0=$(cpu_ticks "$EMU_PID"); t0=$(date +%s.%N)
  read -r lb0 lt0 < <(core_busy "$LOAD_CPU"); read -r sb0 st0 < <(core_busy "$SUT_CPU")
  run_load "$out" env BODY_FILE="$RESULTS_DIR/bodies/$t.json" "${cmd[@]}"
  g1=$(cpu_ticks "$GW_PID"); e1=$(cpu_ticks "$EMU_PID"); t1=$(date +%s.%N); k1=$(emu_conns)
  read -r lb1 lt1 < <(core_busy "$LOAD_CPU"); read -r sb1 st1 < <(core_busy "$SUT_CPU")
  [ "$record" = 1 ] || return 0
  local line; line=$(grep '^RESULT' "$out")
  [ -n "$line" ] || { log "wrk $t c=$c rep=$rep printed no RESULT (see $out)"; return 0; }
  awk -v t="$t" -v c="$c" -v rep="$rep" -v dg=$((g1 - g0)) -v de=$((e1 - e0)) -v hz="$CLK_TCK" \
    -v dk=$((${k1:-0} - ${k0:-0} - 1)) -v lb=$((lb1 - lb0)) -v lt=$((lt1 - lt0)) \
    -v sb=$((sb1 - sb0)) -v st=$((st1 - st0)) \
    -v el="$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b - a}')" '
    { for (k = 2; k <= NF; k++) { split($k, kv, "="); v[kv[1]] = kv[2] } }
    END {
      n = v["requests"]; rps = n / (v["duration_us"] / 1e6)
      err = v["err_connect"] + v["err_read"] + v["err_write"] + v["err_status"] + v["err_timeout"]
      gw = (t == "direct") ? 0 : dg / hz
      printf "%s\t%d\t%d\t%.0f\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.1f\t%.0f\t%d\t%.0f\t%.0f\n", t, c, rep, rps,
        v["p50_us"], v["p90_us"], v["p99_us"], v["max_us"], err, (n > 0 ? gw * 1e6 / n : 0),
        (n > 0 ? de / hz * 1e6 / n : 0), 100 * gw / el, dk, (lt > 0 ? 100 * lb / lt : 0),
        (st > 0 ? 100 * sb / st : 0)
    }' <<<"$line" >>"$WRK_TSV"
  tail -1 "$WRK_TSV" | awk -F'\t' '{printf "  %-9s c=%-3s rep=%s %8s req/s  p50 %6.3f ms  p99 %6.3f ms  errors %s  emulator conns %s\n",
    $1, $2, $3, $4, $5 / 1000, $7 / 1000, $9, $13}' >&2
}

# order REP: the targets, reversed in even rounds so drift hits every target alike.
order() { if (($1 % 2 == 0)); then printf '%s\n' "${TARGETS[@]}" | tac; else printf '%s\n' "${TARGETS[@]}"; fi; }

log "warm-up: ${WARMUP}s at 32 connections per target"
for t in "${TARGETS[@]}"; do run_wrk "$t" 32 0 "$WARMUP" 0; done
log "non-streaming: wrk ${DURATION}s per run, conns {$CONNS}, $REPEATS round(s), interleaved"
for ((rep = 1; rep <= REPEATS; rep++)); do
  for c in $CONNS; do
    for t in $(order "$rep"); do run_wrk "$t" "$c" "$rep" "$DURATION" 1; done
  done
done

# ------------------------------------------------------------------ streaming (splitpoint-ttft)
emu_config() {
  curl -s -m 5 -X POST "$EMU/_emulator/config" -H 'Content-Type: application/json' -d "$1" \
    >>"$LOG_DIR/emulator-config.txt" && echo >>"$LOG_DIR/emulator-config.txt"
}

# run_ttft MODE TARGET REP N
run_ttft() {
  local mode=$1 t=$2 rep=$3 n=$4
  local out=$LOG_DIR/ttft-$mode-$t-r$rep.txt
  local cmd=(taskset -c "$LOAD_CPU" timeout --foreground -k 5 120 "$TTFT_BIN" --url "${URL[$t]}"
    --model "${MODEL[$t]}" -n "$n" --warmup 5 --timeout-ms 5000 --label "$t"
    -H 'Authorization: Bearer sk-bench' --raw "$LOG_DIR/ttft-$mode-$t-r$rep.tsv")
  { printf '%q ' "${cmd[@]}"; echo; } >>"$CMDS"
  run_load "$out" "${cmd[@]}"
  local line; line=$(grep '^RESULT' "$out")
  [ -n "$line" ] || { log "splitpoint-ttft $t ($mode) printed no RESULT (see $out)"; return 0; }
  awk -v m="$mode" -v t="$t" -v rep="$rep" '
    { for (k = 2; k <= NF; k++) { split($k, kv, "="); v[kv[1]] = kv[2] } }
    END { printf "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", m, t, rep, v["n"], v["ok"],
      v["errors"], v["ttfb_p50_us"], v["ttft_p50_us"], v["ttft_p90_us"], v["ttft_p99_us"],
      v["total_p50_us"], v["total_p99_us"], v["events_avg"] }' <<<"$line" >>"$TTFT_TSV"
  tail -1 "$TTFT_TSV" | awk -F'\t' '{printf "  %-9s %-7s rep=%s TTFT p50 %7.3f ms  p99 %7.3f ms  total p50 %7.3f ms  errors %s\n",
    $2, $1, $3, $8 / 1000, $10 / 1000, $11 / 1000, $6}' >&2
}

for mode in unpaced paced; do
  if [ "$mode" = unpaced ]; then
    tps=0; n=$TTFT_REQUESTS
  else
    tps=$PACED_TPS; n=$TTFT_PACED_REQUESTS
  fi
  emu_config "{\"tokens_per_sec\":$tps,\"reply_tokens\":$STREAM_TOKENS,\"ttft_ms\":0}" ||
    die "cannot configure the emulator"
  log "streaming ($mode): tokens_per_sec $tps, $STREAM_TOKENS tokens, $n sequential requests per run"
  for ((rep = 1; rep <= REPEATS; rep++)); do
    for t in $(order "$rep"); do run_ttft "$mode" "$t" "$rep" "$n"; done
  done
done
emu_config '{"tokens_per_sec":0,"reply_tokens":0,"ttft_ms":0}'

sleep 1
RSS_IDLE_AFTER=$(status_kb "$GW_PID" VmRSS)
RSS_PEAK=$(status_kb "$GW_PID" VmHWM)
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS_DIR/env.txt"
printf 'rss_idle_start_kb\trss_peak_kb\trss_idle_after_kb\n%s\t%s\t%s\n' "$RSS_IDLE_START" \
  "$RSS_PEAK" "$RSS_IDLE_AFTER" >"$MEM_TSV"
kill -0 "$GW_PID" 2>/dev/null || log "WARNING: the gateway exited during the run (see $LOG_DIR/gateway.err)"

# ------------------------------------------------------------------ summary
"$HERE/summary.sh" "$RESULTS_DIR" | tee "$RESULTS_DIR/summary.txt"
