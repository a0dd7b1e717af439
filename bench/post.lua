-- wrk script for bench/run.sh: POST the JSON body read from $BODY_FILE.
-- Extra headers come from wrk -H on the command line.
-- done() prints one machine-readable RESULT line that run.sh parses.
local path = os.getenv("BODY_FILE") or "bench/payloads/request.json"
local f = assert(io.open(path, "rb"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
if not wrk.headers["Authorization"] then
  wrk.headers["Authorization"] = "Bearer sk-bench"
end

-- THINK_MS: each connection waits this long before its next request (wrk's delay() hook), so
-- the offered load stays below saturation: latency is measured without queueing behind it.
local think_ms = tonumber(os.getenv("THINK_MS") or "")
if think_ms and think_ms > 0 then
  delay = function() return think_ms end
end

-- No response() hook on purpose: it would make wrk hand every answer to Lua, costing CPU on the
-- load core that the emulator shares. err_status counts answers with status > 399.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d bytes=%d err_connect=%d err_read=%d err_write=%d " ..
    "err_status=%d err_timeout=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
