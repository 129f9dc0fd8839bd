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
from ingest.sheets.labels import (COUNTERPART_HEAD_WORDS, DELIBERATIVE_HEAD_WORDS, HOME_FAMILY_MARKERS,
                                  HOME_ORG_NAMES, STATE_ADJECTIVE_NEXT, STATE_ADJECTIVE_PREV)
from ingest.sheets.names import NameSpan, find_acronym_definitions, find_org_names, is_acronym
from ingest.sheets.text import TextView, fold_same_length, sentence_spans
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

    text: str
    folded: str
    view: TextView
    lang: str
    segments: tuple[Segment, ...]
    states: tuple[StateRef, ...]
    orgs: tuple[OrgRef, ...]
    acronyms: dict[str, NameSpan] = field(default_factory=dict)
    sentences: tuple[Sentence, ...] = ()

    def states_in(self, start: int, end: int) -> list[StateRef]:
        return [s for s in self.states if start <= s.start and s.end <= end]

    def orgs_in(self, start: int, end: int) -> list[OrgRef]:
        return [o for o in self.orgs if start <= o.start and o.end <= end]

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
    home = {iris.org(n) for n in HOME_ORG_NAMES}
    family: set[str] = set()
    deliberative: set[str] = set()
    counterpart: set[str] = set()
    home_keys = {fold(n) for n in HOME_ORG_NAMES}
    for e in gazetteer.entries:
        if e.kind != "Organization":
            continue
        words = set(_WORD.findall(e.text))
        if fold(e.text) in home_keys:
            home.add(e.iri)
        elif any(k in fold(e.text) for k in home_keys if len(k) > 4):
            family.add(e.iri)
        if words & set(HOME_FAMILY_MARKERS):
            family.add(e.iri)
        if _headed_by(e.text, DELIBERATIVE_HEAD_WORDS):
            deliberative.add(e.iri)
        if _headed_by(e.text, COUNTERPART_HEAD_WORDS):
            counterpart.add(e.iri)
    return OrgTraits(frozenset(home), frozenset(family - home), frozenset(deliberative), frozenset(counterpart))


def read_sheet(text: str, segments: Sequence[Segment], *, lang: str, gazetteer: Gazetteer,
               iris: Iris) -> SheetDoc:
    """States, organizations and sentences of one sheet. Pure; cost linear in the text."""
    view = TextView.of(text)
    traits = org_traits(gazetteer, iris)
    org_mentions = [_to_original(m, view) for m in gazetteer.find(view.clean, kinds=("Organization",))]
    state_mentions = [_to_original(m, view) for m in gazetteer.find(view.clean, kinds=("State",))]
    known = [_known_ref(m, text, traits) for m in org_mentions]
    spans = [(view.clean_index(s.start), view.clean_index(s.end)) for s in segments]
    rule_names = [n for a, b in spans for n in find_org_names(view.clean, a, b)]
    definitions = [n for a, b in spans for n in find_acronym_definitions(view.clean, a, b)]
    orgs = _resolve_orgs(text, view, known, rule_names, definitions, gazetteer, iris, traits)
    acronyms = {d.acronym: _original_name(d, view) for d in definitions if d.acronym}
    orgs = orgs + _acronym_uses(text, view, orgs, acronyms, known)
    orgs = _unify_short_forms(_drop_nested_home(sorted(orgs, key=lambda o: (o.start, -o.end)), text))
    states = _states(text, state_mentions, orgs)
    sentences = tuple(Sentence(a, b, s.kind, s.block) for s in segments if s.kind in PROSE_KINDS
                      for a, b in sentence_spans(text, s.start, s.end))
    return SheetDoc(text, fold_same_length(text), view, lang, tuple(segments), tuple(states), tuple(orgs),
                    acronyms, sentences)


def _to_original(m: Mention, view: TextView) -> Mention:
    start, end = view.original_span(m.start, m.end)
    return Mention(m.iri, m.kind, start, end, m.text, m.source)


def _original_name(n: NameSpan, view: TextView) -> NameSpan:
    start, end = view.original_span(n.start, n.end)
    return NameSpan(start, end, n.name, n.kind, n.acronym)


_GENITIVE_TAIL = re.compile(r"\s+(?:of|de|del|da|do|dos|das|du|des|established|pursuant|for|para|pour)\b.*$", re.S)


def _headed_by(name: str, heads: tuple[str, ...]) -> bool:
    """Whether the name's own head (first or last word before "of ..."/"de ...") is one of ``heads``.

    >>> _headed_by("Committee of the Security Council", ("Council",)), _headed_by("UN Security Council", ("Council",))
    (False, True)
    """
    words = _WORD.findall(_GENITIVE_TAIL.sub("", name))
    wanted = {h.upper() for h in heads}
    return bool(words) and (words[0].upper() in wanted or re.sub(r"['’]s$", "", words[-1]).upper() in wanted)


def _flags(name: str, iri: str, traits: OrgTraits, *, after: str = "") -> dict[str, bool]:
    words = set(_WORD.findall(name))
    home = iri in traits.home or fold(name) in {fold(n) for n in HOME_ORG_NAMES}
    return {
        "home": home,
        "family": not home and (iri in traits.family or bool(words & set(HOME_FAMILY_MARKERS))
                                or bool(_HOME_QUALIFIER.match(after))),
        "deliberative": iri in traits.deliberative or _headed_by(name, DELIBERATIVE_HEAD_WORDS),
        "counterpart": iri in traits.counterpart or _headed_by(name, COUNTERPART_HEAD_WORDS),
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
        if any(not k.home for k in inside) or any(s <= start and end <= e for s, e in taken):
            continue
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
        if before.endswith("-") or prev_word and prev_word.group(1) in STATE_ADJECTIVE_PREV:
            continue
        if next_word and next_word.group(1) in STATE_ADJECTIVE_NEXT and not after.startswith(","):
            continue
        holder = next((o for o in orgs if o.start <= m.start and m.end <= o.end), None)
        if holder is not None and holder.home:
            continue
        out.append(StateRef(m.iri, m.start, m.end, text[m.start:m.end], holder))
    return out
