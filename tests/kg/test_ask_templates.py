"""Reading a question, and each template bound and run on the guarded query path over a small graph."""

from __future__ import annotations

import json

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.ask.intent import Ranked
from kg.ask.intents import INTENTS, compare_states, instruments_cited, instruments_citing, laws_of_state, \
    program_actors, programs_related, states_involved
from kg.ask.reading import Reading, read_question
from kg.constraints import Constraints, YearRange, read_constraints
from kg.linking.linker import Link
from kg.sparql.execute import InProcessExecutor
from kg.sparql.run import QueryLimits, run_query
from ontology.iri import Iris
from ontology.namespaces import ELI, RDF

IRIS = Iris("https://policykg.org/")
V = IRIS.ontology
NOTHING = Ranked((), ())


@pytest.mark.parametrize(("question", "asks"), [
    ("Which programs help Honduras?", "Program"),
    ("¿Qué programas financia Canadá?", "Program"),
    ("Quais programas ajudam o Peru?", "Program"),
    ("Quels programmes aident le Pérou ?", "Program"),
    ("Which Caribbean island states joined in 1981?", "State"),
    ("¿Qué Estados participan en el programa?", "State"),
    ("Quels États ont bénéficié du programme ?", "State"),
    ("Que países recebem o programa?", "State"),
    ("Que resoluções citam a resolução 242?", "Resolution"),
    ("Quelle loi canadienne met en œuvre la convention ?", "NationalLaw"),
    ("¿Con el apoyo de qué organismo regional se hizo el diagnóstico?", "Organization"),
    ("What did the Council approve under the humanitarian programme?", None),
])
def test_what_a_question_asks_for(question: str, asks: str | None) -> None:
    assert read_question(question, language="xx", links=[], constraints=Constraints()).asks == asks


@pytest.mark.parametrize(("question", "years", "types"), [
    ("Which later resolutions mention resolution 242 (1967)?", (), ("resolution",)),
    ("¿Qué resoluciones se adoptaron después de 2010?", (YearRange(2011, None),), ("resolution",)),
    ("Que leis foram aprovadas entre 1990 e 1995?", (YearRange(1990, 1995),), ("law",)),
    ("Quels programmes en 1993 ?", (YearRange(1993, 1993),), ("program-sheet",)),
])
def test_constraints_of_a_question(question: str, years: tuple[YearRange, ...], types: tuple[str, ...]) -> None:
    c = read_constraints(question)
    assert (c.years, c.types) == (years, types)


def _link(iri: str, kind: str, start: int = 0, end: int = 1) -> Link:
    return Link("x", start, end, iri, iri.rsplit("/", 1)[-1], kind, 1.0, "label")


def _reading(question: str, *links: Link, years: tuple[YearRange, ...] = ()) -> Reading:
    return read_question(question, language="en", links=list(links), constraints=Constraints(years=years))


R242, R338, R660, R678 = (IRIS.unsc_resolution(n, y) for n, y in ((242, 1967), (338, 1973), (660, 1990), (678, 1990)))
PROGRAM, THEME = IRIS.program("port-security"), IRIS.theme("maritime-and-port-security")
GTM, CAN, CICTE = IRIS.state("GTM"), IRIS.state("CAN"), IRIS.org("cicte")
LAW = IRIS.law("CAN", "sc-1995-c-25")


