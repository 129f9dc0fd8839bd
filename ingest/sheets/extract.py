"""Extract the programs of a segmented sheet: one Program per block, and the facts the sheet states about it.

Facts come from the fields (a value read off the same line as its label is certain; a
value matched to a label across the layout carries the confidence of that match, see
:mod:`ingest.sheets.fields`) and from the prose (cue words, see
:mod:`ingest.sheets.relations`). Evidence spans are exact: the value's entry for field
facts, the sentence for prose facts. Organizations the gazetteer does not know are
returned as new ``Organization`` entities with an IRI minted from their name.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from ingest.gazetteer import Gazetteer
from ingest.instrument_tables import instrument_slug
from ingest.model import Fact, InstrumentRef, NewEntity, Segment
from ingest.sheets.context import OrgRef, SheetDoc, read_sheet
from ingest.sheets.fields import Assignment, FieldLabel, FieldValue, assign_fields
from ingest.sheets.labels import IMPLEMENTS_CUES, MANDATE_CUES, MEMBER_STATES_PHRASES, NULL_VALUES, PILLARS
from ingest.sheets.names import is_org_head
from ingest.sheets.program import ProgramName, name_program
from ingest.sheets.relations import (Found, body_funders, body_places, fallback_implementer, implementers, partners,
                                     start_years, state_evidence)
from ingest.sheets.text import cue_regex, find_cues, fold_key, trim
from ontology.iri import Iris

log = logging.getLogger(__name__)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


def extract_programs(text: str, segments: list[Segment], *, lang: str, gazetteer: Gazetteer,
                     iris: Iris) -> tuple[list[NewEntity], list[Fact]]:
    """One Program entity per block (in block order) and the facts about each; pure, linear in the text.

    Field values out of place are matched to labels by layout and body evidence; a match
    that is a guess has confidence < 1.0 and a note. ``n/a`` and empty fields give nothing.
    Programs come first in the entity list, then the organizations minted for the facts.

    >>> from ingest.gazetteer import Entry
    >>> from ingest.sheets.segment import segment_sheet
    >>> g = Gazetteer([Entry("Canada", "https://policykg.org/id/state/CAN", "State")])
    >>> text = "PROGRAM SUMMARY\\n\\nThe Port Program helps ports.\\n\\nDonor Countries   Canada\\n"
    >>> entities, facts = extract_programs(text, segment_sheet(text), lang="en", gazetteer=g,
    ...                                    iris=Iris("https://policykg.org/"))
    >>> [(e.kind, e.labels) for e in entities], [(f.predicate, f.object, f.confidence) for f in facts]
    ([('Program', (('Port Program', 'en'),))], [('fundedBy', 'https://policykg.org/id/state/CAN', 1.0)])
    """
    doc = read_sheet(text, segments, lang=lang, gazetteer=gazetteer, iris=iris)
    refs = _instrument_refs(text)
    entities: list[NewEntity] = []
    orgs: dict[str, NewEntity] = {}
    facts: list[Fact] = []
    for block in sorted({s.block for s in segments}):
        seg = [s for s in segments if s.block == block]
        name = name_program(doc, seg) or _fallback_name(doc, seg)
        program = iris.program(name.acronym or name.label)
        found = _block_facts(doc, seg, block, name, iris, refs)
        entities.append(NewEntity(program, "Program", ((name.label, lang),), name.acronym, name.start, name.end))
        for f in found:
            facts.append(Fact(program, f.predicate, f.iri, f.start, f.end, round(f.confidence, 2),
                              f.year, f.note))
            if f.org is not None and f.org.minted and f.iri == f.org.iri and f.iri not in orgs:
                orgs[f.iri] = NewEntity(f.iri, "Organization", ((f.org.name, lang),), f.org.acronym, f.org.start,
                                        f.org.end)
    return entities + list(orgs.values()), facts


def _fallback_name(doc: SheetDoc, seg: Sequence[Segment]) -> ProgramName:
    first = next((s for s in seg if s.kind != "fields"), seg[0])
    words = doc.text[first.start:first.end].split()[:8]
    label = " ".join(words)
    return ProgramName(label, None, first.start, first.start + len(label))


def _instrument_refs(text: str) -> list[InstrumentRef]:
    try:
        from ingest.references import find_instrument_refs
    except ImportError:  # the references module has not landed: no instrument facts
        log.debug("ingest.references is not available: program sheets get no instrument facts")
        return []
    return find_instrument_refs(text)


# --- fields ----------------------------------------------------------------------------------

def _field_items(doc: SheetDoc, seg: Sequence[Segment], evidence_funded: frozenset[str],
                 evidence_active: frozenset[str]) -> tuple[list[FieldLabel], list[FieldValue]]:
    fields = [s for s in seg if s.kind == "fields"]
    labels: list[FieldLabel] = []
    values: list[FieldValue] = []
    cluster, prev_end = 0, None
    last_label: tuple[int, int] | None = None  # (pos, end) of the last label
    for pos, s in enumerate(fields):
        if prev_end is not None and _breaks(doc.text, prev_end, s.start):
            cluster += 1
        prev_end = s.end
        if s.label and s.label.startswith("field:"):
            labels.append(FieldLabel(s.label.split(":", 1)[1], s.start, s.end, pos, cluster))
            last_label = (pos, s.end)
            continue
        between = doc.text[last_label[1]:s.start] if last_label else "\n\n"
        same_line = "\n" not in between
        colon_then_line = bool(re.fullmatch(r"[ \t]*:[ \t]*\r?\n[ \t]*", between))  # "Donors:\nUnited States"
        inline = last_label[0] if last_label and last_label[1] <= s.start and (same_line or colon_then_line) \
            and last_label[0] == pos - 1 else None
        kind, n_items, states = _value_kind(doc, s.start, s.end)
        funding = sum(1 for st in states if st in evidence_funded) / len(states) if states else 0.0
        activity = sum(1 for st in states if st in evidence_active) / len(states) if states else 0.0
        values.append(FieldValue(s.start, s.end, pos, cluster, kind, n_items, inline, funding, activity))
    return labels, values


def _breaks(text: str, a: int, b: int) -> bool:
    """Field lines belong together unless words (a heading, prose) stand between them."""
    return bool(re.search(r"\w", text[a:b]))


def _value_kind(doc: SheetDoc, start: int, end: int) -> tuple[str, int, list[str]]:
    raw = doc.text[start:end]
    key = fold_key(raw)
    states = list(dict.fromkeys(s.iri for s in doc.states_in(start, end) if s.org is None))
    items = value_items(doc.text, start, end)
    if _URL.match(raw.strip()):
        return "url", 1, []
    if key in NULL_VALUES or not re.search(r"\w", raw):
        return "null", 0, []
    if key in {fold_key(p) for p in PILLARS}:
        return "pillar", 1, []
    if cue_regex(MEMBER_STATES_PHRASES).search(key):
        return "members", max(1, len(states)), states
    letters = len(re.sub(r"[\W_]", "", re.sub(r"\b(?:and|y|e|et|le|la|les|l)\b", "", raw)))
    covered = sum(len(re.sub(r"[\W_]", "", s.text)) for s in doc.states_in(start, end) if s.org is None)
    if states and covered >= 0.6 * max(letters, 1):
        return "states", max(len(items), len(states)), states
    if _YEAR.search(raw) and len(raw.split()) <= 8:
        return "year", 1, []
    if doc.orgs_in(start, end) or len(items) > 1 or any(is_org_head(w) for w in raw.split()):
        return "orgs", len(items), []
    return "text", 1, []


def value_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The entries of a listed value: split at ; · | • and at ", Capital", never inside parentheses.

    >>> t = "UNODC/TPB; United States (Department of State, INL), Canada"
    >>> [t[a:b] for a, b in value_items(t, 0, len(t))]
    ['UNODC/TPB', 'United States (Department of State, INL)', 'Canada']
    """
    items: list[tuple[int, int]] = []
    depth, piece = 0, start
    for i in range(start, end):
        c = text[i]
        depth += (c == "(") - (c == ")")
        if depth == 0 and (c in ";·|•" or c == "," and re.match(r",\s+[A-Z]", text[i:i + 3])):
            items.append((piece, i))
            piece = i + 1
    items.append((piece, end))
    return [t for t in (trim(text, a, b) for a, b in items) if t[1] > t[0]]


