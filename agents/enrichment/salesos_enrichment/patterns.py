"""Which kinds of leads reach a good outcome: every attribute value, every pair and every triple of single-valued
attributes (and each technology or title word with each single-valued attribute) with at least minSupport leads is
a cell; a cell is significant when an exact one-sided binomial test against the base rate passes at 5% corrected for
the number of cells tested (Bonferroni). Its rate is shown with a Wilson 95% interval. A combination is kept only
when it beats each of its parts, so "fintech CTOs in Germany" is not repeated as "fintech in Germany" unless that
holds on its own.

Next to the cells, an L2-regularised logistic regression over the same one-hot attributes, with its
cross-validated ROC AUC and the AUC of the leads' current static score."""

from __future__ import annotations

import math
from itertools import combinations
from statistics import NormalDist

import numpy as np
from scipy.sparse import csr_matrix
from scipy.stats import binom
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from .lead_features import MULTI, SINGLE, Encoded, encode, feature_pairs
from .pattern_models import (
    Coefficient,
    Condition,
    FittedModel,
    Outcome,
    Pattern,
    PatternsRequest,
    PatternsResponse,
)

ALPHA = 0.05
Z95 = NormalDist().inv_cdf(0.975)
FOLDS = 5
LEVEL = {Outcome.no_reply: 0, Outcome.replied: 1, Outcome.qualified: 2, Outcome.customer: 3}


