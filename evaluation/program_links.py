"""Program linking on questions that name a program in another language or by part of its name (issue 14).

``python -m evaluation.program_links STORE`` reads ``evaluation/program_links.json`` (questions written
for this measure, not gold: each labelled with the program it names, or none) and reports, per language:

* link precision and recall of programs, before (the exact linker, as ``/ask`` ran it) and after
  (:class:`kg.linking.programs.ProgramLinks`);
* the semantic bounds (threshold, margin) chosen leave-one-language-out: chosen on three languages
  (best F1, then the higher bounds), scored on the fourth;
* ``/ask``'s link step time (``AskResult.timings["link"]``, median) without and with program linking,
  in the same run.

Read-only on the store. Measures; asserts nothing.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.ask.reading import read_question
from kg.constraints import read_constraints
from kg.linking.cache import LinkerCache
from kg.linking.linker import Link, Linker
from kg.linking.programs import ProgramLinks, QuestionEncoder, question_encoder
from kg.linking.semantic import MARGIN, THRESHOLD
from kg.workspace import Workspace

QUESTIONS = Path(__file__).with_name("program_links.json")
LANGUAGES = ("en", "es", "pt", "fr")
THRESHOLDS = tuple(round(0.80 + 0.005 * i, 3) for i in range(21))
MARGINS = tuple(round(0.005 * i, 3) for i in range(9))


@dataclass(frozen=True)
class Labelled:
    lang: str
    question: str
    program: str | None  # the IRI's last segment, None when the question names no program


class NoProgramLinks(ProgramLinks):
    """``/ask`` as it was before: the exact linker's links only."""

    def extend(self, question: str, links: Sequence[Link], *, linker: Linker,
               encoder: QuestionEncoder | None) -> list[Link]:
        return list(links)


def load(path: Path = QUESTIONS) -> list[Labelled]:
    rows = json.loads(path.read_text(encoding="utf-8"))["questions"]
    return [Labelled(r["lang"], r["q"], r["program"]) for r in rows]


def exact_links(linker: Linker, q: Labelled) -> list[Link]:
    """The links ``/ask`` made before program linking."""
    links = linker.link(q.question)
    reading = read_question(q.question, language=q.lang, links=links, constraints=read_constraints(q.question))
    if reading.asks:
        links = linker.link(q.question, expect=[reading.asks])
    return links


def program_of(links: Sequence[Link]) -> str | None:
    programs = sorted((lk for lk in links if lk.type == "Program"), key=lambda lk: -lk.confidence)
    return programs[0].iri.rsplit("/", 1)[-1] if programs else None


def scores(pairs: Sequence[tuple[str | None, str | None]]) -> dict[str, float]:
    """Precision and recall of (predicted, gold) program links; a link to the wrong program is a false positive."""
    tp = sum(1 for p, g in pairs if p is not None and p == g)
    fp = sum(1 for p, g in pairs if p is not None and p != g)
    positives = sum(1 for _, g in pairs if g is not None)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / positives if positives else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "links": tp + fp,
            "questions": len(pairs)}


