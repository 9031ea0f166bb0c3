"""Politeness: requests to one host are spaced by the delay and capped in number; other hosts do not wait."""

from __future__ import annotations

import asyncio

from salesos_enrichment.host_gate import HostGate


def test_requests_to_one_host_are_spaced_and_other_hosts_are_not_held_up():
    now = [100.0]
    waits: list[tuple[str, float]] = []
    current = {"host": ""}

    async def fake_sleep(seconds: float) -> None:
        waits.append((current["host"], round(seconds, 6)))

    gate = HostGate(per_host=5, delay_s=0.2, clock=lambda: now[0], sleep=fake_sleep)

    async def visit(host: str) -> None:
        current["host"] = host
        async with gate.slot(host):
            pass

    async def run() -> None:
        for host in ("a", "a", "a", "b"):
            await visit(host)
        now[0] += 1.0  # a's pause is over
        await visit("a")

    asyncio.run(run())
    # The 2nd and 3rd visit to a wait 0.2 and 0.4 s from the first; b and a's visit after the pause do not wait.
    assert waits == [("a", 0.2), ("a", 0.4)]


def test_per_host_concurrency_is_capped():
    gate = HostGate(per_host=2, delay_s=0)
    peak = 0
    inside = 0

    async def visit() -> None:
        nonlocal peak, inside
        async with gate.slot("a"):
            inside += 1
            peak = max(peak, inside)
            await asyncio.sleep(0.02)
            inside -= 1

    async def run() -> None:
        await asyncio.gather(*(visit() for _ in range(6)))

    asyncio.run(run())
    assert peak == 2
    assert gate._hosts == {}  # forgotten once idle


def test_a_request_that_never_connected_is_not_charged_a_pause():
    now = [100.0]
    waits: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waits.append(round(seconds, 6))

    gate = HostGate(per_host=5, delay_s=0.5, clock=lambda: now[0], sleep=fake_sleep)

    async def run() -> None:
        try:
            async with gate.slot("a") as visit:
                visit.contacted = False
                raise ConnectionRefusedError  # e.g. nothing listens on 443
        except ConnectionRefusedError:
            pass
        async with gate.slot("a"):
            pass  # http robots.txt: no wait
        async with gate.slot("a"):
            pass  # the homepage: waits the pause

    asyncio.run(run())
    assert waits == [0.5]