def wilson(positives: np.ndarray, n: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    n = np.maximum(n, 1).astype(float)
    p = positives / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


class _Cells:
    """Counts of every cell, keyed by tuples of (attribute, code)."""

    def __init__(self) -> None:
        self.keys: list[tuple[tuple, ...]] = []
        self.n: list[np.ndarray] = []
        self.pos: list[np.ndarray] = []

    def add(self, keys: list[tuple], n: np.ndarray, pos: np.ndarray) -> None:
        self.keys.extend(keys)
        self.n.append(n)
        self.pos.append(pos)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if not self.n:
            return np.zeros(0), np.zeros(0)
        return np.concatenate(self.n), np.concatenate(self.pos)


def _count(cells: _Cells, combined: np.ndarray, y: np.ndarray, size: int, decode, min_support: int) -> None:
    n = np.bincount(combined, minlength=size)
    pos = np.bincount(combined, weights=y, minlength=size)
    hit = np.flatnonzero(n >= min_support)
    cells.add([decode(int(c)) for c in hit], n[hit], pos[hit])


def _all_cells(enc: Encoded, y: np.ndarray, min_support: int) -> tuple[_Cells, dict]:
    cells = _Cells()
    frequent = {}
    # single values
    for attr in SINGLE:
        codes = enc.single[attr]
        size = len(enc.vocab[attr].shown)
        ok = codes >= 0
        n = np.bincount(codes[ok], minlength=size)
        frequent[attr] = n >= min_support
        if size:
            _count(cells, codes[ok], y[ok], size, lambda c, a=attr: ((a, c),), min_support)
    for attr, _ in MULTI:
        codes, rows = enc.multi_codes[attr], enc.multi_rows[attr]
        size = len(enc.vocab[attr].shown)
        n = np.bincount(codes, minlength=size)
        frequent[attr] = n >= min_support
        if size:
            _count(cells, codes, y[rows], size, lambda c, a=attr: ((a, c),), min_support)
    # pairs and triples of single-valued attributes, over frequent values only (a rarer value cannot make a frequent cell)
    def masked(attr):
        codes = enc.single[attr]
        keep = frequent[attr]
        return np.where((codes >= 0) & keep[np.where(codes >= 0, codes, 0)], codes, -1) if len(keep) else codes

    usable = {attr: masked(attr) for attr in SINGLE}
    for size_k in (2, 3):
        for attrs in combinations(SINGLE, size_k):
            sizes = [len(enc.vocab[a].shown) for a in attrs]
            if 0 in sizes:
                continue
            ok = np.ones(len(y), dtype=bool)
            combined = np.zeros(len(y), dtype=np.int64)
            for a, s in zip(attrs, sizes, strict=True):
                ok &= usable[a] >= 0
                combined = combined * s + np.where(usable[a] >= 0, usable[a], 0)
            total = math.prod(sizes)

            def decode(c: int, attrs=attrs, sizes=sizes):
                parts = []
                for a, s in zip(reversed(attrs), reversed(sizes), strict=True):
                    parts.append((a, c % s))
                    c //= s
                return tuple(reversed(parts))

            _count(cells, combined[ok], y[ok], total, decode, min_support)
    # each frequent technology or title word with each single-valued attribute
    for mattr, _ in MULTI:
        keep = frequent[mattr]
        if not keep.any():
            continue
        mrows, mcodes = enc.multi_rows[mattr], enc.multi_codes[mattr]
        sel = keep[mcodes]
        mrows, mcodes = mrows[sel], mcodes[sel]
        msize = len(keep)
        for attr in SINGLE:
            other = usable[attr][mrows]
            ok = other >= 0
            s = len(enc.vocab[attr].shown)
            if not s:
                continue
            combined = mcodes[ok] * s + other[ok]
            _count(cells, combined, y[mrows[ok]], msize * s,
                   lambda c, a=attr, m=mattr, s=s: ((m, c // s), (a, c % s)), min_support)
    return cells, frequent


def find_patterns(req: PatternsRequest) -> PatternsResponse:
    goal = LEVEL[Outcome(req.goal.value)]
    y = np.fromiter((LEVEL[lead.outcome] >= goal for lead in req.leads), dtype=np.float64, count=len(req.leads))
    total, positives = len(y), int(y.sum())
    base = positives / total
    enc = encode(req.leads)
    notes: list[str] = []
    cells, frequent = _all_cells(enc, y, req.minSupport)
    n, pos = cells.arrays()
    tested = len(n)
    patterns: list[Pattern] = []
    if positives == 0 or positives == total:
        notes.append(f"Every lead has the same outcome ({positives} of {total} reached '{req.goal.value}'): nothing to compare.")
    elif tested == 0:
        notes.append(f"No attribute value has {req.minSupport} or more leads; send more leads or lower minSupport.")
    else:
        patterns = _rank(enc, cells, n, pos, base, tested, req.maxPatterns)
        if not any(p.significant for p in patterns):
            notes.append("No attribute value does significantly better than the average; the differences seen could be chance.")
    model = _fit(enc, y, frequent, req, notes) if 0 < positives < total else None
    return PatternsResponse(goal=req.goal, leads=total, positives=positives, baseRate=base, minSupport=req.minSupport,
                            testedCells=tested, patterns=patterns, notes=notes, **({"model": model} if model else {}))


def _rank(enc: Encoded, cells: _Cells, n: np.ndarray, pos: np.ndarray, base: float, tested: int, limit: int) -> list[Pattern]:
    rate = pos / n
    low, high = wilson(pos, n, Z95)
    rate_of = {key: rate[i] for i, key in enumerate(cells.keys)}
    # P(at least this many positives | the cell is like everyone else); Wilson's normal approximation is too kind to small cells
    p_value = binom.sf(pos - 1, n, base)
    significant = p_value < ALPHA / tested
    candidates = []
    for i, key in enumerate(cells.keys):
        if rate[i] <= base:
            continue
        if len(key) > 1:
            # a combination must beat every part it is made of, or it only repeats them
            parts = [sub for k in range(1, len(key)) for sub in combinations(key, k)]
            if any(low[i] <= rate_of.get(part, 1.0) for part in parts):
                continue
        candidates.append(i)
    candidates.sort(key=lambda i: (not significant[i], -rate[i] / base, -n[i]))
    out = []
    for i in candidates[:limit]:
        out.append(Pattern(
            conditions=[Condition(attribute=a, value=enc.vocab[a].shown[c]) for a, c in cells.keys[i]],
            leads=int(n[i]), positives=int(pos[i]), rate=float(rate[i]), lift=float(rate[i] / base),
            ciLow=float(low[i]), ciHigh=float(high[i]), significant=bool(significant[i])))
    return out


def _fit(enc: Encoded, y: np.ndarray, frequent: dict, req: PatternsRequest, notes: list[str]) -> FittedModel | None:
    minority = int(min(y.sum(), len(y) - y.sum()))
    if minority < FOLDS * 2:
        notes.append(f"Too few leads on one side ({minority}) to fit and cross-validate a model; at least {FOLDS * 2} needed.")
        return None
    rows, cols, names = feature_pairs(enc, frequent)
    if not names:
        notes.append("No attribute value is frequent enough to fit a model on.")
        return None
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(y), len(names)))
    aucs = []
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=0).split(np.zeros(len(y)), y):
        fold = LogisticRegression(C=1.0, max_iter=300).fit(x[train], y[train])
        aucs.append(roc_auc_score(y[test], fold.decision_function(x[test])))
    final = LogisticRegression(C=1.0, max_iter=300).fit(x, y)
    static = np.array([lead.staticScore if lead.staticScore is not None else -1 for lead in req.leads], dtype=float)
    has_static = static >= 0
    static_auc = None
    if has_static.any() and 0 < y[has_static].sum() < has_static.sum():
        static_auc = float(roc_auc_score(y[has_static], static[has_static]))
        if has_static.sum() < len(y):
            notes.append(f"The current score's AUC is over the {int(has_static.sum())} leads that had one.")
    coefficients = [Coefficient(attribute=a, value=enc.vocab[a].shown[c], weight=float(w))
                    for (a, c), w in zip(names, final.coef_[0], strict=True)]
    coefficients.sort(key=lambda c: -abs(c.weight))
    extra = {"staticScoreAuc": static_auc} if static_auc is not None else {}
    return FittedModel(kind="logistic_regression", folds=FOLDS, auc=float(np.mean(aucs)), aucStd=float(np.std(aucs)),
                       intercept=float(final.intercept_[0]), coefficients=coefficients, **extra)
