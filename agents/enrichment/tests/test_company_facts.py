"""What a homepage's markup yields, from the most deliberate source to the least."""

from __future__ import annotations

import json

from salesos_enrichment.company_facts import company_facts
from salesos_enrichment.countries import country_name
from salesos_enrichment.html_facts import parse_markup


def facts(html: str, domain: str = "acme.test"):
    return company_facts(parse_markup(html, f"https://{domain}/"), domain)


def ld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_json_ld_beats_opengraph_which_beats_the_title():
    html = "<title>Acme | Home</title><meta property='og:site_name' content='Acme OG'>"
    assert (facts(html).name.value, facts(html).name.confidence) == ("Acme OG", 0.75)
    assert facts("<title>Acme Robotics | Home</title>").name.value == "Acme Robotics"
    org = ld({"@type": "Corporation", "name": "Acme Robotics GmbH", "url": "https://acme.test"})
    assert facts(html + org).name.value == "Acme Robotics GmbH"


def test_the_sites_own_organisation_is_chosen_over_others_on_the_page():
    page = ld({"@graph": [{"@type": "Organization", "name": "Partner Inc", "url": "https://partner.example"},
                          {"@type": "Organization", "name": "Acme", "url": "https://www.acme.test/"}]})
    assert facts(page).name.value == "Acme"


def test_employee_counts_in_the_forms_sites_publish():
    for value, expected in ((120, 120), ("51-200", 200), ("1,200+", 1200), ({"minValue": 11, "maxValue": 50}, 50),
                            ({"value": "80"}, 80), ("many", None), (0, None), (True, None)):
        found = facts(ld({"@type": "Organization", "name": "A", "numberOfEmployees": value})).employees
        assert (found.value if found else None) == expected, value


def test_address_country_is_an_english_name_and_industry_comes_from_the_type():
    page = ld({"@type": "BankOrCreditUnion", "name": "Bank", "address": [{"@type": "PostalAddress", "addressLocality": "Zürich",
                                                                          "addressCountry": {"@type": "Country", "name": "CH"}}]})
    f = facts(page)
    assert (f.city.value, f.country.value, f.industry.value) == ("Zürich", "Switzerland", "Financial Services")


def test_social_profiles_from_same_as_and_links_but_not_share_buttons():
    page = ld({"@type": "Organization", "name": "A", "sameAs": ["https://www.linkedin.com/company/acme/about/"]})
    page += '<a href="https://twitter.com/intent/tweet?url=x">share</a><a href="https://www.facebook.com/sharer/sharer.php">s</a>'
    page += '<a href="https://www.instagram.com/acme/">ig</a>'
    assert facts(page).social == {"linkedin": "https://www.linkedin.com/company/acme", "instagram": "https://www.instagram.com/acme/"}


def test_broken_markup_and_json_still_yield_what_is_readable():
    page = "<html><head><title>Acme<script type='application/ld+json'>{broken</script><meta name=description content='Robots'>"
    f = facts(page)
    assert f.description.value == "Robots"


def test_country_names():
    assert [country_name(v) for v in ("DE", "de", "Germany", "Deutschland", "USA", "U.S.A.", "GBR", "Atlantis", "")] == [
        "Germany", "Germany", "Germany", "Germany", "United States", "United States", "United Kingdom", None, None]
