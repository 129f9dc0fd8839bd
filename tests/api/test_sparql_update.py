"""SPARQL Update at /update: token, user named graphs only, the union recomputed in the same transaction."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
UPDATE = {**AUTH, "Content-Type": "application/sparql-update"}
EX = "http://example.org/upd/"


def ask(url: str, query: str) -> bool:
    r = httpx.get(url + "/sparql", params={"query": query}, timeout=30)
    assert r.status_code == 200, r.text
    return bool(r.json()["boolean"])


def update(url: str, text: str, **params: str) -> httpx.Response:
    return httpx.post(url + "/update", params=params, content=text, headers=UPDATE, timeout=30)


def test_updates_need_the_token_and_post(light_server: str) -> None:
    text = f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} }}"
    r = httpx.post(light_server + "/update", content=text, headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert httpx.get(light_server + "/update", params={"update": text}).status_code == 405
    assert not ask(light_server, f"ASK {{ <{EX}a> ?p ?o }}")
    form = httpx.post(light_server + "/update", data={"update": text}, headers=AUTH)
    assert form.status_code == 200 and form.json()["graphs"] == [f"{EX}g"]
    assert ask(light_server, f"ASK {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} }}")
    assert ask(light_server, f"ASK {{ <{EX}a> <{EX}p> 1 }}"), "and in the union default graph"
    assert update(light_server, f"DROP GRAPH <{EX}g>").status_code == 200
    assert not ask(light_server, f"ASK {{ <{EX}a> <{EX}p> 1 }}")


def test_the_union_is_recomputed_for_the_graphs_touched(light_server: str) -> None:
    assert update(light_server, f"""INSERT DATA {{ GRAPH <{EX}g1> {{ <{EX}s> <{EX}p> "shared", "only-1" }}
                                               GRAPH <{EX}g2> {{ <{EX}s> <{EX}p> "shared" }} }}""").status_code == 200
    r = update(light_server, f"DELETE {{ GRAPH <{EX}g1> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{EX}g1> {{ ?s ?p ?o }} }}")
    assert r.status_code == 200 and r.json()["graphs"] == [f"{EX}g1"]
    assert ask(light_server, f'ASK {{ <{EX}s> <{EX}p> "shared" }}'), "still stated by g2"
    assert not ask(light_server, f'ASK {{ <{EX}s> <{EX}p> "only-1" }}')
    assert update(light_server, f"MOVE <{EX}g2> TO <{EX}g3>").status_code == 200
    assert ask(light_server, f'ASK {{ GRAPH <{EX}g3> {{ <{EX}s> <{EX}p> "shared" }} }}')
    assert ask(light_server, f'ASK {{ <{EX}s> <{EX}p> "shared" }}')
    assert update(light_server, f"DROP GRAPH <{EX}g3>").status_code == 200
    assert not ask(light_server, f'ASK {{ <{EX}s> <{EX}p> "shared" }}')


@pytest.mark.parametrize("text, status, words", [
    (f"INSERT DATA {{ <{EX}a> <{EX}p> 1 }}", 403, "default graph"),
    ("CLEAR ALL", 403, "ALL"),
    ("DROP DEFAULT", 403, "default graph"),
    (f"MOVE DEFAULT TO <{EX}g>", 403, "default graph"),
    (f"DELETE WHERE {{ GRAPH ?g {{ <{EX}a> ?p ?o }} }}", 403, "graph variable"),
    ("DROP GRAPH <https://policykg.org/graph/reference/states>", 403, "managed by policykg"),
    ("INSERT DATA { GRAPH <https://policykg.org/graph/document/abc> { <http://x/a> <http://x/p> 1 } }", 403, "/documents"),
    ("CLEAR XYZ", 400, "line 1, column"),
    (f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> }} }}", 400, "syntax error"),
])
def test_refused_updates_change_nothing(light_server: str, text: str, status: int, words: str) -> None:
    before = httpx.get(light_server + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"})
    r = update(light_server, text)
    assert r.status_code == status and words in r.json()["detail"], r.text
    after = httpx.get(light_server + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"})
    assert before.json() == after.json()


def test_protocol_dataset_parameters(light_server: str) -> None:
    """``using-graph-uri`` (the W3C protocol test update_dataset_default_graph, without its CLEAR ALL)."""
    data, out = "http://kasei.us/2009/09/sparql/data/data1.rdf", "http://example.org/protocol-update-dataset-test/"
    text = f"""PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
INSERT DATA {{ GRAPH <{data}> {{ <{data}> a foaf:Document }} }} ;
INSERT {{ GRAPH <{out}> {{ ?s a dc:BibliographicResource }} }} WHERE {{ ?s a foaf:Document }}"""
    assert update(light_server, text, **{"using-graph-uri": data}).status_code == 200
    assert ask(light_server, f"ASK {{ GRAPH <{out}> {{ <{data}> a <http://purl.org/dc/terms/BibliographicResource> }} }}")
    conflict = update(light_server, f"WITH <{out}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}", **{"using-graph-uri": data})
    assert conflict.status_code == 400
    update(light_server, f"DROP GRAPH <{out}> ; DROP GRAPH <{data}>")
