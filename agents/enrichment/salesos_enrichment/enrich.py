"""One enrichment: pick the company domain, read what public sources say about it (cached per domain,
one lookup in flight per domain), and answer with the lead fields the contract knows plus the company
profile."""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from .config import Settings
from .dns_facts import MailLookup
from .domains import email_domain, is_disposable, is_free_mail
from .fetcher import SafeFetcher
from .host_gate import HostGate
from .jsonlog import get_logger, log
from .models import EnrichableField, EnrichRequest
from .site import read_site
from .ssrf import AddressGuard
from .store import Store

logger = get_logger("enrich")
CACHE_VERSION = "v1"
ALL_FIELDS = [f.value for f in EnrichableField]


class Outcome(Exception):
    """A non-200 answer: status, machine code and a message the rep can read."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class Enricher:
    def __init__(self, settings: Settings, cache: Store, clock: Callable[[], float] = time.time,
                 ssl_context: ssl.SSLContext | None = None):
        self.settings = settings
        self.cache = cache
        self._clock = clock
        gate = HostGate(settings.per_host_concurrency, settings.politeness_ms / 1000)
        guard = AddressGuard(settings.connect_to, timeout_s=settings.dns_timeout_s)
        self.fetcher = SafeFetcher(
            guard, gate, user_agent=settings.user_agent, timeout_s=settings.fetch_timeout_s,
            max_redirects=settings.max_redirects, ssl_context=ssl_context,
        )
        self.mail = MailLookup(settings.dns_server, settings.dns_timeout_s)
        self._inflight: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self.stats = {"hit": 0, "miss": 0, "shared": 0}

    async def report(self, domain: str) -> tuple[dict[str, Any], str]:
        """What public sources say about a domain, and whether it came from the cache ('hit'), a lookup
        already in flight ('shared') or a new lookup ('miss')."""
        key = f"domain:{CACHE_VERSION}:{domain}"
        cached = await self.cache.get(key)
        if cached is not None:
            self.stats["hit"] += 1
            return cached, "hit"
        running = self._inflight.get(domain)
        if running is not None:
            self.stats["shared"] += 1
            return await asyncio.shield(running), "shared"
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._inflight[domain] = future
        self.stats["miss"] += 1
        try:
            result = await self._lookup(domain)
            usable = bool(result.get("site")) or bool(result["mail"]["mx"])
            ttl = self.settings.cache_ttl_s if usable else self.settings.failure_cache_ttl_s
            await self.cache.set(key, result, ttl)
            future.set_result(result)
            return result, "miss"
        except BaseException as err:
            future.set_exception(err)
            future.exception()  # retrieved here, so a lookup nobody shared logs no warning
            raise
        finally:
            self._inflight.pop(domain, None)

    async def _lookup(self, domain: str) -> dict[str, Any]:
        started = time.monotonic()
        site, mail = await asyncio.gather(
            read_site(self.fetcher, domain, max_bytes=self.settings.max_body_bytes,
                      budget_s=self.settings.enrich_timeout_s),
            self.mail.lookup(domain),
        )
        result = {"domain": domain, "checkedAt": self._clock(), **site, "mail": asdict(mail)}
        log(logger, logging.INFO, "domain looked up", domain=domain, durationMs=round((time.monotonic() - started) * 1000),
            site=bool(site.get("site")), siteProblem=site.get("siteProblem"), mx=len(mail.mx))
        return result

    async def enrich(self, request: EnrichRequest, request_id: str) -> tuple[dict[str, Any], str]:
        lead = request.lead
        domain = lead.companyDomain or email_domain(lead.email)
        if is_disposable(domain):
            raise Outcome(404, "disposable_domain",
                          f"{domain} is a throwaway-address service, so there is no company to look up.")
        if is_free_mail(domain):
            raise Outcome(404, "free_mail_domain",
                          f"{domain} is a personal mailbox provider: it says nothing about the lead's company. "
                          "Add the company's domain to the lead to enrich it.")
        report, cache_state = await self.report(domain)
        if report.get("refused"):
            log(logger, logging.WARNING, "site refused by the SSRF guard", domain=domain, reason=report.get("siteProblem"))
        if not report.get("reached") and not report["mail"]["exists"]:
            raise Outcome(422, "domain_not_found", f"The domain {domain} does not exist (no DNS records, no website).")
        wanted = {f.value for f in request.fields} if request.fields else set(ALL_FIELDS)
        if not report.get("site") and not report["mail"]["mx"]:
            problem = report.get("siteProblem") or "no website"
            raise Outcome(404, "no_data", f"No public company data was found for {domain}: {problem}.")
        return compose(report, request, wanted, request_id), cache_state


def compose(report: dict[str, Any], request: EnrichRequest, wanted: set[str], request_id: str) -> dict[str, Any]:
    known = request.lead.model_dump(exclude_none=True)
    site = report.get("site") or {}
    mail = report["mail"]
    domain = report["domain"]
    lead: dict[str, Any] = {}
    confidence: dict[str, float] = {}

    def put(field: str, fact: dict[str, Any] | None) -> None:
        if fact is None or field not in wanted or known.get(field):
            return
        lead[field] = fact["value"]
        confidence[field] = fact["confidence"]

    put("companyDomain", {"value": domain, "confidence": 0.95 if site else 0.8})
    put("company", site.get("name"))
    put("industry", site.get("industry"))
    put("companySize", site.get("employees"))
    # The company's headquarters only stands in for the person's location when nothing better is known.
    for field in ("country", "city"):
        fact = site.get(field)
        put(field, fact and {**fact, "confidence": round(fact["confidence"] * 0.75, 2)})

    # Copies: the report may be shared with concurrent requests for the same domain.
    technologies = [{**t, "evidence": list(t["evidence"])} for t in site.get("technologies", [])]
    if mail.get("provider"):
        technologies.append({"name": mail["provider"], "category": "Email", "evidence": [f"MX {mail['mx'][0]}"]})
    seen = {t["name"] for t in technologies}
    for sender, include in mail.get("spf_senders", {}).items():
        if sender in seen:
            next(t for t in technologies if t["name"] == sender)["evidence"].append(f"SPF include {include}")
        else:
            technologies.append({"name": sender, "category": "Email", "evidence": [f"SPF include {include}"]})
            seen.add(sender)
    if technologies and "techStack" in wanted:
        lead["techStack"] = [t["name"] for t in technologies][:50]
        strong = sum(1 for t in technologies if len(t["evidence"]) > 1)
        confidence["techStack"] = 0.9 if strong else 0.8

    company: dict[str, Any] = {"domain": domain}
    if site:
        company["website"] = site["url"]
        for key in ("name", "description", "employees"):
            if site.get(key):
                company[key] = site[key]["value"]
        if site.get("social"):
            company["socialProfiles"] = site["social"]
            if "linkedin" in site["social"]:
                company["linkedinUrl"] = site["social"]["linkedin"]
        if site.get("address"):
            company["address"] = site["address"]
    if mail.get("mx"):
        company["mx"] = mail["mx"][:10]
        if mail.get("provider"):
            company["emailProvider"] = mail["provider"]
    if mail.get("exists"):
        company["spf"] = mail["spf"]
        company["dmarc"] = mail["dmarc"]
        if mail.get("dmarc_policy"):
            company["dmarcPolicy"] = mail["dmarc_policy"]
    if technologies:
        company["technologies"] = technologies

    sources = list(site.get("sources", []))
    if mail.get("exists"):
        sources.append(f"dns:{domain} (MX, TXT)")
        sources.append(f"dns:_dmarc.{domain} (TXT)")
    body: dict[str, Any] = {"lead": lead, "confidence": confidence, "sources": sources, "costUsd": 0, "requestId": request_id}
    if len(company) > 1:
        body["company"] = company
    return body
