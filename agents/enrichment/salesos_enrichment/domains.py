"""Which company domain a lead points at, and the mailbox domains that say nothing about an employer."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_DATA = Path(__file__).parent / "data" / "mail-domains.json"


@cache
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads(_DATA.read_text("utf-8"))
    return frozenset(data["freeMail"]), frozenset(data["disposable"])


def is_free_mail(domain: str) -> bool:
    return domain in _lists()[0]


def is_disposable(domain: str) -> bool:
    return domain in _lists()[1]


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().rstrip(".").lower()
