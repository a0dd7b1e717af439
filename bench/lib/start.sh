# Sourced by bench scripts. start DIR NAME PATTERN CMD...: starts CMD in the background (stdout
# DIR/NAME.out, stderr DIR/NAME.err), appends its PID to the caller's PIDS array (for its cleanup),
# waits (10 s at most) for a line PATTERN<port> on its stdout and sets STARTED_PORT. Returns 1, with
# CMD's stderr printed, if the line does not come. Call it in the script's own shell, not in a
# subshell: PIDS must be that shell's.
start() {
  local dir=$1 name=$2 pattern=$3 i
  shift 3
  : >"$dir/$name.out"
  "$@" >"$dir/$name.out" 2>"$dir/$name.err" &
  PIDS+=($!)
  STARTED_PORT=
  for ((i = 0; i < 100; i++)); do
    STARTED_PORT=$(sed -n "s/^$pattern\([0-9][0-9]*\).*/\1/p" "$dir/$name.out" | head -1)
    [ -n "$STARTED_PORT" ] && return 0
    sleep 0.1
  done
  echo "$name did not start:" >&2
  cat "$dir/$name.err" >&2
  return 1
}
