"""Program-sheet extraction on documents nobody has seen, approximated three ways on the development sheets.

1. **original**: the extractor run now on each sheet's text, as stored;
2. **leave-one-out**: each sheet extracted with its special cases switched off — the rule and
   lexicon entries that fire in that sheet alone (:mod:`evaluation.fitting`);
3. **re-layout**: each sheet re-laid out as another PDF extraction would print it, same facts
   (:mod:`evaluation.relayout`), at most ``variants`` per sheet.

The extractor is reached only through :class:`SheetExtractor` (the command line wraps
``ingest`` in one), so this module and its judge import nothing from ``ingest``. Every run is
judged the same way: its document graph goes into a scratch in-memory store beside the
reference graphs and is scored by :class:`~evaluation.programs.ProgramJudge`.
Cost: (1 + variants) extractions per sheet, plus one per sheet that has special cases.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from pyoxigraph import Quad

from evaluation.fitting import Fitting, LexiconTable, RuleEntry, compute_fitting, gazetteer_entries, table_entries
from evaluation.gold import ProgramFacts, languages_of
from evaluation.graph_facts import GraphFacts
from evaluation.names import ReferenceNames
from evaluation.programs import FieldScore, ProgramJudge, ProgramReport, SheetResult, aggregate
from evaluation.relayout import RECIPES, variants as make_variants
from kg.errors import PolicyKGError
from kg.store.base import GraphStore

Progress = Callable[[str, int, int], None]

ORIGINAL, LEAVE_ONE_OUT, RELAYOUT = "original", "leave-one-out", "re-layout"
SOURCES_QUERY = """
PREFIX pkg: <{v}>
SELECT ?src ?path ?hash WHERE {{ GRAPH ?g {{ ?doc a pkg:Document ; pkg:source ?src ; pkg:contentHash ?hash
  OPTIONAL {{ ?doc pkg:sourcePath ?path }} }} }}
"""


class SheetExtractor(Protocol):
    """What the robustness measures need of the extractor."""

    def lexicon(self) -> Sequence[LexiconTable]:
        """The extractor's rule tables (labels, cues, named instruments), as data."""
        ...

    def disables(self) -> frozenset[str]:
        """The entry families (of :data:`~evaluation.fitting.FAMILIES`) it can switch off."""
        ...

    def read(self, path: str) -> str:
        """The text of a stored document's source file, read as ingest reads it."""
        ...

    def document_quads(self, source: str, text: str, *, disabled: Collection[RuleEntry] = ()) -> list[Quad]:
        """The quads of one document's named graph, extracted from ``text`` under the source name
        ``source``, with ``disabled`` entries switched off (only families in :meth:`disables`)."""
        ...


@dataclass(frozen=True)
class Condition:
    """One column: the sheets scored under one condition, per row and language."""

    name: str
    available: bool
    note: str
    runs: int
    scores: tuple[FieldScore, ...]  # every field and "state links", per language
    overall: tuple[FieldScore, ...]  # "all fields", per language
    sheets: tuple[SheetResult, ...]  # one per run; a variant's document is "<sheet>~<recipe>~<seed>"


@dataclass(frozen=True)
class Loss:
    """Gold values the original run found and a condition lost (field: value), per sheet."""

    document: str
    condition: str  # leave-one-out, or a re-layout recipe
    lost: tuple[str, ...]


@dataclass(frozen=True)
class RobustnessReport:
    sheets: tuple[str, ...]
    unreadable: tuple[tuple[str, str], ...]  # (document, why)
    changed_since_ingest: tuple[str, ...]  # the file on disk is not the text that was stored
    differs_from_store: tuple[str, ...]  # sheets whose original run is judged otherwise than the stored graph
    variants_per_sheet: int
    seed: int
    recipes: tuple[str, ...]
    languages: tuple[str, ...]
    conditions: tuple[Condition, ...]  # original, leave-one-out, re-layout
    by_recipe: tuple[Condition, ...]
    loo_families: tuple[str, ...]  # switched off
    loo_missing: tuple[str, ...]  # families the extractor cannot switch off yet
    loo_partial: Condition | None  # leave-one-out with only the families that can be switched off
    losses: tuple[Loss, ...]
    fitting: Fitting
    elapsed_s: float

    def condition(self, name: str) -> Condition:
        return next(c for c in (*self.conditions, *self.by_recipe) if c.name == name)


