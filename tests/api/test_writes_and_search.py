"""Writes through SPARQL Update and the Graph Store Protocol leave the search indexes in agreement with the store.

On the real server (the slice ingested with the real models): passages come from document
graphs only, and document graphs cannot be written there, so after any such write the
passage count of /health equals the passages SPARQL finds in document graphs, and search
answers as before.
"""

from __future__ import annotations

import httpx

from tests.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PKG = "https://policykg.org/ontology#"
USER_GRAPH = "http://example.org/annotations/harbours"
PASSAGES_IN_DOCUMENTS = f"""SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{
  GRAPH ?g {{ ?p a <{PKG}Passage> }} FILTER(STRSTARTS(STR(?g), "https://policykg.org/graph/document/")) }}"""


def passages_in_store(url: str) -> int:
    r = httpx.get(url + "/sparql", params={"query": PASSAGES_IN_DOCUMENTS}, timeout=60)
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def top_sources(url: str, q: str) -> list[str]:
    r = httpx.get(url + "/search", params={"q": q, "k": 5, "mode": "bm25"}, timeout=60)
    return [h["document"]["source"] for h in r.json()["hits"]]


def test_writes_keep_the_index_in_agreement(server: str) -> None:
    before = httpx.get(server + "/health", timeout=30).json()
    assert before["passages"] == passages_in_store(server)
    query = "Iraqi invasion of Kuwait"
    hits_before = top_sources(server, query)
    fake_passage = f"""<http://example.org/p1> a <{PKG}Passage> ; <{PKG}text> "Iraqi invasion of Kuwait zebra" ;
        <{PKG}partOf> <http://example.org/doc> ; <{PKG}start> 0 ; <{PKG}end> 10 ; <{PKG}section> "x" ; <{PKG}position> 0 ."""
    assert httpx.put(server + "/store", params={"graph": USER_GRAPH}, content=fake_passage,
                     headers={**AUTH, "Content-Type": "text/turtle"}).status_code == 201
    update = f'INSERT DATA {{ GRAPH <{USER_GRAPH}> {{ <https://policykg.org/id/state/JAM> <{PKG}note> "ports" }} }}'
    assert httpx.post(server + "/update", content=update,
                      headers={**AUTH, "Content-Type": "application/sparql-update"}).status_code == 200
    seen = httpx.get(server + "/sparql", params={"query": f'ASK {{ ?s <{PKG}note> "ports" }}'}).json()
    assert seen["boolean"] is True, "the write is visible to SPARQL at once"
    health = httpx.get(server + "/health", timeout=30).json()
    assert health["quads"] > before["quads"]
    assert {**health, "quads": 0} == {**before, "quads": 0} and health["passages"] == passages_in_store(server)
    assert top_sources(server, query) == hits_before, "a graph outside the documents never feeds search"

    document_graph = httpx.get(server + "/documents", timeout=30).json()["documents"][0]["graph"]
    refused = [
        httpx.put(server + "/store", params={"graph": document_graph}, content=fake_passage,
                  headers={**AUTH, "Content-Type": "text/turtle"}),
        httpx.delete(server + "/store", params={"graph": document_graph}, headers=AUTH),
        httpx.post(server + "/update", content=f"DROP GRAPH <{document_graph}>",
                   headers={**AUTH, "Content-Type": "application/sparql-update"}),
    ]
    assert [r.status_code for r in refused] == [403, 403, 403]
    assert all("/documents" in r.json()["detail"] for r in refused)
    assert httpx.delete(server + "/store", params={"graph": USER_GRAPH}, headers=AUTH).status_code == 204
    assert httpx.get(server + "/health", timeout=30).json() == before
