"""Program extraction, field by field, against ``oas-program-facts.jsonl``.

For each gold sheet the store holds, the programs the document is ``pkg:about`` are read
from its graph (plain triples only) and each field's values are compared with the gold:

| field | predicate(s) | a gold value matches an extracted one when |
|---|---|---|
| beneficiary | pkg:beneficiary | the state IRI ends with its ISO3 |
| donor | pkg:fundedBy | ISO3 → state; a name → the gazetteer's IRI (unresolved: a miss) |
| implementedBy, partner | pkg:implementedBy, pkg:partner | the gazetteer's IRI, or a folded label equal |
| mandatedBy | pkg:mandatedBy, pkg:implements | a shared number, name or acronym (loose) |
| start, end | pkg:startYear, pkg:endYear | the same year |

P/R/F1 are micro-averaged per field, per sheet language and over all sheets. When a
sheet yields several programs their values are pooled (the gold has one per sheet).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from evaluation.gold import ALL, ProgramFacts, languages_of
from evaluation.graph_facts import Entity, GraphFacts, instrument_matches
from evaluation.metrics import PRF, micro
from evaluation.names import NameResolver, label_match

FIELDS: dict[str, tuple[str, ...]] = {
    "beneficiary": ("beneficiary",),
    "donor": ("fundedBy",),
    "implementedBy": ("implementedBy",),
    "partner": ("partner",),
    "mandatedBy": ("mandatedBy", "implements"),
    "start": ("startYear",),
    "end": ("endYear",),
}


@dataclass(frozen=True)
class FieldScore:
    field: str
    language: str  # a sheet language or "all"
    prf: PRF


@dataclass(frozen=True)
class SheetResult:
    document: str
    language: str
    programs: tuple[str, ...]  # IRIs of the programs the document is about
    missed: tuple[tuple[str, str], ...]  # (field, gold value) without a match
    spurious: tuple[tuple[str, str], ...]  # (field, extracted value) matching no gold value


@dataclass(frozen=True)
class ProgramReport:
    fields: tuple[str, ...]
    languages: tuple[str, ...]
    scores: tuple[FieldScore, ...]
    overall: tuple[FieldScore, ...]  # every field pooled, per language
    sheets: tuple[SheetResult, ...]
    missing: tuple[str, ...]  # gold documents not in the store
    without_program: tuple[str, ...]  # present, but about no program

    def score(self, field: str, language: str = ALL) -> PRF:
        for s in self.scores:
            if s.field == field and s.language == language:
                return s.prf
        raise KeyError((field, language))


Matcher = Callable[[str, object], bool]


def evaluate_programs(facts: GraphFacts, resolver: NameResolver, gold: Sequence[ProgramFacts]) -> ProgramReport:
    """Score the program fields of every gold sheet in the store. Read-only."""
    v = facts.v
    documents = facts.documents()
    per: dict[tuple[str, str], list[PRF]] = {}
    sheets, missing, without = [], [], []
    resolved: dict[str, str | None] = {}

    def iri_of(value: str) -> str | None:
        if value not in resolved:
            resolved[value] = resolver.state_or_entity(value)
        return resolved[value]

    for g in gold:
        scope = documents.get(g.document)
        if scope is None:
            missing.append(g.document)
            continue
        programs = [p for p, e in facts.entities(scope.about).items() if "Program" in e.types]
        if not programs:
            without.append(g.document)
        triples = facts.triples(scope.graph, programs)
        objects = facts.entities({str(t.o) for t in triples if t.iri})
        missed, spurious = [], []
        for name, predicates in FIELDS.items():
            wanted = {v + p for p in predicates}
            predicted = list(dict.fromkeys(t.o for t in triples if t.p in wanted))
            gold_values = _gold_values(g, name)
            match = _matcher(name, iri_of, objects)
            hit_gold = [gv for gv in gold_values if any(match(gv, pv) for pv in predicted)]
            hit_pred = [pv for pv in predicted if any(match(gv, pv) for gv in gold_values)]
            prf = PRF.of(len(hit_pred), len(predicted), len(hit_gold), len(gold_values))
            per.setdefault((name, g.language), []).append(prf)
            missed += [(name, gv) for gv in gold_values if gv not in hit_gold]
            spurious += [(name, _show(pv, objects)) for pv in predicted if pv not in hit_pred]
        sheets.append(SheetResult(g.document, g.language, tuple(programs), tuple(missed), tuple(spurious)))

    languages = languages_of(g.language for g in gold)
    scores, overall = [], []
    for lang in languages:
        pooled = []
        for name in FIELDS:
            parts = [p for (f, la), ps in per.items() if f == name and lang in (ALL, la) for p in ps]
            scores.append(FieldScore(name, lang, micro(parts)))
            pooled += parts
        overall.append(FieldScore("all fields", lang, micro(pooled)))
    return ProgramReport(tuple(FIELDS), languages, tuple(scores), tuple(overall), tuple(sheets),
                         tuple(missing), tuple(without))


def _gold_values(g: ProgramFacts, name: str) -> list[str]:
    if name in ("start", "end"):
        year = getattr(g, name)
        return [] if year is None else [str(year)]
    return list(dict.fromkeys(getattr(g, name)))


def _matcher(name: str, iri_of: Callable[[str], str | None], objects: dict[str, Entity]) -> Matcher:
    if name in ("start", "end"):
        return lambda gv, pv: str(pv) == gv
    if name == "mandatedBy":
        return lambda gv, pv: isinstance(pv, str) and pv in objects and instrument_matches(gv, objects[pv])
    with_labels = name in ("implementedBy", "partner")

    def match(gv: str, pv: object) -> bool:
        if not isinstance(pv, str):
            return False
        if iri_of(gv) == pv:
            return True
        return with_labels and pv in objects and label_match(gv, objects[pv].names)

    return match


def _show(value: object, objects: dict[str, Entity]) -> str:
    if isinstance(value, str) and value in objects:
        e = objects[value]
        label = sorted(e.labels)[0] if e.labels else ""
        return f"{label} <{value}>" if label else value
    return str(value)
