-- wrk script: a fixed request rate over a mix of dashboard API calls.
-- wrk has no constant-rate mode, so each thread hands out send slots on a fixed schedule (rate / threads per
-- second) and every request waits for its slot (wrk's delay()); latency is measured from the actual send.
-- Args (after --): rate threads
local paths = {
  "/api/v1/kpis?range=1h",
  "/api/v1/timeseries?range=1h",
  "/api/v1/by-country?range=1h",
  "/api/v1/by-card-type?range=1h",
  "/api/v1/by-category?range=1h",
  "/api/v1/top-products?range=1h",
  "/api/v1/pipeline?range=1h",
  "/api/v1/snapshot?range=1h",
  "/api/v1/kpis?range=15m",
  "/api/v1/timeseries?range=24h",
  "/api/v1/kpis?range=24h&country=US",
  "/api/v1/by-country?range=7d",
  "/api/v1/kpis?range=1h&category=Books",
  "/api/v1/top-products?range=24h&category=Electronics",
}
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_usec; } sp_timeval;
  int gettimeofday(sp_timeval *tv, void *tz);
]]
local tv = ffi.new("sp_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

local period_ms = 4
local next_slot = 0
local counter = 0

function init(args)
  local rate = tonumber(args[1] or "500")
  local threads = tonumber(args[2] or "2")
  period_ms = threads * 1000 / rate
  counter = math.random(1, #paths)
end

function delay()
  local now = now_ms()
  if next_slot < now then
    next_slot = now
  end
  local wait = next_slot - now
  next_slot = next_slot + period_ms
  return math.floor(wait)
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.1f rate=%.1f errors_status=%d errors_other=%d\n",
    summary.requests, seconds, summary.requests / seconds, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("RESULT p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
