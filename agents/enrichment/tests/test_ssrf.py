"""The SSRF guard: addresses, URLs, and redirects to places the agent must never reach."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest

from salesos_enrichment.ssrf import AddressGuard, Refused, check_url, is_public_address


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
    "100.100.100.200", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.2.5",
    "::1", "::", "fe80::1", "fd00:ec2::254", "fc00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
    "::ffff:169.254.169.254", "2002:7f00:0001::", "2002:a9fe:a9fe::", "64:ff9b::a9fe:a9fe", "2001:db8::1",
])
def test_non_public_addresses_are_refused(address):
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"])
def test_public_addresses_are_allowed(address):
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("url,reason", [
    ("file:///etc/passwd", "only http and https"),
    ("gopher://example.com/", "only http and https"),
    ("ftp://example.com/", "only http and https"),
    ("http://user:pw@example.com/", "credentials"),
    ("http://user@example.com/", "credentials"),
    ("http://metadata.google.internal/computeMetadata/v1/", "cloud metadata host"),
    ("http:///nohost", "no host"),
])
def test_urls_that_are_never_fetched(url, reason):
    with pytest.raises(Refused, match=reason):
        check_url(url)


class FixedDns(AddressGuard):
    """The guard with a stand-in for the system resolver (the outside world), returning given answers."""

    def __init__(self, answers: dict[str, list[str]], connect_to=None):
        super().__init__(connect_to or {})
        self.answers = answers

    async def _resolve(self, host: str, port: int) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            return self.answers[host]


def test_every_resolved_address_must_be_public():
    guard = FixedDns({"mixed.example": ["93.184.216.34", "10.0.0.7"]})
    with pytest.raises(Refused, match="10.0.0.7, which is not a public address"):
        asyncio.run(guard.target("https://mixed.example/"))


def test_the_checked_address_is_the_one_to_connect_to():
    guard = FixedDns({"site.example": ["93.184.216.34", "93.184.216.35"]})
    target = asyncio.run(guard.target("https://site.example/about"))
    assert (target.host, target.port, target.address, target.connect_port) == ("site.example", 443, "93.184.216.34", 443)


def test_ip_literals_are_checked_too():
    guard = FixedDns({})
    for url in ("http://127.0.0.1/", "http://[::1]/", "http://169.254.169.254/latest/meta-data/", "http://[::ffff:7f00:1]/"):
        with pytest.raises(Refused):
            asyncio.run(guard.target(url))


def test_connect_to_allows_exactly_its_own_host_and_port():
    guard = FixedDns({}, connect_to={("acme.test", 80): ("127.0.0.1", 5555)})
    target = asyncio.run(guard.target("http://acme.test/"))
    assert (target.address, target.connect_port) == ("127.0.0.1", 5555)
    with pytest.raises(Refused):
        asyncio.run(guard.target("http://127.0.0.1:5555/"))
    with pytest.raises(KeyError):  # another port of the same name goes to DNS, not to the mapping
        asyncio.run(guard.target("http://acme.test:8080/"))


@pytest.mark.parametrize("host,problem", [
    ("to-loopback.test", "127.0.0.1, which is not a public address"),
    ("to-metadata.test", "169.254.169.254, which is not a public address"),
    ("to-creds.test", "credentials"),
    ("to-file.test", "only http and https"),
])
def test_redirects_to_forbidden_places_are_refused(shared_agent, sites, host, problem, json_logs):
    r = shared_agent.enrich({"email": f"a@{host}"})
    assert r.status_code == 404
    assert problem in r.json()["error"]["message"]
    assert not [h for h in sites.hits if h.host == "127.0.0.1"], "the agent reached the internal page"
