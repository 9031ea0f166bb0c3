"""https: the agent connects to the checked address yet verifies the certificate against the host name
(TLS SNI and hostname check), and falls back to http when TLS fails. A site with its own certificate,
made with openssl for this run, is served on 127.0.0.1."""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from salesos_enrichment.config import parse_connect_to

from .support.agent_server import AgentServer
from .support.fixture_sites import FixtureServer, page
from .support.pages import SHOP


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory) -> Iterator[tuple[FixtureServer, Path]]:
    d = tmp_path_factory.mktemp("tls")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", d / "key.pem", "-out", d / "cert.pem",
         "-days", "2", "-subj", "/CN=tls.test", "-addext", "subjectAltName=DNS:tls.test"],
        check=True, capture_output=True,
    )
    server = FixtureServer()
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(d / "cert.pem", d / "key.pem")
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    server.sites.update({"tls.test": {"/": page(SHOP)}, "wrong-name.test": {"/": page(SHOP)}})
    yield server, d / "cert.pem"
    server.close()


def test_reads_https_with_the_certificate_checked_against_the_host_name(tls_site, sites, base_settings):
    server, cert = tls_site
    trust = ssl.create_default_context(cafile=str(cert))
    sites.sites["wrong-name.test"] = {"/": page("<title>Plain http</title>")}
    hooks = parse_connect_to(f"tls.test:443:127.0.0.1:{server.port},wrong-name.test:443:127.0.0.1:{server.port},"
                             f"wrong-name.test:80:127.0.0.1:{sites.port}")
    agent = AgentServer(replace(base_settings, connect_to=hooks), ssl_context=trust)
    try:
        body = agent.enrich({"email": "a@tls.test"}).json()
        assert body["company"]["website"] == "https://tls.test/"
        assert body["lead"]["company"] == "Northwind Outfitters"
        assert server.hits_for("tls.test") == ["/robots.txt", "/"]
        # Same server, same certificate, but it is not wrong-name.test's: TLS fails and http is read instead.
        body = agent.enrich({"email": "a@wrong-name.test"}).json()
        assert body["company"]["website"] == "http://wrong-name.test/"
        assert server.hits_for("wrong-name.test") == []
    finally:
        agent.close()
