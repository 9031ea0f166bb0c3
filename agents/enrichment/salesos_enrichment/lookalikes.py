"""Candidates ranked by how much they look like the seeds: each attribute value is a one-hot feature weighted by
its rarity (inverse document frequency over seeds and candidates, so "uses Slack" counts for little and
"fintech" for more), and a candidate's similarity is the cosine between its vector and the seeds' mean vector."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from .lead_features import MULTI, SINGLE, encode, feature_pairs
from .pattern_models import Attribute, Condition, Lookalike, LookalikesRequest, LookalikesResponse

LABEL = {Attribute.industry: "industry", Attribute.seniority: "seniority", Attribute.sizeBand: "company size",
         Attribute.country: "country", Attribute.source: "source", Attribute.technology: "uses",
         Attribute.titleWord: "title word"}
REASONS = 3


def find_lookalikes(req: LookalikesRequest) -> LookalikesResponse:
    seeds, candidates = req.seeds, req.candidates
    everyone = [*seeds, *candidates]
    enc = encode(everyone)
    keep = {a: np.ones(len(enc.vocab[a].shown), dtype=bool) for a in (*SINGLE, *(m for m, _ in MULTI))}
    rows, cols, names = feature_pairs(enc, keep)
    total = len(everyone)
    matches: list[Lookalike] = []
    if names:
        x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(total, len(names)))
        df = np.asarray(x.sum(axis=0)).ravel()
        idf = np.log((1 + total) / (1 + df)) + 1
        weighted = x.multiply(idf).tocsr()
        seed_part = weighted[: len(seeds)]
        centroid = np.asarray(seed_part.mean(axis=0)).ravel()
        seed_share = np.asarray((x[: len(seeds)] > 0).sum(axis=0)).ravel()
        cand = weighted[len(seeds):]
        norms = np.sqrt(np.asarray(cand.multiply(cand).sum(axis=1)).ravel())
        centroid_norm = float(np.linalg.norm(centroid))
        dots = cand @ centroid
        similarity = np.divide(dots, norms * centroid_norm, out=np.zeros_like(dots), where=(norms > 0) & (centroid_norm > 0))
        order = np.lexsort((np.arange(len(candidates)), -similarity))[: req.limit]
        for i in order:
            if similarity[i] <= 0:
                break  # nothing in common with the seeds: not a lookalike
            row = cand.getrow(int(i))
            contrib = sorted(((row.data[k] * centroid[j], int(j)) for k, j in enumerate(row.indices) if centroid[j] > 0),
                             reverse=True)
            shared = [names[j] for _, j in contrib]
            conditions = [Condition(attribute=a, value=enc.vocab[a].shown[c]) for a, c in shared]
            reason = "; ".join(
                f"{LABEL[a]} {enc.vocab[a].shown[c]} like {int(seed_share[j])} of {len(seeds)} seeds"
                for (_, j), (a, c) in zip(contrib[:REASONS], shared[:REASONS], strict=True))
            matches.append(Lookalike(id=candidates[int(i)].id, similarity=float(min(1.0, similarity[i])), reason=reason,
                                     shared=conditions))
    return LookalikesResponse(seeds=len(seeds), candidates=len(candidates), matches=matches)
