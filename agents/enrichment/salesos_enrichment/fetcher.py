"""Fetching public web pages safely: every hop (the first request and each redirect) goes through the SSRF
guard, the connection is made to the address the guard checked (Host header and TLS SNI keep the name),
bodies are capped, each request has a deadline, and the per-host gate keeps us polite."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import certifi
import httpx

from .host_gate import HostGate
from .ssrf import AddressGuard, Refused, Target


class FetchFailed(Exception):
    """The site could not be read. kind: lookup, connect (nothing answered there), timeout, tls, protocol, redirects."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind

    @property
    def reached(self) -> bool:
        return self.kind not in ("lookup", "connect")


@dataclass
class Page:
    url: str
    status: int
    headers: httpx.Headers
    body: bytes
    truncated: bool
    redirects: list[str] = field(default_factory=list)

    @property
    def cookie_names(self) -> list[str]:
        return [c.split("=", 1)[0].strip() for c in self.headers.get_list("set-cookie") if "=" in c]

    def text(self) -> str:
        charset = "utf-8"
        ctype = self.headers.get("content-type", "")
        if "charset=" in ctype:
            charset = ctype.split("charset=", 1)[1].split(";")[0].strip().strip('"') or "utf-8"
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


_SSL = ssl.create_default_context(cafile=certifi.where())
REDIRECTS = {301, 302, 303, 307, 308}


class SafeFetcher:
    def __init__(self, guard: AddressGuard, gate: HostGate, *, user_agent: str, timeout_s: float, max_redirects: int,
                 ssl_context: ssl.SSLContext | None = None):
        self._ssl = ssl_context or _SSL
        self._guard = guard
        self._gate = gate
        self._user_agent = user_agent
        self._timeout_s = timeout_s
        self._max_redirects = max_redirects

    def client(self) -> httpx.AsyncClient:
        """One client per enrichment: pooled connections are keyed by address, so they are never shared
        between enrichments of different host names (whose TLS names differ)."""
        return httpx.AsyncClient(
            verify=self._ssl, trust_env=False, follow_redirects=False,
            # A shorter connect deadline tells "nothing listens there" apart from a slow site.
            timeout=httpx.Timeout(self._timeout_s, connect=min(self._timeout_s / 2, 3.0)),
            limits=httpx.Limits(max_connections=4, max_keepalive_connections=2),
        )

    async def get(
        self,
        client: httpx.AsyncClient,
        url: str,
        *,
        max_bytes: int,
        before_hop: Callable[[str], Awaitable[None]] | None = None,
    ) -> Page:
        redirects: list[str] = []
        for _ in range(self._max_redirects + 1):
            if before_hop is not None:
                await before_hop(url)
            try:
                target = await self._guard.target(url)
            except LookupError as err:
                raise FetchFailed(str(err), "lookup") from err
            page = await self._request(client, target, max_bytes)
            location = page.headers.get("location")
            if page.status in REDIRECTS and location:
                redirects.append(url)
                url = urljoin(url, location.strip())
                continue
            page.redirects = redirects
            return page
        raise FetchFailed(f"more than {self._max_redirects} redirects", "redirects")

    async def _request(self, client: httpx.AsyncClient, target: Target, max_bytes: int) -> Page:
        address = f"[{target.address}]" if ":" in target.address else target.address
        default_port = 443 if target.url.scheme == "https" else 80
        pinned = f"{target.url.scheme}://{address}:{target.connect_port}{target.url.path or '/'}"
        if target.url.query:
            pinned += f"?{target.url.query}"
        host_header = target.host if target.port == default_port else f"{target.host}:{target.port}"
        headers = {
            "host": host_header,
            "user-agent": self._user_agent,
            "accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            "accept-language": "en;q=1.0, *;q=0.5",
        }
        extensions = {"sni_hostname": target.host} if target.url.scheme == "https" else {}
        url = target.url.geturl()
        async with self._gate.slot(target.host) as visit:
            try:
                async with asyncio.timeout(self._timeout_s):
                    request = client.build_request("GET", pinned, headers=headers, extensions=extensions)
                    response = await client.send(request, stream=True)
                    try:
                        chunks: list[bytes] = []
                        size = 0
                        truncated = False
                        async for chunk in response.aiter_bytes():
                            chunks.append(chunk)
                            size += len(chunk)
                            if size >= max_bytes:
                                truncated = True
                                break
                    finally:
                        await response.aclose()
            except TimeoutError as err:
                raise FetchFailed(f"{url}: no complete answer within {self._timeout_s:g} s", "timeout") from err
            except ssl.SSLError as err:
                raise FetchFailed(f"{url}: TLS failed ({err.reason or err})", "tls") from err
            except (httpx.ConnectError, httpx.ConnectTimeout) as err:
                visit.contacted = False
                raise FetchFailed(f"{url}: could not connect ({type(err).__name__} {err})".strip(), "connect") from err
            except httpx.HTTPError as err:
                raise FetchFailed(f"{url}: {type(err).__name__} {err}".strip(), "protocol") from err
        body = b"".join(chunks)[:max_bytes]
        return Page(url, response.status_code, response.headers, body, truncated)


__all__ = ["FetchFailed", "Page", "Refused", "SafeFetcher"]
