"""Comparable entities over HTTP: same class, best first, each explained by what it shares."""

from __future__ import annotations

import httpx
import pytest

ID = "https://policykg.org/id/"
PKG = "PREFIX pkg: <https://policykg.org/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


def select(url: str, query: str) -> list[dict[str, str]]:
    r = httpx.post(url + "/sparql", data={"query": PKG + query}, headers={"Accept": "application/sparql-results+json"},
                   timeout=60)
    assert r.status_code == 200, r.text
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


def similar(url: str, path: str, **params: object) -> dict[str, object]:
    r = httpx.get(f"{url}/entities/{path}/similar", params=params, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def check_explained(url: str, answer: dict[str, object], cls: str) -> list[dict[str, object]]:
    results: list[dict[str, object]] = answer["results"]  # type: ignore[assignment]
    assert results and answer["type"] == cls
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]
    of_class = {row["x"] for row in select(url, f"SELECT ?x {{ ?x a pkg:{cls} }}")}
    assert all(r["iri"] in of_class and r["iri"] != answer["iri"] for r in results)
    assert any(r["shared"] for r in results), "the best ones share something with the entity"
    assert all(r["label"] for r in results)
    return results


def test_resolutions_like_660_are_the_iraq_kuwait_ones(server: str) -> None:
    results = check_explained(server, similar(server, "instrument/unsc-res-660-1990", k=5), "Resolution")
    gulf = {f"{ID}instrument/unsc-res-{n}-1990" for n in (661, 662, 678)}
    assert gulf & {r["iri"] for r in results[:3]}, [r["iri"] for r in results]


def test_programs_like_the_1540_program(server: str) -> None:
    program = select(server, 'SELECT ?p { ?p a pkg:Program ; rdfs:label ?l FILTER(CONTAINS(?l, "1540")) } LIMIT 1')
    assert program, "the sample sheets hold the UNSCR 1540 implementation program"
    path = program[0]["p"].removeprefix(ID)
    results = check_explained(server, similar(server, path, k=5), "Program")
    assert all(0 <= r["text"] <= 1 and 0 <= r["graph"] <= 1 for r in results)  # type: ignore[operator]


def test_states_compare_with_states_and_type_can_be_named(server: str) -> None:
    check_explained(server, similar(server, "state/HND", k=5), "State")
    assert similar(server, "state/HND", k=3, type="state")["type"] == "State"


@pytest.mark.parametrize("path, params, status", [
    ("state/XXX", {}, 404),
    ("theme/nothing-here", {}, 404),
    ("state/HND", {"k": 0}, 422),
    ("state/HND", {"type": "planet"}, 422),
])
def test_bad_requests_are_problems(server: str, path: str, params: dict[str, object], status: int) -> None:
    r = httpx.get(f"{server}/entities/{path}/similar", params=params, timeout=60)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
