"""SPARQL inside search: ``/search?sparql=`` ranks only the passages a SELECT names, checked as on /sparql."""

from __future__ import annotations

import httpx
import pytest

PKG = "PREFIX pkg: <https://policykg.org/ontology#> "
HND = "https://policykg.org/id/state/HND"
YEAR_1990 = PKG + ("SELECT DISTINCT ?doc WHERE { ?doc a pkg:Document . { ?doc pkg:year 1990 } UNION "
                   "{ ?doc pkg:about ?a . ?a pkg:year|pkg:startYear 1990 } }")
#: the state filter's own reading: documents whose graph names the state anywhere
HND_DOCUMENTS = PKG + f"SELECT DISTINCT ?doc WHERE {{ GRAPH ?g {{ ?doc a pkg:Document . ?x ?p <{HND}> }} }}"


def hits(url: str, **params: object) -> list[dict[str, object]]:
    r = httpx.get(url + "/search", params={"k": 20, **params}, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()["hits"]  # type: ignore[no-any-return]


def passages(found: list[dict[str, object]]) -> list[str]:
    return [h["passage"]["iri"] for h in found]  # type: ignore[index]


@pytest.mark.parametrize("q", ["peace and security", "sanciones económicas"])
def test_a_year_query_restricts_as_the_year_filter_does(server: str, q: str) -> None:
    r = httpx.post(server + "/sparql", data={"query": YEAR_1990}, headers={"Accept": "application/sparql-results+json"},
                   timeout=60)
    of_1990 = {b["doc"]["value"] for b in r.json()["results"]["bindings"]}
    by_sparql = hits(server, q=q, sparql=YEAR_1990)
    assert by_sparql and passages(by_sparql) == passages(hits(server, q=q, year=1990))
    assert {h["document"]["iri"] for h in by_sparql} <= of_1990  # type: ignore[index]
    assert {h["document"]["iri"] for h in hits(server, q=q)} - of_1990, "unrestricted, other years rank too"  # type: ignore[index]


def test_a_state_query_restricts_to_documents_or_to_mentioning_passages(server: str) -> None:
    q = "destruction of weapons"
    by_documents = hits(server, q=q, sparql=HND_DOCUMENTS)
    assert by_documents and passages(by_documents) == passages(hits(server, q=q, state="HND"))
    # An entity column: only passages that mention Honduras compete.
    by_entity = hits(server, q=q, sparql=f"SELECT ?state {{ VALUES ?state {{ <{HND}> }} }}")
    assert by_entity
    assert all(HND in [e["iri"] for e in h["entities"]] for h in by_entity)  # type: ignore[attr-defined]
    # A passage column: exactly those passages, ranked.
    chosen = passages(by_entity)[:3]
    values = " ".join(f"<{p}>" for p in chosen)
    assert sorted(passages(hits(server, q=q, sparql=f"SELECT ?p {{ VALUES ?p {{ {values} }} }}"))) == sorted(chosen)


def test_an_empty_answer_leaves_no_candidates(server: str) -> None:
    assert hits(server, q="peace", sparql="SELECT ?x { FILTER(false) }") == []


@pytest.mark.parametrize("sparql, status", [
    ("ASK { ?s ?p ?o }", 400),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", 400),
    ("DELETE WHERE { ?s ?p ?o }", 400),
    ("SELECT * {", 400),
    ("SELECT ?s { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 403),
    ('PREFIX s: <urn:policykg:search#> SELECT ?p { SERVICE <urn:policykg:search> { [] s:query "x" ; s:passage ?p } }',
     400),
])
def test_a_refused_query_is_a_problem(server: str, sparql: str, status: int) -> None:
    r = httpx.get(server + "/search", params={"q": "peace", "sparql": sparql}, timeout=60)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