def stored_sources(store: GraphStore, ontology: str) -> dict[str, tuple[str | None, str]]:
    """Every stored document's source name → (the file path it was read from, its content hash)."""
    rows = store.select(SOURCES_QUERY.format(v=ontology))
    def text(term: object) -> str:
        return str(getattr(term, "value", term))

    return {text(src): (text(path) if path is not None else None, text(h)) for src, path, h in rows}


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Judge:
    """Scores one run's document graph in a scratch store beside the reference graphs."""

    def __init__(self, store: GraphStore, ontology: str, reference: Sequence[Quad], names: ReferenceNames) -> None:
        graphs: dict[str, list[Quad]] = {}
        for q in reference:
            graphs.setdefault(q.graph_name.value, []).append(q)  # type: ignore[union-attr]
        store.replace_graphs(graphs)
        self.store, self.ontology = store, ontology
        self.judge = ProgramJudge(names)

    def score(self, gold: ProgramFacts, quads: Sequence[Quad], *, run: str) -> SheetResult:
        graphs: dict[str, list[Quad]] = {}
        for q in quads:
            graphs.setdefault(q.graph_name.value, []).append(q)  # type: ignore[union-attr]
        self.store.replace_graphs(graphs)
        try:
            facts = GraphFacts(self.store, self.ontology)
            scope = facts.documents().get(gold.document)
            if scope is None:
                raise ValueError(f"the extracted graph of {run} holds no document named {gold.document!r}")
            result = self.judge.score(facts, gold, scope)
        finally:
            self.store.replace_graphs({}, drop=list(graphs))
        return SheetResult(run, result.language, result.programs, result.missed, result.spurious, result.prfs)


