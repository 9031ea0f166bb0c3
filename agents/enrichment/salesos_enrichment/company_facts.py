"""A company's facts from its homepage markup: schema.org JSON-LD first (most deliberate), then OpenGraph
and meta tags, then the title. Each fact carries a confidence and the kind of evidence it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .countries import country_name
from .html_facts import Markup

ORG_TYPES = {
    "organization", "corporation", "localbusiness", "ngo", "educationalorganization", "governmentorganization",
    "medicalorganization", "sportsorganization", "newsmediaorganization", "onlinebusiness", "onlinestore",
    "store", "professionalservice", "financialservice", "bankorcreditunion", "insuranceagency", "legalservice",
    "hospital", "restaurant", "hotel", "airline", "researchorganization", "performinggroup", "project",
}
# schema.org organisation types that name an industry outright.
INDUSTRY_BY_TYPE = {
    "bankorcreditunion": "Financial Services", "financialservice": "Financial Services",
    "insuranceagency": "Insurance", "legalservice": "Legal Services", "medicalorganization": "Healthcare",
    "hospital": "Healthcare", "educationalorganization": "Education", "newsmediaorganization": "Media",
    "restaurant": "Food & Beverage", "hotel": "Hospitality", "airline": "Airlines",
    "onlinestore": "Retail", "store": "Retail", "governmentorganization": "Government",
}
SOCIAL = {
    "linkedin": re.compile(r"^https?://([a-z]{2,3}\.)?linkedin\.com/(company|school|showcase)/[^/?#\s]+", re.I),
    "x": re.compile(r"^https?://(www\.)?(twitter|x)\.com/(?!intent|share|home)[A-Za-z0-9_]{1,15}/?$", re.I),
    "facebook": re.compile(r"^https?://([a-z]+\.)?facebook\.com/(?!sharer|share|dialog|plugins)[^/?#\s]+/?$", re.I),
    "instagram": re.compile(r"^https?://(www\.)?instagram\.com/[^/?#\s]+/?$", re.I),
    "youtube": re.compile(r"^https?://(www\.)?youtube\.com/(c/|channel/|user/|@)[^/?#\s]+", re.I),
    "github": re.compile(r"^https?://(www\.)?github\.com/[^/?#\s]+/?$", re.I),
    "crunchbase": re.compile(r"^https?://(www\.)?crunchbase\.com/organization/[^/?#\s]+", re.I),
}
TITLE_SPLIT = re.compile(r"\s+[|\-–—:·•]\s+")


@dataclass
class Fact:
    value: Any
    confidence: float
    evidence: str


@dataclass
class CompanyFacts:
    name: Fact | None = None
    description: Fact | None = None
    country: Fact | None = None
    city: Fact | None = None
    employees: Fact | None = None
    industry: Fact | None = None
    address: dict[str, str] = field(default_factory=dict)
    social: dict[str, str] = field(default_factory=dict)
    founded: str | None = None


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("@type")
    values = t if isinstance(t, list) else [t]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values if v}


def _walk(data: Any, depth: int = 0):
    """Every JSON object in a JSON-LD block (@graph, lists and nested values), depth-limited."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:200]:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _walk(value, depth + 1)


def _text(value: Any, limit: int) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text[:limit].rstrip() if text else None


def _employees(value: Any) -> int | None:
    if isinstance(value, dict):
        for key in ("value", "maxValue", "minValue"):
            n = _employees(value.get(key))
            if n:
                return n
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        n = int(value)
    elif isinstance(value, str):
        digits = re.findall(r"\d[\d,.\s]*", value)
        if not digits:
            return None
        # "51-200" -> the upper bound of the published range; "1,200+" -> 1200
        n = int(re.sub(r"[^\d]", "", digits[-1]) or 0)
    else:
        return None
    return n if 1 <= n <= 5_000_000 else None


def _organization(markup: Markup, domain: str) -> dict[str, Any] | None:
    """The JSON-LD organisation that is this site's (its url on the domain), else the first one."""
    orgs = [n for block in markup.json_ld for n in _walk(block) if _types(n) & ORG_TYPES]
    for org in orgs:
        host = (urlsplit(str(org.get("url") or "")).hostname or "").lower()
        if host == domain or host.endswith("." + domain):
            return org
    return orgs[0] if orgs else None


def company_facts(markup: Markup, domain: str) -> CompanyFacts:
    facts = CompanyFacts()
    org = _organization(markup, domain)
    meta = markup.meta
    if org:
        name = _text(org.get("name"), 200) or _text(org.get("legalName"), 200)
        if name:
            facts.name = Fact(name, 0.9, "schema.org JSON-LD name")
        desc = _text(org.get("description"), 1000)
        if desc:
            facts.description = Fact(desc, 0.85, "schema.org JSON-LD description")
        employees = _employees(org.get("numberOfEmployees"))
        if employees:
            facts.employees = Fact(employees, 0.7, "schema.org JSON-LD numberOfEmployees")
        industry = next((INDUSTRY_BY_TYPE[t] for t in _types(org) if t in INDUSTRY_BY_TYPE), None)
        if industry:
            facts.industry = Fact(industry, 0.6, f"schema.org type {org.get('@type')}")
        address = org.get("address")
        if isinstance(address, list):
            address = next((a for a in address if isinstance(a, dict)), None)
        if isinstance(address, dict):
            for key, out in (("streetAddress", "street"), ("postalCode", "postalCode"), ("addressLocality", "city"),
                             ("addressRegion", "region"), ("addressCountry", "country")):
                text = _text(address.get(key), 200)
                if text:
                    facts.address[out] = text
            if facts.address.get("city"):
                facts.city = Fact(facts.address["city"][:100], 0.8, "schema.org JSON-LD address")
            country = country_name(facts.address.get("country", ""))
            if country:
                facts.address["country"] = country
                facts.country = Fact(country, 0.8, "schema.org JSON-LD address")
        same_as = org.get("sameAs")
        for url in same_as if isinstance(same_as, list) else [same_as]:
            _add_social(facts, url)
        founded = _text(org.get("foundingDate"), 40)
        if founded:
            facts.founded = founded
    if facts.name is None:
        site_name = meta.get("og:site_name") or meta.get("application-name")
        if site_name:
            facts.name = Fact(" ".join(site_name.split())[:200], 0.75, "OpenGraph og:site_name" if meta.get(
                "og:site_name") else "meta application-name")
        elif markup.title:
            first = TITLE_SPLIT.split(markup.title)[0].strip()
            if first and len(first) <= 80:
                facts.name = Fact(first, 0.45, "page title")
    if facts.description is None:
        desc = meta.get("og:description") or meta.get("description") or meta.get("twitter:description")
        if desc:
            facts.description = Fact(" ".join(desc.split())[:1000], 0.7, "meta description")
    if facts.country is None:
        country = country_name(meta.get("og:country-name", "") or meta.get("geo.country", ""))
        if country:
            facts.country = Fact(country, 0.6, "meta country")
    if facts.city is None and meta.get("og:locality"):
        facts.city = Fact(" ".join(meta["og:locality"].split())[:100], 0.6, "OpenGraph og:locality")
    for link in markup.links:
        _add_social(facts, link)
    return facts


def _add_social(facts: CompanyFacts, url: Any) -> None:
    if not isinstance(url, str):
        return
    url = url.strip()
    for network, pattern in SOCIAL.items():
        m = pattern.match(url)
        if m and network not in facts.social:
            facts.social[network] = m.group(0).rstrip("/") if network == "linkedin" else url
