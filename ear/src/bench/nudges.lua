-- wrk script: GET /hooks/nudges/next for users picked in turn from a file of "query string" lines
-- (userId, groupId, userHash) made by nudges-load.sh. Argument: the file.
function init(args)
  queries = {}
  for line in io.lines(args[1]) do queries[#queries + 1] = line end
  n = 0
end

function request()
  n = n + 1
  return wrk.format("GET", "/hooks/nudges/next?" .. queries[(n % #queries) + 1])
end

-- PACE_MS=N: each connection waits N ms before its next request (a paced load, e.g. 10 connections x 10 ms
-- is at most 1,000 requests/s), so the latency is measured at a given rate rather than at saturation.
local pace = tonumber(os.getenv("PACE_MS") or "")
if pace then
  function delay()
    return pace
  end
end
