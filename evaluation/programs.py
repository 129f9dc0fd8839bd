"""Program extraction, field by field, against ``oas-program-facts.jsonl``, by an independent judge.

For each gold sheet the store holds, the programs the document is ``pkg:about`` are read
from its graph (plain triples only) and each field's values are compared with the gold.
The judge shares no code with the extractor (nothing here imports ``ingest``): names go
through :class:`~evaluation.names.ReferenceNames` (reference-graph labels, ISO codes) and
mandates through :mod:`evaluation.symbols` (its own symbol parser).

| field | predicate(s) | a gold value matches an extracted one when |
|---|---|---|
| program | (the programs the document is about) | a folded label equals the gold label, or the acronyms are equal |
| beneficiary | pkg:beneficiary | the gold ISO3's state IRI |
| donor | pkg:fundedBy | ISO3 → state; a name → its reference IRI, else a folded label equal |
| implementedBy, partner | pkg:implementedBy, pkg:partner | the name's reference IRI, or a folded label equal |
| mandatedBy | pkg:mandatedBy, pkg:implements | a shared symbol; a name resolved to the reference instrument; |
| | | or a name/acronym equal (long names: contained) |
| start, end | pkg:startYear, pkg:endYear | the same year |

``state links`` is derived, not a field: the program → state links by role (beneficiary and
donor values that are states), so it is not pooled into ``all fields``. P/R/F1 are
micro-averaged per field, per sheet language and over all sheets; when a sheet yields
several programs their values are pooled (the gold has one per sheet).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from evaluation.gold import ALL, ProgramFacts, languages_of
from evaluation.graph_facts import DocumentScope, Entity, GraphFacts, Triple, instrument_matches
from evaluation.metrics import PRF, micro
from evaluation.names import ReferenceNames, label_match, norm
from evaluation.symbols import read_instrument

FIELDS: dict[str, tuple[str, ...]] = {
    "program": (),
    "beneficiary": ("beneficiary",),
    "donor": ("fundedBy",),
    "implementedBy": ("implementedBy",),
    "partner": ("partner",),
    "mandatedBy": ("mandatedBy", "implements"),
    "start": ("startYear",),
    "end": ("endYear",),
}
STATE_LINKS = "state links"  # derived: beneficiary + donor links to states, by role
ALL_FIELDS = "all fields"
#: Rows of a program table, in order: the fields, the derived state links, everything pooled.
ROWS = (*FIELDS, STATE_LINKS, ALL_FIELDS)


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
    prfs: tuple[tuple[str, PRF], ...] = ()  # (row, counts) for every field and STATE_LINKS

    def prf(self, row: str) -> PRF:
        if row == ALL_FIELDS:
            return micro(p for f, p in self.prfs if f in FIELDS)
        return next(p for f, p in self.prfs if f == row)


@dataclass(frozen=True)
class ProgramReport:
    fields: tuple[str, ...]
    languages: tuple[str, ...]
    scores: tuple[FieldScore, ...]  # every row of ROWS but ALL_FIELDS, per language
    overall: tuple[FieldScore, ...]  # every field pooled, per language
    sheets: tuple[SheetResult, ...]
    missing: tuple[str, ...]  # gold documents not in the store
    without_program: tuple[str, ...]  # present, but about no program

    def score(self, field: str, language: str = ALL) -> PRF:
        for s in (*self.scores, *self.overall):
            if s.field == field and s.language == language:
                return s.prf
        raise KeyError((field, language))


Matcher = Callable[[str, object], bool]


class ProgramJudge:
    """Compares one sheet's extracted program triples with its gold facts. Pure given the graph reads."""

    def __init__(self, names: ReferenceNames) -> None:
        self.names = names
        self.state_prefix = names.iris.state("")
        self._resolved: dict[str, str | None] = {}

    def iri_of(self, value: str) -> str | None:
        if value not in self._resolved:
            self._resolved[value] = self.names.resolve(value)
        return self._resolved[value]

    def score(self, facts: GraphFacts, gold: ProgramFacts, scope: DocumentScope) -> SheetResult:
        """Every field of one gold sheet against the document's graph. Read-only."""
        about = facts.entities(scope.about)
        programs = [p for p, e in about.items() if "Program" in e.types]
        triples = facts.triples(scope.graph, programs)
        objects = facts.entities({str(t.o) for t in triples if t.iri})
        v = facts.v
        missed: list[tuple[str, str]] = []
        spurious: list[tuple[str, str]] = []
        prfs: list[tuple[str, PRF]] = []
        for name, predicates in FIELDS.items():
            if name == "program":
                predicted: list[object] = list(programs)
                objects_here = {p: about[p] for p in programs}
            else:
                wanted = {v + p for p in predicates}
                predicted = list(dict.fromkeys(t.o for t in triples if t.p in wanted))
                objects_here = objects
            gold_values = gold_values_of(gold, name)
            match = self._matcher(name, objects_here, gold)
            hit_gold = [gv for gv in gold_values if any(match(gv, pv) for pv in predicted)]
            hit_pred = [pv for pv in predicted if any(match(gv, pv) for gv in gold_values)]
            prfs.append((name, PRF.of(len(hit_pred), len(predicted), len(hit_gold), len(gold_values))))
            missed += [(name, gv) for gv in gold_values if gv not in hit_gold]
            spurious += [(name, _show(pv, objects_here)) for pv in predicted if pv not in hit_pred]
        prfs.append((STATE_LINKS, self._state_links(triples, gold, v)))
        return SheetResult(gold.document, gold.language, tuple(programs), tuple(missed), tuple(spurious), tuple(prfs))

    def _state_links(self, triples: Sequence[Triple], gold: ProgramFacts, v: str) -> PRF:
        roles = {v + "beneficiary": "beneficiary", v + "fundedBy": "donor"}
        predicted = {(roles[t.p], str(t.o)) for t in triples
                     if t.p in roles and t.iri and str(t.o).startswith(self.state_prefix)}
        wanted = {(role, iri) for role in ("beneficiary", "donor") for value in getattr(gold, role)
                  if (iri := self.iri_of(value)) is not None and iri.startswith(self.state_prefix)}
        hit = len(predicted & wanted)
        return PRF.of(hit, len(predicted), hit, len(wanted))

    def _matcher(self, name: str, objects: dict[str, Entity], gold: ProgramFacts) -> Matcher:
        if name in ("start", "end"):
            return lambda gv, pv: str(pv) == gv
        if name == "program":
            return lambda gv, pv: isinstance(pv, str) and pv in objects and program_named(gold, objects[pv])
        if name == "mandatedBy":
            mentions = {g: read_instrument(g) for g in gold.mandatedBy}
            known = {g: {i for n in (*m.names, *m.alternatives) if (i := self.names.resolve_instrument(n))}
                     for g, m in mentions.items()}
            return lambda gv, pv: (isinstance(pv, str) and (pv in known[gv] or pv in objects
                                                            and instrument_matches(mentions[gv], pv, objects[pv])))

        def match(gv: str, pv: object) -> bool:
            if not isinstance(pv, str):
                return False
            iri = self.iri_of(gv)
            if iri is not None:
                return iri == pv
            return pv in objects and label_match(gv, objects[pv].names)

        return match


