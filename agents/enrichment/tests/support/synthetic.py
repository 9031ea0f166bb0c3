"""Synthetic contacted leads with known (planted) patterns, for the pattern tests and the benchmark."""

from __future__ import annotations

import random

INDUSTRIES = ["fintech", "healthcare", "retail", "manufacturing", "software", "logistics"]
INDUSTRY_WEIGHTS = [20, 18, 18, 16, 16, 12]
SENIORITIES = ["c_level", "vp", "director", "manager", "senior", "entry"]
SENIORITY_WEIGHTS = [20, 15, 20, 20, 15, 10]
COUNTRIES = ["Germany", "France", "United States", "United Kingdom", "Spain", "Netherlands"]
COUNTRY_WEIGHTS = [25, 15, 20, 15, 13, 12]
BANDS = ["1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+"]
SOURCES = ["import", "webinar", "website", "event"]
TECH = ["HubSpot", "Salesforce", "Slack", "Stripe", "Shopify", "Zendesk", "Intercom", "Segment", "Snowflake", "AWS"]
TITLE = {"c_level": ["cto"], "vp": ["vp", "engineering"], "director": ["director", "sales"], "manager": ["manager", "marketing"],
         "senior": ["senior", "engineer"], "entry": ["analyst"]}


def leads(n: int, *, seed: int = 7, base: float = 0.10, planted: bool = True) -> list[dict]:
    """With planted=True fintech CTOs in Germany reply three times as often, and leads from webinars twice as often;
    nothing else matters. Without, every lead replies with the same probability."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        industry = rng.choices(INDUSTRIES, INDUSTRY_WEIGHTS)[0]
        seniority = rng.choices(SENIORITIES, SENIORITY_WEIGHTS)[0]
        country = rng.choices(COUNTRIES, COUNTRY_WEIGHTS)[0]
        source = rng.choice(SOURCES)
        p = base
        if planted and (industry, seniority, country) == ("fintech", "c_level", "Germany"):
            p *= 3
        if planted and source == "webinar":
            p *= 2
        replied = rng.random() < p
        outcome = "no_reply"
        if replied:
            outcome = "replied"
            if rng.random() < 0.4:
                outcome = "qualified"
                if rng.random() < 0.3:
                    outcome = "customer"
        out.append({
            "industry": industry, "seniority": seniority, "country": country, "sizeBand": rng.choice(BANDS),
            "source": source, "technologies": rng.sample(TECH, rng.randint(0, 4)), "titleWords": TITLE[seniority],
            "outcome": outcome, "staticScore": rng.randint(0, 100),
        })
    return out
