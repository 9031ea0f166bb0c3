"""The wire contract (docs/enrichment-agent.openapi.yaml) as pydantic models. Optional fields are plain
types with a None default, so an explicit null is refused like the contract says, and answers are sent
without the fields that were not found (exclude_none)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

DOMAIN_PATTERN = r"^[a-z0-9-]+(\.[a-z0-9-]+)+$"
LINKEDIN_PATTERN = r"^https?://([a-z]{2,3}\.)?linkedin\.com/.+"
_EMAIL = re.compile(r"^[^\s@\"<>(),;:\\\[\]]+@[a-z0-9-]+(\.[a-z0-9-]+)+$", re.IGNORECASE)


class EnrichableField(StrEnum):
    fullName = "fullName"
    firstName = "firstName"
    lastName = "lastName"
    title = "title"
    seniority = "seniority"
    company = "company"
    companyDomain = "companyDomain"
    industry = "industry"
    companySize = "companySize"
    country = "country"
    city = "city"
    techStack = "techStack"
    linkedinUrl = "linkedinUrl"


class Seniority(StrEnum):
    c_level = "c_level"
    vp = "vp"
    director = "director"
    manager = "manager"
    senior = "senior"
    entry = "entry"


def _opt(**kw: Any) -> Any:
    return Field(None, **kw)


class LeadQuery(BaseModel):
    """What SalesOS already knows about the person; only non-empty values are sent."""

    model_config = ConfigDict(extra="ignore")
    email: str = Field(json_schema_extra={"format": "email"})
    fullName: str = _opt(min_length=1, max_length=200)
    company: str = _opt(min_length=1, max_length=200)
    companyDomain: str = _opt(pattern=DOMAIN_PATTERN)
    title: str = _opt(min_length=1, max_length=200)
    linkedinUrl: str = _opt(pattern=LINKEDIN_PATTERN)
    country: str = _opt(min_length=1, max_length=60)
    city: str = _opt(min_length=1, max_length=100)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not _EMAIL.match(value):
            raise ValueError("not a valid email address")
        return value


class EnrichRequest(BaseModel):
    lead: LeadQuery
    fields: list[EnrichableField] = _opt(min_length=1, description="Which fields to fill; all of them when absent.")


class EnrichedLead(BaseModel):
    """Any subset; each value must satisfy its rule or the whole answer is rejected."""

    fullName: str = _opt(min_length=1, max_length=200)
    firstName: str = _opt(min_length=1, max_length=100)
    lastName: str = _opt(min_length=1, max_length=100)
    title: str = _opt(min_length=1, max_length=200)
    seniority: Seniority = _opt()
    company: str = _opt(min_length=1, max_length=200)
    companyDomain: str = _opt(pattern=DOMAIN_PATTERN)
    industry: str = _opt(min_length=1, max_length=60)
    companySize: int = _opt(ge=1, le=5_000_000, description="Number of employees.")
    country: str = _opt(min_length=1, max_length=60, description="English country name, e.g. Germany.")
    city: str = _opt(min_length=1, max_length=100)
    techStack: list[Annotated[str, Field(min_length=1, max_length=60)]] = _opt(max_length=50)
    linkedinUrl: str = _opt(pattern=LINKEDIN_PATTERN)


class Technology(BaseModel):
    name: str = Field(min_length=1, max_length=60)
    category: str
    evidence: list[str] = Field(description="What on the site or in DNS showed it.")


class CompanyAddress(BaseModel):
    street: str = _opt()
    postalCode: str = _opt()
    city: str = _opt()
    region: str = _opt()
    country: str = _opt()


class CompanyProfile(BaseModel):
    """What public sources say about the lead's company, beyond the lead's own fields."""

    domain: str = Field(pattern=DOMAIN_PATTERN)
    website: str = _opt(description="The homepage URL that was read, after redirects.")
    name: str = _opt(max_length=200)
    description: str = _opt(max_length=1000)
    linkedinUrl: str = _opt(description="The company's LinkedIn page.")
    socialProfiles: dict[str, str] = _opt(description="Network (linkedin, x, facebook, …) to profile URL.")
    address: CompanyAddress = _opt()
    employees: int = _opt(ge=1, le=5_000_000)
    emailProvider: str = _opt(description="From the MX records, e.g. Google Workspace, Microsoft 365.")
    mx: list[str] = _opt()
    spf: bool = _opt(description="An SPF record is published.")
    dmarc: bool = _opt(description="A DMARC record is published.")
    dmarcPolicy: str = _opt()
    technologies: list[Technology] = _opt()


class EnrichResponse(BaseModel):
    lead: EnrichedLead
    confidence: dict[EnrichableField, Annotated[float, Field(ge=0, le=1)]] = _opt(
        description="How sure the agent is of each returned field, 0 to 1."
    )
    sources: list[str] = _opt(description="Where the data came from, for the rep and the audit trail.")
    costUsd: float = Field(ge=0, description="What this call cost in USD; charged to the rep's daily budget.")
    requestId: str = _opt(description="The X-Request-Id received, or the agent's own id.")
    company: CompanyProfile = _opt()


class ErrorDetail(BaseModel):
    code: str
    message: str


class Error(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok"] = "ok"
