"""Politeness: requests to one host are spaced by the delay and capped in number; other hosts do not wait."""

from __future__ import annotations

import asyncio
import time

from salesos_enrichment.host_gate import HostGate


def test_requests_to_one_host_are_spaced_and_other_hosts_are_not_held_up():
    gate = HostGate(per_host=2, delay_s=0.2)
    starts: dict[str, list[float]] = {"a": [], "b": []}

    async def visit(host: str) -> None:
        async with gate.slot(host):
            starts[host].append(time.monotonic())

    async def run() -> float:
        t0 = time.monotonic()
        await asyncio.gather(visit("a"), visit("a"), visit("a"), visit("b"))
        return t0

    t0 = asyncio.run(run())
    a = sorted(starts["a"])
    assert a[1] - a[0] >= 0.19 and a[2] - a[1] >= 0.19
    assert starts["b"][0] - t0 < 0.1


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
