-- wrk script: the trivial endpoint (POST /hooks/benchmark/ceiling with a tiny body), for the ceiling.
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"

-- PACE_MS=N: each connection waits N ms before its next request (a paced load, e.g. 10 connections x 10 ms
-- is at most 1,000 requests/s), so the latency is measured at a given rate rather than at saturation.
local pace = tonumber(os.getenv("PACE_MS") or "")
if pace then
  function delay()
    return pace
  end
end
