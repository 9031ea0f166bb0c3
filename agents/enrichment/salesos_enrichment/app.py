"""The HTTP service: POST /v1/enrich as docs/enrichment-agent.openapi.yaml says, /healthz and /readyz."""


import asyncio
import hashlib
import hmac
import json
import logging
import re
import ssl
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError

from . import __version__
from .config import Settings
from .enrich import Enricher, Outcome
from .jsonlog import get_logger, log, request_id_var
from .models import EnrichRequest, EnrichResponse, Error, Health
from .store import Store, make_store

logger = get_logger("http")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
STORED_STATUSES = {200, 404, 422}


def error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


class RequestLimits:
    """Pure ASGI: request ids, body size cap (counted as it streams, not trusted from Content-Length),
    and one access log line per request."""

    def __init__(self, app: Any, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        given = headers.get("x-request-id", "")
        request_id = given if REQUEST_ID.match(given) else str(uuid.uuid4())
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

        too_large = error(400, "request_too_large", f"The request body is larger than {self.max_bytes} bytes.")
        try:
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
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
                    if seen > self.max_bytes:
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


class Idempotency:
    """Idempotency-Key: a retried enrichment gets the answer of the first attempt (and is billed once);
    the same key with a different request is refused."""

    def __init__(self, store: Store, ttl_s: int):
        self.store = store
        self.ttl_s = ttl_s
        self._inflight: dict[str, asyncio.Future[tuple[int, dict[str, Any]]]] = {}


def create_app(settings: Settings, *, cache: Store | None = None, idempotency_store: Store | None = None,
               ssl_context: ssl.SSLContext | None = None) -> FastAPI:
    """ssl_context replaces the trusted CAs (certifi's) for reading company sites; tests pass their own CA."""
    bearer = HTTPBearer(auto_error=False, scheme_name="bearer", description="ENRICHMENT_AGENT_TOKEN, sent only when configured.")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = cache or make_store(settings.redis_url)
        idem_store = idempotency_store or (store if settings.redis_url else make_store(None))
        app.state.enricher = Enricher(settings, store, ssl_context=ssl_context)
        app.state.idempotency = Idempotency(idem_store, settings.idempotency_ttl_s)
        app.state.slots = asyncio.Semaphore(settings.max_concurrency)
        app.state.in_flight = 0
        if settings.connect_to or settings.dns_server:
            log(logger, logging.WARNING, "test hooks active: AGENT_CONNECT_TO / AGENT_DNS_SERVER send lookups to fixed targets",
                connectTo=sorted(f"{h}:{p}" for h, p in settings.connect_to), dnsServer=settings.dns_server)
        log(logger, logging.INFO, "enrichment agent ready", version=__version__, cache="redis" if settings.redis_url else "memory",
            auth=bool(settings.token), connectTo=len(settings.connect_to), dnsServer=bool(settings.dns_server))
        try:
            yield
        finally:
            await store.close()
            if idem_store is not store:
                await idem_store.close()

    app = FastAPI(
        title="SalesOS enrichment agent", version="1.0.0", lifespan=lifespan,
        summary="The HTTP contract between SalesOS and the service that fills in lead data.",
    )

    async def authorize(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
        if settings.token is None:
            return
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), settings.token.encode()):
            raise Outcome(401, "unauthorized", "Missing or wrong bearer token.")

    @app.exception_handler(Outcome)
    async def outcome_handler(_: Request, exc: Outcome) -> JSONResponse:
        return error(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_handler(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for issue in exc.errors()[:10]:
            where = ".".join(str(p) for p in issue.get("loc", ()) if p not in ("body",))
            problems.append(f"{where}: {issue.get('msg')}")
        return error(400, "invalid_request", "; ".join(problems) or "Malformed request.")

    @app.exception_handler(Exception)
    async def crash_handler(_: Request, exc: Exception) -> JSONResponse:
        logger.error("enrichment failed", exc_info=exc, extra={"fields": {"error": type(exc).__name__}})
        return error(500, "internal", "The enrichment agent failed; try again.")

    responses: dict[int | str, dict[str, Any]] = {
        200: {"description": "What the agent found. Only fields it found are present."},
        400: {"model": Error, "description": "Malformed request. Not retried."},
        401: {"model": Error, "description": "Missing or wrong bearer token. Not retried."},
        404: {"model": Error, "description": "No data on this person. Not retried; SalesOS reports \"no data found\"."},
        422: {"model": Error, "description": "The lead could not be processed (e.g. the email domain does not exist)."},
        429: {"model": Error, "description": "Too many requests. Retried after Retry-After (bounded).",
              "headers": {"Retry-After": {"description": "Delta-seconds or an HTTP date.", "schema": {"type": "string"}}}},
        "5XX": {"description": "The agent failed. Retried with backoff."},
    }

    @app.post("/v1/enrich", operation_id="enrichLead", summary="Fill in what is known about one person.",
              response_model=EnrichResponse, response_model_exclude_none=True, responses=responses,
              dependencies=[Depends(authorize)], openapi_extra={"security": [{}]})
    async def enrich(
        body: EnrichRequest,
        request: Request,
        idempotency_key: Annotated[str, Header(alias="Idempotency-Key", max_length=255,
                                               description="Same value for every retry of one enrichment.")],
        x_request_id: Annotated[str, Header(alias="X-Request-Id",
                                            description="Correlates SalesOS's log lines with the agent's; echoed as requestId.")],
    ) -> JSONResponse:
        request_id = request.scope["state"]["request_id"]
        state = request.app.state
        if state.in_flight >= settings.max_concurrency + settings.max_queue:
            return error(429, "busy", "The enrichment agent is at capacity; retry shortly.", {"Retry-After": "1"})
        idem: Idempotency = state.idempotency
        fingerprint = hashlib.sha256(json.dumps(body.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()
        record_key = "idem:" + hashlib.sha256(idempotency_key.encode()).hexdigest()
        stored = await idem.store.get(record_key)
        if stored is None and record_key in idem._inflight:
            status, payload = await asyncio.shield(idem._inflight[record_key])
            stored = {"fingerprint": fingerprint, "status": status, "body": payload}
        if stored is not None:
            if stored["fingerprint"] != fingerprint:
                return error(422, "idempotency_key_reused", "This Idempotency-Key was already used for a different request.")
            return JSONResponse(stored["body"], status_code=stored["status"], headers={"Idempotent-Replayed": "true"})

        future: asyncio.Future[tuple[int, dict[str, Any]]] = asyncio.get_running_loop().create_future()
        idem._inflight[record_key] = future
        state.in_flight += 1
        try:
            async with state.slots:
                try:
                    payload, cache_state = await state.enricher.enrich(body, request_id)
                    payload = EnrichResponse.model_validate(payload).model_dump(mode="json", exclude_none=True)
                    status = 200
                except Outcome as outcome:
                    status, payload, cache_state = outcome.status, {"error": {"code": outcome.code, "message": outcome.message}}, "none"
                except ValidationError as err:
                    raise RuntimeError(f"answer broke the contract: {err}") from err
            if status in STORED_STATUSES:
                await idem.store.set(record_key, {"fingerprint": fingerprint, "status": status, "body": payload}, idem.ttl_s)
            future.set_result((status, payload))
            log(logger, logging.INFO, "enriched", status=status, cache=cache_state,
                fields=sorted(payload.get("lead", {})), idempotencyKey=record_key[5:17])
            return JSONResponse(payload, status_code=status, headers={"X-Agent-Cache": cache_state})
        except BaseException as err:
            if not future.done():
                future.set_exception(err)
                future.exception()
            raise
        finally:
            state.in_flight -= 1
            idem._inflight.pop(record_key, None)

    @app.get("/healthz", operation_id="health", summary="Liveness of the agent.", response_model=Health,
             openapi_extra={"security": []})
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", summary="Readiness: the cache (Redis when configured) answers.", include_in_schema=False)
    async def readyz(request: Request) -> JSONResponse:
        ok = await request.app.state.enricher.cache.ping()
        return JSONResponse({"status": "ok" if ok else "unavailable", "cache": "redis" if settings.redis_url else "memory"},
                            status_code=200 if ok else 503)

    app.add_middleware(RequestLimits, max_bytes=settings.max_request_bytes)
    return app
