"""``ask``: a question in en/es/pt/fr → linked entities, an intent, its SPARQL run on the guarded path,
answers, and the passages that support them.

Steps, each timed: link (:mod:`kg.linking`), read (:mod:`kg.ask.reading`, :mod:`kg.constraints`),
search (the evidence, :class:`kg.search.Searcher`), plan and run (the first intent of
:data:`kg.ask.intents.INTENTS` whose query answers, through :func:`kg.sparql.run.run_query` like
any ``/sparql`` query), describe (labels, ISO codes, symbols) and support (evidence restricted to
the answers' passages when the answers come from the graph).
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from collections.abc import Callable, Sequence
from typing import cast

from pyoxigraph import Literal, NamedNode

from kg.ask.intent import Intent, Ranked
from kg.ask.intents import INTENTS
from kg.ask.reading import read_question
from kg.ask.result import AnswerEntity, AskResult, EvidencePassage, IntentChoice
from kg.ask.scope import documents_in_scope
from kg.constraints import Constraints, read_constraints
from kg.errors import BadInput
from kg.linking.cache import LinkerCache
from kg.linking.linker import Link, Linker
from kg.linking.programs import ProgramLinks, question_encoder
from kg.search import Hit, Searcher, is_blank
from kg.sparql.execute import QueryExecutor
from kg.sparql.run import QueryLimits, run_query
from kg.workspace import Workspace

MAX_QUESTION = 2000
LANGUAGES = ("en", "es", "pt", "fr")
#: what the passages answers are read from are restricted by (:data:`kg.ask.scope.SCOPES`), and whether the
#: evidence shown is restricted too ("evidence"). Measured on the dev questions (README): the question's
#: kinds and years make the answers better (hit@3 0.913 → 0.935) but the evidence list worse (Recall@10
#: 0.919 → 0.878: relevant passages of other years are pushed out), entities make both worse; so answers
#: are read in scope and the evidence stays the question's best passages.
SCOPE = ("constraints",)
#: links below this confidence do not steer the intent (they still show in ``linked``)
MIN_LINK_CONFIDENCE = 0.75

#: one answer row of a template: the answer's IRI, its score, and its role when the template binds ``?role``
Row = tuple[str, float, str | None]

DETAILS = """
PREFIX pkg: <{v}>
SELECT ?e ?iso3 ?symbol ?jurisdiction ?label WHERE {{
  VALUES ?e {{ {values} }}
  OPTIONAL {{ ?e pkg:iso3 ?iso3 }} OPTIONAL {{ ?e pkg:symbol ?symbol }}
  OPTIONAL {{ ?e <http://data.europa.eu/eli/ontology#jurisdiction>/pkg:iso3 ?jurisdiction }}
  OPTIONAL {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label }}
}}
"""
#: the classes an answer's ``type`` is named by, most specific first (an entity the linker does not know:
#: a practice, a General Assembly resolution cited in passing)
ANSWER_CLASSES = ("State", "Organization", "Program", "BestPractice", "NationalLaw", "Treaty", "Resolution",
                  "LegalInstrument", "Theme")
CLASSES = """
PREFIX pkg: <{v}>
SELECT ?e ?class WHERE {{ VALUES ?e {{ {values} }} VALUES ?class {{ {classes} }} ?e a ?class }}
"""
ABOUT = """
PREFIX pkg: <{v}>
SELECT ?d ?e WHERE {{ VALUES ?d {{ {values} }} ?d pkg:about ?e }}
"""
DOCUMENTS_OF = """
PREFIX pkg: <{v}>
SELECT DISTINCT ?d WHERE {{ VALUES ?e {{ {values} }} ?d pkg:about ?e ; a pkg:Document }}
"""


class Asker:
    """Answers questions over one workspace. Read-only; thread-safe as its parts are.

    ``detect`` names the language of a question (``ingest.language.detect_language`` in the
    service); ``executor``, ``limits`` and ``allowlist`` are those of ``/sparql``.
    """

    def __init__(self, workspace: Workspace, searcher: Searcher, executor: QueryExecutor, *,
                 detect: Callable[[str], str], limits: QueryLimits, allowlist: Sequence[str] = (),
                 linkers: LinkerCache | None = None, scope: Sequence[str] = SCOPE,
                 programs: ProgramLinks | None = None) -> None:
        self.ws = workspace
        self.searcher = searcher
        self.executor = executor
        self.detect = detect
        self.limits = limits
        self.allowlist = allowlist
        self.linkers = linkers or LinkerCache()
        self.programs = programs or ProgramLinks()  # program mentions by partial name or across languages
        self.scope = tuple(scope)
        self.v = workspace.iris.ontology

    def ask(self, question: str, *, lang: str | None = None, k: int = 10, limits: QueryLimits | None = None) -> AskResult:
        """Answer ``question``; ``k`` evidence passages. Raises :class:`~kg.errors.BadInput` on an empty or
        over-long question or an unknown language, and what :func:`~kg.sparql.run.run_query` raises."""
        if is_blank(question):
            raise BadInput("the question is empty")
        if len(question) > MAX_QUESTION:
            raise BadInput(f"the question has {len(question)} characters; at most {MAX_QUESTION}")
        if lang is not None and lang not in LANGUAGES:
            raise BadInput(f"lang must be one of {', '.join(LANGUAGES)}")
        question = question.strip()
        timings: dict[str, float] = {}
        clock = time.perf_counter()

        def lap(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            timings[name] = round((now - clock) * 1000, 2)
            clock = now

        language = lang or self.detect(question)
        lap("language")
        linker = self.linkers.get(self.ws)
        links = linker.link(question)
        constraints = read_constraints(question)
        reading = read_question(question, language=language, links=links, constraints=constraints)
        if reading.asks:  # link again, preferring the asked type where a name fits several
            links = linker.link(question, expect=[reading.asks])
        links = self.programs.extend(question, links, linker=linker, encoder=question_encoder(self.ws))
        steering = [lk for lk in links if lk.confidence >= MIN_LINK_CONFIDENCE]
        reading = read_question(question, language=language, links=steering, constraints=constraints)
        lap("link")
        hits, scoped, dated = self._search(question, k, constraints, steering)
        if dated is not None and not dated:  # no stored document is of the years asked: only a known year fits
            reading = replace(reading, constraints=replace(constraints, undated_answers=False))
        lap("search")
        # evidence-based answers are read from the passages in scope; their templates keep the answers of the
        # years asked where the graph knows an answer's year (a passage may date what its document does not)
        ranked = _ranked(scoped)
        if "evidence" in self.scope:
            hits = scoped
        plan, rows, tried = None, [], []
        for module in INTENTS:
            intent = cast(Intent, module)
            candidate = intent.plan(reading, ranked, vocab=self.v)
            if candidate is None:
                continue
            found = self._run(candidate.sparql, limits or self.limits)
            if found:
                plan, rows = candidate, found
                break
            tried.append(candidate.intent)
        lap("query")
        reason = None
        # A question naming no entity, asking for no kind of entity, and sharing no word with its best passages
        # is one the corpus cannot speak to; one that asks for a kind ("Qual resolução criou…?") is answered
        # from its passages, which cross languages by meaning where no word is shared.
        if plan is not None and not plan.from_graph and not links and reading.asks is None \
                and not any("bm25" in h.ranks for h in hits[:3]):
            reason = ("low confidence: the question names no known entity, asks for no kind of entity, and no top "
                      "passage shares a word with it; the passages are shown, no answer is given")
            rows = []
        if not rows and dated is not None and not dated:  # the likeliest cause first
            reason = f"no document in the store is of the years asked ({_years_text(constraints)})"
        elif plan is None:
            reason = "no template and no passage gives an answer of the kind asked" + (
                f" in the years asked ({_years_text(constraints)})" if constraints.years else "")
        answers = self._describe(rows, linker, language)
        lap("describe")
        if plan is not None and plan.from_graph and answers:
            within = [a.iri for a in answers] + [lk.iri for lk in steering] + self._documents_of(answers)
            restricted = list(self.searcher.search(question, k=k, mode=None, within=within).hits)
            hits = restricted or hits
        evidence = self._evidence(hits, answers)
        if plan is not None and plan.from_graph:
            answers = _by_evidence(answers, evidence)
        lap("evidence")
        timings["total"] = round(sum(timings.values()), 2)
        return AskResult(question, language, tuple(lk.as_dict() for lk in links), constraints.as_dict(),
                         IntentChoice(plan.intent, plan.why, tuple(tried)) if plan else None,
                         plan.sparql if plan else None, answers, evidence, reason, timings)

    def _search(self, question: str, k: int, constraints: Constraints,
                links: Sequence[Link]) -> tuple[list[Hit], list[Hit], set[str] | None]:
        """The question's passages by hybrid search (where a dense index exists), the same ranking with
        the documents in scope (:mod:`kg.ask.scope`) first, the others filling the places they leave, and
        the documents of the years the question asks (None when it asks none)."""
        hits = list(self.searcher.search(question, k=k, mode=None).hits)
        entities = [lk.iri for lk in links] if "entities" in self.scope else []
        asked = constraints if "constraints" in self.scope else Constraints()
        dated = None
        if asked.years:
            dated = set(documents_in_scope(self.ws.store, self.v, Constraints(years=asked.years)) or ())
        documents = documents_in_scope(self.ws.store, self.v, asked, entities)
        if not documents and dated:  # no document of the kind asked in those years: those years, any kind
            documents = documents_in_scope(self.ws.store, self.v, Constraints(years=asked.years), entities)
        if not documents:
            return hits, hits, dated
        first = self.searcher.search(question, k=k, mode=None, within=documents).hits
        seen = {h.passage.iri for h in first}
        merged = [*first, *(h for h in hits if h.passage.iri not in seen)][:k]
        return hits, [replace(h, rank=i) for i, h in enumerate(merged, start=1)], dated

    def _run(self, sparql: str, limits: QueryLimits) -> list[Row]:
        """``(answer IRI, score, role)`` rows of a template's query, run as a ``/sparql`` query is; an answer
        bound in several rows keeps its first (templates order by score)."""
        answer = run_query(sparql, executor=self.executor, limits=limits, allowlist=self.allowlist)
        out: dict[str, tuple[float, str | None]] = {}
        for binding in json.loads(answer.body).get("results", {}).get("bindings", []):
            term = binding.get("answer")
            if term is None or term.get("type") != "uri":
                continue
            score = binding.get("score", {}).get("value")
            out.setdefault(term["value"], (float(score) if score is not None else 1.0, binding.get("role", {}).get("value")))
        return [(iri, score, role) for iri, (score, role) in out.items()]

    def _describe(self, rows: list[Row], linker: Linker, language: str) -> tuple[AnswerEntity, ...]:
        if not rows:
            return ()
        values = " ".join(str(NamedNode(iri)) for iri, _, _ in rows)
        details: dict[str, tuple[str | None, str | None, str | None, str | None]] = {}
        # ?e is bound in every row; the codes, the symbol and the label are OPTIONAL.
        for e, code, sym, where, name in cast(
                list[tuple[NamedNode, Literal | None, Literal | None, Literal | None, Literal | None]],
                self.ws.store.select(DETAILS.format(v=self.v, values=values))):
            details.setdefault(e.value, (code.value if code else None, sym.value if sym else None,
                                         where.value if where else None, name.value if name else None))
        classes: dict[str, str] = {}
        for e, c in cast(list[tuple[NamedNode, NamedNode]], self.ws.store.select(CLASSES.format(
                v=self.v, values=values, classes=" ".join(f"pkg:{c}" for c in ANSWER_CLASSES)))):
            local = c.value.removeprefix(self.v)
            if e.value not in classes or ANSWER_CLASSES.index(local) < ANSWER_CLASSES.index(classes[e.value]):
                classes[e.value] = local
        out = []
        for iri, score, role in rows:
            iso3, symbol, jurisdiction, graph_label = details.get(iri, (None, None, None, None))
            # instruments the linker does not name (a General Assembly resolution cited in passing) keep the
            # label the graph gives them
            known = iri in linker.labels
            out.append(AnswerEntity(iri, graph_label if graph_label and not known else linker.label(iri, language),
                                    graph_label if graph_label and not known else linker.label(iri, "en"),
                                    linker.types.get(iri) or classes.get(iri, ""),
                                    round(score, 4), iso3, symbol, jurisdiction, role))
        return tuple(out)

    def _documents_of(self, answers: Sequence[AnswerEntity]) -> list[str]:
        values = " ".join(str(NamedNode(a.iri)) for a in answers)
        rows = cast(list[tuple[NamedNode]], self.ws.store.select(DOCUMENTS_OF.format(v=self.v, values=values)))
        return [d.value for (d,) in rows]

    def _evidence(self, hits: Sequence[Hit], answers: Sequence[AnswerEntity]) -> tuple[EvidencePassage, ...]:
        if not hits:
            return ()
        wanted = {a.iri for a in answers}
        values = " ".join(str(NamedNode(d)) for d in {h.document.iri for h in hits})
        about: dict[str, set[str]] = {}
        for d, e in cast(list[tuple[NamedNode, NamedNode]], self.ws.store.select(ABOUT.format(v=self.v, values=values))):
            about.setdefault(d.value, set()).add(e.value)
        out = []
        for h in hits:
            named = {e.iri for e in h.entities} | about.get(h.document.iri, set())
            out.append(EvidencePassage(h.rank, h.score, h.passage.iri, h.passage.text, h.passage.start, h.passage.end,
                                       h.passage.section, h.document.iri, h.document.source, h.document.title,
                                       tuple(sorted(named & wanted))))
        return tuple(out)


def _by_evidence(answers: Sequence[AnswerEntity], evidence: Sequence[EvidencePassage]) -> tuple[AnswerEntity, ...]:
    """Graph answers of equal score, ordered by their best supporting passage: the graph decides which
    entities answer, the passages which of equals fits the question best (the query's own order breaks ties).

    >>> a = [AnswerEntity("x:1", "1", "1", "T", 1.0), AnswerEntity("x:2", "2", "2", "T", 1.0)]
    >>> e = [EvidencePassage(1, 0.9, "p", "", 0, 0, "", "d", "s", "t", ("x:2",))]
    >>> [x.iri for x in _by_evidence(a, e)]
    ['x:2', 'x:1']
    """
    best: dict[str, int] = {}
    for e in evidence:
        for iri in e.supports:
            best.setdefault(iri, e.rank)
    order = {a.iri: i for i, a in enumerate(answers)}
    return tuple(sorted(answers, key=lambda a: (-a.score, best.get(a.iri, len(evidence) + 1), order[a.iri])))


def _years_text(constraints: Constraints) -> str:
    """>>> from kg.constraints import read_constraints
    >>> _years_text(read_constraints("resolutions after 2015 or in 1990"))
    '2016 or later, 1990'
    """
    def one(start: int | None, end: int | None) -> str:
        if start == end:
            return str(start)
        return f"{start} or later" if end is None else f"{end} or earlier" if start is None else f"{start}–{end}"
    return ", ".join(one(r.start, r.end) for r in constraints.years)


def _ranked(hits: Sequence[Hit]) -> Ranked:
    documents: dict[str, int] = {}
    for h in hits:
        documents.setdefault(h.document.iri, h.rank)
    return Ranked(tuple((h.passage.iri, h.rank) for h in hits), tuple(documents.items()))

