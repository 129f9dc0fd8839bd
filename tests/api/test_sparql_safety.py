"""No request can make the server open a connection: SERVICE, LOAD, remote FROM, remote JSON-LD contexts.

A listener on 127.0.0.1:9 (the port the issue names; a free port when 9 cannot be bound)
records every connection; after each attempt, nothing may have arrived.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from urllib.parse import quote

import httpx
import pytest

from tests.conftest import TOKEN
from tests.listener import recording_listener

AUTH = {"Authorization": f"Bearer {TOKEN}"}
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[int, list[bytes]]]:
    with recording_listener(port=9) as witness:  # the port the issue names, else a free one
        yield witness


def queries(port: int) -> list[str]:
    target = f"http://127.0.0.1:{port}/"
    return [
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{target}sparql> {{ ?s ?p ?o }} }} }} }}",
        f"PREFIX x: <{target}> SELECT * WHERE {{ SERVICE x:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{target}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE\n# a comment between\n<{target}> {{ ?s ?p ?o }} }}",
        # Variants a text pattern missed or might miss; the tokenizer sees the keyword in each.
        f"SELECT * WHERE {{ {{}} .SERVICE <{target}sparql> {{ ?x ?y ?secret }} }}",
        f"SELECT * WHERE {{ {{}}.SERVICE<{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o .SeRvIcE SiLeNt <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ FILTER(true) SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p 1.SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{\r\n\tSERVICE#c\r\n#d\n\tSILENT#e\n<{target}>{{?s ?p ?o}} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ {{ ?a ?b ?c }} UNION {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ ?s ?p \"x\" . SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p '''x''' SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{target}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"BASE <{target}> SELECT * WHERE {{ SERVICE <> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ MINUS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ FILTER EXISTS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        # an escape inside an IRI, then '#': a tokenizer that stops the IRI at '\\' reads a comment
        f"SELECT * WHERE {{ BIND(<http://a/\\u0041#> AS ?x) SERVICE <{target}> {{ ?s ?p ?o }} }}",
    ]


def test_service_is_refused_and_connects_nowhere(light_server: str, listener) -> None:  # type: ignore[no-untyped-def]
    port, arrived = listener
    for query in queries(port):
        for headers in ({}, AUTH):  # the token does not open federation either
            r = httpx.get(light_server + "/sparql", params={"query": query}, headers=headers, timeout=30)
            assert r.status_code == 403, (query, r.text)
            assert r.headers["content-type"] == "application/problem+json"
    time.sleep(0.3)
    assert arrived == []


def test_remote_from_and_dataset_iris_are_graph_names_not_fetches(light_server: str, listener) -> None:  # type: ignore[no-untyped-def]
    port, arrived = listener
    remote = f"http://127.0.0.1:{port}/data.ttl"
    for params in ({"query": f"SELECT * FROM <{remote}> WHERE {{ ?s ?p ?o }}"},
                   {"query": f"SELECT * FROM NAMED <{remote}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
                   {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": remote, "named-graph-uri": remote}):
        r = httpx.get(light_server + "/sparql", params=params, timeout=30)
        assert r.status_code == 200 and r.json()["results"]["bindings"] == []
    time.sleep(0.3)
    assert arrived == []


def test_load_and_service_in_updates_are_refused(light_server: str, listener) -> None:  # type: ignore[no-untyped-def]
    port, arrived = listener
    target = f"http://127.0.0.1:{port}/data.ttl"
    for update in (f"LOAD <{target}> INTO GRAPH <http://example.org/loaded>",
                   f"LOAD SILENT <{target}>",
                   f"INSERT {{ GRAPH <http://example.org/g> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"):
        r = httpx.post(light_server + "/update", content=update,
                       headers={**AUTH, "Content-Type": "application/sparql-update"}, timeout=30)
        assert r.status_code == 403, (update, r.text)
    time.sleep(0.3)
    assert arrived == []


def test_service_and_load_variants_in_updates_connect_nowhere(light_server: str, listener) -> None:  # type: ignore[no-untyped-def]
    port, arrived = listener
    target = f"http://127.0.0.1:{port}/"
    graph = "<http://example.org/g>"
    for update in (f"INSERT {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ {{}} .SERVICE <{target}> {{ ?s ?p ?o }} }}",
                   f"insert {{ graph {graph} {{ ?s ?p ?o }} }} where {{ service silent <{target}> {{ ?s ?p ?o }} }}",
                   f"INSERT {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ {{ {{}} .SERVICE#x\n<{target}> {{ ?s ?p ?o }} }} }}",
                   f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ VALUES ?e {{ <{target}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
                   f"CLEAR SILENT GRAPH {graph} ; load\n<{target}data.ttl> INTO GRAPH {graph}",
                   f"CLEAR SILENT GRAPH {graph} ;LOAD#c\nSILENT <{target}data.ttl>"):
        for body, kind in ((update, "application/sparql-update"), (f"update={quote(update)}", FORM)):
            r = httpx.post(light_server + "/update", content=body, headers={**AUTH, "Content-Type": kind}, timeout=30)
            assert r.status_code == 403, (update, r.text)
            assert r.headers["content-type"] == "application/problem+json"
    time.sleep(0.3)
    assert arrived == []


def test_deep_nesting_is_refused_not_a_crash(light_server: str) -> None:
    query = "SELECT * WHERE " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000
    r = httpx.post(light_server + "/sparql", content=query, headers={"Content-Type": "application/sparql-query"},
                   timeout=30)
    assert r.status_code == 400 and "nests" in r.json()["detail"]
    update = "INSERT DATA { GRAPH <http://example.org/g> { <http://a> <http://b> " + "(" * 5000 + ")" * 5000 + " } }"
    r = httpx.post(light_server + "/update", content=update,
                   headers={**AUTH, "Content-Type": "application/sparql-update"}, timeout=30)
    assert r.status_code == 400 and "nests" in r.json()["detail"]
    assert httpx.get(light_server + "/sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200


def test_remote_json_ld_contexts_are_not_fetched(light_server: str, listener) -> None:  # type: ignore[no-untyped-def]
    port, arrived = listener
    body = f'{{"@context": "http://127.0.0.1:{port}/context.jsonld", "@id": "http://example.org/s", "name": "x"}}'
    r = httpx.put(light_server + "/store", params={"graph": "http://example.org/jsonld"}, content=body,
                  headers={**AUTH, "Content-Type": "application/ld+json"}, timeout=30)
    assert r.status_code == 400
    time.sleep(0.3)
    assert arrived == []
