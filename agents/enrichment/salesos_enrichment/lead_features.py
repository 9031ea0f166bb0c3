"""Leads' attributes as integer codes: one code array per single-valued attribute, (row, feature) pairs for the
list-valued ones. Values are grouped case-insensitively and shown as first seen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain

import numpy as np

from .pattern_models import Attribute, LeadProfile

SINGLE = (Attribute.industry, Attribute.seniority, Attribute.sizeBand, Attribute.country, Attribute.source)
MULTI = ((Attribute.technology, "technologies"), (Attribute.titleWord, "titleWords"))


@dataclass
class Vocabulary:
    """Value keys (casefolded) to codes, and each code's display value."""

    codes: dict[str, int] = field(default_factory=dict)
    shown: list[str] = field(default_factory=list)

    def code(self, value: str) -> int:
        key = value.strip().casefold()
        found = self.codes.get(key)
        if found is None:
            found = self.codes[key] = len(self.shown)
            self.shown.append(value.strip())
        return found


@dataclass
class Encoded:
    single: dict[Attribute, np.ndarray]  # code per lead, -1 when unknown
    multi_rows: dict[Attribute, np.ndarray]  # lead index per (lead, value) pair
    multi_codes: dict[Attribute, np.ndarray]  # value code per pair
    vocab: dict[Attribute, Vocabulary]


def _raw(value: object) -> str:
    return value.value if hasattr(value, "value") else str(value)  # enums carry their wire value


def _codes(vocab: Vocabulary, values: list) -> np.ndarray:
    """Each distinct value is looked up once; leads repeat a handful of values many times."""
    mapping = {v: vocab.code(_raw(v)) if v is not None and _raw(v).strip() else -1 for v in set(values)}
    return np.fromiter((mapping[v] for v in values), dtype=np.int64, count=len(values))


def encode(leads: Sequence[LeadProfile]) -> Encoded:
    vocab = {attr: Vocabulary() for attr in (*SINGLE, *(a for a, _ in MULTI))}
    single = {attr: _codes(vocab[attr], [getattr(lead, attr.value) for lead in leads]) for attr in SINGLE}
    multi_rows, multi_codes = {}, {}
    for attr, name in MULTI:
        lists = [getattr(lead, name) or () for lead in leads]
        lengths = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
        codes = _codes(vocab[attr], list(chain.from_iterable(lists)))
        rows = np.repeat(np.arange(len(lists), dtype=np.int64), lengths)
        ok = codes >= 0
        rows, codes = rows[ok], codes[ok]
        # a value listed twice for one lead counts once
        width = max(len(vocab[attr].shown), 1)
        unique = np.unique(rows * width + codes)
        multi_rows[attr] = unique // width
        multi_codes[attr] = unique % width
    return Encoded(single, multi_rows, multi_codes, vocab)


def feature_pairs(enc: Encoded, keep: dict[Attribute, np.ndarray]) -> tuple[np.ndarray, np.ndarray, list[tuple[Attribute, int]]]:
    """(row, column) of every kept attribute value of every lead, and what each column is: the one-hot matrix of the model
    and of lookalikes. keep[attr] is a boolean mask over that attribute's codes."""
    rows, cols, names = [], [], []
    for attr in SINGLE:
        mask = keep[attr]
        column = np.full(len(mask), -1, dtype=np.int64)
        kept = np.flatnonzero(mask)
        column[kept] = np.arange(len(names), len(names) + len(kept))
        names.extend((attr, int(c)) for c in kept)
        codes = enc.single[attr]
        has = codes >= 0
        mapped = np.where(has, column[np.where(has, codes, 0)], -1)
        ok = mapped >= 0
        rows.append(np.flatnonzero(ok))
        cols.append(mapped[ok])
    for attr, _ in MULTI:
        mask = keep[attr]
        column = np.full(len(mask), -1, dtype=np.int64)
        kept = np.flatnonzero(mask)
        column[kept] = np.arange(len(names), len(names) + len(kept))
        names.extend((attr, int(c)) for c in kept)
        mapped = column[enc.multi_codes[attr]] if len(mask) else np.zeros(0, dtype=np.int64)
        ok = mapped >= 0
        rows.append(enc.multi_rows[attr][ok])
        cols.append(mapped[ok])
    return np.concatenate(rows), np.concatenate(cols), names
