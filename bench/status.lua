-- wrk script for bench/fault-load.sh: POST the body in $BODY_FILE and count answers by status.
-- done() prints `RESULT requests= ... err_timeout=` and one `STATUS code=N count=M` line per code.
local path = os.getenv("BODY_FILE") or "bench/payloads/request.json"
local f = assert(io.open(path, "rb"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

counts = {}
function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d err_connect=%d err_read=%d err_write=%d err_status=%d " ..
    "err_timeout=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
  local total = {}
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("counts")) do total[code] = (total[code] or 0) + n end
  end
  for code, n in pairs(total) do io.write(string.format("STATUS code=%d count=%d\n", code, n)) end
end
