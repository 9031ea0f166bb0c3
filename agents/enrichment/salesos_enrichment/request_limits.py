"""Pure ASGI middleware: the request id (X-Request-Id, or our own when it is missing or unsafe to log),
the body size cap (counted as the body streams in, not trusted from Content-Length), and one JSON access
log line per request."""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from fastapi.responses import JSONResponse

from .jsonlog import get_logger, log, request_id_var

logger = get_logger("http")
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


class RequestLimits:
    def __init__(self, app: Any, max_bytes: int, large: dict[str, int] | None = None):
        self.app = app
        self.max_bytes = max_bytes
        self.large = large or {}  # paths that take whole datasets (patterns, lookalikes) and their own cap

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        given = headers.get("x-request-id", "")
        request_id = given if SAFE_REQUEST_ID.match(given) else str(uuid.uuid4())
        scope.setdefault("state", {})["request_id"] = request_id
        token = request_id_var.set(request_id)
        started = time.monotonic()
        status_holder = {"status": 0}
        refused = {"sent": False}

        async def send_with_id(message: dict[str, Any]) -> None:
            if refused["sent"]:
                return  # we already answered 400; whatever the app says after the cut-off is dropped
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        max_bytes = self.large.get(scope["path"], self.max_bytes)
        too_large = error(400, "request_too_large", f"The request body is larger than {max_bytes} bytes.")
        try:
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                await too_large(scope, receive, send_with_id)
                return
            seen = 0

            async def limited_receive() -> dict[str, Any]:
                nonlocal seen
                if refused["sent"]:
                    return {"type": "http.disconnect"}
                message = await receive()
                if message["type"] == "http.request":
                    seen += len(message.get("body", b""))
                    if seen > max_bytes:
                        # Answer now and tell the app the client left, so it stops reading.
                        await too_large(scope, receive, send_with_id)
                        refused["sent"] = True
                        return {"type": "http.disconnect"}
                return message

            await self.app(scope, limited_receive, send_with_id)
        finally:
            log(logger, logging.INFO, "request", method=scope["method"], path=scope["path"],
                status=status_holder["status"], durationMs=round((time.monotonic() - started) * 1000, 1))
            request_id_var.reset(token)