def evaluate_robustness(extractor: SheetExtractor, gold: Sequence[ProgramFacts], *,
                        sources: Mapping[str, tuple[str | None, str]], scratch: GraphStore, ontology: str,
                        reference: Sequence[Quad], names: ReferenceNames, development: Sequence[str] = (),
                        variants: int = 3, seed: int = 0, stored: ProgramReport | None = None,
                        progress: Progress | None = None) -> RobustnessReport:
    """Run and judge every gold sheet whose source file can be read, under the three conditions.

    ``development`` names further development documents (e.g. the extraction gold's) that
    count when deciding which entries fire in one document only; ``stored`` (the same judge
    over the stored graphs) lets the report name the sheets whose stored graph is not what
    the extractor gives now. Writes only to ``scratch``.
    """
    started = time.perf_counter()
    variants = max(0, min(variants, len(RECIPES)))
    texts, unreadable, changed = _texts(extractor, [*(g.document for g in gold), *development], sources)
    entries = table_entries(extractor.lexicon()) + gazetteer_entries(names.names)
    fitting = compute_fitting(entries, texts)
    can = extractor.disables()
    families = sorted({e.family for e in entries})
    missing = tuple(f for f in families if f not in can)
    judge = _Judge(scratch, ontology, reference, names)
    sheets = [g for g in gold if g.document in texts]
    runs: dict[str, list[SheetResult]] = {ORIGINAL: [], LEAVE_ONE_OUT: [], RELAYOUT: []}
    per_recipe: dict[str, list[SheetResult]] = {r.name: [] for r in RECIPES}
    losses: list[Loss] = []
    total = len(sheets) * (2 + variants)
    for n, g in enumerate(sheets):
        text = texts[g.document]
        original = judge.score(g, extractor.document_quads(g.document, text), run=g.document)
        runs[ORIGINAL].append(original)
        special = [e for e in fitting.special_for(g.document) if e.family in can]
        if special:
            loo = judge.score(g, extractor.document_quads(g.document, text, disabled=special), run=g.document)
            losses.append(Loss(g.document, LEAVE_ONE_OUT, _lost(original, loo)))
        else:
            loo = original  # nothing fitted to this sheet alone (or nothing that can be switched off)
        runs[LEAVE_ONE_OUT].append(loo)
        for v in make_variants(text, document=g.document, language=g.language, count=variants, seed=seed):
            result = judge.score(g, extractor.document_quads(g.document, v.text), run=v.name)
            runs[RELAYOUT].append(result)
            per_recipe[v.recipe].append(result)
            losses.append(Loss(g.document, v.recipe, _lost(original, result)))
        if progress:
            progress("re-layout and leave-one-out", (n + 1) * (2 + variants), total)
    languages = languages_of(g.language for g in sheets)
    loo_available = not missing
    loo_note = ("entries firing in that sheet alone switched off: " + ", ".join(families) if loo_available else
                f"n/a until the extractor can switch off {', '.join(missing)} entries (see the report's hook note)")
    conditions = (
        _condition(ORIGINAL, True, "the extractor run now on each stored sheet's text", runs[ORIGINAL], languages),
        _condition(LEAVE_ONE_OUT, loo_available, loo_note, runs[LEAVE_ONE_OUT] if loo_available else [], languages),
        _condition(RELAYOUT, variants > 0, f"{variants} variant(s) per sheet (recipes taken in turn from "
                   f"{len(RECIPES)}: each perturbation alone, and all together), seed {seed}", runs[RELAYOUT],
                   languages),
    )
    partial = None
    if not loo_available and can:
        partial = _condition(f"{LEAVE_ONE_OUT} ({', '.join(sorted(can))} only)", True,
                             f"only {', '.join(sorted(can))} entries switched off", runs[LEAVE_ONE_OUT], languages)
    by_recipe = tuple(_condition(name, True, "runs listed under re-layout", rs, languages, keep_runs=False)
                      for name, rs in per_recipe.items() if rs)
    before = {x.document: (set(x.missed), set(x.spurious)) for x in (stored.sheets if stored else ())}
    differs = tuple(x.document for x in runs[ORIGINAL]
                    if x.document in before and before[x.document] != (set(x.missed), set(x.spurious)))
    return RobustnessReport(
        tuple(g.document for g in sheets), tuple(unreadable), tuple(changed), differs, variants, seed,
        tuple(c.name for c in by_recipe), languages, conditions, by_recipe, tuple(sorted(can)), missing,
        partial, tuple(x for x in losses if x.lost), fitting, round(time.perf_counter() - started, 3))


def _texts(extractor: SheetExtractor, documents: Sequence[str], sources: Mapping[str, tuple[str | None, str]]
           ) -> tuple[dict[str, str], list[tuple[str, str]], list[str]]:
    texts: dict[str, str] = {}
    unreadable: list[tuple[str, str]] = []
    changed: list[str] = []
    for doc in dict.fromkeys(documents):
        path, stored_hash = sources.get(doc, (None, ""))
        if path is None:
            unreadable.append((doc, "not in the store" if doc not in sources else "no source path recorded"))
            continue
        try:
            text = extractor.read(path)
        except (OSError, ValueError, PolicyKGError) as e:
            unreadable.append((doc, f"{path}: {e}"))
            continue
        if content_hash(text) != stored_hash:
            changed.append(doc)
        texts[doc] = text
    return texts, unreadable, changed


def _lost(original: SheetResult, other: SheetResult) -> tuple[str, ...]:
    before = set(original.missed)
    return tuple(f"{f}: {v}" for f, v in other.missed if (f, v) not in before)


def _condition(name: str, available: bool, note: str, results: Sequence[SheetResult],
               languages: Sequence[str], *, keep_runs: bool = True) -> Condition:
    scores, overall = aggregate(results, languages)
    return Condition(name, available, note, len(results), scores, overall, tuple(results) if keep_runs else ())
