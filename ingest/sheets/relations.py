"""Relations the prose of one program block states: who runs it, who works with it, who pays, where, when.

Pure functions over a :class:`~ingest.sheets.context.SheetDoc`. Each returns
:class:`Found` candidates whose evidence span is the sentence that states them; the
confidence says how directly the sentence states it (a cue word right next to the name,
or only the name's role in the sentence).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ingest.sheets.context import OrgRef, Sentence, SheetDoc, StateRef
from ingest.sheets.labels import entries
from ingest.sheets.label_words import label_kind
from ingest.sheets.names import NameSpan, in_family, is_org_head, is_program_head, name_after, name_before
from ingest.sheets.text import clause_bounds, find_cues, fold_same_length, overlaps

#: Text allowed between a subject organization and its verb: "(DPS) has", "Secretariat regularly".
_SUBJECT_GAP = re.compile(
    r"^\s*(?:\([^)]{1,15}\)\s*)?(?:[A-Z][\w-]*\s+){0,2}(?:[a-z]+ly\s+|also\s+|now\s+|mainly\s+)?$")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_RANGE = re.compile(
    r"\b(?:between|entre|from|de|desde|du)\s+((?:19|20)\d\d)\s+(?:and|y|e|et|to|a|à|-|–)\s+(?:19|20)\d\d\b")
_PRONOUN_START = re.compile(r"^(?:It|Il|Elle|Ella|Ele)\b")


@dataclass(frozen=True)
class Found:
    """A relation stated in the prose: ``predicate`` to ``iri`` (or a year), evidenced by ``[start, end)``."""

    predicate: str
    iri: str | None
    start: int
    end: int
    confidence: float
    note: str
    org: OrgRef | None = None
    year: int | None = None


def cues(doc: SheetDoc, s: Sentence, patterns: tuple[str, ...]) -> list[tuple[int, int]]:
    return find_cues(doc.folded, patterns, s.start, s.end)


def funding_windows(doc: SheetDoc, s: Sentence) -> list[tuple[int, int]]:
    """Where a sentence says who pays: from 40 characters before a funding cue to its clause's end."""
    false = cues(doc, s, entries("FUNDING_FALSE_FRIENDS"))
    out = []
    for cs, ce in cues(doc, s, entries("FUNDING_CUES")):
        if overlaps((cs, ce), false):
            continue
        lo, hi = clause_bounds(doc.text, s.start, s.end, cs)
        out.append((max(lo, cs - 40), min(hi, ce + 160)))
    return out


def _instrument_context(doc: SheetDoc, s: Sentence) -> bool:
    return bool(cues(doc, s, entries("INSTRUMENT_CONTEXT_CUES")))


@dataclass(frozen=True)
class StateEvidence:
    funded: frozenset[str]  # state IRIs named in a funding clause
    active: frozenset[str]  # state IRIs named elsewhere in the prose as places the program works with


def state_evidence(doc: SheetDoc, block: int) -> StateEvidence:
    """Which states the block's prose names as payers, and which as places it works in or with."""
    funded: set[str] = set()
    active: set[str] = set()
    for s in doc.block_sentences(block):
        windows = funding_windows(doc, s)
        instrument = _instrument_context(doc, s)
        for st in doc.states_in(s.start, s.end):
            if overlaps((st.start, st.end), windows):
                funded.add(st.iri)
            elif not instrument and (st.org is None or st.org.counterpart):
                active.add(st.iri)
    return StateEvidence(frozenset(funded), frozenset(active))


def body_funders(doc: SheetDoc, block: int, *, exclude: Iterable[str] = (), field_donors: bool = False) -> list[Found]:
    """States (and organizations without a state in their name) named in a funding clause.

    When the donors field already lists donors, an organization the prose names as paying
    is most likely one of their agencies: it is kept below the assertion threshold.
    """
    out: list[Found] = []
    skip = set(exclude)
    for s in doc.block_sentences(block):
        windows = funding_windows(doc, s)
        if not windows:
            continue
        for st in doc.states_in(s.start, s.end):
            if overlaps((st.start, st.end), windows):
                out.append(Found("fundedBy", st.iri, s.start, s.end, 0.7, "named in a funding clause of the prose"))
        for o in doc.orgs_in(s.start, s.end):
            if o.iri in skip or o.home or o.family or o.deliberative or not overlaps((o.start, o.end), windows) \
                    or doc.states_in(o.start, o.end):
                continue
            conf = 0.6 if o.known and not field_donors else 0.45
            out.append(Found("fundedBy", o.iri, s.start, s.end, conf, "organization named in a funding clause", o))
    return out


