"""Extract the programs of a segmented sheet: one Program per block, and the facts the sheet states about it.

Facts come from the fields (a value read off the same line as its label is certain; a
value matched to a label across the layout carries the confidence of that match, see
:mod:`ingest.sheets.fields`) and from the prose (cue words, see
:mod:`ingest.sheets.relations`). Evidence spans are exact: the value's entry for field
facts, the sentence for prose facts. Organizations the gazetteer does not know are
returned as new ``Organization`` entities with an IRI minted from their name; so is one an
earlier ingest minted (its IRI is its name's), so that each document graph states the names
of the organizations it mints.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace

from ingest.gazetteer import Gazetteer
from ingest.instrument_tables import instrument_slug
from ingest.model import Fact, InstrumentRef, NewEntity, Segment
from ingest.sheets.context import PROSE_KINDS, OrgRef, SheetDoc, read_sheet
from ingest.sheets.fields import Assignment, FieldLabel, FieldValue, assign_fields
from ingest.sheets.furniture import is_date, is_page_number, is_running_header
from ingest.sheets.labels import entries
from ingest.sheets.label_words import label_kind
from ingest.sheets.name_rules import is_program_name
from ingest.sheets.names import find_program_names, is_org_head
from ingest.sheets.program import ProgramName, name_program
from ingest.sheets.relations import (Found, body_funders, body_places, fallback_implementer, implementers, partners,
                                     start_years, state_evidence)
from ingest.sheets.text import cue_regex, find_cues, fold_key, trim
from ontology.iri import Iris

log = logging.getLogger(__name__)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_OPEN_END_WORDS = frozenset({"of", "the", "and", "de", "del", "la", "el", "los", "las", "du", "des", "le", "les", "da",
                             "do", "das", "dos", "y", "e", "et", "for", "para", "pour"})
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
    names = {block: name_program(doc, seg) or _any_name(doc, seg)
             for block, seg in _by_block(segments).items()}
    targets = _merge_unnamed(names)
    if any(t != b for b, t in targets.items()):  # a block with no name is part of its neighbour's program
        segments = [replace(s, block=targets[s.block]) for s in segments]
        doc = read_sheet(text, segments, lang=lang, gazetteer=gazetteer, iris=iris)
    refs = _instrument_refs(doc.text)  # the prose view: no furniture, no lines of other columns
    entities: list[NewEntity] = []
    orgs: dict[str, NewEntity] = {}
    facts: list[Fact] = []
    for block, seg in _by_block(segments).items():
        name = names[block]
        if name is None:
            log.info("no program name in the sheet passes the name rules: no program minted")
            continue
        program = iris.program(name.acronym or name.label)
        found = _block_facts(doc, seg, block, name, iris, refs)
        entities.append(NewEntity(program, "Program", ((name.label, lang),), name.acronym, name.start, name.end))
        for f in found:
            facts.append(Fact(program, f.predicate, f.iri, f.start, f.end, round(f.confidence, 2),
                              f.year, f.note))
            if f.org is not None and f.iri == f.org.iri and f.iri not in orgs \
                    and (f.org.minted or f.iri == iris.org(f.org.name)):  # minted now, or by an earlier ingest
                orgs[f.iri] = NewEntity(f.iri, "Organization", ((f.org.name, lang),), f.org.acronym, f.org.start,
                                        f.org.end)
    return entities + list(orgs.values()), facts


def _by_block(segments: Sequence[Segment]) -> dict[int, list[Segment]]:
    out: dict[int, list[Segment]] = {}
    for s in sorted(segments, key=lambda s: (s.block, s.start)):
        out.setdefault(s.block, []).append(s)
    return out


def _merge_unnamed(names: dict[int, ProgramName | None]) -> dict[int, int]:
    """Each block's program block: its own when named, else the named block before it (or after it)."""
    named = [b for b, n in names.items() if n is not None]
    if not named:
        return {b: b for b in names}
    return {b: b if names[b] is not None else max((n for n in named if n < b), default=min(named))
            for b in names}


