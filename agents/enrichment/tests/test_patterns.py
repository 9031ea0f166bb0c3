"""Pattern recognition on synthetic leads: a planted pattern is found with its lift, a dataset without one reports
nothing significant, and the model is compared with the static score."""

from __future__ import annotations

import math

from salesos_enrichment.pattern_models import PatternsRequest
from salesos_enrichment.patterns import find_patterns, wilson

from .support.synthetic import leads


def conditions(pattern) -> set[tuple[str, str]]:
    return {(c.attribute.value, c.value) for c in pattern.conditions}


def test_the_planted_pattern_is_found_first_with_its_lift():
    answer = find_patterns(PatternsRequest.model_validate({"leads": leads(30_000)}))
    assert answer.leads == 30_000
    top = answer.patterns[0]
    assert top.significant
    assert conditions(top) == {("industry", "fintech"), ("seniority", "c_level"), ("country", "Germany")}
    assert 2.3 < top.lift < 3.8
    assert top.ciLow < top.rate < top.ciHigh
    assert top.leads >= 30 and top.positives == round(top.rate * top.leads)
    # every significant pattern is a planted one or a part of it (a part inherits some of its lift)
    planted = {("industry", "fintech"), ("seniority", "c_level"), ("country", "Germany"), ("titleWord", "cto"), ("source", "webinar")}
    webinar = next(p for p in answer.patterns if conditions(p) == {("source", "webinar")})
    assert webinar.significant and 1.4 < webinar.lift < 1.8  # twice the rate of the others: 2 / (0.75 + 0.5) of the average
    for p in answer.patterns:
        if p.significant:
            assert conditions(p) & planted, conditions(p)


def test_no_pattern_reports_nothing_significant():
    answer = find_patterns(PatternsRequest.model_validate({"leads": leads(30_000, planted=False, seed=11)}))
    assert answer.testedCells > 100
    assert answer.patterns, "cells above the base rate by chance are still listed, as not significant"
    assert not any(p.significant for p in answer.patterns)
    assert any("could be chance" in n for n in answer.notes)
    assert answer.model is not None and 0.45 < answer.model.auc < 0.55


def test_cells_below_min_support_are_ignored():
    answer = find_patterns(PatternsRequest.model_validate({"leads": leads(30_000), "minSupport": 400}))
    assert answer.patterns
    assert all(p.leads >= 400 for p in answer.patterns)
    assert not any(len(p.conditions) == 3 for p in answer.patterns)  # the planted triple has ~270 leads


def test_the_model_beats_a_static_score_that_ignores_outcomes():
    model = find_patterns(PatternsRequest.model_validate({"leads": leads(30_000)})).model
    assert model is not None and model.kind == "logistic_regression" and model.folds == 5
    assert model.staticScoreAuc is not None and abs(model.staticScoreAuc - 0.5) < 0.03  # random static scores
    assert model.auc > model.staticScoreAuc + 0.02
    weights = {(c.attribute.value, c.value): c.weight for c in model.coefficients}
    assert weights[("industry", "fintech")] > weights[("industry", "retail")]


def test_the_goal_selects_which_outcomes_count():
    data = leads(5_000)
    replied = find_patterns(PatternsRequest.model_validate({"leads": data, "goal": "replied"}))
    customers = find_patterns(PatternsRequest.model_validate({"leads": data, "goal": "customer"}))
    assert replied.positives == sum(d["outcome"] != "no_reply" for d in data)
    assert customers.positives == sum(d["outcome"] == "customer" for d in data)


def test_one_outcome_only_says_so_and_fits_nothing():
    data = [{**d, "outcome": "no_reply"} for d in leads(500)]
    answer = find_patterns(PatternsRequest.model_validate({"leads": data}))
    assert answer.positives == 0 and answer.patterns == [] and answer.model is None
    assert "same outcome" in answer.notes[0]


def test_values_are_grouped_ignoring_case():
    data = leads(3_000)
    for i, d in enumerate(data):
        d["industry"] = d["industry"].upper() if i % 2 else d["industry"]
    answer = find_patterns(PatternsRequest.model_validate({"leads": data, "minSupport": 5, "maxPatterns": 100}))
    industries = {c.value.casefold() for p in answer.patterns for c in p.conditions if c.attribute.value == "industry"}
    assert len(industries) == len({c.value for p in answer.patterns for c in p.conditions if c.attribute.value == "industry"})


def test_wilson_interval_matches_the_formula():
    import numpy as np
    low, high = wilson(np.array([30.0]), np.array([100.0]), 1.959963984540054)
    # the textbook value for 30 of 100 at 95%
    assert math.isclose(low[0], 0.2189, abs_tol=1e-4) and math.isclose(high[0], 0.3958, abs_tol=1e-4)
