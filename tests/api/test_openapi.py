"""The OpenAPI document says what the service does: bodies, protocol parameters, security, problems, options.

Built from ``create_app`` without starting it (no store, no model); what the running server
answers is checked against this document by ``test_openapi_fuzz.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.settings import Settings

PROBLEM = "application/problem+json"


def document(tmp_path: Path, **settings: Any) -> dict[str, Any]:
    from api.app import create_app

    return create_app(Settings(store=tmp_path / "store", **settings)).openapi()


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return document(tmp_path_factory.mktemp("openapi"), embedders=("use-m3",))


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, item in doc["paths"].items() for method, op in item.items()]


def params(op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in op.get("parameters", [])}


def test_sparql_protocol_request_shapes(doc: dict[str, Any]) -> None:
    get, post = doc["paths"]["/sparql"]["get"], doc["paths"]["/sparql"]["post"]
    assert {"query", "default-graph-uri", "named-graph-uri", "format", "timeout"} <= set(params(get))
    assert "requestBody" not in get and "query" not in params(post)
    bodies = post["requestBody"]["content"]
    assert set(bodies) == {"application/sparql-query", "application/x-www-form-urlencoded"}
    assert {"query", "default-graph-uri", "named-graph-uri"} <= set(bodies["application/x-www-form-urlencoded"]
                                                                   ["schema"]["properties"])
    assert params(get)["default-graph-uri"]["schema"]["type"] == "array", "repeatable"
    update = doc["paths"]["/update"]["post"]
    assert set(update["requestBody"]["content"]) == {"application/sparql-update", "application/x-www-form-urlencoded"}
    assert {"using-graph-uri", "using-named-graph-uri"} <= set(params(update))
    assert "json" in params(get)["format"]["schema"]["enum"]


def test_graph_store_bodies_are_rdf(doc: dict[str, Any]) -> None:
    for method in ("put", "post"):
        content = doc["paths"]["/store"][method]["requestBody"]["content"]
        assert {"text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"} <= set(content)
    assert {"201", "204", "400", "401", "403", "415"} <= set(doc["paths"]["/store"]["put"]["responses"])


def test_bearer_scheme_on_token_operations(doc: dict[str, Any]) -> None:
    scheme = doc["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    required = {(p, m) for p, m, op in operations(doc) if op.get("security") == [{"bearerAuth": []}]}
    assert required == {("/update", "post"), ("/store", "put"), ("/store", "post"), ("/store", "delete"),
                        ("/documents", "post"), ("/documents/{key}", "delete")}
    assert doc["paths"]["/sparql"]["get"]["security"] == [{}, {"bearerAuth": []}], "optional: raises the deadline"
    for path, method in required:
        assert {"401", "403"} <= set(doc["paths"][path][method]["responses"])
    assert "security" not in doc["paths"]["/search"]["get"]


def test_every_error_is_a_problem(doc: dict[str, Any]) -> None:
    problem = doc["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail"} and "instance" in problem["properties"]
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    for path, method, op in operations(doc):
        assert "414" in op["responses"], (path, method)
        for status, response in op["responses"].items():
            if status >= "400":
                assert list(response["content"]) == [PROBLEM], (path, method, status)
                assert response["content"][PROBLEM]["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_operation_ids_are_unique(doc: dict[str, Any]) -> None:
    ids = [op["operationId"] for _, _, op in operations(doc)]
    assert len(ids) == len(set(ids))


def test_query_parameters_are_never_null(doc: dict[str, Any]) -> None:
    for path, method, op in operations(doc):
        for p in op.get("parameters", []):
            assert "anyOf" not in p["schema"], (path, method, p["name"])


def test_search_options_follow_the_deployment(doc: dict[str, Any], tmp_path: Path) -> None:
    search = params(doc["paths"]["/search"]["get"])
    assert search["embedder"]["schema"]["enum"] == ["use-m3", "all"], "minilm is not indexed here"
    assert search["mode"]["schema"]["enum"] == ["bm25", "dense", "hybrid"]
    assert search["mode"]["schema"]["default"] == "hybrid"
    assert search["state"]["schema"]["pattern"].startswith("^(?:[A-Za-z]{3}|https://policykg\\.org/id/state/")
    bare = params(document(tmp_path, embedders=(), search_k_max=20)["paths"]["/search"]["get"])
    assert "embedder" not in bare and bare["mode"]["schema"]["enum"] == ["bm25"]
    assert bare["mode"]["schema"]["default"] == "bm25" and bare["k"]["schema"]["maximum"] == 20


def test_response_media_types_are_the_served_ones(doc: dict[str, Any]) -> None:
    sparql = doc["paths"]["/sparql"]["get"]["responses"]["200"]["content"]
    assert {"application/sparql-results+json", "text/csv", "text/turtle", "text/html"} <= set(sparql)
    assert "application/json" not in sparql, "JSON is asked for by Accept, answered as SPARQL JSON or JSON-LD"
    entity = doc["paths"]["/entities/{path}"]["get"]
    assert "application/json" not in entity["responses"]["200"]["content"]
    assert "bogus" not in params(entity)["format"]["schema"]["enum"]
    assert list(doc["paths"]["/dump.nq.gz"]["get"]["responses"]["200"]["content"]) == ["application/gzip"]
