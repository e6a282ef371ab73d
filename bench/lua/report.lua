-- Included by every benchmark script: one machine-readable line at the end of a run, which
-- run.sh turns into the results table. wrk counts a status of 400 or more as an error.
function done(summary, latency, requests)
	local e = summary.errors
	local seconds = summary.duration / 1e6
	io.write(string.format(
		"BENCH requests=%d seconds=%.2f rps=%.1f p50=%.2f p90=%.2f p99=%.2f max=%.2f errors=%d "
			.. "connect=%d read=%d write=%d status=%d timeout=%d\n",
		summary.requests, seconds, summary.requests / seconds,
		latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
		latency.max / 1000, e.connect + e.read + e.write + e.status + e.timeout,
		e.connect, e.read, e.write, e.status, e.timeout))
end