@pytest.fixture(scope="module")
def executor() -> InProcessExecutor:
    from kg.store import scratch_store

    def t(s: str, p: str, o: str | Literal) -> Quad:
        return Quad(NamedNode(s), NamedNode(p), o if isinstance(o, Literal) else NamedNode(o))

    a = RDF + "type"
    quads = [t(r, a, V + "LegalInstrument") for r in (R242, R338, R660, R678)]
    quads += [t(r, V + "year", Literal(str(y), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
              for r, y in ((R242, 1967), (R338, 1973), (R660, 1990), (R678, 1990))]
    quads += [t(R338, ELI + "cites", R242), t(R678, ELI + "cites", R660), t(R678, ELI + "cites", R242)]
    quads += [t(PROGRAM, a, V + "Program"), t(PROGRAM, V + "hasTheme", THEME), t(PROGRAM, V + "beneficiary", GTM),
              t(PROGRAM, V + "fundedBy", CAN), t(PROGRAM, V + "partner", CICTE), t(GTM, a, V + "State"),
              t(CAN, a, V + "State"), t(CICTE, a, V + "Organization"),
              t(LAW, a, V + "NationalLaw"), t(LAW, ELI + "jurisdiction", CAN), t(LAW, V + "hasTheme", THEME)]
    store = scratch_store()
    store.add_to_graph(IRIS.document_graph("t"), quads)
    return InProcessExecutor(store)


def _answers(executor: InProcessExecutor, sparql: str) -> list[str]:
    body = json.loads(run_query(sparql, executor=executor, limits=QueryLimits(5)).body)
    return [b["answer"]["value"] for b in body["results"]["bindings"]]


@pytest.mark.parametrize(("module", "reading", "expected"), [
    (instruments_citing, _reading("Which resolutions cite resolution 242?", _link(R242, "Resolution", 28, 37)),
     [R338, R678]),
    (instruments_citing, _reading("Which resolutions cite 242 after 1980?", _link(R242, "Resolution", 23, 26),
                                  years=(YearRange(1981, None),)), [R678]),
    (instruments_cited, _reading("Which resolutions are cited by resolution 678?", _link(R678, "Resolution", 31, 45)),
     [R242, R660]),
    (programs_related, _reading("Which programs does Canada fund?", _link(CAN, "State", 20, 26)), [PROGRAM]),
    (programs_related, _reading("Which programs fund Guatemala?", _link(GTM, "State", 20, 29)), []),
    (program_actors, _reading("Who are the partners of the program?", _link(PROGRAM, "Program", 28, 35)), [CICTE]),
    (states_involved, _reading("Which states take part in the program?", _link(PROGRAM, "Program", 30, 37)),
     [CAN, GTM]),
    (laws_of_state, _reading("Which Canadian laws deal with port security?", _link(CAN, "State", 6, 14),
                             _link(THEME, "Theme", 30, 43)), [LAW]),
])
def test_each_template_binds_terms_and_answers(executor: InProcessExecutor, module: object, reading: Reading,
                                               expected: list[str]) -> None:
    plan = module.plan(reading, NOTHING, vocab=V)  # type: ignore[attr-defined]
    assert plan is not None and plan.from_graph
    assert sorted(_answers(executor, plan.sparql)) == sorted(expected)
    assert "#VALUES" not in plan.sparql and "#YEARS" not in plan.sparql


@pytest.mark.parametrize("question", [
    "Compare Guatemala and Canada: what do they share?",
    "¿Qué tienen en común Guatemala y Canadá, y en qué se diferencian?",
    "Quais são as diferenças entre a Guatemala e o Canadá?",
    "Qu'ont en commun le Guatemala et le Canada ?",
    "¿En qué se diferencian Guatemala y Canadá?",
    "En quoi le Guatemala et le Canada se distinguent-ils ?",
])
def test_a_comparison_of_two_states_is_read_in_four_languages(executor: InProcessExecutor, question: str) -> None:
    reading = _reading(question, _link(GTM, "State", 1, 2), _link(CAN, "State", 3, 4))
    plan = compare_states.plan(reading, NOTHING, vocab=V)
    assert plan is not None and plan.intent == "compare_states"
    body = json.loads(run_query(plan.sparql, executor=executor, limits=QueryLimits(5)).body)
    rows = {b["answer"]["value"]: (int(b["score"]["value"]), b["role"]["value"]) for b in body["results"]["bindings"]}
    # shared: the program (beneficiary vs donor), its partner and its theme; Canada only: its law
    assert rows == {PROGRAM: (2, "program: both"), CICTE: (2, "partner: both"), THEME: (2, "theme: both"),
                    LAW: (1, "law: CAN")}


def test_a_comparison_needs_two_states_and_a_cue() -> None:
    one = _reading("Compare Guatemala with its neighbours", _link(GTM, "State"))
    no_cue = _reading("Which programs help Guatemala and Canada?", _link(GTM, "State"), _link(CAN, "State", 2, 3))
    assert compare_states.plan(one, NOTHING, vocab=V) is None
    assert compare_states.plan(no_cue, NOTHING, vocab=V) is None
    programs = _reading("Which programs do Guatemala and Canada share?", _link(GTM, "State"), _link(CAN, "State", 2, 3))
    plan = compare_states.plan(programs, NOTHING, vocab=V)
    assert plan is not None and 'VALUES ?facet { "program" }' in plan.sparql


def test_templates_do_not_apply_without_what_they_need() -> None:
    reading = _reading("Which resolutions mention terrorism?")
    applicable = [m.__name__ for m in INTENTS if m.plan(reading, NOTHING, vocab=V) is not None]
    assert applicable == []  # no evidence, no linked entity: nothing to bind
