"""``/ask`` latency for ``policykg bench``: p50 and p95 over the dev questions, through the real service.

The store is copied (the service opens its store for writing) and served as the rest of the
bench serves it (``server_for``, from ``api/cli_bench.py``). The first question is a warm-up,
reported apart (``cold_ms``: it includes building the entity linker and loading the embedder);
then every question is asked once, in its gold language's own words with the language left to
detection, as a client would. Client time is request to parsed JSON; the service's own
``timings`` (per step: language, link, search, query, describe, evidence) are reported beside,
so a slow step shows. Measures; asserts nothing.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

from evaluation.bench.run import ServerFor, indexed_embedders
from evaluation.bench.served import served
from evaluation.bench.timing import median, ms, percentile
from evaluation.gold import ALL, LANGUAGE_ORDER
from kg.errors import BackendUnavailable

STEPS = ("language", "link", "search", "query", "describe", "evidence", "total")


@dataclass(frozen=True)
class AskLatencyRow:
    language: str  # a gold language, or "all"
    questions: int
    p50_ms: float
    p95_ms: float
    service_p50_ms: float  # the service's timings.total: /ask without HTTP and JSON
    service_p95_ms: float


@dataclass(frozen=True)
class AskLatency:
    k: int
    cold_ms: float
    rows: tuple[AskLatencyRow, ...]
    steps_p50_ms: dict[str, float]  # the service's median time per step, over every question
    intents: dict[str, int]  # how often each intent answered, to read the times by

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def ask_questions(gold: Path) -> tuple[tuple[str, str], ...]:
    """``(question, language)`` of a gold folder's questions (every ``questions*.jsonl``)."""
    from evaluation.gold import load_gold

    return tuple((q.question, q.lang) for q in load_gold(gold).questions)


def measure_ask(url: str, questions: Sequence[tuple[str, str]], *, k: int = 10) -> AskLatency:
    """One warm-up, then one timed ``GET /ask`` per question. Raises BackendUnavailable on a non-200 answer."""
    if not questions:
        raise ValueError("no questions")
    timed: list[tuple[str, float, dict[str, float], str]] = []
    with httpx.Client(base_url=url, timeout=None) as client:
        cold, _, _ = _ask(client, questions[0][0], k)
        for question, lang in questions:
            seconds, timings, intent = _ask(client, question, k)
            timed.append((lang, seconds, timings, intent))
    rows = []
    for lang in (*(x for x in LANGUAGE_ORDER if any(t[0] == x for t in timed)), ALL):
        mine = [t for t in timed if lang == ALL or t[0] == lang]
        client_s = [t[1] for t in mine]
        service = [t[2].get("total", 0.0) for t in mine]
        rows.append(AskLatencyRow(lang, len(mine), ms(median(client_s)), ms(percentile(client_s, 95)),
                                  round(median(service), 1), round(percentile(service, 95), 1)))
    steps = {s: round(median([t[2].get(s, 0.0) for t in timed]), 1) for s in STEPS}
    intents: dict[str, int] = {}
    for t in timed:
        intents[t[3]] = intents.get(t[3], 0) + 1
    return AskLatency(k, ms(cold), tuple(rows), steps, dict(sorted(intents.items(), key=lambda x: -x[1])))


def bench_ask(store: Path, questions: Sequence[tuple[str, str]], *, server_for: ServerFor, default_embedders: tuple[str, ...],
              k: int = 10, say: Callable[[str], None] = lambda _: None) -> AskLatency:
    """Copy ``store`` to a temporary folder, serve the copy, measure ``/ask`` on it; the copy is removed after."""
    with tempfile.TemporaryDirectory(prefix="policykg-bench-ask-") as tmp:
        copy = Path(tmp) / "store"
        say(f"/ask latency: copying {store}")
        shutil.copytree(store, copy, symlinks=True)
        embedders = indexed_embedders(copy) or default_embedders
        with served(server_for(copy, embedders)) as app:
            say(f"/ask latency: {len(questions)} questions")
            return measure_ask(app.url, questions, k=k)


def render_ask(latency: AskLatency, console: Any) -> None:
    """The table of :func:`measure_ask`'s figures, on a rich console."""
    from rich.table import Table

    table = Table(title=f"/ask latency over the dev questions (k={latency.k}; cold {latency.cold_ms:.0f} ms)")
    for column in ("language", "questions", "p50 ms", "p95 ms", "service p50 ms", "service p95 ms"):
        table.add_column(column, justify="left" if column == "language" else "right")
    for r in latency.rows:
        table.add_row(r.language, str(r.questions), f"{r.p50_ms:.0f}", f"{r.p95_ms:.0f}",
                      f"{r.service_p50_ms:.0f}", f"{r.service_p95_ms:.0f}")
    console.print(table)
    console.print("service median per step (ms): " + ", ".join(f"{s} {v:.0f}" for s, v in latency.steps_p50_ms.items()))
    console.print("intents: " + ", ".join(f"{n} {c}" for n, c in latency.intents.items()))


def _ask(client: httpx.Client, question: str, k: int) -> tuple[float, dict[str, float], str]:
    started = time.perf_counter()
    response = client.get("/ask", params={"q": question, "k": k})
    data = response.json()
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise BackendUnavailable(f"GET /ask answered {response.status_code}: {data}")
    intent = (data.get("intent") or {}).get("name") or "none"
    return seconds, {s: float(v) for s, v in data.get("timings", {}).items()}, intent
