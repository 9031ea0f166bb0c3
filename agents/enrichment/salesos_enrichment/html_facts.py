"""What a homepage's markup says: title, meta and OpenGraph tags, JSON-LD blocks, resource URLs and
links. A tolerant stdlib parser: real pages are often invalid HTML."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

MAX_JSON_LD_BLOCKS = 20
MAX_LINKS = 2000


@dataclass
class Markup:
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # name/property (lower case) -> first content
    generators: list[str] = field(default_factory=list)
    json_ld: list[Any] = field(default_factory=list)
    resource_urls: list[str] = field(default_factory=list)  # script src, link href, iframe/img src
    links: list[str] = field(default_factory=list)  # <a href>, absolute
    lang: str | None = None


class _Parser(HTMLParser):
    def __init__(self, base_url: str):
        super().__init__(convert_charrefs=True)
        self.base = base_url
        self.out = Markup()
        self._in_title = False
        self._title: list[str] = []
        self._ld: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.out.lang = a["lang"]
        elif tag == "title" and self.out.title is None:
            self._in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            content = a.get("content", "").strip()
            if key and content:
                if key == "generator":
                    self.out.generators.append(content)
                self.out.meta.setdefault(key, content)
        elif tag == "base" and a.get("href"):
            self.base = urljoin(self.base, a["href"])
        elif tag == "script":
            if a.get("src"):
                self._resource(a["src"])
            if a.get("type", "").lower().strip() == "application/ld+json" and len(self.out.json_ld) < MAX_JSON_LD_BLOCKS:
                self._ld = []
        elif tag in ("link", "iframe", "img", "source", "embed"):
            url = a.get("href") if tag == "link" else a.get("src")
            if url:
                self._resource(url)
        elif tag == "a" and a.get("href") and len(self.out.links) < MAX_LINKS:
            self.out.links.append(urljoin(self.base, a["href"].strip()))

    def _resource(self, url: str) -> None:
        if len(self.out.resource_urls) < MAX_LINKS:
            self.out.resource_urls.append(urljoin(self.base, url.strip()))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.out.title = " ".join("".join(self._title).split()) or None
        elif tag == "script" and self._ld is not None:
            text = "".join(self._ld).strip()
            self._ld = None
            try:
                self.out.json_ld.append(json.loads(text))
            except ValueError:
                pass  # a broken block is skipped; the others still count

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif self._ld is not None:
            self._ld.append(data)


def parse_markup(html: str, base_url: str) -> Markup:
    parser = _Parser(base_url)
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001, S110 - html.parser can raise on pathological input; keep what was parsed
        pass
    if parser._in_title and parser.out.title is None:
        parser.out.title = " ".join("".join(parser._title).split())[:200] or None
    return parser.out