def program_named(gold: ProgramFacts, program: Entity) -> bool:
    """Whether an extracted program carries the gold program's label or acronym (folded equality).

    >>> g = ProgramFacts("d", "Programa de Ação", "AICMA", "pt", (), (), (), (), (), (), None, None)
    >>> program_named(g, Entity("p", labels={"Programa de Acao (AICMA)"}))
    True
    >>> program_named(g, Entity("q", acronyms={"AICMA"}))
    True
    """
    wanted = {norm(gold.label)} - {""}
    if gold.acronym:
        wanted.add(norm(gold.acronym))
    labels = {norm(x) for x in program.labels} | {norm(_strip_paren(x)) for x in program.labels}
    return bool(wanted & labels) or bool(gold.acronym and gold.acronym in program.acronyms)


def _strip_paren(label: str) -> str:
    head, _, tail = label.rpartition("(")
    return head if head and tail.endswith(")") else label


def gold_values_of(g: ProgramFacts, name: str) -> list[str]:
    """The gold values of one field; ``program`` is the label (one per sheet)."""
    if name == "program":
        return [g.label] if g.label else []
    if name in ("start", "end"):
        year = getattr(g, name)
        return [] if year is None else [str(year)]
    return list(dict.fromkeys(getattr(g, name)))


def aggregate(sheets: Iterable[SheetResult], languages: Sequence[str]) -> tuple[tuple[FieldScore, ...],
                                                                                tuple[FieldScore, ...]]:
    """Micro-averaged scores per row and language, and every field pooled per language."""
    sheets = list(sheets)
    scores, overall = [], []
    for lang in languages:
        chosen = [s for s in sheets if lang in (ALL, s.language)]
        for row in (*FIELDS, STATE_LINKS):
            scores.append(FieldScore(row, lang, micro(s.prf(row) for s in chosen)))
        overall.append(FieldScore(ALL_FIELDS, lang, micro(s.prf(ALL_FIELDS) for s in chosen)))
    return tuple(scores), tuple(overall)


def evaluate_programs(facts: GraphFacts, judge: ProgramJudge, gold: Sequence[ProgramFacts]) -> ProgramReport:
    """Score the program fields of every gold sheet in the store. Read-only."""
    documents = facts.documents()
    sheets, missing, without = [], [], []
    for g in gold:
        scope = documents.get(g.document)
        if scope is None:
            missing.append(g.document)
            continue
        result = judge.score(facts, g, scope)
        if not result.programs:
            without.append(g.document)
        sheets.append(result)
    languages = languages_of(g.language for g in gold)
    scores, overall = aggregate(sheets, languages)
    return ProgramReport(tuple(FIELDS), languages, scores, overall, tuple(sheets), tuple(missing), tuple(without))


def _show(value: object, objects: dict[str, Entity]) -> str:
    if isinstance(value, str) and value in objects:
        e = objects[value]
        label = sorted(e.labels)[0] if e.labels else ""
        return f"{label} <{value}>" if label else value
    return str(value)
