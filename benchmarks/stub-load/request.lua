-- The documented Razorpay request (PATCH with a JSON body and basic auth), the same for the stub and bare Kestrel.
wrk.method = "PATCH"
wrk.body = '{"active":false}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic " .. os.getenv("AUTH")
