"""Retrieval quality: every gold question through every search mode, scored per mode × language.

Modes are ``bm25``, ``dense:<embedder>`` for each embedder indexed in the store,
``hybrid`` (BM25 + the default embedder, or the first indexed one, fused as configured),
``hybrid:<embedder>`` for the others, and ``rrf:<embedder>`` (plain reciprocal rank fusion,
the default before dense-first). Each
question asks for ``k`` passages; the passages collapse to a document ranking (first
occurrence of each source), scored with binary relevance by ranx: nDCG@10, Recall@10,
Recall@50, MRR@10. A query that raises scores 0 and is listed, never dropped. The two best
modes by nDCG@10 over all questions are compared by a paired randomization test, and so
are the default and the previous default (``rrf:use-m3``) when both run.
Read-only; cost: one search per question and mode.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from evaluation.gold import ALL, Question, languages_of
from evaluation.metrics import RANK_METRICS, PairedTest, collapse_to_documents, paired_test, rank_metrics
from kg.errors import PolicyKGError
from kg.workspace import Workspace

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
#: What a failed search may raise; anything else is a bug and propagates.
SEARCH_FAILURES = (PolicyKGError, ValueError, RuntimeError, OSError)
#: the hybrid search the service ran before dense-first fusion; the default is compared with it
PREVIOUS_DEFAULT = "rrf:use-m3"
SOURCES_QUERY = """
PREFIX pkg: <{v}>
SELECT DISTINCT ?src WHERE {{ GRAPH ?g {{ ?doc a pkg:Document ; pkg:source ?src }} }}
"""


class PassageSearcher(Protocol):
    """What retrieval needs of a searcher (``kg.search.Searcher``; the service's adds query expansion)."""

    def search(self, query: str, *, k: int = 10, mode: str | None = "hybrid", embedder: str | None = None,
               fusion: str | None = None) -> Any: ...


@dataclass(frozen=True)
class ModeSpec:
    name: str  # bm25 | dense:<embedder> | hybrid | hybrid:<embedder> | rrf:<embedder>
    mode: str  # the Searcher mode
    embedder: str | None
    fusion: str | None = None  # None: the configured one


@dataclass(frozen=True)
class QuestionScore:
    mode: str
    question: str
    lang: str
    ndcg10: float
    recall10: float
    recall50: float
    mrr10: float
    first_relevant_rank: int | None  # in the document ranking, from 1
    relevant_in_store: int  # how many of the question's relevant documents the store holds
    relevant: int
    error: str | None = None


@dataclass(frozen=True)
class MetricCell:
    mode: str
    language: str  # a question language, or "all"
    questions: int
    failed: int
    ndcg10: float
    recall10: float
    recall50: float
    mrr10: float


@dataclass(frozen=True)
class Failure:
    mode: str
    question: str
    error: str


@dataclass(frozen=True)
class RetrievalReport:
    k: int
    modes: tuple[ModeSpec, ...]
    languages: tuple[str, ...]  # "all" first
    cells: tuple[MetricCell, ...]
    per_question: tuple[QuestionScore, ...]
    failures: tuple[Failure, ...]
    significance: PairedTest | None
    questions: int
    covered_questions: int  # questions whose relevant documents are all in the store
    store_documents: int
    against_previous: PairedTest | None = None  # the default against PREVIOUS_DEFAULT, when both ran

    def cell(self, mode: str, language: str = ALL) -> MetricCell:
        for c in self.cells:
            if c.mode == mode and c.language == language:
                return c
        raise KeyError((mode, language))


def mode_specs(workspace: Workspace) -> tuple[ModeSpec, ...]:
    """The modes this store can run: bm25, dense per indexed embedder, hybrid with the default embedder and with each alternative (every other embedder, and "all" fused)."""
    indexed = list(workspace.passages().dense)
    specs = [ModeSpec("bm25", "bm25", None)]
    specs += [ModeSpec(f"dense:{name}", "dense", name) for name in indexed]
    if indexed:
        default = workspace.settings.default_embedder
        if default not in indexed and default != "all":
            default = indexed[0]
        specs.append(ModeSpec("hybrid", "hybrid", default))
        # The alternatives to the default, so that the default is chosen by these numbers.
        alternatives = [*indexed, "all"] if len(indexed) > 1 else indexed
        specs += [ModeSpec(f"hybrid:{name}", "hybrid", name) for name in alternatives if name != default]
        specs += [ModeSpec(f"rrf:{name}", "hybrid", name, "rrf") for name in indexed]
    return tuple(specs)


def stored_sources(workspace: Workspace) -> set[str]:
    """The source names (file names without extension) of every stored document. Read-only."""
    rows = workspace.store.select(SOURCES_QUERY.format(v=workspace.iris.ontology))
    return {str(getattr(row[0], "value", row[0])) for row in rows if row[0] is not None}


def evaluate_retrieval(workspace: Workspace, questions: Sequence[Question], *, k: int = 50,
                       searcher: PassageSearcher | None = None, progress: Progress | None = None) -> RetrievalReport:
    """Score every question in every mode. Read-only; cost: len(questions) × modes searches.

    ``searcher`` is the one the service uses (the command line passes it, with query
    expansion); None searches with a plain :class:`kg.search.Searcher`. Questions without
    any relevant document cannot be scored and are left out.
    """
    questions = [q for q in questions if q.relevant]
    specs = mode_specs(workspace)
    if searcher is None:
        from kg.search import Searcher

        searcher = Searcher(workspace)
    in_store = stored_sources(workspace)
    relevant = {q.id: q.relevant for q in questions}
    scores: list[QuestionScore] = []
    failures: list[Failure] = []
    total, done = len(specs) * len(questions), 0
    for spec in specs:
        rankings: dict[str, list[str]] = {}
        errors: dict[str, str] = {}
        for q in questions:
            try:
                result = searcher.search(q.question, k=k, mode=spec.mode, embedder=spec.embedder, fusion=spec.fusion)
                rankings[q.id] = collapse_to_documents(result.hits)
            except SEARCH_FAILURES as e:
                errors[q.id] = f"{type(e).__name__}: {e}"
                failures.append(Failure(spec.name, q.id, errors[q.id]))
                log.warning("search failed (%s, %s): %s", spec.name, q.id, errors[q.id])
            done += 1
            if progress:
                progress("retrieval", done, total)
        per = rank_metrics(relevant, rankings) if questions else {m: {} for m in RANK_METRICS}
        for q in questions:
            ranking = rankings.get(q.id, [])
            first = next((i for i, d in enumerate(ranking, start=1) if d in q.relevant), None)
            scores.append(QuestionScore(
                spec.name, q.id, q.lang, per["ndcg@10"][q.id], per["recall@10"][q.id], per["recall@50"][q.id],
                per["mrr@10"][q.id], first, sum(1 for d in q.relevant if d in in_store), len(q.relevant),
                errors.get(q.id)))
    languages = languages_of(q.lang for q in questions)
    cells = tuple(_cell(spec.name, lang, scores) for spec in specs for lang in languages)
    return RetrievalReport(
        k=k, modes=specs, languages=languages, cells=cells, per_question=tuple(scores),
        failures=tuple(failures), significance=_compare_best(specs, cells, scores),
        against_previous=_compare("hybrid", PREVIOUS_DEFAULT, scores)
        if any(s.name == PREVIOUS_DEFAULT for s in specs) else None,
        questions=len(questions),
        covered_questions=sum(1 for q in questions if all(d in in_store for d in q.relevant)),
        store_documents=len(in_store))


def _cell(mode: str, language: str, scores: Sequence[QuestionScore]) -> MetricCell:
    rows = [s for s in scores if s.mode == mode and (language == ALL or s.lang == language)]
    n = len(rows)

    def mean(values: list[float]) -> float:
        return sum(values) / n if n else 0.0

    return MetricCell(mode, language, n, sum(1 for s in rows if s.error),
                      mean([s.ndcg10 for s in rows]), mean([s.recall10 for s in rows]),
                      mean([s.recall50 for s in rows]), mean([s.mrr10 for s in rows]))


def _compare_best(specs: Sequence[ModeSpec], cells: Sequence[MetricCell],
                  scores: Sequence[QuestionScore]) -> PairedTest | None:
    overall = sorted((c for c in cells if c.language == ALL), key=lambda c: -c.ndcg10)
    if len(overall) < 2:
        return None
    return _compare(overall[0].mode, overall[1].mode, scores)


def _compare(a: str, b: str, scores: Sequence[QuestionScore]) -> PairedTest:
    by_a = {s.question: s.ndcg10 for s in scores if s.mode == a}
    by_b = {s.question: s.ndcg10 for s in scores if s.mode == b}
    ids = sorted(by_a.keys() & by_b.keys())
    return paired_test([by_a[i] for i in ids], [by_b[i] for i in ids], names=(a, b), metric="ndcg@10")
