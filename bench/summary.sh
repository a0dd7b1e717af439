#!/usr/bin/env bash
# bench/summary.sh RESULTS_DIR - prints the summary tables of one bench/run.sh run from its raw
# files (wrk.tsv, ttft.tsv, memory.tsv, env.txt). run.sh calls it; it can be re-run at any time.
set -uo pipefail
dir=${1:?usage: summary.sh RESULTS_DIR}
for f in wrk.tsv ttft.tsv memory.tsv; do
  [ -f "$dir/$f" ] || { echo "summary.sh: $dir/$f missing" >&2; exit 1; }
done

echo
grep -E '^(date|git|build|binaries|params|load at start|load at end):' "$dir/env.txt" 2>/dev/null
echo
echo "== Non-streaming POST /v1/chat/completions (1 KB request), wrk -t1, mean of rounds =="
echo "   gw/emu us/req: CPU time (user+sys) of the gateway / the emulator per request;"
echo "   emu conns: connections the emulator accepted during the run (wrk's, or the gateway's upstream ones);"
echo "   other%: CPU used on the gateway's core by processes not started by this run (noise; 100% = the core)"
awk -F'\t' 'NR == 1 { next }
  { k = $1 "\t" $2; if (!(k in n)) order[++m] = k
    n[k]++; rps[k] += $4; runs[k] = runs[k] (runs[k] == "" ? "" : "/") $4
    p50[k] += $5; p99[k] += $7; err[k] += $9; gw[k] += $10; emu[k] += $11; ec[k] += $13
    o = $15 - $12; if (o < 0) o = 0; oth[k] += o }
  END {
    printf "%-9s %5s %9s %-15s %8s %8s %6s %9s %10s %9s %6s\n", "target", "conns", "req/s", "(runs)",
      "p50 ms", "p99 ms", "errors", "gw us/req", "emu us/req", "emu conns", "other%"
    for (j = 1; j <= m; j++) { k = order[j]; split(k, a, "\t"); c = n[k]
      gws = a[1] == "direct" ? "-" : sprintf("%.1f", gw[k] / c)
      printf "%-9s %5s %9.0f %-15s %8.3f %8.3f %6d %9s %10.1f %9.0f %6.0f\n", a[1], a[2], rps[k] / c,
        "(" runs[k] ")", p50[k] / c / 1000, p99[k] / c / 1000, err[k], gws, emu[k] / c, ec[k] / c,
        oth[k] / c }
  }' "$dir/wrk.tsv" | sort -s -k2,2n

echo
echo "== Added by the gateway (minus direct at the same connections; aim: +p99 < 1 ms at 1 conn) =="
echo "   +p99 best: the lowest p99 of the gateway's rounds minus the lowest of direct's (interference"
echo "   from other processes only adds latency, so this is the less noisy estimate)"
awk -F'\t' 'NR == 1 { next }
  { k = $1 "\t" $2; if (!(k in n)) order[++m] = k; n[k]++; rps[k] += $4; p50[k] += $5; p99[k] += $7
    if (!(k in best) || $7 < best[k]) best[k] = $7
    o = $15 - $12; if (o < 0) o = 0; oth[k] += o }
  END {
    printf "%-9s %5s %9s %9s %13s %12s  %s\n", "target", "conns", "+p50 ms", "+p99 ms", "+p99 best ms",
      "req/s ratio", "aim"
    for (j = 1; j <= m; j++) { k = order[j]; split(k, a, "\t"); d = "direct\t" a[2]
      if (a[1] == "direct" || !(d in n)) continue
      add50 = (p50[k] / n[k] - p50[d] / n[d]) / 1000; add99 = (p99[k] / n[k] - p99[d] / n[d]) / 1000
      b99 = (best[k] - best[d]) / 1000
      aim = a[2] != 1 ? "" : add99 < 1 ? "met" : b99 < 1 ? "met in the best round only" : "MISSED"
      if (a[2] == 1 && oth[k] / n[k] > 10) aim = aim sprintf(" (noisy: other%% %.0f)", oth[k] / n[k])
      printf "%-9s %5s %9.3f %9.3f %13.3f %12.2f  %s\n", a[1], a[2], add50, add99,
        (best[k] - best[d]) / 1000, (rps[d] > 0 ? (rps[k] / n[k]) / (rps[d] / n[d]) : 0), aim }
  }' "$dir/wrk.tsv" | sort -s -k2,2n

echo
echo "== Gateway memory (RSS, MB) =="
awk -F'\t' 'NR == 2 { printf "idle after start %.1f   peak (VmHWM) %.1f   idle after load %.1f\n",
  $1 / 1024, $2 / 1024, $3 / 1024 }' "$dir/memory.tsv"

echo
echo "== Streaming (SSE), sequential requests, mean of rounds =="
echo "   TTFB = first body byte; TTFT = first body byte holding a content token; total = end of stream"
awk -F'\t' 'NR == 1 { next }
  { k = $1 "\t" $2; if (!(k in n)) order[++m] = k; n[k]++; req[k] += $5; err[k] += $6
    tb[k] += $7; t50[k] += $8; t99[k] += $10; to50[k] += $11; to99[k] += $12; ev[k] += $13 }
  END {
    printf "%-8s %-9s %6s %9s %9s %9s %9s %9s %9s %9s %6s %6s\n", "mode", "target", "ok", "TTFB p50",
      "TTFT p50", "TTFT p99", "+TTFT p50", "+TTFT p99", "total p50", "total p99", "events", "errors"
    for (j = 1; j <= m; j++) { k = order[j]; split(k, a, "\t"); c = n[k]; d = a[1] "\tdirect"
      a50 = "-"; a99 = "-"
      if (a[2] != "direct" && (d in n)) {
        a50 = sprintf("%.3f", (t50[k] / c - t50[d] / n[d]) / 1000)
        a99 = sprintf("%.3f", (t99[k] / c - t99[d] / n[d]) / 1000) }
      printf "%-8s %-9s %6d %9.3f %9.3f %9.3f %9s %9s %9.3f %9.3f %6.1f %6d\n", a[1], a[2], req[k],
        tb[k] / c / 1000, t50[k] / c / 1000, t99[k] / c / 1000, a50, a99, to50[k] / c / 1000,
        to99[k] / c / 1000, ev[k] / c, err[k] }
  }' "$dir/ttft.tsv"
echo "   (times in ms)"

echo
echo "== Chunk forwarding (paced stream): the gateway's TTFT must be close to direct TTFT, not to the total =="
awk -F'\t' 'NR == 1 || $1 != "paced" { next }
  { n[$2]++; t50[$2] += $8; to50[$2] += $11 }
  END {
    if (!("direct" in n)) { print "no paced direct run"; exit }
    dt = t50["direct"] / n["direct"]; dtot = to50["direct"] / n["direct"]
    printf "direct: TTFT p50 %.3f ms, total p50 %.3f ms\n", dt / 1000, dtot / 1000
    for (t in n) { if (t == "direct") continue
      g = t50[t] / n[t]; gtot = to50[t] / n[t]
      verdict = (g < dt + 0.25 * (dtot - dt)) ? "forwards chunks as they arrive" : "BUFFERS (TTFT near total)"
      printf "%-9s TTFT p50 %.3f ms (direct %.3f), total p50 %.3f ms (direct %.3f): %s\n", t,
        g / 1000, dt / 1000, gtot / 1000, dtot / 1000, verdict }
  }' "$dir/ttft.tsv"
echo
echo "raw: $dir/{wrk,ttft,memory}.tsv  commands: $dir/commands.txt  logs: $dir/logs/"
