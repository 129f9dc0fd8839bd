"""Search inside SPARQL over HTTP and in the CLI: a search block means the same as VALUES of /search's hits."""

from __future__ import annotations

import httpx
import pytest

PREFIXES = """PREFIX pkg: <https://policykg.org/ontology#>
PREFIX search: <urn:policykg:search#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
#: The search block, then what the query does with its hits: the states the passages mention.
BLOCK = ('SERVICE <urn:policykg:search> {{ [] search:query "{q}" ; search:k 8 ; search:passage ?passage ; '
         "search:document ?doc ; search:score ?score ; search:rank ?rank }}")
REST = "OPTIONAL { ?passage pkg:mentions ?state . ?state a pkg:State }"


def query(block: str) -> str:
    return PREFIXES + "SELECT ?rank ?passage ?doc ?score ?state WHERE { " + block + " " + REST + " } ORDER BY ?rank ?state"


def rows(url: str, text: str) -> list[dict[str, str]]:
    r = httpx.post(url + "/sparql", data={"query": text}, headers={"Accept": "application/sparql-results+json"},
                   timeout=60)
    assert r.status_code == 200, r.text
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


@pytest.mark.parametrize("q", ["financing of terrorism", "financiación del terrorismo"])
def test_a_search_block_gives_the_rows_of_the_same_query_with_values(server: str, q: str) -> None:
    hits = httpx.get(server + "/search", params={"q": q, "k": 8}, timeout=60).json()["hits"]
    assert hits
    values = " ".join(f'({h["rank"]} <{h["passage"]["iri"]}> <{h["document"]["iri"]}> "{h["score"]!r}"^^xsd:double)'
                      for h in hits)
    with_block = rows(server, query(BLOCK.format(q=q)))
    with_values = rows(server, query(f"VALUES (?rank ?passage ?doc ?score) {{ {values} }}"))
    assert with_block == with_values
    assert [r["passage"] for r in with_block if r["rank"] == "1"][0] == hits[0]["passage"]["iri"]


def test_search_block_errors_are_problems(server: str) -> None:
    for query, status in [
        (PREFIXES + 'SELECT * { SERVICE <urn:policykg:search> { [] search:query "x" } }', 400),  # no output
        (PREFIXES + 'SELECT * { SERVICE <urn:policykg:search> { [] search:query "x" ; search:k 1000 ; '
                    "search:passage ?p } }", 400),  # k past search_k_max (the searcher refuses)
        (PREFIXES + 'SELECT * { SERVICE <urn:policykg:search> { [] search:query "x" ; search:embedder "nope" ; '
                    "search:passage ?p } }", 400),
        (PREFIXES + "SELECT * { SERVICE <urn:policykg:other> { ?s ?p ?o } }", 403),  # not the reserved IRI
    ]:
        r = httpx.post(server + "/sparql", data={"query": query}, timeout=60)
        assert r.status_code == status, r.text
        assert r.headers["content-type"] == "application/problem+json"


def test_the_service_description_names_the_search_service(server: str) -> None:
    r = httpx.get(server + "/sparql", headers={"Accept": "text/turtle"}, timeout=30)
    assert "urn:policykg:search" in r.text


def readme_block_query() -> str:
    """The search-in-SPARQL query of the README, exactly as written there."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme[readme.index("## Search and SPARQL together"):]
    return section[section.index("```sparql\n") + len("```sparql\n"):section.index("```\n", section.index("```sparql"))]


@pytest.mark.parametrize("q", ["financing of terrorism", "financiación del terrorismo"])
def test_the_readme_query_runs_as_written(server: str, q: str) -> None:
    text = readme_block_query()
    assert '"financing of terrorism"' in text
    found = rows(server, text.replace('"financing of terrorism"', f'"{q}"'))
    assert found and all(r["state"].startswith("https://policykg.org/id/state/") and r["label"] for r in found)
    best = [float(r["best"]) for r in found]
    assert best == sorted(best, reverse=True)


def test_the_readme_search_restriction_runs_as_written(server: str) -> None:
    sparql = ("PREFIX pkg: <https://policykg.org/ontology#> SELECT ?doc { ?doc pkg:about ?r . ?r pkg:year ?y . "
              "FILTER(?y > 1990) ?p pkg:partOf ?doc ; pkg:mentions ?haiti . "
              "FILTER(?haiti = <https://policykg.org/id/state/HTI>) }")
    r = httpx.get(server + "/search", params={"q": "sanctions", "sparql": sparql}, timeout=60)
    assert r.status_code == 200, r.text
    found = {h["document"]["iri"] for h in r.json()["hits"]}
    haiti_after_1990 = {row["doc"] for row in rows(server, sparql)}
    assert found and found <= haiti_after_1990
