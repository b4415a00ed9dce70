-- wrk script: one signed GitHub push (body and signature from the environment), POSTed as is.
wrk.method = "POST"
wrk.body = os.getenv("PUSH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-GitHub-Event"] = "push"
wrk.headers["X-GitHub-Delivery"] = "load-run"
wrk.headers["X-Hub-Signature-256"] = os.getenv("PUSH_SIGNATURE")
