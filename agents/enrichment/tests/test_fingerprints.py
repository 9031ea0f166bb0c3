"""The technology table: large enough, covering what sales teams ask about, and precise."""

from __future__ import annotations

from salesos_enrichment import fingerprints as fp

REQUIRED_CATEGORIES = {fp.CRM, fp.ANALYTICS, fp.CHAT, fp.SHOP, fp.CMS, fp.FRAMEWORK, fp.HOSTING, fp.PAYMENTS}


def test_at_least_80_distinct_technologies_across_the_categories_sales_teams_care_about():
    names = [f.name for f in fp.FINGERPRINTS]
    assert len(names) >= 80 and len(set(names)) == len(names)
    assert REQUIRED_CATEGORIES <= {f.category for f in fp.FINGERPRINTS}
    for category in REQUIRED_CATEGORIES:
        assert sum(f.category == category for f in fp.FINGERPRINTS) >= 6, category
    assert all(f.urls or f.html or f.headers or f.cookies or f.generator for f in fp.FINGERPRINTS)


def detect(**kw):
    args = {"html": "", "resource_urls": [], "headers": {}, "cookie_names": [], "generators": []} | kw
    return {d.name: d.evidence for d in fp.detect(**args)}


def test_each_kind_of_evidence():
    assert detect(resource_urls=["https://js.hs-scripts.com/1.js"]) == {"HubSpot": ["resource URL https://js.hs-scripts.com/1.js"]}
    assert detect(html="<script>drift.load('x')</script>") == {"Drift": ["page contains 'drift.load('"]}
    assert detect(headers={"server": ["cloudflare"]}) == {"Cloudflare": ["response header server: cloudflare"]}
    assert detect(cookie_names=["_mkto_trk"]) == {"Marketo": ["cookie _mkto_trk"]}
    assert detect(generators=["Drupal 10"]) == {"Drupal": ["meta generator 'Drupal 10'"]}


def test_nothing_is_claimed_without_evidence():
    page = "<html><body><p>We love HubSpot, Shopify and Stripe (we write about them).</p></body></html>"
    assert detect(html=page) == {}
    assert detect(resource_urls=["https://example.com/hubspot-logo.png", "https://example.com/stripe.svg"]) == {}
