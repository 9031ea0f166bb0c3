"""Key-value stores with a TTL for the domain cache and idempotency records: in memory by default, in
Redis when REDIS_URL is set (shared by every agent process). A Redis failure degrades to "not cached",
never to a failed enrichment."""

from __future__ import annotations

import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

from .jsonlog import get_logger, log

logger = get_logger("store")


class Store(Protocol):
    async def get(self, key: str) -> Any | None: ...
    async def set(self, key: str, value: Any, ttl_s: int) -> None: ...
    async def ping(self) -> bool: ...
    async def close(self) -> None: ...


class MemoryStore:
    def __init__(self, max_entries: int = 20_000, clock: Callable[[], float] = time.monotonic):
        self._data: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._max = max_entries
        self._clock = clock

    async def get(self, key: str) -> Any | None:
        item = self._data.get(key)
        if item is None:
            return None
        expires, raw = item
        if expires <= self._clock():
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return json.loads(raw)

    async def set(self, key: str, value: Any, ttl_s: int) -> None:
        if ttl_s <= 0:
            return
        # Stored as JSON so a cached answer can never be mutated by a later request.
        self._data[key] = (self._clock() + ttl_s, json.dumps(value))
        self._data.move_to_end(key)
        while len(self._data) > self._max:
            self._data.popitem(last=False)

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        self._data.clear()


class RedisStore:
    def __init__(self, url: str, prefix: str = "salesos:enrichment:", timeout_s: float = 1.0):
        import redis.asyncio as redis

        self._redis = redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s)
        self._prefix = prefix

    async def get(self, key: str) -> Any | None:
        try:
            raw = await self._redis.get(self._prefix + key)
        except Exception as err:  # noqa: BLE001 - any Redis failure means "not cached"
            log(logger, logging.WARNING, "redis read failed; treating as not cached", error=str(err))
            return None
        return json.loads(raw) if raw else None

    async def set(self, key: str, value: Any, ttl_s: int) -> None:
        if ttl_s <= 0:
            return
        try:
            await self._redis.set(self._prefix + key, json.dumps(value), ex=ttl_s)
        except Exception as err:  # noqa: BLE001
            log(logger, logging.WARNING, "redis write failed; result not cached", error=str(err))

    async def ping(self) -> bool:
        try:
            return bool(await self._redis.ping())
        except Exception:  # noqa: BLE001
            return False

    async def close(self) -> None:
        await self._redis.aclose()


def make_store(redis_url: str | None, prefix: str = "salesos:enrichment:") -> Store:
    return RedisStore(redis_url, prefix) if redis_url else MemoryStore()