def body_places(doc: SheetDoc, block: int, *, has_beneficiary_field: bool, exclude: Iterable[str]) -> list[Found]:
    """Beneficiary states (when no beneficiaries field says it) and locations of the program's work."""
    out: list[Found] = []
    skip = set(exclude)
    for s in doc.block_sentences(block):
        windows = funding_windows(doc, s)
        instrument = _instrument_context(doc, s)
        located = bool(cues(doc, s, entries("LOCATION_CUES")))
        active = s.kind in ("results", "objectives") or bool(cues(doc, s, entries("ACTIVITY_CUES")))
        for st in doc.states_in(s.start, s.end):
            if st.iri in skip or overlaps((st.start, st.end), windows) or instrument:
                continue
            if st.org is not None and not st.org.counterpart:
                if re.search(r"\b(?:of|de|da|do|du|del)\s+(?:la\s+|l['’]|the\s+)?$", doc.text[st.org.start:st.start]):
                    out.append(Found("location", st.iri, s.start, s.end, 0.7,
                                     f"the program works at an institution of this state ({st.org.name})"))
                continue
            if not has_beneficiary_field and active:
                out.append(Found("beneficiary", st.iri, s.start, s.end, 0.6,
                                 "named in the prose where the program works; the sheet has no beneficiaries value"))
            elif has_beneficiary_field and located:
                out.append(Found("location", st.iri, s.start, s.end, 0.6, "where an activity takes place"))
    return out


