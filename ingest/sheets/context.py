"""What a sheet names, read once: states, organizations (known, defined by acronym, or by rule) and sentences.

:func:`read_sheet` runs the gazetteer over the whole sheet (with words hyphenated across
lines re-joined), adds the organization names and acronym definitions the rules find in
each segment, and keeps every offset exact in the original text. Organizations the
gazetteer does not know get an IRI minted from their (long) name with ``iris.org``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ingest.gazetteer import Gazetteer, fold
from ingest.model import Mention, Segment
from ingest.sheets.furniture import mask_furniture
from ingest.sheets.labels import entries
from ingest.sheets.names import NameSpan, find_acronym_definitions, find_org_names, in_family, is_acronym
from ingest.sheets.text import TextView, fold_same_length, rejoin_same_length, sentence_spans
from ontology.iri import Iris

PROSE_KINDS = ("summary", "objectives", "results", "background", "other")
_WORD = re.compile(r"[\w'’.-]+")
_HOME_SUFFIX = re.compile(r"\s+(?:of the OAS|de la OEA|da OEA|de l['’]OEA|do OEA)$")
_HOME_QUALIFIER = re.compile(r"\s*(?:,\s*)?(?:of the OAS|de la OEA|da OEA|de l['’]OEA|do OEA)\b")


@dataclass(frozen=True)
class OrgRef:
    """An organization named at ``[start, end)``, resolved to one IRI."""

    iri: str
    start: int
    end: int
    name: str  # the long name when known, else the text
    known: bool  # resolved through the gazetteer
    acronym: str | None = None
    home: bool = False  # the publisher itself (OAS)
    family: bool = False  # one of the publisher's organs
    deliberative: bool = False  # an assembly or council
    counterpart: bool = False  # a state's ministry or government

    @property
    def minted(self) -> bool:
        return not self.known


@dataclass(frozen=True)
class StateRef:
    iri: str
    start: int
    end: int
    text: str
    org: OrgRef | None = None  # the organization whose name holds it ("Police Academy of Honduras")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    kind: str
    block: int


@dataclass(frozen=True)
class SheetDoc:
    """Everything one sheet names, with exact spans; built by :func:`read_sheet`."""

    text: str  # the prose view: furniture and the lines of other columns printed inside paragraphs blanked
    folded: str
    view: TextView
    lang: str
    segments: tuple[Segment, ...]
    states: tuple[StateRef, ...]
    orgs: tuple[OrgRef, ...]
    acronyms: dict[str, NameSpan] = field(default_factory=dict)
    sentences: tuple[Sentence, ...] = ()
    layout: str = ""  # the layout view (fields, titles): only furniture blanked
    layout_view: TextView | None = None
    hidden: tuple[tuple[int, int], ...] = ()  # field and title lines inside a paragraph's span

    def states_in(self, start: int, end: int) -> list[StateRef]:
        return [s for s in self.states
                if start <= s.start and s.end <= end and self._visible(s.start, s.end, start, end)]

    def orgs_in(self, start: int, end: int) -> list[OrgRef]:
        return [o for o in self.orgs if start <= o.start and o.end <= end and self._visible(o.start, o.end, start, end)]

    def _visible(self, m_start: int, m_end: int, start: int, end: int) -> bool:
        """A name on a line of another column, printed inside a paragraph, belongs to that line, not the paragraph."""
        for a, b in self.hidden:
            if a <= m_start and m_end <= b:
                return a <= start and end <= b
        return True

    def block_sentences(self, block: int) -> list[Sentence]:
        return [s for s in self.sentences if s.block == block]


@dataclass(frozen=True)
class OrgTraits:
    """What the gazetteer's own labels say about organizations it knows."""

    home: frozenset[str]
    family: frozenset[str]
    deliberative: frozenset[str]
    counterpart: frozenset[str]


def org_traits(gazetteer: Gazetteer, iris: Iris) -> OrgTraits:
    """IRIs of the publisher, its organs, deliberative bodies and state counterparts. Cost: one pass."""
    home = {iris.org(n) for n in entries("HOME_ORG_NAMES")}
    family: set[str] = set()
    deliberative: set[str] = set()
    counterpart: set[str] = set()
    home_keys = {fold(n) for n in entries("HOME_ORG_NAMES")}
    for e in gazetteer.entries:
        if e.kind != "Organization":
            continue
        words = set(_WORD.findall(e.text))
        if fold(e.text) in home_keys:
            home.add(e.iri)
        elif any(k in fold(e.text) for k in home_keys if len(k) > 4):
            family.add(e.iri)
        if any(in_family("HOME_FAMILY_MARKER_FAMILIES", w) for w in words):
            family.add(e.iri)
        if _headed_by(e.text, "DELIBERATIVE_HEAD_FAMILIES"):
            deliberative.add(e.iri)
        if _headed_by(e.text, "COUNTERPART_HEAD_FAMILIES"):
            counterpart.add(e.iri)
    return OrgTraits(frozenset(home), frozenset(family - home), frozenset(deliberative), frozenset(counterpart))


