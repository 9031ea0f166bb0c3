"""Wire models of POST /v1/patterns and POST /v1/lookalikes (docs/enrichment-agent.openapi.yaml).

A lead arrives as attributes only: no name, email, company name or note is part of the contract, and unknown
keys are refused (extra="forbid") so a caller cannot send them by mistake."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from .models import Seniority


class SizeBand(StrEnum):
    s1_10 = "1-10"
    s11_50 = "11-50"
    s51_200 = "51-200"
    s201_1000 = "201-1000"
    s1001_5000 = "1001-5000"
    s5001 = "5001+"


class Outcome(StrEnum):
    """How far a contacted lead went; each level includes the ones before it."""

    no_reply = "no_reply"
    replied = "replied"
    qualified = "qualified"
    customer = "customer"


class Goal(StrEnum):
    replied = "replied"
    qualified = "qualified"
    customer = "customer"


class Attribute(StrEnum):
    industry = "industry"
    seniority = "seniority"
    sizeBand = "sizeBand"
    country = "country"
    source = "source"
    technology = "technology"
    titleWord = "titleWord"


Word = Annotated[str, Field(min_length=1, max_length=60)]


class LeadProfile(BaseModel):
    """The attributes of one lead that patterns are looked for in; every one is optional."""

    model_config = ConfigDict(extra="forbid")
    industry: str = Field(None, min_length=1, max_length=60)
    seniority: Seniority = Field(None)
    sizeBand: SizeBand = Field(None, description="Company size band (employees).")
    country: str = Field(None, min_length=1, max_length=60)
    source: str = Field(None, min_length=1, max_length=60, description="Where the lead came from (import, webinar, …).")
    technologies: list[Word] = Field(None, max_length=50)
    titleWords: list[Word] = Field(None, max_length=20, description="Words of the job title, e.g. [head, of, sales].")


class PatternLead(LeadProfile):
    outcome: Outcome
    staticScore: int = Field(None, ge=0, le=100, description="The lead's current fit score, to compare the model with.")


class PatternsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    leads: list[PatternLead] = Field(min_length=1, max_length=200_000, description="Contacted leads only.")
    goal: Goal = Field(Goal.replied, description="The good outcome: this level or a later one.")
    minSupport: int = Field(30, ge=5, le=100_000, description="Cells with fewer leads are ignored.")
    maxPatterns: int = Field(20, ge=1, le=100)


class Condition(BaseModel):
    attribute: Attribute
    value: str


class Pattern(BaseModel):
    conditions: list[Condition] = Field(min_length=1, max_length=3, description="All of these hold (one to three).")
    leads: int = Field(ge=0, description="Support: leads in this cell.")
    positives: int = Field(ge=0, description="Leads in this cell that reached the goal.")
    rate: float = Field(ge=0, le=1)
    lift: float = Field(ge=0, description="rate / baseRate.")
    ciLow: float = Field(ge=0, le=1, description="Wilson 95% interval of rate.")
    ciHigh: float = Field(ge=0, le=1)
    significant: bool = Field(description="Better than the base rate after correcting for the number of cells tested.")


class Coefficient(BaseModel):
    attribute: Attribute
    value: str
    weight: float


class FittedModel(BaseModel):
    kind: str = Field(description="logistic_regression (L2-regularised, one-hot attributes).")
    folds: int = Field(ge=2)
    auc: float = Field(ge=0, le=1, description="Mean cross-validated ROC AUC.")
    aucStd: float = Field(ge=0)
    staticScoreAuc: float = Field(None, ge=0, le=1, description="ROC AUC of the leads' current fit score, when sent.")
    intercept: float
    coefficients: list[Coefficient] = Field(description="Every feature of the fitted model; a lead's log-odds is intercept + its weights.")


class PatternsResponse(BaseModel):
    goal: Goal
    leads: int = Field(ge=0)
    positives: int = Field(ge=0)
    baseRate: float = Field(ge=0, le=1)
    minSupport: int
    testedCells: int = Field(ge=0, description="Cells with at least minSupport leads; the significance correction divides by it.")
    patterns: list[Pattern] = Field(description="Best first: significant ones, then by lift.")
    model: FittedModel = Field(None, description="Absent when the data cannot support one (see notes).")
    notes: list[str] = Field(description="Why something is missing, in words for a sales rep.")


class Candidate(LeadProfile):
    id: str = Field(min_length=1, max_length=64, description="Opaque id, echoed back.")


class LookalikesRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    seeds: list[LeadProfile] = Field(min_length=1, max_length=5_000, description="Leads to look like, e.g. customers.")
    candidates: list[Candidate] = Field(min_length=1, max_length=100_000)
    limit: int = Field(20, ge=1, le=200)


class Lookalike(BaseModel):
    id: str
    similarity: float = Field(ge=0, le=1, description="Cosine similarity to the seeds' profile.")
    reason: str = Field(description="The attributes shared with the seeds that weigh most.")
    shared: list[Condition]


class LookalikesResponse(BaseModel):
    seeds: int = Field(ge=0)
    candidates: int = Field(ge=0)
    matches: list[Lookalike]
