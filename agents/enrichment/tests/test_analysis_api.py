"""POST /v1/patterns and /v1/lookalikes over real HTTP: answers that fit the contract, attributes only, auth,
bodies far above /v1/enrich's limit, and lookalikes ranked with reasons."""

from __future__ import annotations

from salesos_enrichment.pattern_models import LookalikesResponse, PatternsResponse

from .support.synthetic import leads


def test_patterns_over_http_find_the_planted_pattern(shared_agent):
    body = {"leads": leads(20_000), "goal": "replied", "minSupport": 30}
    r = shared_agent.client.post("/v1/patterns", json=body, headers={"X-Request-Id": "p-1"})
    assert r.status_code == 200, r.text
    answer = PatternsResponse.model_validate(r.json())
    assert answer.leads == 20_000 and answer.model is not None
    assert {(c.attribute.value, c.value) for c in answer.patterns[0].conditions} == {
        ("industry", "fintech"), ("seniority", "c_level"), ("country", "Germany")}
    assert r.headers["x-request-id"] == "p-1"


def test_names_emails_and_notes_are_refused(shared_agent):
    for extra in ({"email": "jane@acme.test"}, {"fullName": "Jane Doe"}, {"notes": "met at a fair"}):
        lead = {"industry": "fintech", "outcome": "replied", **extra}
        r = shared_agent.client.post("/v1/patterns", json={"leads": [lead]})
        assert r.status_code == 400, extra
        assert r.json()["error"]["code"] == "invalid_request"
        r = shared_agent.client.post("/v1/lookalikes", json={"seeds": [{"industry": "fintech", **extra}],
                                                             "candidates": [{"id": "1", "industry": "fintech"}]})
        assert r.status_code == 400, extra


def test_bad_values_get_400_not_500(shared_agent):
    cases = [{"leads": []}, {"leads": [{"outcome": "maybe"}]}, {"leads": [{"outcome": "replied", "sizeBand": "huge"}]},
             {"leads": [{"outcome": "replied"}], "minSupport": 1}, {"leads": [{"outcome": "replied", "staticScore": 101}]}]
    for body in cases:
        assert shared_agent.client.post("/v1/patterns", json=body).status_code == 400, body


def test_the_token_is_required_when_set(start_agent):
    agent = start_agent(token="s3cret-token")
    body = {"leads": [{"outcome": "replied", "industry": "fintech"}]}
    assert agent.client.post("/v1/patterns", json=body).status_code == 401
    ok = agent.client.post("/v1/patterns", json=body, headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code == 200
    assert "same outcome" in ok.json()["notes"][0]


def test_the_dataset_cap_applies_to_analyses_only(start_agent):
    agent = start_agent(max_dataset_bytes=200_000)
    small = agent.client.post("/v1/patterns", json={"leads": leads(300)})  # ~60 KB: above /v1/enrich's 16 KiB
    assert small.status_code == 200
    big = agent.client.post("/v1/patterns", json={"leads": leads(3_000)})
    assert big.status_code == 400 and big.json()["error"]["code"] == "request_too_large"


def test_lookalikes_rank_the_candidates_like_the_seeds_first(shared_agent):
    seed = {"industry": "fintech", "seniority": "c_level", "country": "Germany", "technologies": ["Stripe", "Snowflake"]}
    others = [{k: v for k, v in d.items() if k not in ("outcome", "staticScore")} for d in leads(200, seed=3)]
    others = [d for d in others if d["industry"] != "fintech"]
    candidates = [{"id": f"other-{i}", **d} for i, d in enumerate(others)]
    candidates.insert(37, {"id": "twin", **seed})
    candidates.insert(80, {"id": "near", **seed, "country": "France"})
    candidates.append({"id": "stranger", "industry": "mining", "country": "Chile"})
    r = shared_agent.client.post("/v1/lookalikes", json={"seeds": [seed] * 5, "candidates": candidates, "limit": 200})
    assert r.status_code == 200, r.text
    answer = LookalikesResponse.model_validate(r.json())
    assert [m.id for m in answer.matches[:2]] == ["twin", "near"]
    assert answer.matches[0].similarity > answer.matches[1].similarity > answer.matches[2].similarity
    assert "industry fintech like 5 of 5 seeds" in answer.matches[0].reason
    assert "stranger" not in {m.id for m in answer.matches}  # nothing in common: not a lookalike
    assert answer.seeds == 5 and answer.candidates == len(candidates)


def test_a_body_that_is_not_json_gets_400(shared_agent):
    for raw in (b"", b"{not json", b"[]"):
        r = shared_agent.client.post("/v1/patterns", content=raw, headers={"content-type": "application/json"})
        assert r.status_code == 400, raw
        assert r.json()["error"]["code"] == "invalid_request"
