"""The Graph Store Protocol at /store: public reads, token-protected writes, the union kept exact."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TTL = {"Content-Type": "text/turtle"}
G1, G2 = "http://example.org/gsp/one", "http://example.org/gsp/two"


def ask(url: str, query: str) -> bool:
    r = httpx.get(url + "/sparql", params={"query": query}, timeout=30)
    assert r.status_code == 200, r.text
    return bool(r.json()["boolean"])


def test_writes_need_the_token(light_server: str) -> None:
    body = "<http://example.org/a> <http://example.org/p> 1 ."
    for headers in (TTL, {**TTL, "Authorization": "Bearer wrong-token-0123456789"}):
        for method in ("PUT", "POST"):
            r = httpx.request(method, light_server + "/store", params={"graph": G1}, content=body, headers=headers)
            assert r.status_code == 401 and r.headers["content-type"] == "application/problem+json"
        assert httpx.delete(light_server + "/store", params={"graph": G1}, headers=headers).status_code == 401
    assert httpx.get(light_server + "/store", params={"graph": G1}).status_code == 404, "nothing was written"


def test_put_get_post_delete_round_trip(light_server: str) -> None:
    store = light_server + "/store"
    r = httpx.put(store, params={"graph": G1}, content="<a> <http://example.org/p> _:x . _:x <http://example.org/q> 1 .",
                  headers={**AUTH, **TTL})
    assert r.status_code == 201
    assert httpx.put(store, params={"graph": G1}, content="<http://example.org/a> <http://example.org/p> 1 .",
                     headers={**AUTH, **TTL}).status_code == 204
    got = httpx.get(store, params={"graph": G1}, headers={"Accept": "application/n-triples"})
    assert got.status_code == 200 and got.text.strip() == (
        '<http://example.org/a> <http://example.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    quads = httpx.get(store, params={"graph": G1}, headers={"Accept": "application/n-quads"})
    assert f"<{G1}> ." in quads.text, "N-Quads keep the graph name"
    assert httpx.head(store, params={"graph": G1}).status_code == 200
    for _ in range(2):  # the same label in two POSTs is two different blank nodes
        r = httpx.post(store, params={"graph": G1}, content="_:b <http://example.org/n> 7 .", headers={**AUTH, **TTL})
        assert r.status_code == 204
    count = httpx.get(light_server + "/sparql", params={
        "query": f"SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE {{ GRAPH <{G1}> {{ ?b <http://example.org/n> 7 }} }}"})
    assert count.json()["results"]["bindings"][0]["n"]["value"] == "2"
    assert ask(light_server, "ASK { <http://example.org/a> <http://example.org/p> 1 }"), "in the union default graph"
    assert httpx.delete(store, params={"graph": G1}, headers=AUTH).status_code == 204
    assert httpx.get(store, params={"graph": G1}).status_code == 404
    assert httpx.delete(store, params={"graph": G1}, headers=AUTH).status_code == 404
    assert not ask(light_server, "ASK { <http://example.org/a> <http://example.org/p> 1 }")


def test_the_default_graph_stays_the_union(light_server: str) -> None:
    store, triple = light_server + "/store", "<http://example.org/shared> <http://example.org/p> 'both' ."
    G1, G2 = "http://example.org/gsp/union-1", "http://example.org/gsp/union-2"  # noqa: N806
    for g in (G1, G2):
        assert httpx.put(store, params={"graph": g}, content=triple, headers={**AUTH, **TTL}).status_code == 201
    union = httpx.get(store, params={"default": ""}, headers={"Accept": "application/n-triples"})
    assert union.text.count("<http://example.org/shared>") == 1, "one triple in the union"
    httpx.delete(store, params={"graph": G1}, headers=AUTH)
    assert ask(light_server, "ASK { <http://example.org/shared> ?p 'both' }"), "still stated by the other graph"
    httpx.delete(store, params={"graph": G2}, headers=AUTH)
    assert not ask(light_server, "ASK { <http://example.org/shared> ?p 'both' }")


@pytest.mark.parametrize("params, headers, body, status", [
    ({"default": ""}, TTL, "<http://example.org/a> <http://example.org/p> 1 .", 403),
    ({"graph": "https://policykg.org/graph/document/0123abcd"}, TTL, "<http://example.org/a> <http://example.org/p> 1 .", 403),
    ({"graph": "https://policykg.org/graph/reference/states"}, TTL, "<http://example.org/a> <http://example.org/p> 1 .", 403),
    ({"graph": G1}, TTL, "<http://example.org/a> <http://example.org/p> .", 400),
    ({"graph": G1}, {"Content-Type": "text/plain"}, "hello", 415),
    ({"graph": G1, "default": ""}, TTL, "<http://example.org/a> <http://example.org/p> 1 .", 400),
    ({"graph": "not an iri"}, {"Content-Type": "application/n-triples"}, "<http://example.org/a> <http://example.org/p> 1 .", 400),
    ({"graph": G1}, {"Content-Type": "application/trig"}, "<http://example.org/g> { <http://example.org/a> <http://example.org/p> 1 }", 400),
])
def test_refused_writes(light_server: str, params: dict[str, str], headers: dict[str, str], body: str, status: int) -> None:
    r = httpx.put(light_server + "/store", params=params, content=body, headers={**AUTH, **headers})
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"


def test_reads_are_public_and_negotiated(light_server: str) -> None:
    graph = "https://policykg.org/graph/reference/themes"
    for accept, media in [("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
                          ("application/rdf+xml", "application/rdf+xml"), ("application/trig", "application/trig")]:
        r = httpx.get(light_server + "/store", params={"graph": graph}, headers={"Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(media) and r.content
    assert httpx.get(light_server + "/store", params={"graph": graph}, headers={"Accept": "text/csv"}).status_code == 406
    assert httpx.get(light_server + "/store").status_code == 400
