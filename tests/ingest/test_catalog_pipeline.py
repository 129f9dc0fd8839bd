"""Catalogs through the real pipeline: practices, rating nodes, states, suggested links, all or nothing.

The store has no dense index here (``embedders=()``): suggestions then rest on shared themes
alone, which is the case these tests pin down; text similarity is tested on its own in
tests/kg/test_practice_suggestions.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.pipeline import Ingestor
from kg.errors import BadInput
from kg.practices.graph import GRAPH, refresh_practice_suggestions
from kg.practices.ratings import ratings_of
from kg.search import Filters, Searcher
from kg.settings import Settings
from kg.workspace import Workspace
from tests.ingest.test_catalog_readers import TOOLBOX_CSV, TOOLBOX_MAPPING

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
PKG = "https://policykg.org/ontology#"
ID = "https://policykg.org/id/"
RECORDS = [
    {"id": "p-1", "title": "Gun Violence Interruptions", "profile_type": "practice",
     "rating": "Promising (Violence | Shootings); No Effects (Fear of crime)",
     "description": "Outreach workers mediate disputes to stop armed violence and seize illegal firearms.",
     "population": "young men at risk", "setting": "", "country": "", "source_url": "https://example.org/p/1"},
    {"id": "g-7", "title": "Calm Streets (Springfield)", "profile_type": "program", "rating": "Effective - One study",
     "description": "Calm Streets is a gun violence interruption effort run by a city hospital.",
     "population": "", "setting": "four districts of Guatemala City", "country": "Guatemala",
     "source_url": "https://example.org/g/7"},
]


def jsonl(records: list[dict[str, str]]) -> str:
    return "\n".join(json.dumps(r) for r in records) + "\n"


@pytest.fixture()
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace(Settings(store=tmp_path / "store", embedders=()))
    yield workspace
    workspace.close()


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    # The bundled CrimeSolutions-style mapping recognises these field names: no mapping file needed.
    (d / "toolkit.jsonl").write_text(jsonl(RECORDS), encoding="utf-8")
    (d / "pacam.txt").write_bytes((SAMPLE / "pacam.txt").read_bytes())
    return d


def values(ws: Workspace, query: str) -> list[tuple[str, ...]]:
    rows = ws.store.select(f"PREFIX pkg: <{PKG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> {query}")
    return sorted(tuple(str(getattr(t, "value", "")) for t in row) for row in rows)


def snapshot(ws: Workspace) -> list[str]:
    return sorted(str(q) for q in ws.store.quads())


def test_records_become_practices_with_rating_nodes_states_and_their_practice(ws: Workspace, folder: Path) -> None:
    report = Ingestor(ws, use_ner=False).ingest_paths([folder])
    assert sorted(report.added) == ["pacam", "toolkit"] and not report.failed
    assert [d["type"] for d in report.documents if d["source"] == "toolkit"] == ["practice"]
    assert values(ws, "SELECT ?x WHERE { ?x a pkg:BestPractice }") == [
        (ID + "practice/calm-streets-springfield",), (ID + "practice/gun-violence-interruptions",)]
    assert values(ws, "SELECT ?x WHERE { ?x a pkg:EvaluatedProgram }") == [(ID + "practice/calm-streets-springfield",)]
    ratings = ratings_of(ws.store, ws.iris, ID + "practice/gun-violence-interruptions")
    assert [(r.level_label, r.outcome, r.rated_by, r.source) for r in ratings] == [
        ("Promising", "Violence | Shootings", "CrimeSolutions", "https://example.org/p/1"),
        ("No effects", "Fear of crime", "CrimeSolutions", "https://example.org/p/1")]
    assert values(ws, "SELECT ?x ?s WHERE { ?x pkg:evaluatedIn ?s }") == [
        (ID + "practice/calm-streets-springfield", ID + "state/GTM")]
    # the program's description names the practice: asserted, with its confidence and span kept
    assert values(ws, "SELECT ?p WHERE { ?x pkg:implementsPractice ?p }") == [
        (ID + "practice/gun-violence-interruptions",)]
    assert values(ws, "SELECT ?c WHERE { ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> "
                      "pkg:implementsPractice ; pkg:confidence ?c }") == [("0.8",)]
    # provenance to record and field: each passage's section names its field and its record
    sections = values(ws, "SELECT ?s WHERE { ?p pkg:mentions <%spractice/calm-streets-springfield> ; "
                          "pkg:section ?s }" % ID)
    assert sections == [("description g-7",), ("fields g-7",), ("setting g-7",)]


def test_suggestions_are_explained_kept_apart_and_never_asserted(ws: Workspace, folder: Path) -> None:
    Ingestor(ws, use_ner=False).ingest_paths([folder])
    graph = ws.iris.suggestions_graph(GRAPH)
    rows = values(ws, f"""SELECT ?practice ?target ?theme ?method ?why WHERE {{ GRAPH <{graph}> {{
        ?s a pkg:PracticeSuggestion ; pkg:suggests ?practice ; pkg:suggestedFor ?target ; pkg:method ?method ;
           pkg:sharedTheme ?theme ; rdfs:comment ?why }} }}""")
    pairs = {(p, t, th) for p, t, th, _, _ in rows}
    assert (ID + "practice/gun-violence-interruptions", ID + "program/pacam", ID + "theme/firearms-control") in pairs
    assert {m for _, _, _, m, _ in rows} == {"themes"}  # no dense index: themes alone
    why = next(w for p, t, _, _, w in rows if p.endswith("gun-violence-interruptions"))
    assert "Gun Violence Interruptions may be relevant to Programa de Asistencia" in why
    assert "Firearms and ammunition control" in why and why.endswith("not a fact.")
    # never a fact: no triple links the practice and the program directly
    direct = values(ws, f"SELECT ?p WHERE {{ <{ID}practice/gun-violence-interruptions> ?p <{ID}program/pacam> }}")
    assert direct == []
    # idempotent: recomputing gives the same graph
    before = snapshot(ws)
    refresh_practice_suggestions(ws.store, ws.iris, passages=ws.passages(), embedder=None)
    assert snapshot(ws) == before


def test_search_filters_by_type_practice(ws: Workspace, folder: Path) -> None:
    Ingestor(ws, use_ner=False).ingest_paths([folder])
    hits = Searcher(ws).search("violence firearms", k=10, mode="bm25", filters=Filters(type="practice")).hits
    assert hits and {h.document.source for h in hits} == {"toolkit"}
    assert any(e.type in ("BestPractice", "EvaluatedProgram") for h in hits for e in h.entities)


def test_a_bad_catalog_aborts_the_run_and_deleting_a_catalog_drops_its_suggestions(ws: Workspace,
                                                                                    folder: Path) -> None:
    ingestor = Ingestor(ws, use_ner=False)
    ingestor.ingest_paths([folder])
    before = snapshot(ws)
    (folder / "broken.jsonl").write_text(jsonl(RECORDS) + '{"id": "x", "title": "Y", "description": "z", '
                                         '"rating": "Quite good"}\n', encoding="utf-8")
    with pytest.raises(BadInput, match="broken.jsonl: .*record 3 .*does not start with an evidence level"):
        ingestor.ingest_paths([folder])
    assert snapshot(ws) == before
    (folder / "broken.jsonl").unlink()
    ingestor.delete("toolkit")
    graph = ws.iris.suggestions_graph(GRAPH)
    assert list(ws.store.quads(graph=graph)) == []
    assert not values(ws, "SELECT ?x WHERE { ?x a pkg:BestPractice }")


def test_csv_catalog_with_other_field_names_ingests_through_its_mapping(ws: Workspace, tmp_path: Path) -> None:
    d = tmp_path / "toolbox"
    d.mkdir()
    (d / "caja.csv").write_text(TOOLBOX_CSV, encoding="utf-8")
    (d / "caja.policykg.toml").write_text(TOOLBOX_MAPPING, encoding="utf-8")
    report = Ingestor(ws, use_ner=False).ingest_paths([d])
    assert report.added == ["caja"]
    assert values(ws, "SELECT ?x ?s WHERE { ?x pkg:evaluatedIn ?s }") == [
        (ID + "practice/patrulla-norte", ID + "state/CHL"), (ID + "practice/patrullas-de-barrio", ID + "state/MEX")]
    levels = values(ws, "SELECT ?x ?l WHERE { ?x pkg:evidenceRating/pkg:evidenceLevel ?l }")
    assert levels == [(ID + "practice/patrulla-norte", ID + "evidence-level/promising"),
                      (ID + "practice/patrullas-de-barrio", ID + "evidence-level/effective")]
    # declared in the record: asserted for certain
    assert values(ws, "SELECT ?x ?p WHERE { ?x pkg:implementsPractice ?p }") == [
        (ID + "practice/patrulla-norte", ID + "practice/patrullas-de-barrio")]
    assert values(ws, "SELECT ?r WHERE { ?x pkg:evidenceRating ?n . ?n pkg:ratedBy ?r }") == [
        ("Caja de herramientas",), ("Caja de herramientas",)]