def _value_orgs(doc: SheetDoc, v: FieldValue, iris: Iris, *, donors: bool = False) -> list[OrgRef]:
    """The organizations a value lists: known or defined ones, else each listed item by its own name.

    In a donors value, what follows a state in parentheses is that state's agency, not another donor.
    """
    out: list[OrgRef] = []
    for s, e in value_items(doc.text, v.start, v.end):
        head = e
        paren = doc.text.find("(", s, e)
        if donors and paren > 0 and doc.states_in(s, paren):
            head = paren
        named = [o for o in doc.orgs_in(s, head) if not o.home]
        out += named
        bare = trim(doc.text, s, head)
        if not named and not doc.orgs_in(s, head) and not _is_state_item(doc, *bare) and bare[1] > bare[0]:
            out.append(_minted(iris, doc.text[bare[0]:bare[1]], *bare))
    return out


def _is_state_item(doc: SheetDoc, start: int, end: int) -> bool:
    states = doc.states_in(start, end)
    return len(states) == 1 and (states[0].start, states[0].end) == (start, end)


def _minted(iris: Iris, name: str, start: int, end: int) -> OrgRef:
    """An organization the gazetteer does not know, under an IRI minted from its name."""
    clean = re.sub(r"\s+", " ", name).strip(" .;,")
    return OrgRef(iris.org(clean), start, end, clean, False)


