"""A domain's mail set-up from DNS: the email provider from its MX records, SPF (and the senders it
authorises, which name tools such as HubSpot or SendGrid) and DMARC."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import dns.asyncresolver
import dns.exception
import dns.rdatatype
import dns.resolver

# MX host suffix -> provider
MX_PROVIDERS = (
    ("aspmx.l.google.com", "Google Workspace"), ("googlemail.com", "Google Workspace"), ("google.com", "Google Workspace"),
    ("mail.protection.outlook.com", "Microsoft 365"), ("outlook.com", "Microsoft 365"),
    ("zoho.com", "Zoho Mail"), ("zoho.eu", "Zoho Mail"), ("pphosted.com", "Proofpoint"), ("ppe-hosted.com", "Proofpoint"),
    ("mimecast.com", "Mimecast"), ("barracudanetworks.com", "Barracuda"), ("messagingengine.com", "Fastmail"),
    ("protonmail.ch", "Proton Mail"), ("secureserver.net", "GoDaddy"), ("amazonaws.com", "Amazon SES"),
    ("icloud.com", "iCloud Mail"), ("yandex.net", "Yandex Mail"), ("mx.ovh.net", "OVHcloud"), ("ovh.net", "OVHcloud"),
    ("kundenserver.de", "IONOS"), ("ionos.com", "IONOS"), ("emailsrvr.com", "Rackspace"), ("mailgun.org", "Mailgun"),
    ("sendgrid.net", "SendGrid"), ("iphmx.com", "Cisco Secure Email"), ("fireeyecloud.com", "Trellix"),
)
# SPF include/redirect suffix -> the sending service it authorises
SPF_SENDERS = (
    ("_spf.google.com", "Google Workspace"), ("spf.protection.outlook.com", "Microsoft 365"),
    ("_spf.salesforce.com", "Salesforce"), ("hubspotemail.net", "HubSpot"), ("sendgrid.net", "SendGrid"),
    ("mailgun.org", "Mailgun"), ("servers.mcsv.net", "Mailchimp"), ("mandrillapp.com", "Mailchimp"),
    ("mktomail.com", "Marketo"), ("amazonses.com", "Amazon SES"), ("zendesk.com", "Zendesk"),
    ("freshdesk.com", "Freshworks"), ("intercom.io", "Intercom"), ("helpscoutemail.com", "Help Scout"),
    ("zoho.com", "Zoho Mail"), ("zoho.eu", "Zoho Mail"), ("mailjet.com", "Mailjet"), ("sparkpostmail.com", "SparkPost"),
    ("pardot.com", "Pardot"), ("activecampaign.com", "ActiveCampaign"), ("klaviyo.com", "Klaviyo"),
    ("customer.io", "Customer.io"), ("postmarkapp.com", "Postmark"), ("sendinblue.com", "Brevo"),
    ("outreach.io", "Outreach"), ("salesloft.com", "Salesloft"), ("pphosted.com", "Proofpoint"),
    ("mimecast.com", "Mimecast"), ("secureserver.net", "GoDaddy"),
)


@dataclass
class MailFacts:
    exists: bool = True
    mx: list[str] = field(default_factory=list)
    provider: str | None = None
    spf: bool = False
    spf_senders: dict[str, str] = field(default_factory=dict)  # service -> the include that names it
    dmarc: bool = False
    dmarc_policy: str | None = None
    errors: list[str] = field(default_factory=list)


def _suffix_match(host: str, table: tuple[tuple[str, str], ...]) -> str | None:
    host = host.rstrip(".").lower()
    return next((name for suffix, name in table if host == suffix or host.endswith("." + suffix)), None)


class MailLookup:
    def __init__(self, server: tuple[str, int] | None, timeout_s: float):
        if server is not None:
            self._resolver = dns.asyncresolver.Resolver(configure=False)
            self._resolver.nameservers = [server[0]]
            self._resolver.port = server[1]
        else:
            self._resolver = dns.asyncresolver.Resolver()
        self._resolver.lifetime = timeout_s
        self._resolver.timeout = min(timeout_s, 2.0)

    async def _query(self, name: str, rdtype: str, facts: MailFacts) -> list[str] | None:
        """Records as text; [] for 'no such record'; None when the name does not exist."""
        try:
            answer = await self._resolver.resolve(name, rdtype, raise_on_no_answer=False)
        except dns.resolver.NXDOMAIN:
            return None
        except (dns.exception.Timeout, dns.resolver.NoNameservers, dns.resolver.LifetimeTimeout) as err:
            facts.errors.append(f"{rdtype} {name}: {type(err).__name__}")
            return []
        if answer.rrset is None:
            return []
        out = []
        for rdata in answer.rrset:
            if rdata.rdtype == dns.rdatatype.MX:
                out.append(f"{rdata.preference} {str(rdata.exchange).rstrip('.').lower()}")
            elif rdata.rdtype == dns.rdatatype.TXT:
                out.append(b"".join(rdata.strings).decode("utf-8", "replace"))
        return out

    async def lookup(self, domain: str) -> MailFacts:
        facts = MailFacts()
        mx, txt, dmarc = await asyncio.gather(
            self._query(domain, "MX", facts), self._query(domain, "TXT", facts), self._query(f"_dmarc.{domain}", "TXT", facts)
        )
        if mx is None and txt is None:
            facts.exists = False
            return facts
        hosts = [r.split(" ", 1)[1] for r in sorted(mx or [], key=lambda r: int(r.split(" ", 1)[0]))]
        facts.mx = hosts
        facts.provider = next((p for p in (_suffix_match(h, MX_PROVIDERS) for h in hosts) if p), None)
        spf = next((t for t in txt or [] if t.lower().startswith("v=spf1")), None)
        if spf:
            facts.spf = True
            for term in spf.split()[1:]:
                key, _, value = term.lstrip("+~?-").partition(":")
                if key.lower() in ("include", "redirect") or term.lower().startswith("redirect="):
                    target = value or term.split("=", 1)[-1]
                    sender = _suffix_match(target, SPF_SENDERS)
                    if sender and sender not in facts.spf_senders:
                        facts.spf_senders[sender] = target
        record = next((t for t in dmarc or [] if t.lower().startswith("v=dmarc1")), None)
        if record:
            facts.dmarc = True
            policy = next((p.split("=", 1)[1].strip() for p in record.split(";") if p.strip().lower().startswith("p=")), None)
            facts.dmarc_policy = policy.lower() if policy else None
        return facts
