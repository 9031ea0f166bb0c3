"""docs/enrichment-agent.openapi.yaml is the contract. FastAPI's generated schema must describe the same
operations, parameters, responses and schemas, field by field and constraint by constraint, both ways:
nothing in the document is missing from the service, nothing in the service is missing from the document.
The one addition is GET /readyz (operational, not part of the contract SalesOS calls)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from salesos_enrichment.app import create_app
from salesos_enrichment.config import Settings

DOC = yaml.safe_load((Path(__file__).parents[3] / "docs" / "enrichment-agent.openapi.yaml").read_text("utf-8"))
APP = create_app(Settings()).openapi()
IGNORED = {"title", "description", "example", "examples", "summary", "default"}


def resolve(node: Any, root: dict[str, Any]) -> Any:
    """The schema with every $ref inlined and documentation-only keys dropped; numbers compared as floats."""
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            return resolve(root["components"]["schemas"][name], root)
        out = {k: resolve(v, root) for k, v in node.items() if k not in IGNORED}
        if "required" in out:
            out["required"] = sorted(out["required"])
        return out
    if isinstance(node, list):
        return [resolve(v, root) for v in node]
    if isinstance(node, (int, float)) and not isinstance(node, bool):
        return float(node)
    return node


def operation(doc: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    return doc["paths"][path][method]


def test_the_same_paths_and_methods():
    assert set(DOC["paths"]) == set(APP["paths"]) - {"/readyz"}
    for path, methods in DOC["paths"].items():
        assert set(methods) == set(APP["paths"][path]), path
        for method in methods:
            assert operation(DOC, path, method)["operationId"] == operation(APP, path, method)["operationId"]


ANALYSES = (("/v1/patterns", "PatternsRequest", "PatternsResponse"), ("/v1/lookalikes", "LookalikesRequest", "LookalikesResponse"))


def test_the_same_header_parameters():
    def params(doc):
        return {(p["name"], p["in"], p["required"], resolve(p["schema"], doc)["type"])
                for p in operation(doc, "/v1/enrich", "post")["parameters"]}

    assert params(DOC) == params(APP)


def test_the_same_request_body():
    doc = operation(DOC, "/v1/enrich", "post")["requestBody"]
    app = operation(APP, "/v1/enrich", "post")["requestBody"]
    assert doc["required"] is app["required"] is True
    assert resolve(doc["content"]["application/json"]["schema"], DOC) == resolve(app["content"]["application/json"]["schema"], APP)


def test_the_same_request_bodies_for_the_analyses():
    for path, _, _ in ANALYSES:
        doc = operation(DOC, path, "post")["requestBody"]
        app = operation(APP, path, "post")["requestBody"]
        assert doc["required"] is app["required"] is True
        assert resolve(doc["content"]["application/json"]["schema"], DOC) == resolve(app["content"]["application/json"]["schema"], APP)
        assert "parameters" not in operation(DOC, path, "post") and "parameters" not in operation(APP, path, "post")


def test_the_same_responses_with_the_same_bodies():
    for path, method in (("/v1/enrich", "post"), ("/healthz", "get"), ("/v1/patterns", "post"), ("/v1/lookalikes", "post")):
        doc = operation(DOC, path, method)["responses"]
        app = operation(APP, path, method)["responses"]
        assert set(doc) == set(app), path
        for status in doc:
            doc_schema = doc[status].get("content", {}).get("application/json", {}).get("schema")
            app_schema = app[status].get("content", {}).get("application/json", {}).get("schema")
            assert resolve(doc_schema, DOC) == resolve(app_schema, APP), f"{path} {status}"
            assert set(doc[status].get("headers", {})) == set(app[status].get("headers", {})), f"{path} {status} headers"


def test_every_documented_schema_field_by_field():
    """Each named component, compared property by property so a failure names the field."""
    doc_schemas = DOC["components"]["schemas"]
    app_schemas = APP["components"]["schemas"]
    for name in ("EnrichRequest", "LeadQuery", "EnrichResponse", "EnrichedLead", "CompanyProfile", "Error",
                 "PatternsRequest", "PatternLead", "LeadProfile", "Condition", "Pattern", "Coefficient", "FittedModel",
                 "PatternsResponse", "Candidate", "LookalikesRequest", "Lookalike", "LookalikesResponse"):
        doc, app = resolve(doc_schemas[name], DOC), resolve(app_schemas[name], APP)
        assert set(doc["properties"]) == set(app["properties"]), name
        assert doc.get("required", []) == app.get("required", []), name
        for prop in doc["properties"]:
            assert doc["properties"][prop] == app["properties"][prop], f"{name}.{prop}"
    for enum in ("EnrichableField", "Outcome", "Goal", "SizeBand", "Attribute"):
        assert resolve(doc_schemas[enum], DOC)["enum"] == app_schemas[enum]["enum"], enum


def test_analyses_take_attributes_only():
    """No name, email, company or note can reach the agent through the analyses: unknown keys are refused."""
    for name in ("PatternLead", "LeadProfile", "Candidate"):
        schema = resolve(DOC["components"]["schemas"][name], DOC)
        assert schema["additionalProperties"] is False, name
        assert not {"email", "fullName", "name", "company", "notes", "note"} & set(schema["properties"]), name


def test_the_same_security():
    assert DOC["components"]["securitySchemes"]["bearer"]["scheme"] == APP["components"]["securitySchemes"]["bearer"]["scheme"]
    for path in ("/v1/enrich", "/v1/patterns", "/v1/lookalikes"):
        assert operation(APP, path, "post")["security"] == DOC["security"], path
    assert operation(APP, "/healthz", "get")["security"] == operation(DOC, "/healthz", "get")["security"] == []
