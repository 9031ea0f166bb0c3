from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace

import pytest

from salesos_enrichment.config import Settings, parse_connect_to
from salesos_enrichment.jsonlog import JsonFormatter

from .support.agent_server import AgentServer
from .support.fake_dns import FakeDns
from .support.fixture_sites import FixtureServer, connect_to, standard_sites

UNREACHABLE = ("nosite.test", "ghost.test", "mailonly.test")

ZONE = {
    "acme.test": {"MX": ["1 aspmx.l.google.com.", "5 alt1.aspmx.l.google.com."],
                  "TXT": ["v=spf1 include:_spf.google.com include:_spf.salesforce.com include:mail.zendesk.com "
                          "include:hubspotemail.net ~all",
                          "google-site-verification=abc"]},
    "_dmarc.acme.test": {"TXT": ["v=DMARC1; p=reject; rua=mailto:dmarc@acme.test"]},
    "shop.test": {"MX": ["10 shop-test.mail.protection.outlook.com."], "TXT": ["v=spf1 include:spf.protection.outlook.com -all"]},
    "mailonly.test": {"MX": ["10 mx1.mail.ovh.net."], "TXT": []},
    "nosite.test": {"TXT": ["some-verification"]},
}


@pytest.fixture(scope="session")
def sites() -> Iterator[FixtureServer]:
    server = FixtureServer()
    standard_sites(server)
    yield server
    server.close()


@pytest.fixture(scope="session")
def fake_dns() -> Iterator[FakeDns]:
    dns = FakeDns(ZONE, silent={"slowdns.test"})
    yield dns
    dns.close()


@pytest.fixture(scope="session")
def base_settings(sites: FixtureServer, fake_dns: FakeDns) -> Settings:
    unreachable = ",".join(f"{h}:{port}:127.0.0.1:1" for h in UNREACHABLE + ("slowdns.test",) for port in (80, 443))
    mapping = parse_connect_to(connect_to(sites) + "," + unreachable)
    host, port = fake_dns.address.split(":")
    return Settings(connect_to=mapping, dns_server=(host, int(port)), politeness_ms=0, fetch_timeout_s=1.0,
                    enrich_timeout_s=4.0, dns_timeout_s=0.5)


@pytest.fixture
def start_agent(base_settings: Settings) -> Iterator:
    started: list[AgentServer] = []

    def start(**overrides) -> AgentServer:
        cache = overrides.pop("cache", None)
        agent = AgentServer(replace(base_settings, **overrides), cache=cache)
        started.append(agent)
        return agent

    yield start
    for agent in started:
        agent.close()


@pytest.fixture(scope="session")
def shared_agent(base_settings: Settings) -> Iterator[AgentServer]:
    agent = AgentServer(base_settings)
    yield agent
    agent.close()


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def json_logs() -> Iterator[Capture]:
    capture = Capture()
    root = logging.getLogger("salesos")
    root.addHandler(capture)
    previous = root.level
    root.setLevel(logging.INFO)
    yield capture
    root.removeHandler(capture)
    root.setLevel(previous)
