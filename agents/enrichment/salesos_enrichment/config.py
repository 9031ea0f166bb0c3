"""Settings from environment variables only, validated at start: one error names every bad variable."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    token: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    # (host, port) -> (target host, target port), curl's --connect-to; tests only.
    connect_to: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)
    dns_server: tuple[str, int] | None = None
    redis_url: str | None = None
    cache_ttl_s: int = 7 * 24 * 3600
    failure_cache_ttl_s: int = 600
    idempotency_ttl_s: int = 24 * 3600
    fetch_timeout_s: float = 5.0
    enrich_timeout_s: float = 8.0
    dns_timeout_s: float = 3.0
    max_body_bytes: int = 2 * 1024 * 1024
    max_request_bytes: int = 16 * 1024
    max_dataset_bytes: int = 64 * 1024 * 1024
    max_redirects: int = 5
    max_concurrency: int = 20
    max_queue: int = 200
    per_host_concurrency: int = 2
    politeness_ms: int = 500
    log_level: str = "info"
    user_agent: str = "SalesOS-Enrichment/1.0 (company enrichment for sales teams; reads the homepage and robots.txt)"


def _int(env: Mapping[str, str], name: str, default: int, lo: int, hi: int, errors: list[str]) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        errors.append(f"{name}: expected a whole number between {lo} and {hi}, got {raw!r}")
        return default
    if not lo <= value <= hi:
        errors.append(f"{name}: expected a whole number between {lo} and {hi}, got {value}")
    return value


def _host_port(text: str) -> tuple[str, int]:
    host, sep, port = text.strip().rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(text)
    return host.strip("[]").lower(), int(port)


def parse_connect_to(raw: str) -> dict[tuple[str, int], tuple[str, int]]:
    """`host:port:target-host:target-port[,…]` as curl's --connect-to (IPv6 targets in brackets)."""
    mapping: dict[tuple[str, int], tuple[str, int]] = {}
    for item in filter(None, (part.strip() for part in raw.split(","))):
        host, sep, rest = item.partition(":")
        port, sep2, target = rest.partition(":")
        if not (sep and sep2 and host and port.isdigit()):
            raise ValueError(item)
        mapping[(host.lower(), int(port))] = _host_port(target)
    return mapping


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    errors: list[str] = []
    connect_to: dict[tuple[str, int], tuple[str, int]] = {}
    if env.get("AGENT_CONNECT_TO", "").strip():
        try:
            connect_to = parse_connect_to(env["AGENT_CONNECT_TO"])
        except ValueError as err:
            errors.append(f"AGENT_CONNECT_TO: expected host:port:target-host:target-port[,…], got {err.args[0]!r}")
    dns_server = None
    if env.get("AGENT_DNS_SERVER", "").strip():
        try:
            dns_server = _host_port(env["AGENT_DNS_SERVER"])
        except ValueError:
            errors.append(f"AGENT_DNS_SERVER: expected host:port, got {env['AGENT_DNS_SERVER']!r}")
    log_level = env.get("AGENT_LOG_LEVEL", "info").strip().lower() or "info"
    if log_level not in {"error", "warn", "info", "debug"}:
        errors.append(f"AGENT_LOG_LEVEL: expected error, warn, info or debug, got {log_level!r}")
    token = env.get("AGENT_TOKEN", "").strip() or None
    redis_url = env.get("REDIS_URL", "").strip() or None
    if redis_url and not redis_url.startswith(("redis://", "rediss://", "unix://")):
        errors.append("REDIS_URL: expected a redis://, rediss:// or unix:// URL")
    settings = Settings(
        token=token,
        host=env.get("AGENT_HOST", "").strip() or "127.0.0.1",
        port=_int(env, "AGENT_PORT", 8000, 0, 65535, errors),
        connect_to=connect_to,
        dns_server=dns_server,
        redis_url=redis_url,
        cache_ttl_s=_int(env, "AGENT_CACHE_TTL_S", 7 * 24 * 3600, 0, 90 * 24 * 3600, errors),
        fetch_timeout_s=_int(env, "AGENT_FETCH_TIMEOUT_MS", 5000, 100, 60_000, errors) / 1000,
        enrich_timeout_s=_int(env, "AGENT_ENRICH_TIMEOUT_MS", 8_000, 500, 120_000, errors) / 1000,
        max_body_bytes=_int(env, "AGENT_MAX_BODY_BYTES", 2 * 1024 * 1024, 1024, 50 * 1024 * 1024, errors),
        max_dataset_bytes=_int(env, "AGENT_MAX_DATASET_BYTES", 64 * 1024 * 1024, 16 * 1024, 1024 * 1024 * 1024, errors),
        max_concurrency=_int(env, "AGENT_MAX_CONCURRENCY", 20, 1, 1000, errors),
        max_queue=_int(env, "AGENT_MAX_QUEUE", 200, 0, 100_000, errors),
        per_host_concurrency=_int(env, "AGENT_PER_HOST_CONCURRENCY", 2, 1, 100, errors),
        politeness_ms=_int(env, "AGENT_POLITENESS_MS", 500, 0, 60_000, errors),
        log_level=log_level,
    )
    if errors:
        raise ConfigError("Invalid enrichment agent configuration:\n  " + "\n  ".join(errors))
    return settings