def _field_facts(doc: SheetDoc, a: Assignment, iris: Iris) -> list[Found]:
    v = a.value
    note = a.note if a.note else "field value"
    out: list[Found] = []
    if a.key in ("beneficiary", "donor") and v.kind in ("states", "members"):
        pred = "beneficiary" if a.key == "beneficiary" else "fundedBy"
        for st in doc.states_in(v.start, v.end):
            if st.org is None:
                out.append(Found(pred, st.iri, st.start, st.end, a.confidence, note))
    elif a.key in ("donor", "partner", "executing") and v.kind in ("orgs", "text"):
        pred = {"donor": "fundedBy", "partner": "partner", "executing": "implementedBy"}[a.key]
        for o in _value_orgs(doc, v, iris, donors=a.key == "donor"):
            out.append(Found(pred, o.iri, o.start, o.end, a.confidence, note, o))
        if a.key == "donor":  # "European Union, United States": states listed among organizations
            out += [Found(pred, st.iri, st.start, st.end, a.confidence, note)
                    for st in doc.states_in(v.start, v.end) if st.org is None]
    elif a.key in ("start", "end", "period") and v.kind == "year":
        years = [int(y) for y in _YEAR.findall(doc.text, v.start, v.end)]
        if a.key in ("start", "period"):
            out.append(Found("startYear", None, v.start, v.end, a.confidence, note, year=min(years)))
        if a.key == "end" or a.key == "period" and len(years) > 1:
            out.append(Found("endYear", None, v.start, v.end, a.confidence, note, year=max(years)))
    return out


# --- one block ---------------------------------------------------------------------------------

def _block_facts(doc: SheetDoc, seg: Sequence[Segment], block: int, name: ProgramName, iris: Iris,
                 refs: Sequence[InstrumentRef]) -> list[Found]:
    evidence = state_evidence(doc, block)
    labels, values = _field_items(doc, seg, evidence.funded, evidence.active)
    assignments = assign_fields(labels, values)
    fields = [f for a in assignments for f in _field_facts(doc, a, iris)]
    span = (name.start, name.end)

    runners = [f for f in fields if f.predicate == "implementedBy"] + _banner_implementer(doc, seg, iris) \
        + implementers(doc, block, program=span)
    if not runners:
        runners = fallback_implementer(doc, block)
    if any(f.org is None or not f.org.home for f in runners):
        runners = [f for f in runners if f.org is None or not f.org.home]
    runner_iris = {f.iri for f in runners if f.iri}

    donors = [f for f in fields if f.predicate == "fundedBy"]
    donor_iris = {f.iri for f in donors if f.iri}
    donors += [f for f in body_funders(doc, block, exclude=runner_iris, field_donors=bool(donor_iris))
               if f.iri not in donor_iris]
    has_beneficiaries = any(a.key == "beneficiary" and a.value.kind != "null" for a in assignments)
    places = body_places(doc, block, has_beneficiary_field=has_beneficiaries,
                         exclude={f.iri for f in donors if f.iri} | {f.iri for f in fields if f.iri})
    field_partners = [f for f in fields if f.predicate == "partner" and f.iri not in runner_iris]
    body_partners = partners(doc, block, exclude=runner_iris | {iris.program(name.acronym or name.label)},
                             program=span, mint=iris.org)
    years = [f for f in fields if f.predicate in ("startYear", "endYear")]  # "period" gives both
    if not any(f.predicate == "startYear" for f in years):
        years += start_years(doc, block, names=[name.label] + ([name.acronym] if name.acronym else []))
    found = runners + donors + [f for f in fields if f.predicate == "beneficiary"] + places + field_partners \
        + body_partners + years + _instrument_facts(doc, seg, block, span, iris, refs)
    return _dedupe(found)


