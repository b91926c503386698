-- wrk script: a fixed request rate over a mix of dashboard API calls.
-- wrk has no constant-rate mode, so each connection waits connections/rate seconds between its requests
-- (wrk's delay()); with latencies far below that gap the offered rate is the target rate.
-- Args (after --): rate connections
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
local interval_ms = 100
local counter = 0

function init(args)
  local rate = tonumber(args[1] or "500")
  local connections = tonumber(args[2] or "50")
  interval_ms = connections / rate * 1000
  counter = math.random(1, #paths)
end

function delay()
  return interval_ms
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
