"""Mail set-up from DNS through the fake DNS server (AGENT_DNS_SERVER)."""

from __future__ import annotations

import asyncio
import time

from salesos_enrichment.dns_facts import MailLookup


def lookup(fake_dns, domain: str, timeout_s: float = 0.5):
    host, port = fake_dns.address.split(":")
    return asyncio.run(MailLookup((host, int(port)), timeout_s).lookup(domain))


def test_provider_from_mx_and_senders_from_spf(fake_dns):
    facts = lookup(fake_dns, "acme.test")
    assert facts.exists and facts.provider == "Google Workspace"
    assert facts.mx == ["aspmx.l.google.com", "alt1.aspmx.l.google.com"]
    assert facts.spf and facts.spf_senders == {"Google Workspace": "_spf.google.com", "Salesforce": "_spf.salesforce.com",
                                               "Zendesk": "mail.zendesk.com", "HubSpot": "hubspotemail.net"}
    assert facts.dmarc and facts.dmarc_policy == "reject"


def test_microsoft_365_without_dmarc(fake_dns):
    facts = lookup(fake_dns, "shop.test")
    assert facts.provider == "Microsoft 365"
    assert facts.spf_senders == {"Microsoft 365": "spf.protection.outlook.com"}
    assert not facts.dmarc and facts.dmarc_policy is None


def test_a_name_that_does_not_exist(fake_dns):
    facts = lookup(fake_dns, "ghost.test")
    assert not facts.exists and facts.mx == [] and not facts.spf


def test_a_silent_server_is_given_up_on_at_the_deadline(fake_dns):
    started = time.monotonic()
    facts = lookup(fake_dns, "slowdns.test", timeout_s=0.4)
    assert time.monotonic() - started < 3  # dnspython's own default would wait 5 s
    assert facts.exists and facts.mx == []  # unknown is not "does not exist"
    assert any("Timeout" in e for e in facts.errors)
