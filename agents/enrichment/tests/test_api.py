"""The HTTP surface: auth, request limits, validation errors, request ids in JSON logs, idempotency,
capacity, health and readiness."""

from __future__ import annotations

import json
import threading
import time

import httpx


def test_token_is_required_when_set(start_agent):
    agent = start_agent(token="s3cret-token")
    r = agent.enrich({"email": "a@acme.test"})
    assert r.status_code == 401
    assert r.json() == {"error": {"code": "unauthorized", "message": "Missing or wrong bearer token."}}
    assert agent.enrich({"email": "a@acme.test"}, token="s3cret-tokeN").status_code == 401
    assert agent.enrich({"email": "a@acme.test"}, headers={"Authorization": "Basic s3cret-token"}).status_code == 401
    assert agent.enrich({"email": "a@acme.test"}, token="s3cret-token").status_code == 200
    # Liveness never needs the token (orchestrators probe it).
    assert agent.client.get("/healthz").json() == {"status": "ok"}


def test_no_token_configured_means_open(shared_agent):
    assert shared_agent.enrich({"email": "a@acme.test"}, token="anything").status_code == 200


def test_malformed_requests_get_400_with_the_error_body(shared_agent):
    cases = [
        ({"lead": {"email": "not-an-email"}}, "lead.email"),
        ({"lead": {}}, "lead.email"),
        ({"lead": {"email": "a@acme.test"}, "fields": []}, "fields"),
        ({"lead": {"email": "a@acme.test"}, "fields": ["salary"]}, "fields.0"),
        ({"lead": {"email": "a@acme.test", "companyDomain": "Not A Domain"}}, "lead.companyDomain"),
        ({"lead": {"email": "a@acme.test", "fullName": None}}, "lead.fullName"),
    ]
    for body, where in cases:
        r = shared_agent.client.post("/v1/enrich", json=body, headers={"Idempotency-Key": "k", "X-Request-Id": "r"})
        assert r.status_code == 400, body
        assert r.json()["error"]["code"] == "invalid_request"
        assert r.json()["error"]["message"].startswith(where), r.json()
    r = shared_agent.client.post("/v1/enrich", content=b"{not json", headers={
        "Idempotency-Key": "k", "X-Request-Id": "r", "content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_request"
    r = shared_agent.client.post("/v1/enrich", json={"lead": {"email": "a@acme.test"}}, headers={"X-Request-Id": "r"})
    assert r.status_code == 400 and "Idempotency-Key" in r.json()["error"]["message"]


def test_oversized_requests_are_refused_before_parsing(start_agent):
    agent = start_agent(max_request_bytes=2048)
    big = {"lead": {"email": "a@acme.test", "fullName": "x" * 150}, "pad": "y" * 4000}
    r = agent.client.post("/v1/enrich", json=big, headers={"Idempotency-Key": "k", "X-Request-Id": "r"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "request_too_large"

    def chunks():
        yield b'{"lead": {"email": "a@acme.test"}, "pad": "'
        for _ in range(10):
            yield b"z" * 1024
        yield b'"}'

    # Without a Content-Length, the body is counted as it arrives.
    r = agent.client.post("/v1/enrich", content=chunks(), headers={
        "Idempotency-Key": "k2", "X-Request-Id": "r", "content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "request_too_large"


def test_request_id_is_echoed_and_on_every_log_line(shared_agent, json_logs):
    r = shared_agent.enrich({"email": "a@acme.test"}, request_id="trace-42")
    assert r.headers["x-request-id"] == "trace-42"
    assert r.json()["requestId"] == "trace-42"
    mine: list[dict] = []
    for _ in range(100):  # the access line is written just after the response is sent
        mine = [line for line in map(json.loads, json_logs.lines) if line.get("requestId") == "trace-42"]
        if any(line["msg"] == "request" for line in mine):
            break
        time.sleep(0.01)
    assert {line["msg"] for line in mine} >= {"enriched", "request"}
    access = next(line for line in mine if line["msg"] == "request")
    assert access["status"] == 200 and access["path"] == "/v1/enrich" and access["level"] == "info"
    # A request id that could forge log content is replaced by our own.
    r = shared_agent.enrich({"email": "a@acme.test"}, request_id='bad id {"level": "error"}')
    assert r.headers["x-request-id"] != 'bad id {"level": "error"}' and len(r.headers["x-request-id"]) == 36


def test_secrets_do_not_reach_the_logs(start_agent, json_logs):
    agent = start_agent(token="very-secret-token")
    agent.enrich({"email": "a@acme.test"}, token="very-secret-token")
    assert json_logs.lines and not any("very-secret-token" in line for line in json_logs.lines)


def test_a_retry_with_the_same_idempotency_key_replays_the_first_answer(start_agent, sites):
    agent = start_agent()
    first = agent.enrich({"email": "a@acme.test"}, key="enrich-1")
    reads = len(sites.hits_for("acme.test"))
    again = agent.enrich({"email": "a@acme.test"}, key="enrich-1")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert len(sites.hits_for("acme.test")) == reads
    # The same key for a different request is refused, never answered with the other lead's data.
    other = agent.enrich({"email": "b@shop.test"}, key="enrich-1")
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency_key_reused"
    # Refusals are remembered too, so a retried refusal stays a refusal.
    free = agent.enrich({"email": "a@gmail.com"}, key="enrich-2")
    assert agent.enrich({"email": "a@gmail.com"}, key="enrich-2").json() == free.json()


def test_concurrent_retries_with_one_key_run_one_enrichment(start_agent, sites):
    agent = start_agent()
    before = len(sites.hits_for("slow.test"))
    results: list[httpx.Response] = []

    def call() -> None:
        results.append(agent.enrich({"email": "a@slow.test"}, key="same-key"))

    threads = [threading.Thread(target=call) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status_code for r in results] == [404, 404, 404]
    assert len({r.text for r in results}) == 1
    assert len(sites.hits_for("slow.test")) - before <= 2  # one enrichment: robots.txt and the homepage


def test_over_capacity_answers_429_with_retry_after(start_agent):
    agent = start_agent(max_concurrency=1, max_queue=0)
    results: list[httpx.Response] = []
    slow = threading.Thread(target=lambda: results.append(agent.enrich({"email": "a@slow.test"})))
    slow.start()
    for _ in range(200):
        if agent.app.state.in_flight:
            break
        threading.Event().wait(0.01)
    busy = agent.enrich({"email": "a@acme.test"})
    slow.join()
    assert busy.status_code == 429
    assert busy.headers["retry-after"] == "1"
    assert busy.json()["error"]["code"] == "busy"
    assert results[0].status_code == 404


def test_readiness_reports_the_cache(shared_agent):
    r = shared_agent.client.get("/readyz")
    assert r.status_code == 200 and r.json() == {"status": "ok", "cache": "memory"}
