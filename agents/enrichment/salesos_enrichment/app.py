"""The HTTP service: POST /v1/enrich, /v1/patterns and /v1/lookalikes as docs/enrichment-agent.openapi.yaml says,
/healthz and /readyz."""

import asyncio
import hmac
import logging
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ValidationError

from . import __version__
from .config import Settings
from .enrich import Enricher, Outcome
from .idempotency import Idempotency, fingerprint
from .jsonlog import get_logger, log
from .lookalikes import find_lookalikes
from .models import EnrichRequest, EnrichResponse, Error, Health
from .pattern_models import LookalikesRequest, LookalikesResponse, PatternsRequest, PatternsResponse
from .patterns import find_patterns
from .request_limits import RequestLimits, error
from .store import Store, make_store

logger = get_logger("http")

RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "What the agent found. Only fields it found are present."},
    400: {"model": Error, "description": "Malformed request. Not retried."},
    401: {"model": Error, "description": "Missing or wrong bearer token. Not retried."},
    404: {"model": Error, "description": "No data on this person. Not retried; SalesOS reports \"no data found\"."},
    422: {"model": Error, "description": "The lead could not be processed (e.g. the email domain does not exist)."},
    429: {"model": Error, "description": "Too many requests. Retried after Retry-After (bounded).",
          "headers": {"Retry-After": {"description": "Delta-seconds or an HTTP date.", "schema": {"type": "string"}}}},
    "5XX": {"description": "The agent failed. Retried with backoff."},
}
ANALYSIS_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": Error, "description": "Malformed request (or larger than AGENT_MAX_DATASET_BYTES). Not retried."},
    401: {"model": Error, "description": "Missing or wrong bearer token. Not retried."},
    429: {"model": Error, "description": "Analyses are already running; retried after Retry-After (bounded).",
          "headers": {"Retry-After": {"description": "Delta-seconds or an HTTP date.", "schema": {"type": "string"}}}},
    "5XX": {"description": "The agent failed. Retried with backoff."},
}
# Analyses are CPU-bound: run in threads, a few at once, so /v1/enrich and /healthz keep answering.
ANALYSES_AT_ONCE = 2
ANALYSES_WAITING = 4


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
        app.state.analysis_slots = asyncio.Semaphore(ANALYSES_AT_ONCE)
        app.state.analyses = 0
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

    app = FastAPI(title="SalesOS enrichment agent", version="1.0.0", lifespan=lifespan,
                  summary="The HTTP contract between SalesOS and the service that fills in lead data.")

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

    @app.post("/v1/enrich", operation_id="enrichLead", summary="Fill in what is known about one person.",
              response_model=EnrichResponse, response_model_exclude_none=True, responses=RESPONSES,
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
        cache_state = "none"

        async def work() -> tuple[int, dict[str, Any]]:
            nonlocal cache_state
            async with state.slots:
                try:
                    payload, cache_state = await state.enricher.enrich(body, request_id)
                except Outcome as outcome:
                    return outcome.status, {"error": {"code": outcome.code, "message": outcome.message}}
            try:
                return 200, EnrichResponse.model_validate(payload).model_dump(mode="json", exclude_none=True)
            except ValidationError as err:
                raise RuntimeError(f"answer broke the contract: {err}") from err

        state.in_flight += 1
        try:
            idem: Idempotency = state.idempotency
            (status, payload), replayed = await idem.run(idempotency_key, fingerprint(body.model_dump(mode="json")), work)
        finally:
            state.in_flight -= 1
        if replayed:
            return JSONResponse(payload, status_code=status, headers={"Idempotent-Replayed": "true"})
        log(logger, logging.INFO, "enriched", status=status, cache=cache_state, fields=sorted(payload.get("lead", {})))
        return JSONResponse(payload, status_code=status, headers={"X-Agent-Cache": cache_state})

    async def analyse(request: Request, model: type[BaseModel], work: Any, what: str) -> JSONResponse:
        state = request.app.state
        if state.analyses >= ANALYSES_AT_ONCE + ANALYSES_WAITING:
            return error(429, "busy", "The agent is busy with other analyses; retry shortly.", {"Retry-After": "2"})
        state.analyses += 1
        try:
            raw = await request.body()
            async with state.analysis_slots:
                # Parsed and validated in one pass by pydantic from the raw bytes, off the event loop: a 100,000-lead
                # body takes about half the time of json.loads followed by validation.
                answer = await asyncio.to_thread(lambda: work(model.model_validate_json(raw)))
        except ValidationError as err:
            raise RequestValidationError(err.errors(include_url=False)) from None
        finally:
            state.analyses -= 1
        log(logger, logging.INFO, what, leads=getattr(answer, "leads", None), candidates=getattr(answer, "candidates", None))
        return JSONResponse(answer.model_dump(mode="json", exclude_none=True))

    def body_of(model: type[BaseModel]) -> dict[str, Any]:
        schema = {"$ref": f"#/components/schemas/{model.__name__}"}
        return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}, "security": [{}]}

    @app.post("/v1/patterns", operation_id="findPatterns", summary="Which kinds of leads reach a good outcome.",
              response_model=PatternsResponse, response_model_exclude_none=True, responses=ANALYSIS_RESPONSES,
              dependencies=[Depends(authorize)], openapi_extra=body_of(PatternsRequest))
    async def patterns(request: Request) -> JSONResponse:
        return await analyse(request, PatternsRequest, find_patterns, "patterns")

    @app.post("/v1/lookalikes", operation_id="findLookalikes", summary="Candidates ranked by similarity to seed leads.",
              response_model=LookalikesResponse, response_model_exclude_none=True, responses=ANALYSIS_RESPONSES,
              dependencies=[Depends(authorize)], openapi_extra=body_of(LookalikesRequest))
    async def lookalikes(request: Request) -> JSONResponse:
        return await analyse(request, LookalikesRequest, find_lookalikes, "lookalikes")

    @app.get("/healthz", operation_id="health", summary="Liveness of the agent.", response_model=Health,
             openapi_extra={"security": []})
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", summary="Readiness: the cache (Redis when configured) answers.", include_in_schema=False)
    async def readyz(request: Request) -> JSONResponse:
        ok = await request.app.state.enricher.cache.ping()
        body = {"status": "ok" if ok else "unavailable", "cache": "redis" if settings.redis_url else "memory"}
        return JSONResponse(body, status_code=200 if ok else 503)

    def openapi() -> dict[str, Any]:
        # Bad input gets 400 with the Error body (validation_handler), never FastAPI's default 422.
        if app.openapi_schema is None:
            schema = FastAPI.openapi(app)
            for path in ("/v1/patterns", "/v1/lookalikes"):
                schema["paths"][path]["post"]["responses"].pop("422", None)
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for name in ("HTTPValidationError", "ValidationError"):
                components.pop(name, None)
            # The analyses read their bodies themselves (validate_json); their request schemas are added here.
            for model in (PatternsRequest, LookalikesRequest):
                generated = model.model_json_schema(ref_template="#/components/schemas/{model}")
                components.update(generated.pop("$defs", {}))
                components[model.__name__] = generated
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.add_middleware(RequestLimits, max_bytes=settings.max_request_bytes,
                       large={"/v1/patterns": settings.max_dataset_bytes, "/v1/lookalikes": settings.max_dataset_bytes})
    return app
