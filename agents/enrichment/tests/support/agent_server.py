"""The real agent (FastAPI app under uvicorn) on 127.0.0.1, port 0, in a background thread."""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
import time
from dataclasses import replace

import httpx
import uvicorn

from salesos_enrichment.app import create_app
from salesos_enrichment.config import Settings
from salesos_enrichment.store import Store


class AgentServer:
    def __init__(self, settings: Settings, cache: Store | None = None, ssl_context: ssl.SSLContext | None = None):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.settings = replace(settings, port=self.port)
        self.app = create_app(self.settings, cache=cache, ssl_context=ssl_context)
        config = uvicorn.Config(self.app, log_config=None, access_log=False, lifespan="on")
        self.server = uvicorn.Server(config)
        self.server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
        self._thread = threading.Thread(target=lambda: asyncio.run(self.server.serve(sockets=[self.sock])), daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 5
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("agent did not start")
            time.sleep(0.01)
        self.client = httpx.Client(base_url=self.url, timeout=30)

    def enrich(self, lead: dict, *, fields: list[str] | None = None, key: str | None = None,
               request_id: str = "req-1", token: str | None = None, headers: dict[str, str] | None = None) -> httpx.Response:
        body: dict = {"lead": lead}
        if fields:
            body["fields"] = fields
        h = {"Idempotency-Key": key or f"key-{time.monotonic_ns()}", "X-Request-Id": request_id, **(headers or {})}
        if token:
            h["Authorization"] = f"Bearer {token}"
        return self.client.post("/v1/enrich", json=body, headers=h)

    def close(self) -> None:
        self.client.close()
        self.server.should_exit = True
        self._thread.join(5)
