-- wrk script: the trivial endpoint (POST /hooks/benchmark/ceiling with a tiny body), for the ceiling.
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"
