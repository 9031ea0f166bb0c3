"""Fixture websites on 127.0.0.1: one threaded HTTP server that answers per Host header, as a set of
real sites would. The agent reaches them through AGENT_CONNECT_TO (name:80 -> 127.0.0.1:port)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import pages

Route = Callable[["Handler"], None]


@dataclass
class Hit:
    host: str
    path: str
    user_agent: str


class Handler(BaseHTTPRequestHandler):
    server: FixtureServer  # type: ignore[assignment]
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        host = (self.headers.get("host") or "").split(":")[0].lower()
        self.server.record(Hit(host, self.path, self.headers.get("user-agent", "")))
        site = self.server.sites.get(host, {})
        route = site.get(self.path) or site.get("*")
        if route is None:
            self.send_text(404, "not found")
            return
        try:
            route(self)
        except (BrokenPipeError, ConnectionResetError):
            self.server.record(Hit(host, self.path + "#client-closed", ""))

    def send_text(self, status: int, body: str, ctype: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send_text(status, "", headers={"location": location})


def page(body: str, headers: dict[str, str] | None = None, status: int = 200) -> Route:
    return lambda h: h.send_text(status, body, headers=headers)


def redirect(location: str | Callable[[], str], status: int = 302) -> Route:
    return lambda h: h.redirect(location() if callable(location) else location, status)


ALLOW_ALL = page("User-agent: *\nAllow: /\n", status=200)


class FixtureServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.port = self.server_address[1]
        self.hits: list[Hit] = []
        self.bytes_sent: dict[str, int] = {}
        self._lock = threading.Lock()
        self.sites: dict[str, dict[str, Route]] = {}
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    def record(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def hits_for(self, host: str) -> list[str]:
        with self._lock:
            return [h.path for h in self.hits if h.host == host and not h.path.endswith("#client-closed")]

    def close(self) -> None:
        self.shutdown()
        self.server_close()


def slow(delay_s: float) -> Route:
    def route(h: Handler) -> None:
        time.sleep(delay_s)
        h.send_text(200, "<title>Too late</title>")

    return route


def huge(total_bytes: int, server: FixtureServer) -> Route:
    """A page far over the body cap, sent in chunks; records how much went out before the client hung up."""

    def route(h: Handler) -> None:
        head = b'<!doctype html><html><head><meta property="og:site_name" content="Hugepage Inc"></head><body>'
        h.send_response(200)
        h.send_header("content-type", "text/html")
        h.send_header("content-length", str(total_bytes))
        h.end_headers()
        sent = 0
        chunk = b"x" * 65536
        try:
            h.wfile.write(head)
            sent += len(head)
            while sent < total_bytes:
                part = chunk[: total_bytes - sent]
                h.wfile.write(part)
                sent += len(part)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            server.bytes_sent["huge"] = sent

    return route


def standard_sites(server: FixtureServer) -> None:
    p = server.port
    server.sites.update({
        "acme.test": {"/robots.txt": ALLOW_ALL, "/": page(pages.ACME, headers={
            "server": "nginx/1.25.3", "set-cookie": "hubspotutk=abc123; Path=/", "x-powered-by": "PHP/8.2"})},
        "shop.test": {"/": redirect("/home"), "/home": page(pages.SHOP, headers={"x-shopid": "123"})},
        "brightpath.test": {"/": redirect("http://www.brightpath.test/", 301)},
        "www.brightpath.test": {"/": page(pages.NEXT_APP, headers={"x-vercel-id": "fra1::abc", "server": "Vercel"})},
        "loop.test": {"*": lambda h: h.redirect(f"/r{len(server.hits_for('loop.test'))}")},
        "slow.test": {"/": slow(3.0)},
        "huge.test": {"/": huge(20 * 1024 * 1024, server)},
        "to-loopback.test": {"/": redirect(f"http://127.0.0.1:{p}/internal")},
        "to-metadata.test": {"/": redirect("http://169.254.169.254/latest/meta-data/")},
        "to-creds.test": {"/": redirect("http://user:secret@acme.test/")},
        "to-file.test": {"/": redirect("file:///etc/passwd")},
        "private.test": {"/robots.txt": page("User-agent: SalesOS\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
                                             headers={"content-type": "text/plain"}), "/": page(pages.ACME)},
        "broken.test": {"/robots.txt": page("oops", status=503), "/": page(pages.ACME)},
        "127.0.0.1": {"/internal": page("secret internal page")},
    })


SITE_HOSTS = ("acme.test", "shop.test", "brightpath.test", "www.brightpath.test", "loop.test", "slow.test", "huge.test",
              "to-loopback.test", "to-metadata.test", "to-creds.test", "to-file.test", "private.test", "broken.test")


def connect_to(server: FixtureServer, hosts: tuple[str, ...] = SITE_HOSTS, closed_port: int = 1) -> str:
    """AGENT_CONNECT_TO for the fixture sites: http goes to the server; https to a closed port, so each
    site is read over http after the https attempt fails (as on a site without TLS)."""
    items = []
    for host in hosts:
        items.append(f"{host}:80:127.0.0.1:{server.port}")
        items.append(f"{host}:443:127.0.0.1:{closed_port}")
    return ",".join(items)
