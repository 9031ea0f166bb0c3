"""Politeness towards the sites we read: at most N requests in flight per host and a pause between them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


@dataclass
class Visit:
    """Set `contacted = False` when the request never reached the site (no connection): it is then not
    charged a politeness pause."""

    contacted: bool = True


@dataclass
class _Host:
    slots: asyncio.Semaphore
    next_at: float = 0.0
    users: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class HostGate:
    def __init__(self, per_host: int, delay_s: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep):
        self._sleep = sleep
        self._per_host = per_host
        self._delay_s = delay_s
        self._clock = clock
        self._hosts: dict[str, _Host] = {}

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[Visit]:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host(asyncio.Semaphore(self._per_host))
        state.users += 1
        try:
            async with state.slots:
                async with state.lock:
                    now = self._clock()
                    start = max(now, state.next_at)
                    state.next_at = reserved = start + self._delay_s
                if start > now:
                    await self._sleep(start - now)
                visit = Visit()
                try:
                    yield visit
                finally:
                    if not visit.contacted and state.next_at == reserved:
                        state.next_at = start  # nobody booked after us: give the pause back
        finally:
            state.users -= 1
            # Forget a host once nobody waits on it and its pause is over, so the table stays small.
            if state.users == 0 and state.next_at <= self._clock():
                self._hosts.pop(host, None)
