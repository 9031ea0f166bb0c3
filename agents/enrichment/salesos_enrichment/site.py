"""Reading a company's homepage: robots.txt first (RFC 9309), https then http, then what the page says."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .company_facts import company_facts
from .fetcher import FetchFailed, Page, SafeFetcher
from .fingerprints import detect
from .html_facts import parse_markup
from .ssrf import Refused

ROBOTS_MAX_BYTES = 512 * 1024
ROBOTS_AGENT = "SalesOS-Enrichment"


class RobotsDisallow(Exception):
    pass


class _Robots:
    """robots.txt per origin, read once per site visit."""

    def __init__(self, fetcher: SafeFetcher, client: httpx.AsyncClient):
        self._fetcher = fetcher
        self._client = client
        self._rules: dict[str, RobotFileParser | bool | FetchFailed] = {}
        self.sources: list[str] = []

    async def check(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._rules:
            self._rules[origin] = await self._load(origin)
        rules = self._rules[origin]
        if isinstance(rules, FetchFailed):
            raise rules  # nothing answers at this origin: the page cannot be read either
        allowed = rules if isinstance(rules, bool) else rules.can_fetch(ROBOTS_AGENT, url)
        if not allowed:
            raise RobotsDisallow(f"{origin}/robots.txt does not allow reading {parts.path or '/'}")

    async def _load(self, origin: str) -> RobotFileParser | bool | FetchFailed:
        try:
            page = await self._fetcher.get(self._client, f"{origin}/robots.txt", max_bytes=ROBOTS_MAX_BYTES)
        except FetchFailed as err:
            # No connection at all: the homepage would fail the same way. Anything else (a timeout, a
            # broken answer, a redirect loop) counts as "no robots.txt" and the homepage is tried.
            return True if err.reached else err
        if 400 <= page.status < 500:
            return True  # RFC 9309: an unavailable robots.txt allows everything
        if page.status >= 500:
            return False  # RFC 9309: an unreachable one disallows everything
        if page.status != 200:
            return True
        self.sources.append(page.url)
        rules = RobotFileParser()
        rules.parse(page.text().splitlines())
        return rules


def _headers(page: Page) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in page.headers.multi_items():
        out.setdefault(name.lower(), []).append(value)
    return out


async def read_site(fetcher: SafeFetcher, domain: str, *, max_bytes: int, budget_s: float) -> dict[str, Any]:
    """{'site': {...}} with what the homepage says, or {'siteProblem': why} when it could not be read."""
    problems: list[str] = []
    reached = False
    async with fetcher.client() as client:
        robots = _Robots(fetcher, client)
        try:
            # One deadline for the whole site (both schemes, robots.txt and redirects included).
            async with asyncio.timeout(budget_s):
                for url in (f"https://{domain}/", f"http://{domain}/"):
                    try:
                        page = await fetcher.get(client, url, max_bytes=max_bytes, before_hop=robots.check)
                    except (Refused, RobotsDisallow) as err:
                        return {"siteProblem": str(err), "refused": isinstance(err, Refused), "reached": True}
                    except FetchFailed as err:
                        problems.append(str(err))
                        reached = reached or err.reached
                        continue
                    reached = True
                    if page.status >= 400:
                        problems.append(f"{page.url}: HTTP {page.status}")
                        continue
                    ctype = page.headers.get("content-type", "text/html").lower()
                    if "html" not in ctype:
                        problems.append(f"{page.url}: not an HTML page ({ctype.split(';')[0]})")
                        continue
                    return {"site": _facts(page, domain, robots.sources), "reached": True}
        except TimeoutError:
            problems.append(f"{domain}: the site was not read within {budget_s:g} s")
            reached = True
    return {"siteProblem": "; ".join(problems) or "the homepage could not be read", "reached": reached}


def _facts(page: Page, domain: str, robots_sources: list[str]) -> dict[str, Any]:
    html = page.text()
    markup = parse_markup(html, page.url)
    final_host = (urlsplit(page.url).hostname or domain).lower()
    facts = company_facts(markup, domain)
    techs = detect(
        html=html,
        resource_urls=markup.resource_urls,
        headers=_headers(page),
        cookie_names=page.cookie_names,
        generators=markup.generators,
    )
    fact = lambda f: None if f is None else {"value": f.value, "confidence": f.confidence, "evidence": f.evidence}  # noqa: E731
    return {
        "url": page.url,
        "host": final_host,
        "truncated": page.truncated,
        "sources": [*robots_sources, page.url],
        "name": fact(facts.name),
        "description": fact(facts.description),
        "country": fact(facts.country),
        "city": fact(facts.city),
        "employees": fact(facts.employees),
        "industry": fact(facts.industry),
        "address": facts.address,
        "social": facts.social,
        "technologies": [{"name": t.name, "category": t.category, "evidence": t.evidence} for t in techs],
    }
