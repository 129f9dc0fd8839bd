"""What SPARQL clients nobody here wrote expect of the protocol (over real HTTP, light server)."""

from __future__ import annotations

import gzip

import httpx

from tests.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
SELECT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 200"


def test_sparqlwrapper_style_format_synonyms_with_a_satisfiable_accept(light_server: str) -> None:
    """SPARQLWrapper sends format=rdf+xml&format=application/rdf+xml and Accept: application/rdf+xml."""
    query = "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 5"
    r = httpx.get(light_server + "/sparql", params=[("query", query), ("format", "rdf+xml"),
                                                     ("format", "application/rdf+xml")],
                  headers={"Accept": "application/rdf+xml"}, timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/rdf+xml")
    # Accept that can be met wins over format=, which is a fallback
    r = httpx.get(light_server + "/sparql", params={"query": query, "format": "json"},
                  headers={"Accept": "text/turtle"}, timeout=30)
    assert r.headers["content-type"].startswith("text/turtle")
    for synonym, media in (("ttl", "text/turtle"), ("nt", "application/n-triples"), ("jsonld", "application/ld+json"),
                           ("turtle", "text/turtle"), ("rdf+xml", "application/rdf+xml")):
        r = httpx.get(light_server + "/sparql", params={"query": query, "format": synonym}, timeout=30)
        assert r.status_code == 200 and r.headers["content-type"].startswith(media), synonym


def test_graph_store_post_without_a_graph_creates_one(light_server: str) -> None:
    body = "<http://example.org/a> <http://example.org/p> \"created\" ."
    r = httpx.post(light_server + "/store", content=body, headers={**AUTH, "Content-Type": "application/n-triples"},
                   timeout=30)
    assert r.status_code == 201 and r.headers["location"]
    graph = r.headers["location"]
    back = httpx.get(light_server + "/store", params={"graph": graph}, headers={"Accept": "application/n-triples"},
                     timeout=30)
    assert back.status_code == 200 and '"created"' in back.text
    assert httpx.delete(light_server + "/store", params={"graph": graph}, headers=AUTH, timeout=30).status_code == 204


def test_head_wherever_get_is(light_server: str) -> None:
    for path, params in (("/sparql", {"query": "ASK {}"}), ("/sparql", {}), ("/health", {}),
                         ("/.well-known/void", {}), ("/openapi.json", {})):
        get = httpx.get(light_server + path, params=params, timeout=30)
        head = httpx.head(light_server + path, params=params, timeout=30)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"], path
    allow = httpx.delete(light_server + "/health", timeout=30).headers["allow"]
    assert "HEAD" in allow and "GET" in allow


def test_a_request_with_both_query_and_update_is_refused(light_server: str) -> None:
    r = httpx.get(light_server + "/sparql", params={"query": "ASK {}", "update": "CLEAR ALL"}, timeout=30)
    assert r.status_code == 400 and r.headers["content-type"] == "application/problem+json"


def test_large_answers_are_gzipped_for_clients_that_accept_it(light_server: str) -> None:
    raw = httpx.get(light_server + "/sparql", params={"query": SELECT},
                    headers={"Accept-Encoding": "gzip", "Accept": "application/sparql-results+json"}, timeout=30)
    assert raw.headers.get("content-encoding") == "gzip"
    plain = httpx.get(light_server + "/sparql", params={"query": SELECT},
                      headers={"Accept-Encoding": "identity", "Accept": "application/sparql-results+json"}, timeout=30)
    assert "content-encoding" not in plain.headers
    assert raw.json() == plain.json()
    with httpx.stream("GET", light_server + "/dump.nq.gz", headers={"Accept-Encoding": "gzip"}, timeout=60) as dump:
        assert "content-encoding" not in dump.headers  # already a gzip file: not compressed twice
        gzip.decompress(dump.read())


def test_api_docs_load_nothing_from_outside(light_server: str) -> None:
    import re

    for page in ("/docs", "/redoc"):
        html = httpx.get(light_server + page, timeout=30)
        assert html.status_code == 200
        sources = re.findall(r'(?:src|href)="([^"]+)"', html.text)
        assert sources and all(s.startswith("/") for s in sources), sources
        for source in sources:
            assert httpx.get(light_server + source, timeout=30).status_code == 200, source