def _banner_implementer(doc: SheetDoc, seg: Sequence[Segment], iris: Iris) -> list[Found]:
    """The most specific organization the sheet's banner lines name (the last one, not the OAS itself)."""
    banners = [s for s in seg if s.kind == "title" and s.label == "banner"]
    refs = [(o, b) for b in banners for o in doc.orgs_in(b.start, b.end) if not o.home and not o.deliberative]
    if refs:
        best, b = max(refs, key=lambda r: (r[0].known or bool(r[0].acronym), r[0].start))
        return [Found("implementedBy", best.iri, b.start, b.end, 0.9, "organization in the sheet's banner", best)]
    for b in reversed(banners):
        line = re.sub(r"\s*\([A-Z/]+\)\s*$", "", doc.text[b.start:b.end]).strip()
        words = line.split()
        if words and is_org_head(words[0]) and not doc.orgs_in(b.start, b.end):
            o = _minted(iris, line, b.start, b.start + len(line))
            return [Found("implementedBy", o.iri, b.start, b.end, 0.8, "organization in the sheet's banner", o)]
    return []


def _instrument_iri(ref: InstrumentRef, iris: Iris, years: dict[int, int]) -> str:
    if ref.body == "unsc":
        return iris.unsc_resolution(ref.number, ref.year or years.get(ref.number))
    if ref.body == "oas-ag":
        return iris.oas_ag_resolution(ref.number, ref.session)
    if ref.body == "un-ga":
        return iris.instrument(f"unga-res-{ref.number}-{ref.session or ''}")
    return iris.instrument(instrument_slug(ref.name or "unknown"))


def _instrument_facts(doc: SheetDoc, seg: Sequence[Segment], block: int, program: tuple[int, int], iris: Iris,
                      refs: Sequence[InstrumentRef]) -> list[Found]:
    """mandatedBy after a mandate cue, implements when the program applies it (or is named for it), else cites."""
    years = {r.number: r.year for r in refs if r.body == "unsc" and r.year}
    spans = [(s.start, s.end) for s in seg if s.kind != "fields"]
    out = []
    for r in refs:
        if not any(a <= r.start and r.end <= b for a, b in spans):
            continue
        sent = next((s for s in doc.block_sentences(block) if s.start <= r.start < s.end), None)
        lo, hi = (sent.start, sent.end) if sent else (r.start, r.end)
        iri = _instrument_iri(r, iris, years)
        before = (max(lo, r.start - 120), r.start)
        if program[0] <= r.start < program[1]:
            out.append(Found("implements", iri, r.start, r.end, 0.9, "the program is named for it"))
        elif find_cues(doc.folded, MANDATE_CUES, *before) or find_cues(doc.folded, MANDATE_CUES, r.end,
                                                                         min(hi, r.end + 40)):
            out.append(Found("mandatedBy", iri, lo, hi, 0.85, "named with a mandate cue"))
        elif find_cues(doc.folded, IMPLEMENTS_CUES, *before) or _list_cue(doc, lo, r.start, IMPLEMENTS_CUES):
            out.append(Found("implements", iri, lo, hi, 0.8, "the program applies it"))
        else:
            out.append(Found("cites", iri, lo, hi, 0.9, "mentioned"))
    return out


def _list_cue(doc: SheetDoc, lo: int, start: int, cues: tuple[str, ...]) -> bool:
    """A ref in a list introduced by a colon ("... into national law: A; B; and C") takes the
    cue that stands before the colon, however far the list has run."""
    colon = doc.folded.rfind(":", lo, start)
    return colon > lo and bool(find_cues(doc.folded, cues, max(lo, colon - 160), colon))


_RANK = {"mandatedBy": 3, "implements": 2, "cites": 1}


def _dedupe(found: Sequence[Found]) -> list[Found]:
    """One fact per (predicate, object): the most confident; one instrument relation per instrument."""
    best: dict[tuple[str, object], Found] = {}
    for f in found:
        key = (f.predicate, f.iri if f.iri is not None else f.year)
        if key not in best or f.confidence > best[key].confidence:
            best[key] = f
    chosen = list(best.values())
    instruments: dict[str, Found] = {}
    for f in chosen:
        if f.predicate in _RANK and f.iri:
            cur = instruments.get(f.iri)
            if cur is None or _RANK[f.predicate] > _RANK[cur.predicate]:
                instruments[f.iri] = f
    return [f for f in chosen if f.predicate not in _RANK or instruments.get(f.iri or "") is f]
