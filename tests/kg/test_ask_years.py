"""The years a question asks bound the answers read from passages, where the graph knows an answer's year."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.ask.intent import Ranked
from kg.ask.intents import entities_of_evidence, instrument_of_evidence
from kg.ask.reading import read_question
from kg.constraints import Constraints, YearRange
from kg.sparql.execute import InProcessExecutor
from kg.sparql.run import QueryLimits, run_query
from ontology.iri import Iris
from ontology.namespaces import RDF, XSD

IRIS = Iris("https://policykg.org/")
V = IRIS.ontology
OLD, NEW = IRIS.unsc_resolution(242, 1967), IRIS.unsc_resolution(678, 1990)
UNDATED = IRIS.law("CAN", "undated-act")  # a law whose year the graph does not hold
DOC, PASSAGE = IRIS.document("d1"), IRIS.document("d1") + "/p1"


@pytest.fixture(scope="module")
def executor() -> InProcessExecutor:
    from kg.store import scratch_store

    def t(s: str, p: str, o: str | Literal) -> Quad:
        return Quad(NamedNode(s), NamedNode(p), o if isinstance(o, Literal) else NamedNode(o))

    quads = [t(OLD, RDF + "type", V + "Resolution"), t(NEW, RDF + "type", V + "Resolution"),
             t(UNDATED, RDF + "type", V + "Resolution"),
             t(OLD, V + "year", Literal("1967", datatype=NamedNode(XSD + "integer"))),
             t(NEW, V + "year", Literal("1990", datatype=NamedNode(XSD + "integer")))]
    quads += [t(DOC, V + "about", r) for r in (OLD, NEW, UNDATED)]
    quads += [t(PASSAGE, V + "mentions", r) for r in (OLD, NEW, UNDATED)]
    store = scratch_store()
    store.add_to_graph(IRIS.document_graph("d1"), quads)
    return InProcessExecutor(store)


def _answers(executor: InProcessExecutor, sparql: str) -> set[str]:
    body = json.loads(run_query(sparql, executor=executor, limits=QueryLimits(5)).body)
    return {b["answer"]["value"] for b in body["results"]["bindings"]}


@pytest.mark.parametrize(("years", "undated", "expected"), [
    ((), True, {OLD, NEW, UNDATED}),
    ((YearRange(1980, None),), True, {NEW, UNDATED}),
    ((YearRange(None, 1970),), True, {OLD, UNDATED}),
    ((YearRange(2030, None),), True, {UNDATED}),
    ((YearRange(1980, None),), False, {NEW}),  # no stored document of those years: only a known year fits
])
@pytest.mark.parametrize("module", [instrument_of_evidence, entities_of_evidence])
def test_answers_of_other_years_are_left_out(executor: InProcessExecutor, module: Any, years: tuple[YearRange, ...],
                                             undated: bool, expected: set[str]) -> None:
    reading = read_question("Which resolution was that?", language="en", links=[],
                            constraints=Constraints(years=years, types=("resolution",), undated_answers=undated))
    plan = module.plan(reading, Ranked(((PASSAGE, 1),), ((DOC, 1),)), vocab=V)
    assert plan is not None and _answers(executor, plan.sparql) == expected


@pytest.mark.parametrize("question", [
    "Which resolutions did the Council adopt after 2030?",
    "¿Qué resoluciones se adoptaron después de 2030?",
    "Quais resoluções foram adotadas depois de 2030?",
    "Quelles résolutions ont été adoptées après 2030 ?",
])
def test_years_no_document_has_are_said_not_guessed(server: str, question: str) -> None:
    body = httpx.get(server + "/ask", params={"q": question}, timeout=120).json()
    assert body["constraints"]["years"] == [{"start": 2031, "end": None}]
    assert body["answers"] == [] and "2031 or later" in body["reason"], body["reason"]