def measure(ws: Workspace) -> dict[str, object]:
    questions = load()
    linker = LinkerCache().get(ws)
    encoder = question_encoder(ws)
    assert encoder is not None, "the store indexes no embedder"
    programs = ProgramLinks()
    before, after = [], []
    # per question: the prediction made without the semantic step, and the raw semantic match when it is tried
    rows: list[tuple[Labelled, str | None, tuple[str, float, float] | None]] = []
    for q in questions:
        links = exact_links(linker, q)
        before.append((program_of(links), q.program))
        after.append((program_of(programs.extend(q.question, links, linker=linker, encoder=encoder)),
                      q.program))
        no_semantic = program_of(ProgramLinks(threshold=2.0).extend(q.question, links, linker=linker, encoder=None))
        tried = None
        if no_semantic is None and ProgramLinks(threshold=-1.0, margin=-1.0).extend(
                q.question, links, linker=linker, encoder=encoder) != links:
            near = ProgramLinks.nearest(q.question, linker=linker, encoder=encoder)
            assert near is not None
            tried = (near.iri.rsplit("/", 1)[-1], near.score, near.margin)
        rows.append((q, no_semantic, tried))

    def predict(row: tuple[Labelled, str | None, tuple[str, float, float] | None], t: float, m: float) -> str | None:
        _, rule, tried = row
        if rule is not None or tried is None:
            return rule
        return tried[0] if tried[1] >= t and tried[2] >= m else None

    def best(langs: Sequence[str]) -> tuple[float, float]:
        chosen = [r for r in rows if r[0].lang in langs]
        grid = [(scores([(predict(r, t, m), r[0].program) for r in chosen])["f1"], t, m)
                for t in THRESHOLDS for m in MARGINS]
        return max(grid)[1:]

    lolo = {}
    for held in LANGUAGES:
        t, m = best([lang for lang in LANGUAGES if lang != held])
        lolo[held] = {"threshold": t, "margin": m,
                      **scores([(predict(r, t, m), r[0].program) for r in rows if r[0].lang == held])}
    per_language = {lang: {"before": scores([p for p, q in zip(before, questions) if q.lang == lang]),
                           "after": scores([p for p, q in zip(after, questions) if q.lang == lang])}
                    for lang in LANGUAGES}
    return {"bounds": {"threshold": THRESHOLD, "margin": MARGIN, "chosen_on_all": best(LANGUAGES)},
            "all": {"before": scores(before), "after": scores(after)}, "per_language": per_language,
            "leave_one_language_out": lolo,
            "errors": [{"q": q.question, "gold": q.program, "got": a[0]} for q, a in zip(questions, after)
                       if a[0] != q.program],
            "semantic_tried": [{"q": r[0].question, "gold": r[0].program, "nearest": r[2]} for r in rows if r[2]]}


def link_times(ws: Workspace) -> dict[str, dict[str, float]]:
    """Median ``timings`` of ``/ask`` (link, search, and the two together) over the questions, without and with
    program linking, interleaved; each question asked with no query vector kept from before."""
    from kg.ask.asker import Asker
    from kg.search import Searcher
    from kg.sparql.execute import InProcessExecutor
    from kg.sparql.run import QueryLimits

    searcher = Searcher(ws)
    executor = InProcessExecutor(ws.store)
    limits = QueryLimits(ws.settings.query_timeout, max_rows=ws.settings.max_rows)
    linkers = LinkerCache()
    def detect(_: str) -> str:  # never asked: every question comes with its language
        raise AssertionError("the questions carry their language")

    askers = {name: Asker(ws, searcher, executor, detect=detect, limits=limits, linkers=linkers,
                          programs=programs)
              for name, programs in (("before", NoProgramLinks()), ("after", ProgramLinks()))}
    questions = load()
    for asker in askers.values():  # warm: linker, program vectors, embedder, indexes
        asker.ask(questions[0].question, lang=questions[0].lang)
    times: dict[str, dict[str, list[float]]] = {name: {"link": [], "search": [], "link+search": []} for name in askers}
    for q in questions:
        for name, asker in askers.items():
            ws._query_vectors.clear()  # a cold question each time: the link step as a new question finds it
            timings = asker.ask(q.question, lang=q.lang).timings
            for step in ("link", "search"):
                times[name][step].append(timings[step])
            times[name]["link+search"].append(timings["link"] + timings["search"])
    return {name: {step: round(statistics.median(t), 2) for step, t in steps.items()} for name, steps in times.items()}


def main(argv: Sequence[str]) -> None:
    from kg.settings import Settings

    ws = Workspace(Settings(store=Path(argv[0])), read_only=True)
    report = measure(ws)
    if "--times" in argv:
        report["link_ms"] = link_times(ws)
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