def _any_name(doc: SheetDoc, seg: Sequence[Segment]) -> ProgramName | None:
    """A last resort: a program name (around a head word, passing the name rules) anywhere in the block,
    field values included. Never the opening words of a paragraph."""
    view = doc.layout_view or doc.view
    for s in seg:
        for n in find_program_names(view.clean, view.clean_index(s.start), view.clean_index(s.end),
                                    lang=doc.lang):
            if is_program_name(n.name, doc.lang):
                start, end = view.original_span(n.start, n.end)
                return ProgramName(n.name, n.acronym, start, end)
    return None


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
        if prev_end is not None and _breaks(doc, prev_end, s.start):
            cluster += 1
        prev_end = s.end
        if s.label and s.label.startswith("field:"):
            labels.append(FieldLabel(s.label.split(":", 1)[1], s.start, s.end, pos, cluster))
            last_label = (pos, s.end)
            continue
        between = doc.layout[last_label[1]:s.start] if last_label else "\n\n"
        same_line = "\n" not in between
        colon_then_line = bool(re.fullmatch(r"[ \t]*:[ \t]*\r?\n[ \t]*", between))  # "Donors:\nUnited States"
        inline = last_label[0] if last_label and last_label[1] <= s.start and (same_line or colon_then_line) \
            and last_label[0] == pos - 1 else None
        kind, n_items, states = _value_kind(doc, s.start, s.end)
        funding = sum(1 for st in states if st in evidence_funded) / len(states) if states else 0.0
        activity = sum(1 for st in states if st in evidence_active) / len(states) if states else 0.0
        values.append(FieldValue(s.start, s.end, pos, cluster, kind, n_items, inline, funding, activity))
    return labels, values


def _breaks(doc: SheetDoc, a: int, b: int) -> bool:
    """Field lines belong together unless words (a heading, prose) stand between them; the prose of a
    paragraph that has field lines printed inside it (a column of fields read across) does not part them."""
    interleaved = [(p.start, p.end) for p in doc.segments if p.kind in PROSE_KINDS
                   and any(p.start <= h < p.end for h, _ in doc.hidden)]
    pattern = re.compile(r"\w")
    return any(not any(s <= m.start() < e for s, e in interleaved) for m in pattern.finditer(doc.layout, a, b))


def _value_kind(doc: SheetDoc, start: int, end: int) -> tuple[str, int, list[str]]:
    raw = doc.layout[start:end]
    key = fold_key(raw)
    states = list(dict.fromkeys(s.iri for s in doc.states_in(start, end) if s.org is None))
    items = value_items(doc.layout, start, end)
    if _URL.match(raw.strip()):
        return "url", 1, []
    if key in entries("NULL_VALUES") or not re.search(r"\w", raw):
        return "null", 0, []
    if any(re.fullmatch(p, key) for p in entries("PILLAR_FAMILIES")):
        return "pillar", 1, []
    if cue_regex(entries("MEMBER_STATES_PHRASES")).search(key):
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
    for s, e in value_items(doc.layout, v.start, v.end):
        head = e
        paren = doc.layout.find("(", s, e)
        if donors and paren > 0 and doc.states_in(s, paren):
            head = paren
        named = [o for o in doc.orgs_in(s, head) if not o.home]
        out += named
        bare = trim(doc.layout, s, head)
        if not named and not doc.orgs_in(s, head) and not _is_state_item(doc, *bare) and bare[1] > bare[0] \
                and _mintable(doc.layout[bare[0]:bare[1]]):
            out.append(_minted(iris, doc.layout[bare[0]:bare[1]], *bare))
    return out


def _mintable(name: str) -> bool:
    """A listed item that can name an organization: not a label or heading ("KEY RESULTS"), not page
    furniture, not a sentence, with letters, at most twelve words."""
    words = name.split()
    if len(words) == 1 and is_org_head(words[0]) or words and fold_key(words[-1]) in _OPEN_END_WORDS:
        return False  # "Ministry" alone names no one; "Executive Secretariat of the" is cut off
    return any(c.isalpha() for c in name) and len(words) <= 12 and label_kind(name.rstrip(" .:")) is None \
        and not is_page_number(name) and not is_date(name) and not is_running_header(name) \
        and name.rstrip()[-1:] not in ".!?"


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
        years = [int(y) for y in _YEAR.findall(doc.layout, v.start, v.end)]
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
        line = re.sub(r"\s*\([A-Z/]+\)\s*$", "", doc.layout[b.start:b.end]).strip()
        words = line.split()
        if len(words) >= 2 and is_org_head(words[0]) and not doc.orgs_in(b.start, b.end):
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
    mandate, applies = entries("MANDATE_CUES"), entries("IMPLEMENTS_CUES")
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
        elif find_cues(doc.folded, mandate, *before) or find_cues(doc.folded, mandate, r.end, min(hi, r.end + 40)):
            out.append(Found("mandatedBy", iri, lo, hi, 0.85, "named with a mandate cue"))
        elif find_cues(doc.folded, applies, *before) or _list_cue(doc, lo, r.start, applies):
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
