"""Practices in /ask: the kind-word in four languages, and the template tying practices to themes, states and
programs, better-rated first."""

from __future__ import annotations

import json

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.ask.intent import Ranked
from kg.ask.intents import practices_related
from kg.ask.reading import read_question
from kg.constraints import Constraints
from kg.linking.linker import Link
from kg.sparql.execute import InProcessExecutor
from kg.sparql.run import QueryLimits, run_query
from ontology.iri import Iris
from ontology.namespaces import RDF, RDFS

IRIS = Iris("https://policykg.org/")
V = IRIS.ontology
STRONG, WEAK, NONE, UNRATED = (IRIS.base + f"id/practice/{n}" for n in ("strong", "weak", "none", "unrated"))
THEME, OTHER_THEME = IRIS.theme("firearms-control"), IRIS.theme("cybersecurity")
USA, PROGRAM = IRIS.state("USA"), IRIS.program("gun-project")


@pytest.mark.parametrize("question", [
    "Which practices reduce firearms violence?",
    "¿Qué prácticas reducen la violencia armada?",
    "Quais práticas reduzem a violência armada?",
    "Quelles pratiques réduisent la violence armée ?",
])
def test_the_practice_kind_word(question: str) -> None:
    assert read_question(question, language="xx", links=[], constraints=Constraints()).asks == "BestPractice"


@pytest.fixture(scope="module")
def executor() -> InProcessExecutor:
    from kg.store import scratch_store

    def t(s: str, p: str, o: str | Literal) -> Quad:
        return Quad(NamedNode(s), NamedNode(p), o if isinstance(o, Literal) else NamedNode(o))

    quads = []
    for practice, level in ((STRONG, "effective"), (WEAK, "promising"), (NONE, "no-effects"), (UNRATED, None)):
        quads += [t(practice, RDF + "type", V + "BestPractice"), t(practice, V + "hasTheme", THEME)]
        if level:
            rating = practice + "-rating"
            quads += [t(practice, V + "evidenceRating", rating),
                      t(rating, V + "evidenceLevel", IRIS.evidence_level(level)),
                      t(IRIS.evidence_level(level), RDFS + "label", Literal(level.replace("-", " ").capitalize()))]
    quads += [t(WEAK, V + "evaluatedIn", USA), t(PROGRAM, V + "implementsPractice", NONE),
              t(STRONG, V + "hasTheme", OTHER_THEME)]
    store = scratch_store()
    store.add_to_graph(IRIS.document_graph("practices"), quads)
    return InProcessExecutor(store)


def _rows(executor: InProcessExecutor, *links: Link) -> list[tuple[str, str | None]]:
    reading = read_question("Which practices work?", language="en", links=list(links), constraints=Constraints())
    plan = practices_related.plan(reading, Ranked((), ()), vocab=V)
    assert plan is not None and plan.from_graph
    body = json.loads(run_query(plan.sparql, executor=executor, limits=QueryLimits(5)).body)
    return [(b["answer"]["value"], b.get("role", {}).get("value")) for b in body["results"]["bindings"]]


def _link(iri: str, kind: str) -> Link:
    return Link("x", 0, 1, iri, "x", kind, 1.0, "label")


def test_practices_of_a_theme_come_best_rated_first(executor: InProcessExecutor) -> None:
    assert _rows(executor, _link(THEME, "Theme")) == [(STRONG, "Effective"), (WEAK, "Promising"),
                                                      (NONE, "No effects"), (UNRATED, None)]


def test_a_practice_tied_to_more_named_entities_comes_first(executor: InProcessExecutor) -> None:
    assert [p for p, _ in _rows(executor, _link(THEME, "Theme"), _link(USA, "State"))][:1] == [WEAK]
    assert [p for p, _ in _rows(executor, _link(PROGRAM, "Program"))] == [NONE]
    assert [p for p, _ in _rows(executor, _link(OTHER_THEME, "Theme"))] == [STRONG]


def test_no_practice_question_without_a_named_entity() -> None:
    reading = read_question("Which practices work?", language="en", links=[], constraints=Constraints())
    assert practices_related.plan(reading, Ranked((), ()), vocab=V) is None