def _clause_has_cue_before(doc: SheetDoc, s: Sentence, pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    lo, _ = clause_bounds(doc.text, s.start, s.end, pos)
    return any(lo <= cs and ce <= pos for cs, ce in spans)


def implementers(doc: SheetDoc, block: int, *, program: tuple[int, int] | None = None) -> list[Found]:
    """Organizations the prose says run the program: after a cue ("managed by X"), or subject of a verb."""
    out: list[Found] = []
    for s in doc.block_sentences(block):
        orgs = [o for o in doc.orgs_in(s.start, s.end) if not (o.deliberative or o.counterpart)
                and not (program and program[0] <= o.start < program[1])]
        partner_cues = cues(doc, s, entries("PARTNER_CUES"))
        for cs, ce in cues(doc, s, entries("IMPLEMENTER_CUES_AFTER")):
            org = next((o for o in orgs if ce <= o.start and _span_len(doc.text, ce, o.start) <= 60), None)
            if org is not None and not _clause_has_cue_before(doc, s, cs, partner_cues):
                out.append(Found("implementedBy", org.iri, s.start, s.end, 0.9,
                                 f"'{doc.text[cs:ce].strip()}' names it", org))
        for strong, patterns in ((True, entries("IMPLEMENTER_VERBS_STRONG")),
                                 (False, entries("IMPLEMENTER_VERBS_WEAK"))):
            for cs, _ in cues(doc, s, patterns):
                if doc.folded[cs - 1:cs].isalnum():
                    continue
                org = next((o for o in reversed(orgs) if o.end <= cs and _SUBJECT_GAP.match(doc.text[o.end:cs])), None)
                if org is None or not strong and not (org.family or org.home):
                    continue
                out.append(Found("implementedBy", org.iri, s.start, s.end, 0.85 if strong else 0.8,
                                 f"subject of '{doc.text[cs:cs + 20].split()[0]}'", org))
    return out


def _span_len(text: str, start: int, end: int) -> int:
    """The length of ``text[start:end]`` with each white-space run (a blanked line among them) as one space."""
    return len(re.sub(r"\s+", " ", text[start:end]))


def fallback_implementer(doc: SheetDoc, block: int) -> list[Found]:
    """No cue says who runs it: an organ of the publisher that opens a sentence of the description."""
    for s in doc.block_sentences(block):
        for o in doc.orgs_in(s.start, s.end):
            lead = doc.text[s.start:o.start]
            if (o.family or o.home) and not o.deliberative and re.fullmatch(r"(?:\w{1,3}\s+)?", lead):
                return [Found("implementedBy", o.iri, s.start, s.end, 0.6,
                              "an organ of the OAS opens a sentence of the description", o)]
    return []


def partners(doc: SheetDoc, block: int, *, exclude: Iterable[str], program: tuple[int, int] | None,
             mint: Callable[[str], str]) -> list[Found]:
    """Organizations named after a partnership cue ("with the support of X") or before one ("X advised")."""
    out: list[Found] = []
    skip = set(exclude)
    for s in doc.block_sentences(block):
        after = cues(doc, s, entries("PARTNER_CUES"))
        before = cues(doc, s, entries("PARTNER_CUES_BEFORE"))
        if not after and not before:
            continue
        for o in doc.orgs_in(s.start, s.end):
            if o.iri in skip or o.home or o.deliberative or o.counterpart \
                    or (program and program[0] <= o.start < program[1]):
                continue
            lo, hi = clause_bounds(doc.text, s.start, s.end, o.start)
            hit = next((c for c in after if lo <= c[0] and c[1] <= o.start and o.start - c[1] <= 200), None) \
                or next((c for c in before if o.end <= c[0] <= min(hi, o.end + 80)), None)
            if hit is not None:
                out.append(Found("partner", o.iri, s.start, s.end, 0.85, f"named with '{doc.text[hit[0]:hit[1]]}'", o))
        unknown = [(name_after(doc.text, ce), cs, ce) for cs, ce in after] \
            + [(name_before(doc.text, cs), cs, ce) for cs, ce in before]
        for n, cs, ce in unknown:  # "with the support of AMERIPOL", "Microsoft experts gave": nobody knows them
            if n is None or not _mintable(doc, n, s, program):
                continue
            iri = mint(n.name)
            if iri not in skip:
                out.append(Found("partner", iri, s.start, s.end, 0.7, f"unknown organization named with "
                                 f"'{doc.text[cs:ce]}'", OrgRef(iri, n.start, n.end, n.name, False, n.acronym)))
    return out


def _mintable(doc: SheetDoc, n: NameSpan, s: Sentence, program: tuple[int, int] | None) -> bool:
    """A name nobody knows, in a partner context, that can be an organization: not a state, not a known or
    defined name, not the program, not a label or a heading ("KEY RESULTS"), at most eight words."""
    words = n.name.split()
    if not s.start <= n.start < s.end or len(words) > 8 or label_kind(n.name) is not None \
            or len(words) == 1 and (is_org_head(words[0]) or not words[0][:1].isupper()):
        return False  # "Ministry" alone names no one
    if program and program[0] <= n.start < program[1] or n.name in doc.acronyms:
        return False
    if any(o.start < n.end and n.start < o.end for o in doc.orgs) or doc.states_in(n.start, n.end) \
            or any(st.start < n.end and n.start < st.end for st in doc.states):
        return False
    letters = [c for c in n.name if c.isalpha()]
    shouting = len(n.name.split()) > 1 and all(c.isupper() for c in letters)
    return bool(letters) and not shouting and not any(is_program_head(w, doc.lang) for w in n.name.split())


def _mentions_program(doc: SheetDoc, s: Sentence, names: Sequence[str]) -> bool:
    folded = doc.folded[s.start:s.end]
    heads = {"process", "proceso", "processo", "processus"}
    if _PRONOUN_START.match(doc.text[s.start:s.end]):
        return True
    if any(n and fold_same_length(n) in folded for n in names):
        return True
    return any(w in heads or in_family("PROGRAM_HEAD_FAMILIES", w) for w in re.findall(r"[a-z]+", folded))


def start_years(doc: SheetDoc, block: int, *, names: Sequence[str]) -> list[Found]:
    """The year the program began: the earliest year next to a start cue ("created in 2007") in a sentence about it."""
    strong: list[Found] = []
    weak: list[Found] = []
    for s in doc.block_sentences(block):
        if not _mentions_program(doc, s, names):
            continue
        for patterns, bucket in ((entries("START_CUES"), strong), (entries("START_CUES_WEAK"), weak)):
            for cs, ce in cues(doc, s, patterns):
                lo, hi = clause_bounds(doc.text, s.start, s.end, cs)
                years = [m for m in _YEAR.finditer(doc.text, max(lo, cs - 40), min(hi, ce + 60))]
                if years:
                    y = min(years, key=lambda m: abs(m.start() - ce))
                    bucket.append(Found("startYear", None, s.start, s.end, 0.0,
                                        f"'{doc.text[cs:ce]}' next to {y.group()}", year=int(y.group())))
        for m in _RANGE.finditer(doc.text, s.start, s.end):
            weak.append(Found("startYear", None, s.start, s.end, 0.0, "first year of a stated period",
                              year=int(m.group(1))))
    chosen = strong or weak
    if not chosen:
        return []
    first = min(f.year or 9999 for f in chosen)
    out: list[Found] = []
    seen: set[int] = set()
    for f in sorted(chosen, key=lambda f: (f.year or 0, f.start)):
        if f.year in seen or f.year is None:
            continue
        seen.add(f.year)
        if f.year == first:
            conf = 0.8 if chosen is strong else 0.6
            out.append(Found(f.predicate, None, f.start, f.end, conf, f.note, year=f.year))
        elif chosen is strong:
            out.append(Found(f.predicate, None, f.start, f.end, 0.4,
                             f.note + "; the sheet also gives an earlier start", year=f.year))
    return out


def states_of(refs: Iterable[StateRef]) -> list[str]:
    return list(dict.fromkeys(r.iri for r in refs))
