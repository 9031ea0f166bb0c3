"""Per-domain cache: one lookup per domain while fresh, concurrent leads of one domain share a lookup,
entries expire, and Redis (when REDIS_URL is set) holds the cache for every agent process."""

from __future__ import annotations

import asyncio
import os
import threading
import uuid

import pytest

from salesos_enrichment.store import MemoryStore, RedisStore, make_store

REDIS_URL = os.environ.get("AGENT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def test_second_lead_of_a_domain_is_served_from_the_cache(start_agent, sites):
    agent = start_agent()
    first = agent.enrich({"email": "a@brightpath.test"})
    reads = len(sites.hits_for("brightpath.test"))
    second = agent.enrich({"email": "b@brightpath.test"})
    assert (first.headers["x-agent-cache"], second.headers["x-agent-cache"]) == ("miss", "hit")
    assert second.json()["lead"] == first.json()["lead"]
    assert len(sites.hits_for("brightpath.test")) == reads


def test_concurrent_leads_of_one_domain_share_one_lookup(start_agent, sites):
    agent = start_agent()
    before = len(sites.hits_for("slow.test"))
    statuses: list[int] = []
    threads = [threading.Thread(target=lambda i=i: statuses.append(agent.enrich({"email": f"p{i}@slow.test"}).status_code))
               for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [404, 404, 404, 404]
    assert len(sites.hits_for("slow.test")) - before <= 2  # robots.txt and the homepage, once
    stats = agent.app.state.enricher.stats
    assert stats["miss"] == 1 and stats["shared"] + stats["hit"] == 3


def test_memory_entries_expire_after_their_ttl():
    now = [1000.0]
    store = MemoryStore(clock=lambda: now[0])

    async def run():
        await store.set("k", {"v": 1}, ttl_s=60)
        assert await store.get("k") == {"v": 1}
        now[0] += 59
        assert await store.get("k") == {"v": 1}
        now[0] += 2
        assert await store.get("k") is None

    asyncio.run(run())


def test_memory_store_is_bounded():
    store = MemoryStore(max_entries=3)

    async def run():
        for i in range(5):
            await store.set(f"k{i}", i, ttl_s=60)
        assert [await store.get(f"k{i}") for i in range(5)] == [None, None, 2, 3, 4]

    asyncio.run(run())


def _redis_up() -> bool:
    async def ping():
        store = RedisStore(REDIS_URL)
        try:
            return await store.ping()
        finally:
            await store.close()

    return asyncio.run(ping())


def test_redis_url_selects_redis():
    assert isinstance(make_store(REDIS_URL), RedisStore)
    assert isinstance(make_store(None), MemoryStore)


def test_redis_store_round_trip_and_ttl():
    if not _redis_up():
        pytest.fail(f"Redis is not reachable at {REDIS_URL}; start it (bash scripts/services.sh)")
    prefix = f"test:{uuid.uuid4()}:"

    async def run():
        store = RedisStore(REDIS_URL, prefix=prefix)
        try:
            await store.set("domain:x", {"a": [1, 2]}, ttl_s=30)
            assert await store.get("domain:x") == {"a": [1, 2]}
            ttl = await store._redis.ttl(prefix + "domain:x")
            assert 0 < ttl <= 30
            assert await store.get("domain:missing") is None
            await store._redis.delete(prefix + "domain:x")
        finally:
            await store.close()

    asyncio.run(run())


def test_agents_sharing_redis_share_the_cache(start_agent, sites):
    if not _redis_up():
        pytest.fail(f"Redis is not reachable at {REDIS_URL}")
    prefix = f"test:{uuid.uuid4()}:"
    one = start_agent(redis_url=REDIS_URL, cache=RedisStore(REDIS_URL, prefix=prefix))
    two = start_agent(redis_url=REDIS_URL, cache=RedisStore(REDIS_URL, prefix=prefix))
    assert one.client.get("/readyz").json() == {"status": "ok", "cache": "redis"}
    assert one.enrich({"email": "a@shop.test"}).headers["x-agent-cache"] == "miss"
    reads = len(sites.hits_for("shop.test"))
    assert two.enrich({"email": "b@shop.test"}).headers["x-agent-cache"] == "hit"
    assert len(sites.hits_for("shop.test")) == reads


def test_a_redis_outage_degrades_to_uncached_enrichment(start_agent):
    agent = start_agent(redis_url="redis://127.0.0.1:1/0", cache=RedisStore("redis://127.0.0.1:1/0", timeout_s=0.2))
    r = agent.enrich({"email": "a@acme.test"})
    assert r.status_code == 200 and r.json()["lead"]["company"] == "Acme Robotics"
    assert agent.client.get("/readyz").status_code == 503


def test_leads_sharing_one_lookup_each_get_an_answer_of_their_own(start_agent):
    agent = start_agent()
    bodies: list[dict] = []
    threads = [threading.Thread(target=lambda i=i: bodies.append(agent.enrich({"email": f"p{i}@acme.test"}).json()))
               for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stats = agent.app.state.enricher.stats
    assert stats["miss"] == 1 and stats["shared"] >= 1  # they did overlap
    for body in bodies:
        # HubSpot is on the page and in SPF: the SPF evidence is added to each answer once, not once per lead.
        hubspot = next(t for t in body["company"]["technologies"] if t["name"] == "HubSpot")
        assert hubspot["evidence"].count("SPF include hubspotemail.net") == 1
