"""The /sparql protocol surface: request shapes, datasets, every result format, negotiation, description, errors."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

SELECT = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?s ?label LIMIT 5"
CONSTRUCT = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 5"
G = "http://example.org/endpoint/g"


@pytest.fixture(scope="module")
def url(light_server: str) -> str:
    from tests.conftest import TOKEN

    body = "<http://example.org/e/a> <http://example.org/e/p> 'in g' ."
    r = httpx.put(light_server + "/store", params={"graph": G}, content=body,
                  headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/turtle"})
    assert r.status_code in (201, 204)
    return light_server


def test_three_request_shapes_give_the_same_answer(url: str) -> None:
    get = httpx.get(url + "/sparql", params={"query": SELECT})
    form = httpx.post(url + "/sparql", data={"query": SELECT})
    direct = httpx.post(url + "/sparql", content=SELECT, headers={"Content-Type": "application/sparql-query"})
    assert get.status_code == form.status_code == direct.status_code == 200
    assert get.json() == form.json() == direct.json() and len(get.json()["results"]["bindings"]) == 5


def test_dataset_parameters(url: str) -> None:
    q = "SELECT ?o WHERE { ?s <http://example.org/e/p> ?o }"
    only = httpx.get(url + "/sparql", params={"query": q, "default-graph-uri": G}).json()["results"]["bindings"]
    assert [b["o"]["value"] for b in only] == ["in g"]
    states = httpx.get(url + "/sparql", params={"query": "ASK { ?s a ?t }", "default-graph-uri": G}).json()
    assert states["boolean"] is False, "the reference data is not in that default graph"
    named = httpx.get(url + "/sparql", params={"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                               "named-graph-uri": G}).json()["results"]["bindings"]
    assert {b["g"]["value"] for b in named} == {G}
    empty_default = httpx.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }", "named-graph-uri": G}).json()
    assert empty_default["boolean"] is False, "naming only named graphs leaves the default graph empty"


@pytest.mark.parametrize("accept, fmt, media", [
    ("application/sparql-results+json", None, "application/sparql-results+json"),
    ("application/sparql-results+xml", None, "application/sparql-results+xml"),
    ("text/csv", None, "text/csv"),
    ("text/tab-separated-values", None, "text/tab-separated-values"),
    ("application/json", None, "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml", None, "application/sparql-results+xml"),
    ("*/*;q=0.1, text/tab-separated-values", None, "text/tab-separated-values"),
    ("*/*, application/sparql-results+json;q=0", None, "application/sparql-results+xml"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "csv", "text/csv"),
    (None, "tsv", "text/tab-separated-values"),
])
def test_select_results_formats(url: str, accept: str | None, fmt: str | None, media: str) -> None:
    r = httpx.get(url + "/sparql", params={"query": SELECT, **({"format": fmt} if fmt else {})},
                  headers={"Accept": accept} if accept else {})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    syntax = {"application/sparql-results+json": QueryResultsFormat.JSON, "application/sparql-results+xml":
              QueryResultsFormat.XML, "text/csv": QueryResultsFormat.CSV, "text/tab-separated-values": QueryResultsFormat.TSV}
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["s", "label"] and len(rows) == 6
    else:
        assert len(list(parse_query_results(r.content, format=syntax[media]))) == 5


@pytest.mark.parametrize("accept, media", [
    ("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"), ("application/rdf+xml", "application/rdf+xml"),
    ("application/n-quads", "application/n-quads"), ("application/trig", "application/trig"),
    (None, "text/turtle"), ("application/json", "application/ld+json"),
])
def test_graph_results_formats(url: str, accept: str | None, media: str) -> None:
    r = httpx.get(url + "/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    fmt = RdfFormat.from_media_type(media)
    assert fmt is not None and len(list(parse(r.content, format=fmt))) == 5
    describe = httpx.get(url + "/sparql", params={"query": "DESCRIBE <https://policykg.org/id/state/GTM>"},
                         headers={"Accept": accept} if accept else {})
    assert describe.status_code == 200 and describe.content


def test_ask_in_every_results_format(url: str) -> None:
    for accept, expected in [("application/sparql-results+json", '"boolean": true'), ("text/csv", "true"),
                             ("text/tab-separated-values", "true"), ("application/sparql-results+xml", "<boolean>true")]:
        r = httpx.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": accept})
        assert r.status_code == 200 and expected in r.text


@pytest.mark.parametrize("query, accept, fmt", [
    (SELECT, "image/png", None), (SELECT, "text/csv;q=0", None), (CONSTRUCT, "text/csv", None),
    (CONSTRUCT, None, "csv"), (SELECT, None, "turtle"), (SELECT, None, "yaml"),
])
def test_nothing_fits_is_406(url: str, query: str, accept: str | None, fmt: str | None) -> None:
    r = httpx.get(url + "/sparql", params={"query": query, **({"format": fmt} if fmt else {})},
                  headers={"Accept": accept} if accept else {})
    assert r.status_code == 406 and r.headers["content-type"] == "application/problem+json"


def test_service_description(url: str) -> None:
    r = httpx.get(url + "/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    triples = list(parse(r.content, format=RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoints = {t.object.value for t in triples if t.predicate.value == sd + "endpoint"}
    assert endpoints == {url + "/sparql", url + "/update"}
    features = {t.object.value for t in triples if t.predicate.value == sd + "feature"}
    assert sd + "UnionDefaultGraph" in features and sd + "BasicFederatedQuery" not in features
    assert len([t for t in triples if t.predicate.value == sd + "resultFormat"]) == 10
    jsonld = httpx.get(url + "/sparql", headers={"Accept": "application/ld+json"})
    assert jsonld.status_code == 200 and json.loads(jsonld.text)
    html = httpx.get(url + "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert html.headers["content-type"].startswith("text/html") and "<form" in html.text


@pytest.mark.parametrize("method, params, body, headers, status", [
    ("GET", {"query": "SELECT * WHERE { ?s ?p }"}, None, {}, 400),
    ("GET", {"query": ["ASK {}", "ASK {}"]}, None, {}, 400),
    ("POST", {}, "ASK {}", {"Content-Type": "text/plain"}, 415),
    ("POST", {}, "ASK {}", {}, 415),
    ("POST", {}, "ASK {}".encode("utf-16"), {"Content-Type": "application/sparql-query; charset=UTF-16"}, 415),
    ("POST", {}, b"ASK { FILTER(\"\xff\") }", {"Content-Type": "application/sparql-query"}, 400),
    ("POST", {}, "update=CLEAR+ALL", {"Content-Type": "application/x-www-form-urlencoded"}, 400),
    ("PUT", {"query": "ASK {}"}, None, {}, 405),
    ("GET", {"query": "   "}, None, {}, 400),
])
def test_bad_requests(url: str, method: str, params: dict[str, object], body: object, headers: dict[str, str],
                      status: int) -> None:
    r = httpx.request(method, url + "/sparql", params=params, content=body, headers=headers)  # type: ignore[arg-type]
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"


def test_a_malformed_query_reports_the_parser_position(url: str) -> None:
    r = httpx.get(url + "/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    problem = r.json()
    assert r.status_code == 400 and problem["status"] == 400
    assert problem["line"] == 3 and isinstance(problem["column"], int)
    assert problem["detail"].startswith(f"syntax error at line 3, column {problem['column']}: expected")


def test_browsers_on_other_origins_may_query_but_not_send_the_token(url: str) -> None:
    origin = {"Origin": "https://yasgui.example"}
    r = httpx.get(url + "/sparql", params={"query": "ASK {}"}, headers=origin)
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
    preflight = httpx.options(url + "/sparql", headers={**origin, "Access-Control-Request-Method": "POST",
                                                         "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    with_token = httpx.options(url + "/update", headers={**origin, "Access-Control-Request-Method": "POST",
                                                          "Access-Control-Request-Headers": "authorization"})
    assert with_token.status_code == 400, "a page elsewhere cannot send the bearer token"


def test_an_answer_a_syntax_cannot_write_is_406_not_a_server_error(light_server: str) -> None:
    query = "CONSTRUCT { <http://a> <http://b> <<( <http://a> <http://b> <http://c> )>> } WHERE {}"
    for fmt in ("jsonld",):
        r = httpx.get(light_server + "/sparql", params={"query": query, "format": fmt}, timeout=30)
        assert r.status_code == 406 and r.headers["content-type"] == "application/problem+json", (fmt, r.text)
    assert httpx.get(light_server + "/sparql", params={"query": query, "format": "nt"}, timeout=30).status_code == 200
