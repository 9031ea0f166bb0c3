"""Enrichment from the fixture sites and the fake DNS server: what is found, with what evidence."""

from __future__ import annotations


def test_reads_company_facts_technologies_and_mail_setup(shared_agent, sites):
    r = shared_agent.enrich({"email": "jane.doe@acme.test", "fullName": "Jane Doe"}, request_id="rid-acme")
    assert r.status_code == 200, r.text
    body = r.json()
    lead = body["lead"]
    assert lead["company"] == "Acme Robotics"
    assert lead["companyDomain"] == "acme.test"
    assert lead["companySize"] == 120
    assert lead["country"] == "Germany"
    assert lead["city"] == "Berlin"
    for tech in ("HubSpot", "Google Analytics", "Intercom", "Stripe", "WordPress", "jQuery", "Nginx", "PHP",
                 "Google Fonts", "YouTube", "Google Workspace", "Salesforce"):
        assert tech in lead["techStack"], tech
    assert body["confidence"]["company"] == 0.9
    assert 0 < body["confidence"]["country"] < body["confidence"]["company"]
    assert set(body["confidence"]) == set(lead)
    assert body["costUsd"] == 0
    assert body["requestId"] == "rid-acme"
    assert "http://acme.test/" in body["sources"]
    assert "http://acme.test/robots.txt" in body["sources"]
    assert "dns:acme.test (MX, TXT)" in body["sources"]
    company = body["company"]
    assert company["description"] == "Acme Robotics builds warehouse picking robots for mid-sized retailers."
    assert company["linkedinUrl"] == "https://www.linkedin.com/company/acme-robotics"
    assert company["socialProfiles"]["github"] == "https://github.com/acme-robotics"
    assert company["address"] == {"street": "Torstraße 1", "postalCode": "10119", "city": "Berlin", "country": "Germany"}
    assert company["emailProvider"] == "Google Workspace"
    assert company["mx"] == ["aspmx.l.google.com", "alt1.aspmx.l.google.com"]
    assert company["spf"] is True and company["dmarc"] is True and company["dmarcPolicy"] == "reject"
    techs = {t["name"]: t for t in company["technologies"]}
    assert techs["HubSpot"]["category"] == "CRM & marketing automation"
    assert "resource URL http://js.hs-scripts.com/4567890.js" in techs["HubSpot"]["evidence"]
    assert "cookie hubspotutk" in techs["HubSpot"]["evidence"]
    assert "meta generator 'WordPress 6.6.2'" in techs["WordPress"]["evidence"]
    assert "response header server: nginx/1.25.3" in techs["Nginx"]["evidence"]
    assert techs["Google Workspace"]["evidence"] == ["MX aspmx.l.google.com", "SPF include _spf.google.com"]
    assert techs["Salesforce"]["evidence"] == ["SPF include _spf.salesforce.com"]
    # Things the page does not have are not claimed.
    assert "Shopify" not in techs and "Drift" not in techs


def test_tried_https_first_then_http_with_an_honest_user_agent(shared_agent, sites):
    shared_agent.enrich({"email": "ops@shop.test"})
    hits = [h for h in sites.hits if h.host == "shop.test"]
    assert hits, "the fixture site was not read"
    assert all("SalesOS" in h.user_agent for h in hits)
    body = shared_agent.enrich({"email": "ops@shop.test"}).json()
    assert body["company"]["website"] == "http://shop.test/home"


def test_follows_redirects_across_hosts_and_reads_the_final_page(shared_agent):
    body = shared_agent.enrich({"email": "sam@brightpath.test"}).json()
    assert body["company"]["website"] == "http://www.brightpath.test/"
    assert body["lead"]["company"] == "Brightpath"
    for tech in ("Next.js", "React", "Segment", "Drift", "Calendly", "Vercel"):
        assert tech in body["lead"]["techStack"], tech


def test_only_the_requested_fields_and_never_what_the_lead_already_has(shared_agent):
    body = shared_agent.enrich({"email": "jane@acme.test", "company": "ACME", "country": "Austria"},
                               fields=["company", "country", "techStack"]).json()
    assert set(body["lead"]) == {"techStack"}
    assert set(body["confidence"]) == {"techStack"}


def test_company_domain_wins_over_the_email_domain(shared_agent):
    body = shared_agent.enrich({"email": "jane@gmail.com", "companyDomain": "acme.test"}).json()
    assert body["lead"]["company"] == "Acme Robotics"
    assert "companyDomain" not in body["lead"]


def test_free_mail_and_disposable_domains_are_skipped_with_a_clear_answer(shared_agent, fake_dns):
    before = len(fake_dns.queries)
    r = shared_agent.enrich({"email": "jane@gmail.com"})
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "free_mail_domain"
    assert "personal mailbox provider" in r.json()["error"]["message"]
    r = shared_agent.enrich({"email": "x@mailinator.com"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "disposable_domain"
    assert len(fake_dns.queries) == before  # nothing was looked up


def test_a_domain_that_does_not_exist_is_refused(shared_agent):
    r = shared_agent.enrich({"email": "a@ghost.test"})
    assert r.status_code == 422
    assert r.json()["error"] == {"code": "domain_not_found",
                                 "message": "The domain ghost.test does not exist (no DNS records, no website)."}


def test_mail_records_alone_still_answer(shared_agent):
    body = shared_agent.enrich({"email": "a@mailonly.test"}).json()
    assert body["lead"]["techStack"] == ["OVHcloud"]
    assert body["company"]["emailProvider"] == "OVHcloud"
    assert body["company"]["spf"] is False and body["company"]["dmarc"] is False
    assert "website" not in body["company"]


def test_no_site_and_no_mail_is_no_data(shared_agent):
    r = shared_agent.enrich({"email": "a@nosite.test"})
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "no_data"
    assert "nosite.test" in r.json()["error"]["message"]


def test_robots_txt_that_disallows_us_is_respected(shared_agent, sites):
    r = shared_agent.enrich({"email": "a@private.test"})
    assert r.status_code == 404
    assert "robots.txt does not allow" in r.json()["error"]["message"]
    assert sites.hits_for("private.test") == ["/robots.txt"]


def test_an_unreachable_robots_txt_means_do_not_read(shared_agent, sites):
    r = shared_agent.enrich({"email": "a@broken.test"})
    assert r.status_code == 404
    assert "/" not in sites.hits_for("broken.test")


def test_a_redirect_loop_stops_after_five_redirects(shared_agent, sites):
    r = shared_agent.enrich({"email": "a@loop.test"})
    assert r.status_code == 404
    assert "more than 5 redirects" in r.json()["error"]["message"]
    hits = sites.hits_for("loop.test")
    homepage_hops = hits[hits.index("/"):]  # robots.txt's own redirects come first
    assert len(homepage_hops) == 6  # the page and its five redirects, not one more


def test_a_slow_site_is_given_up_on_at_the_fetch_timeout(shared_agent):
    r = shared_agent.enrich({"email": "a@slow.test"})
    assert r.status_code == 404
    assert "no complete answer within 1 s" in r.json()["error"]["message"]


def test_an_oversized_page_is_read_only_up_to_the_cap(start_agent, sites):
    agent = start_agent(max_body_bytes=256 * 1024)
    body = agent.enrich({"email": "a@huge.test"}).json()
    assert body["lead"]["company"] == "Hugepage Inc"
    deadline_bytes = 20 * 1024 * 1024
    for _ in range(100):
        if "huge" in sites.bytes_sent:
            break
        import time

        time.sleep(0.02)
    assert sites.bytes_sent["huge"] < deadline_bytes  # the agent hung up instead of downloading 20 MB
