"""The evaluation report: one frozen structure, its JSON form, and two renderings of the same tables.

:func:`tables` turns a report into plain rows of text, once; the terminal (rich) and the
markdown renderers only lay those rows out, so both show the same numbers, and
:meth:`EvalReport.as_dict` rounds floats the same way (:data:`DIGITS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, is_dataclass
from typing import Any

from evaluation.citations import CitationReport
from evaluation.extraction import ExtractionReport
from evaluation.laws import TARGET_FIELDS as LAW_TARGETS, LawReport
from evaluation.metrics import PRF
from evaluation.programs import ALL_FIELDS, ROWS, ProgramReport
from evaluation.retrieval import RetrievalReport
from evaluation.robustness import Condition, RobustnessReport

DIGITS = 4


@dataclass(frozen=True)
class EvalReport:
    gold: str
    store: str
    absent: tuple[str, ...]  # gold parts whose files were missing
    retrieval: RetrievalReport | None
    citations: CitationReport | None
    programs: ProgramReport | None
    extraction: ExtractionReport | None
    elapsed_s: float
    robustness: RobustnessReport | None = None  # program sheets: original, leave-one-out, re-layout
    laws: LawReport | None = None  # law metadata per field and language

    def as_dict(self) -> dict[str, Any]:
        """A JSON-able dict of everything, floats rounded to :data:`DIGITS` places."""
        return _rounded(asdict(self))  # type: ignore[no-any-return]


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, DIGITS)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    if is_dataclass(value):
        return _rounded({f.name: getattr(value, f.name) for f in fields(value)})
    return value


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()


def num(value: float | None) -> str:
    """A measure as printed: :data:`DIGITS` places, or an en dash when undefined.

    >>> num(0.91972), num(None), num(1.0)
    ('0.9197', '–', '1.0000')
    """
    return "–" if value is None else f"{round(value, DIGITS):.{DIGITS}f}"


def _prf_cells(p: PRF) -> tuple[str, ...]:
    return (num(p.precision), num(p.recall), num(p.f1), f"{p.matched_predicted}/{p.predicted}",
            f"{p.matched_gold}/{p.gold}")


PRF_COLUMNS = ("P", "R", "F1", "matched/extracted", "matched/gold")


def tables(report: EvalReport) -> list[Table]:
    """Every table of the report, in reading order."""
    out: list[Table] = []
    if report.retrieval is not None:
        out += _retrieval(report.retrieval)
    if report.citations is not None:
        out += _citations(report.citations)
    if report.programs is not None:
        out += _programs(report.programs)
    if report.robustness is not None:
        out += _robustness(report.robustness)
    if report.extraction is not None:
        out += _extraction(report.extraction)
    if report.laws is not None:
        out += _laws(report.laws)
    return out


def _laws(r: LawReport) -> list[Table]:
    """One row per field and language: P, R, counts; the errors of each document below."""
    rows = tuple((name, lang, *_prf_cells(r.score(name, lang))) for name in r.fields for lang in r.languages)
    notes = [f"{len(r.documents)} gold laws in the store; plain triples of each document's own graph; "
             f"targets: {', '.join(LAW_TARGETS)} (title (exact) is shown, not a target)"]
    if r.missing:
        notes.append(f"not in the store as a law ({len(r.missing)}): {', '.join(r.missing)}")
    out = [Table("Law metadata", ("field", "lang", *PRF_COLUMNS), rows, tuple(notes))]
    errors = tuple((d.document, "; ".join(f"{f}: {v}" for f, v in d.missed if f != "title (exact)") or "–",
                    "; ".join(f"{f}: {v}" for f, v in d.spurious if f != "title (exact)") or "–")
                   for d in r.documents if any(f != "title (exact)" for f, _ in (*d.missed, *d.spurious)))
    if errors:
        out.append(Table("Law metadata errors", ("document", "missed", "spurious"), errors))
    return out


def _retrieval(r: RetrievalReport) -> list[Table]:
    rows = tuple((c.mode, c.language, str(c.questions), str(c.failed), num(c.ndcg10), num(c.recall10),
                  num(c.recall50), num(c.mrr10)) for c in r.cells)
    notes = [f"{r.questions} questions, {r.covered_questions} with every relevant document in the store "
             f"({r.store_documents} documents); {r.k} passages per query collapsed to documents."]
    notes += [f"{m.name}: mode {m.mode}" + (f", embedder {m.embedder}" if m.embedder else "")
              + (f", fusion {m.fusion}" if m.fusion else "") for m in r.modes]
    for s in (r.significance, r.against_previous):
        if s is None:
            continue
        exact = "exact" if s.resamples == 0 else f"{s.resamples} resamples"
        w = (f"; Wilcoxon W={num(s.wilcoxon_statistic)}, p={num(s.wilcoxon_p)}"
             if s.wilcoxon_p is not None else "")
        notes.append(f"{s.a} vs {s.b} on {s.metric}: mean {num(s.mean_a)} vs {num(s.mean_b)}, difference "
                     f"{num(s.statistic)}, paired randomization test ({exact}) p={num(s.p_value)}{w}, n={s.n}")
    out = [Table("Retrieval", ("mode", "lang", "n", "failed", "nDCG@10", "R@10", "R@50", "MRR@10"), rows,
                 tuple(notes))]
    if r.failures:
        out.append(Table("Failed queries", ("mode", "question", "error"),
                         tuple((f.mode, f.question, f.error) for f in r.failures)))
    return out


def _citations(c: CitationReport) -> list[Table]:
    notes = [f"{len(c.documents)} gold documents in the store, micro-averaged"]
    if c.missing:
        notes.append(f"not in the store ({len(c.missing)}): {', '.join(c.missing)}")
    if c.without_instrument:
        notes.append(f"no pkg:about instrument: {', '.join(c.without_instrument)}")
    out = [Table("Citations (eli:cites)", ("links", *PRF_COLUMNS),
                 (("Security Council", *_prf_cells(c.unsc)), ("other bodies", *_prf_cells(c.other))), tuple(notes))]
    errors = tuple((d.doc, ", ".join(d.missed) or "–", ", ".join(d.spurious) or "–")
                   for d in c.documents if d.missed or d.spurious)
    if errors:
        out.append(Table("Citation errors (Security Council)", ("document", "missed", "spurious"), errors))
    return out


def _programs(p: ProgramReport) -> list[Table]:
    langs = [la for la in p.languages if la != "all"]
    columns = ("field", *PRF_COLUMNS, *(f"F1 {la}" for la in langs))
    rows = []
    for name in ROWS:
        source = p.overall if name == ALL_FIELDS else p.scores
        by_lang = {s.language: s.prf for s in source if s.field == name}
        rows.append((name, *_prf_cells(by_lang["all"]), *(num(by_lang[la].f1) for la in langs)))
    notes = [f"{len(p.sheets)} gold sheets in the store; plain triples only; judged without the extractor's "
             "gazetteer or reference parser (reference-graph labels, ISO codes, own symbol parser)",
             "state links = beneficiary and donor links to states, by role (part of those two fields, "
             "so not pooled again into all fields)"]
    if p.missing:
        notes.append(f"not in the store ({len(p.missing)}): {', '.join(p.missing)}")
    if p.without_program:
        notes.append(f"about no program: {', '.join(p.without_program)}")
    out = [Table("Program fields", columns, tuple(rows), tuple(notes))]
    errors = tuple((s.document, "; ".join(f"{f}: {v}" for f, v in s.missed) or "–",
                    "; ".join(f"{f}: {v}" for f, v in s.spurious) or "–")
                   for s in p.sheets if s.missed or s.spurious)
    if errors:
        out.append(Table("Program field errors", ("sheet", "missed", "spurious"), errors))
    return out


def _robustness(r: RobustnessReport) -> list[Table]:
    conditions = r.conditions
    columns = ("row", "lang", *(f"{c.name} {m}" for c in conditions for m in ("P", "R", "F1")))
    rows = []
    for lang in r.languages:
        for name in ROWS:
            cells: list[str] = []
            for c in conditions:
                if not c.available:
                    cells += ["n/a"] * 3
                    continue
                prf = _score(c, name, lang)
                cells += [num(prf.precision), num(prf.recall), num(prf.f1)]
            rows.append((name, lang, *cells))
    notes = [f"{len(r.sheets)} sheets; {r.variants_per_sheet} re-layout variant(s) per sheet "
             f"({', '.join(r.recipes) or 'none'}), seed {r.seed}; {r.elapsed_s:.1f} s"]
    notes += [f"{c.name}: {c.note} ({c.runs} runs)" for c in conditions]
    if r.unreadable:
        notes.append("not measured (source unreadable): " + "; ".join(f"{d} ({why})" for d, why in r.unreadable))
    if r.changed_since_ingest:
        notes.append("source file differs from the stored text (measured on the file): "
                     + ", ".join(r.changed_since_ingest))
    if r.differs_from_store:
        notes.append("the extractor today judges otherwise than the stored graph (re-ingest to compare like with "
                     "like): " + ", ".join(r.differs_from_store))
    out = [Table("Program sheets: original, leave-one-out, re-layout", columns, tuple(rows), tuple(notes))]

    by = [c for c in (conditions[0], r.loo_partial or conditions[1], *r.by_recipe, conditions[2]) if c.available]
    f1_rows = tuple((c.name, str(c.runs), *(num(_score(c, name, "all").f1) for name in ROWS)) for c in by)
    out.append(Table("Program sheets: F1 by condition and re-layout recipe", ("condition", "runs", *ROWS), f1_rows))
    if r.losses:
        out.append(Table("Program facts the original run found and a condition lost", ("sheet", "condition", "lost"),
                         tuple((x.document, x.condition, "; ".join(x.lost)) for x in r.losses)))
    f = r.fitting
    special = []
    for s in f.special:
        by_table: dict[str, list[str]] = {}
        for e in s.entries:
            text = e.text if len(e.text) <= 60 else e.text[:57] + "…"
            by_table.setdefault(e.table, []).append(text + (f" → {e.iri.rsplit('/', 1)[-1]}" if e.iri else ""))
        special += [(s.document, table, "; ".join(texts)) for table, texts in by_table.items()]
    notes = [f"{f.entries} entries (labels.py tables, named instruments, curated gazetteer names) over "
             f"{len(f.documents)} development documents: {f.once} fire in exactly one, {f.several} in several, "
             f"{f.never} in none",
             "fires = occurs in the text as the extractor looks for it (folded phrase, cue regex, gazetteer tokens); "
             "a proxy, computed without running the extractor"]
    notes += [f"{s.document}: {len(s.entries)} entries" for s in f.special]
    if r.loo_missing:
        notes.append(f"leave-one-out switched off {', '.join(r.loo_families) or 'nothing'}; it needs a hook in the "
                     f"extractor to switch off {', '.join(r.loo_missing)} entries")
    out.append(Table("Rule and lexicon entries that fire in one development sheet only", ("sheet", "table", "entries"),
                     tuple(special), tuple(notes)))
    return out


def _score(c: Condition, name: str, lang: str) -> PRF:
    source = c.overall if name == ALL_FIELDS else c.scores
    return next(s.prf for s in source if s.field == name and s.language == lang)


def _extraction(e: ExtractionReport) -> list[Table]:
    rows = [(f"entities: {k.kind}", *_prf_cells(k.prf)) for k in e.entities]
    rows.append(("relations", *_prf_cells(e.relations)))
    notes = [f"{len(e.documents)} gold documents in the store; ambiguous entities checked: {e.ambiguous_checked}, "
             f"violations (asserted fundedBy to an ambiguous entity): {len(e.violations)}"]
    if e.missing:
        notes.append(f"not in the store: {', '.join(e.missing)}")
    notes += [f"violation: {v.subject} fundedBy {v.object} ({v.entity})" for v in e.violations]
    out = [Table("Entities and relations", ("", *PRF_COLUMNS), tuple(rows), tuple(notes))]
    errors = tuple((d.document, kind, ", ".join(items))
                   for d in e.documents
                   for kind, items in (("missed entities", d.missed_entities), ("spurious entities", d.spurious_entities),
                                       ("missed relations", d.missed_relations),
                                       ("spurious relations", d.spurious_relations)) if items)
    if errors:
        out.append(Table("Extraction errors", ("document", "kind", "items"), errors))
    return out


def render_markdown(report: EvalReport) -> str:
    """The report as a markdown document (GitHub tables)."""
    lines = ["# policykg evaluation", "",
             f"- gold: `{report.gold}`", f"- store: `{report.store}`",
             f"- absent gold parts: {', '.join(report.absent) or 'none'}", f"- time: {report.elapsed_s:.1f} s", ""]
    for t in tables(report):
        lines += [f"## {t.title}", "", _md_row(t.columns), _md_row(tuple("---" for _ in t.columns))]
        lines += [_md_row(r) for r in t.rows]
        lines.append("")
        lines += [f"- {n}" for n in t.notes]
        if t.notes:
            lines.append("")
    return "\n".join(lines)


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def render_rich(report: EvalReport, console: Any) -> None:
    """Print every table on a rich Console."""
    from rich.table import Table as RichTable

    console.print(f"gold {report.gold} · store {report.store} · absent: {', '.join(report.absent) or 'none'} · "
                  f"{report.elapsed_s:.1f} s")
    for t in tables(report):
        table = RichTable(*t.columns, title=t.title, title_justify="left")
        for r in t.rows:
            table.add_row(*r)
        console.print(table)
        for n in t.notes:
            console.print(f"  [dim]{n}[/dim]")
