wrk.method = "POST"
wrk.body = '{"name":"x"}'
wrk.headers["Content-Type"] = "application/json"