def read_sheet(text: str, segments: Sequence[Segment], *, lang: str, gazetteer: Gazetteer,
               iris: Iris) -> SheetDoc:
    """States, organizations and sentences of one sheet. Pure; cost linear in the text.

    Page furniture is blanked first (:func:`~ingest.sheets.furniture.mask_furniture`); a field or
    title line printed inside a paragraph (two columns read line by line) is part of the fields,
    and blanked in the prose view the sentences and cues are read from.
    """
    layout = mask_furniture(text)
    prose_spans = [(s.start, s.end) for s in segments if s.kind in PROSE_KINDS]
    hidden = tuple((s.start, s.end) for s in segments if s.kind not in PROSE_KINDS
                   and any(a <= s.start and s.end <= b for a, b in prose_spans))
    prose = _blank(layout, _whole_lines(layout, hidden))
    layout_view, prose_view = TextView.of(layout), TextView.of(prose)
    traits = org_traits(gazetteer, iris)

    def in_prose(m: Mention) -> bool:
        return any(a <= m.start < b for a, b in prose_spans) and not any(a <= m.start < b for a, b in hidden)

    org_mentions: list[Mention] = []
    state_mentions: list[Mention] = []
    for view, keep in ((layout_view, False), (prose_view, True)):  # fields from the layout, prose from the prose
        for kind, bucket in (("Organization", org_mentions), ("State", state_mentions)):
            bucket += [m for m in (_to_original(x, view) for x in gazetteer.find(view.clean, kinds=(kind,)))
                       if in_prose(m) is keep]
    known = [_known_ref(m, layout, traits) for m in org_mentions]
    rule_names: list[NameSpan] = []
    definitions: list[NameSpan] = []
    for s in segments:
        view = prose_view if s.kind in PROSE_KINDS else layout_view
        a, b = view.clean_index(s.start), view.clean_index(s.end)
        rule_names += [_original_name(n, view) for n in find_org_names(view.clean, a, b)]
        definitions += [_original_name(n, view) for n in find_acronym_definitions(view.clean, a, b)]
    same = _identity_view(layout)
    orgs = _resolve_orgs(layout, same, known, rule_names, definitions, gazetteer, iris, traits)
    acronyms = {d.acronym: d for d in definitions if d.acronym}
    orgs = orgs + _acronym_uses(layout, same, orgs, acronyms, known)
    orgs = _unify_short_forms(_drop_nested_home(sorted(orgs, key=lambda o: (o.start, -o.end)), layout))
    states = _states(layout, state_mentions, orgs)
    sentences = tuple(Sentence(a, b, s.kind, s.block) for s in segments if s.kind in PROSE_KINDS
                      for a, b in sentence_spans(prose, s.start, s.end))
    return SheetDoc(prose, rejoin_same_length(fold_same_length(prose)), prose_view, lang, tuple(segments),
                    tuple(states), tuple(orgs), acronyms, sentences, layout, layout_view, hidden)


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        chars[a:b] = [" "] * (b - a)
    return "".join(chars)


