-- wrk script: POSTs pre-signed, distinct Segment messages (each a new messageId) to the URL given to wrk.
-- Each wrk thread reads its share of the request file made by http-load.sh. Arguments: the file, the
-- number of threads, and the header the first column goes in (X-Signature unless given, e.g. Authorization).
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  nthreads = tonumber(args[2])
  header = args[3] or "X-Signature"
  requests = {}
  local i = 0
  for line in io.lines(args[1]) do
    if i % nthreads == id then
      local tab = line:find("\t", 1, true)
      requests[#requests + 1] = { sig = line:sub(1, tab - 1), body = line:sub(tab + 1) }
    end
    i = i + 1
  end
  next_request = 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return wrk.format(nil, nil, { [header] = r.sig, ["Content-Type"] = "application/json" }, r.body)
end

statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
