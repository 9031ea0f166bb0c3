"""Idempotency-Key: a retried enrichment gets the answer of the first attempt (and is worked, and billed,
once); the same key with a different request is refused. Concurrent retries in this process wait for the
first; answers are kept in the store (Redis when configured) for the TTL."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Any

from .enrich import Outcome
from .store import Store

# Final answers only: a 5xx or 429 must let the retry run again.
REMEMBERED = {200, 404, 422}
Answer = tuple[int, dict[str, Any]]


def fingerprint(request: Any) -> str:
    return hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()


class Idempotency:
    def __init__(self, store: Store, ttl_s: int):
        self.store = store
        self.ttl_s = ttl_s
        self._running: dict[str, tuple[str, asyncio.Future[Answer]]] = {}

    async def run(self, key: str, request_fingerprint: str, work: Callable[[], Awaitable[Answer]]) -> tuple[Answer, bool]:
        """The answer and whether it was replayed."""
        record_key = "idem:" + hashlib.sha256(key.encode()).hexdigest()
        stored = await self.store.get(record_key)
        if stored is None and record_key in self._running:
            first_fingerprint, future = self._running[record_key]
            status, body = await asyncio.shield(future)
            stored = {"fingerprint": first_fingerprint, "status": status, "body": body}
        if stored is not None:
            if stored["fingerprint"] != request_fingerprint:
                raise Outcome(422, "idempotency_key_reused", "This Idempotency-Key was already used for a different request.")
            return (stored["status"], stored["body"]), True

        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._running[record_key] = (request_fingerprint, future)
        try:
            status, body = await work()
            if status in REMEMBERED:
                await self.store.set(record_key, {"fingerprint": request_fingerprint, "status": status, "body": body}, self.ttl_s)
            future.set_result((status, body))
            return (status, body), False
        except BaseException as err:
            future.set_exception(err)
            future.exception()  # marked as retrieved: a failure nobody waited for is not logged twice
            raise
        finally:
            self._running.pop(record_key, None)
