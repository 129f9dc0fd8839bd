"""``/ask`` against the questions' gold: answer hit@3, and its evidence next to plain search, per language.

An answer hits a gold answer of the same kind: a Resolution by symbol, a State by ISO 3166
alpha-3 (or a law of that state, by its jurisdiction: the law questions' gold names the state
whose law is asked for), an Organization or a Program by name (the judge's own name rules,
:func:`evaluation.names.label_match`, over the answer's labels, or the acronym in the gold
name's parenthesis against the last segment of the answer's IRI). A question scores 1 when any
gold answer is among the first three answers. Evidence is ranked like search results (passages
collapsed to documents) and scored with the same Recall@10 and nDCG@10 as ``/search`` with the
same number of passages. Nothing here imports ``ingest``: the command line hands in the asker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from evaluation.gold import ALL, LANGUAGE_ORDER, Answer, Question
from evaluation.metrics import rank_metrics
from evaluation.names import label_match, norm

_PAREN = re.compile(r"\(([^()]*)\)\s*$")
Progress = Callable[[str, int, int], None]


class QuestionAsker(Protocol):
    def ask(self, question: str, *, lang: str | None = None, k: int = 10) -> Any: ...


class DocumentSearcher(Protocol):
    def search(self, query: str, *, k: int = 10) -> Any: ...


@dataclass(frozen=True)
class AskRow:
    language: str
    questions: int
    answered: int  # questions with any answer (hit@3 counts only those with a gold answer)
    hit_at_3: float | None
    ask_recall_10: float
    ask_ndcg_10: float
    search_recall_10: float
    search_ndcg_10: float
    p50_ms: float
    p95_ms: float


@dataclass(frozen=True)
class AskReport:
    k: int
    rows: tuple[AskRow, ...]
    intents: dict[str, int]  # how often each intent answered
    per_question: tuple[dict[str, object], ...]


def hits_gold(answer: Any, gold: Answer) -> bool:
    """Whether one ``/ask`` answer is the gold answer."""
    if gold.symbol is not None:
        return bool(answer.symbol) and norm(answer.symbol) == norm(gold.symbol)
    if gold.iso3 is not None:  # "Which Canadian act…?": the gold names the state, the answer is its law
        return bool(answer.iso3 == gold.iso3 or getattr(answer, "jurisdiction", None) == gold.iso3)
    if gold.name is None:
        return False
    slug = answer.iri.rstrip("/").rsplit("/", 1)[-1]
    paren = _PAREN.search(gold.name)
    return label_match(gold.name, [answer.label, answer.label_en]) or \
        bool(paren and norm(paren.group(1)) == norm(slug)) or norm(gold.name) == norm(slug)


def _documents(sources: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(s for s in sources if s))


def evaluate_ask(asker: QuestionAsker, searcher: DocumentSearcher, questions: Sequence[Question], *, k: int = 10,
                 progress: Progress | None = None) -> AskReport:
    """Ask every question (with its gold language given, as a client would detect it) and score. Read-only;
    cost: one ask (two searches, a few queries) and one search per question."""
    import time

    per: list[dict[str, object]] = []
    ask_rank: dict[str, list[str]] = {}
    search_rank: dict[str, list[str]] = {}
    intents: dict[str, int] = {}
    for n, q in enumerate(questions, start=1):
        started = time.perf_counter()
        result = asker.ask(q.question, k=k)
        elapsed = (time.perf_counter() - started) * 1000
        name = result.intent.name if result.intent else "none"
        intents[name] = intents.get(name, 0) + 1
        top = list(result.answers[:3])
        hit = any(hits_gold(a, g) for a in top for g in q.answers) if q.answers else None
        ask_rank[q.id] = _documents([e.source for e in result.evidence])
        search_rank[q.id] = _documents([h.document.source for h in searcher.search(q.question, k=k).hits])
        per.append({"id": q.id, "lang": q.lang, "detected": result.language, "intent": name, "hit@3": hit,
                    "answers": [a.symbol or a.iso3 or a.label_en for a in top], "ms": round(elapsed, 1)})
        if progress:
            progress("ask", n, len(questions))
    scored = [q for q in questions if q.relevant]
    relevant = {q.id: q.relevant for q in scored}
    ask_m = rank_metrics(relevant, ask_rank, ("recall@10", "ndcg@10")) if scored else {}
    search_m = rank_metrics(relevant, search_rank, ("recall@10", "ndcg@10")) if scored else {}
    rows = []
    for lang in (*[x for x in LANGUAGE_ORDER if any(q.lang == x for q in questions)], ALL):
        qs = [q for q in questions if lang == ALL or q.lang == lang]
        ids = [q.id for q in qs if q.relevant]
        entries = [p for p in per if lang == ALL or p["lang"] == lang]
        judged = [p["hit@3"] for p in entries if p["hit@3"] is not None]
        times = sorted(float(str(p["ms"])) for p in entries)

        def mean(metric: dict[str, dict[str, float]], name: str) -> float:
            return round(sum(metric[name][i] for i in ids) / len(ids), 3) if ids else 0.0

        rows.append(AskRow(lang, len(qs), sum(1 for p in entries if p["answers"]),
                           round(sum(1 for h in judged if h) / len(judged), 3) if judged else None,
                           mean(ask_m, "recall@10"), mean(ask_m, "ndcg@10"),
                           mean(search_m, "recall@10"), mean(search_m, "ndcg@10"),
                           round(times[len(times) // 2], 1) if times else 0.0,
                           round(times[min(len(times) - 1, int(len(times) * 0.95))], 1) if times else 0.0))
    return AskReport(k, tuple(rows), intents, tuple(per))


def render_markdown(report: AskReport) -> str:
    """The per-language table, as in the README."""
    lines = [f"| language | questions | hit@3 | /ask R@10 | /search R@10 | /ask nDCG@10 | /search nDCG@10 | "
             f"p50 ms | p95 ms |", "|---|---|---|---|---|---|---|---|---|"]
    for r in report.rows:
        hit = "–" if r.hit_at_3 is None else f"{r.hit_at_3:.3f}"
        lines.append(f"| {r.language} | {r.questions} | {hit} | {r.ask_recall_10:.3f} | {r.search_recall_10:.3f} | "
                     f"{r.ask_ndcg_10:.3f} | {r.search_ndcg_10:.3f} | {r.p50_ms:.0f} | {r.p95_ms:.0f} |")
    lines.append("")
    lines.append("intents: " + ", ".join(f"{k} {v}" for k, v in sorted(report.intents.items(), key=lambda x: -x[1])))
    return "\n".join(lines)