def _whole_lines(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines holding ``spans``, each with its line break: blanked, the paragraph around reads on."""
    out = []
    for a, b in spans:
        start = text.rfind("\n", 0, a) + 1
        end = text.find("\n", b)
        out.append((start, len(text) if end < 0 else end + 1))
    return out


def _identity_view(text: str) -> TextView:
    """A view whose clean text is ``text`` itself (names already carry original offsets)."""
    return TextView(text, tuple(range(len(text) + 1)))


def _to_original(m: Mention, view: TextView) -> Mention:
    start, end = view.original_span(m.start, m.end)
    return Mention(m.iri, m.kind, start, end, m.text, m.source)


def _original_name(n: NameSpan, view: TextView) -> NameSpan:
    start, end = view.original_span(n.start, n.end)
    return NameSpan(start, end, n.name, n.kind, n.acronym)


_GENITIVE_TAIL = re.compile(r"\s+(?:of|de|del|da|do|dos|das|du|des|established|pursuant|for|para|pour)\b.*$", re.S)


def _headed_by(name: str, table: str) -> bool:
    """Whether the name's own head (first or last word before "of ..."/"de ...") is of the families ``table``.

    >>> _headed_by("Committee of the Security Council", "DELIBERATIVE_HEAD_FAMILIES")
    False
    >>> _headed_by("UN Security Council", "DELIBERATIVE_HEAD_FAMILIES")
    True
    """
    words = _WORD.findall(_GENITIVE_TAIL.sub("", name))
    return bool(words) and (in_family(table, words[0]) or in_family(table, re.sub(r"['’]s$", "", words[-1])))


def _flags(name: str, iri: str, traits: OrgTraits, *, after: str = "") -> dict[str, bool]:
    words = set(_WORD.findall(name))
    home = iri in traits.home or fold(name) in {fold(n) for n in entries("HOME_ORG_NAMES")}
    return {
        "home": home,
        "family": not home and (iri in traits.family or any(in_family("HOME_FAMILY_MARKER_FAMILIES", w) for w in words)
                                or bool(_HOME_QUALIFIER.match(after))),
        "deliberative": iri in traits.deliberative or _headed_by(name, "DELIBERATIVE_HEAD_FAMILIES"),
        "counterpart": iri in traits.counterpart or _headed_by(name, "COUNTERPART_HEAD_FAMILIES"),
    }


def _known_ref(m: Mention, text: str, traits: OrgTraits) -> OrgRef:
    return OrgRef(m.iri, m.start, m.end, m.text, True, m.text if is_acronym(m.text) else None,
                  **_flags(m.text, m.iri, traits, after=text[m.end:m.end + 20]))


def _resolve_orgs(text: str, view: TextView, known: list[OrgRef], names: list[NameSpan],
                  definitions: list[NameSpan], gazetteer: Gazetteer, iris: Iris, traits: OrgTraits) -> list[OrgRef]:
    out = list(known)
    by_acronym = {k.acronym: k for k in known if k.acronym}
    taken: list[tuple[int, int]] = [(k.start, k.end) for k in known]
    defined = {d.acronym for d in definitions if d.kind == "org" and d.acronym}
    for n in names + [d for d in definitions if d.kind == "org"]:
        start, end = view.original_span(n.start, n.end)
        inside = [k for k in known if k.start < end and start < k.end]
        extended = bool(inside) and _extends(text, inside, start, end)
        if any(not k.home for k in inside) and not extended \
                or any(s <= start and end <= e for s, e in taken if (s, e) not in {(k.start, k.end) for k in inside}):
            continue
        if extended:
            taken = [t for t in taken if t not in {(k.start, k.end) for k in inside}]
        first = n.name.split()[0]
        if first in defined and first != n.acronym:
            continue  # "CICAD Anti-Money Laundering Unit": a unit of an organization the sheet defined
        qualified = _HOME_SUFFIX.search(n.name)
        name = n.name[:qualified.start()] if qualified else n.name
        iri, is_known = _name_iri(NameSpan(n.start, n.end, name, n.kind, n.acronym), gazetteer, iris, by_acronym)
        flags = _flags(name, iri, traits, after=text[end:end + 20])
        flags["family"] = flags["family"] or (bool(qualified) and not flags["home"])
        ref = OrgRef(iri, start, end, name, is_known, n.acronym, **flags)
        out.append(ref)
        taken.append((start, end))
    return out


def _extends(text: str, inside: Sequence[OrgRef], start: int, end: int) -> bool:
    """"Oxford University Cyber Security Centre": a known name followed, in one name, by two capitalised
    words or more (no connector between): the whole names another body (a unit, an initiative of it)."""
    last = max(k.end for k in inside)
    if not all(start <= k.start and k.end <= end for k in inside) or last >= end:
        return False
    tail = text[last:end].split()
    return len(tail) >= 2 and all(w[:1].isupper() for w in tail)


def _name_iri(n: NameSpan, gazetteer: Gazetteer, iris: Iris, by_acronym: dict[str, OrgRef]) -> tuple[str, bool]:
    whole = [m for m in gazetteer.find(n.name, kinds=("Organization",)) if m.start == 0 and m.end == len(n.name)]
    if whole:
        return whole[0].iri, True
    if n.acronym and n.acronym in by_acronym:
        return by_acronym[n.acronym].iri, True
    return iris.org(n.name), False


def _acronym_uses(text: str, view: TextView, orgs: list[OrgRef], acronyms: dict[str, NameSpan],
                  known: list[OrgRef]) -> list[OrgRef]:
    """Later uses of an acronym the sheet defined ("CICTE", "UN/CTED", "CICTE's")."""
    by_name: dict[str, OrgRef] = {}
    for o in orgs:
        if o.acronym:
            by_name.setdefault(o.acronym, o)
    covered = [(o.start, o.end) for o in orgs]
    out = []
    for acr, ref in by_name.items():
        if acr not in acronyms or acronyms[acr].kind != "org":
            continue
        for m in re.finditer(rf"(?<![\w/]){re.escape(acr)}(?![\w])", text):
            if any(s <= m.start() < e for s, e in covered):
                continue
            out.append(OrgRef(ref.iri, m.start(), m.end(), ref.name, ref.known, acr, ref.home, ref.family,
                              ref.deliberative, ref.counterpart))
    for m in re.finditer(r"\b([A-Z]{2,})/([A-Z]{2,})\b", text):  # "UN/CTED", "UNODC/TPB": either part
        for part, pos in ((m.group(1), m.start(1)), (m.group(2), m.start(2))):
            if part in by_name and not any(s <= pos < e for s, e in covered):
                ref = by_name[part]
                out.append(OrgRef(ref.iri, pos, pos + len(part), ref.name, ref.known, part, ref.home, ref.family,
                                  ref.deliberative, ref.counterpart))
    return out


def _drop_nested_home(orgs: list[OrgRef], text: str) -> list[OrgRef]:
    """"OAS" inside "OAS Department of Public Security" qualifies the organ: only the organ is named.
    Likewise "(UNODC)" right after a name is that name's acronym, whatever the gazetteer calls it."""
    out: list[OrgRef] = []
    for o in orgs:
        if out and re.fullmatch(r"\s*\(", text[out[-1].end:o.start]) and text[o.end:o.end + 1] == ")":
            continue
        if o.home and any(p.start <= o.start and o.end <= p.end and p is not o and not p.home for p in orgs):
            continue
        if out and out[-1].start <= o.start and o.end <= out[-1].end and out[-1].iri != o.iri and not out[-1].home:
            continue
        out.append(o)
    return out


def _short_form(short: str, long: str) -> bool:
    """"US Coast Guard" is a short form of "United States Coast Guard": same tail, initials for the rest.

    >>> _short_form("US Coast Guard", "United States Coast Guard"), _short_form("Coast Guard", "Police")
    (True, False)
    """
    s, lo = short.split(), long.split()
    k = 0
    while k < min(len(s), len(lo)) and s[-1 - k] == lo[-1 - k]:
        k += 1
    if k == 0 or k == len(s) and len(s) == len(lo):
        return False
    head, rest = s[:len(s) - k], [w for w in lo[:len(lo) - k] if w[:1].isupper()]
    letters = "".join(head).replace(".", "")
    return len(head) == 1 and letters.isupper() and letters == "".join(w[0] for w in rest)


def _unify_short_forms(orgs: list[OrgRef]) -> list[OrgRef]:
    longs = {o.name: o for o in orgs}
    out = []
    for o in orgs:
        target = next((t for name, t in longs.items() if o.minted and name != o.name and _short_form(o.name, name)),
                      None)
        out.append(o if target is None else OrgRef(target.iri, o.start, o.end, target.name, target.known,
                                                   target.acronym, target.home, target.family, target.deliberative,
                                                   target.counterpart))
    return out


def _states(text: str, mentions: Iterable[Mention], orgs: Sequence[OrgRef]) -> list[StateRef]:
    """State mentions that name a state: not "American" in "Inter-American" or "Organization of American States"."""
    out = []
    for m in mentions:
        before = text[max(0, m.start - 12):m.start]
        after = text[m.end:m.end + 12]
        prev_word = re.search(r"([\w]+)\W*$", before)
        next_word = re.match(r"\W*([\w]+)", after)
        if before.endswith("-") or prev_word and prev_word.group(1) in entries("STATE_ADJECTIVE_PREV"):
            continue
        if next_word and next_word.group(1) in entries("STATE_ADJECTIVE_NEXT") and not after.startswith(","):
            continue
        holder = next((o for o in orgs if o.start <= m.start and m.end <= o.end), None)
        if holder is not None and holder.home:
            continue
        out.append(StateRef(m.iri, m.start, m.end, text[m.start:m.end], holder))
    return out
