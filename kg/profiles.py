"""A state's profile: its programs with roles, instruments, laws, partners, themes and the documents that name it.

Every item carries the facts it rests on (:class:`Fact`: a triple and the passages it was read
from), so a profile can be defended passage by passage. Labels come in the requested language
(falling back to English). Pure over a :class:`~kg.network.Network`; no store access, so a profile
costs microseconds once the network of the current store version is loaded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from kg.errors import NotFound
from kg.network import ROLES, Network
from ontology.namespaces import ELI

#: program → instrument predicates (local names) and the relation they give a state taking part in the program
PROGRAM_INSTRUMENT = {"implements": "implementing", "mandatedBy": "implementing", "cites": "cited in"}
#: law → instrument predicates (ELI local names) and the relation they give the law's state
LAW_INSTRUMENT = {"ensures_implementation_of": "implementing", "cites": "cited in"}


@dataclass(frozen=True)
class Fact:
    """One asserted triple and the passages it was read from (its provenance)."""

    s: str
    p: str
    o: str
    passages: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    """One entity of a profile: how the state relates to it, through what, and the facts behind it."""

    iri: str
    label: str
    kind: str
    relations: tuple[str, ...]  # beneficiary, donor… for programs; implementing, cited in… for instruments
    via: tuple[str, ...]  # the programs, laws or practices it is reached through (empty when direct)
    evidence: tuple[Fact, ...]
    year: int | None = None


@dataclass(frozen=True)
class DocumentRef:
    iri: str
    title: str
    type: str
    passages: int
    first_passage: str


@dataclass(frozen=True)
class StateProfile:
    iri: str
    iso3: str
    label: str
    lang: str
    counts: dict[str, int]
    programs: tuple[Item, ...]
    instruments: tuple[Item, ...]
    laws: tuple[Item, ...]
    partners: tuple[Item, ...]
    themes: tuple[Item, ...]
    practices: tuple[Item, ...]
    documents: tuple[DocumentRef, ...]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def kind_of(net: Network, iri: str) -> str:
    for cls in ("State", "Program", "NationalLaw", "BestPractice", "Resolution", "Treaty", "LegalInstrument",
                "Organization", "Theme"):
        if net.is_a(iri, cls):
            return cls
    return "Entity"


class _Collector:
    """Gathers items by IRI, merging relations, routes and evidence."""

    def __init__(self, net: Network, lang: str) -> None:
        self.net, self.lang = net, lang
        self.relations: dict[str, set[str]] = defaultdict(set)
        self.via: dict[str, set[str]] = defaultdict(set)
        self.evidence: dict[str, dict[tuple[str, str, str], Fact]] = defaultdict(dict)

    def add(self, iri: str, relation: str, facts: list[tuple[str, str, str]], via: str | None = None) -> None:
        self.relations[iri].add(relation)
        if via is not None:
            self.via[iri].add(via)
        for s, p, o in facts:
            self.evidence[iri][(s, p, o)] = Fact(s, p, o, self.net.passages(s, p, o))

    def items(self) -> tuple[Item, ...]:
        out = [Item(iri, self.net.label(iri, self.lang), kind_of(self.net, iri), tuple(sorted(self.relations[iri])),
                    tuple(sorted(self.via[iri])), tuple(self.evidence[iri][k] for k in sorted(self.evidence[iri])),
                    self.net.start_year.get(iri))
               for iri in self.relations]
        out.sort(key=lambda i: (-len(i.evidence), -len(i.via), i.label.casefold(), i.iri))
        return tuple(out)


def state_programs(net: Network, state: str) -> list[tuple[str, str, str]]:
    """``(program, predicate, role)`` for every program the state takes part in."""
    out = []
    for p, s in net.into.get(state, ()):
        role = ROLES.get(p.removeprefix(net.iris.ontology)) if p.startswith(net.iris.ontology) else None
        if role is not None and net.is_a(s, "Program"):
            out.append((s, p, role))
    return out


def state_laws(net: Network, state: str) -> list[str]:
    return sorted(s for p, s in net.into.get(state, ()) if p.endswith("#jurisdiction") and net.is_a(s, "NationalLaw"))


def state_practices(net: Network, state: str) -> list[str]:
    return sorted(s for p, s in net.into.get(state, ()) if p == net.iris.vocab("evaluatedIn"))


def state_profile(net: Network, iso3: str, *, lang: str = "en", max_documents: int = 50) -> StateProfile:
    """The profile of the state ``iso3`` (any case). Raises :class:`NotFound` for a code no state has.

    Deterministic: items sorted by the number of facts behind them, then by label.
    """
    state = net.iris.state(iso3)
    if not net.is_a(state, "State"):
        raise NotFound(f"no state with ISO 3166 alpha-3 code {iso3.upper()!r}")
    v = net.iris.vocab
    programs, instruments, laws, partners, themes, practices = (_Collector(net, lang) for _ in range(6))
    for program, pred, role in state_programs(net, state):
        programs.add(program, role, [(program, pred, state)])
        for p, o in net.out.get(program, ()):
            local = p.rsplit("#", 1)[-1]
            if o == state:
                continue
            if p.startswith(v("")) and local in ("fundedBy", "partner", "implementedBy", "location") and (
                    net.is_a(o, "Organization") or net.is_a(o, "State")):
                partners.add(o, ROLES[local], [(program, pred, state), (program, p, o)], via=program)
            elif local in PROGRAM_INSTRUMENT and net.is_a(o, "LegalInstrument") and not net.is_a(o, "NationalLaw"):
                instruments.add(o, PROGRAM_INSTRUMENT[local], [(program, pred, state), (program, p, o)], via=program)
            elif p == v("hasTheme"):
                themes.add(o, "program", [(program, pred, state), (program, p, o)], via=program)
    for law in state_laws(net, state):
        jurisdiction = (law, f"{ELI}jurisdiction", state)
        laws.add(law, "jurisdiction", [jurisdiction])
        for p, o in net.out.get(law, ()):
            local = p.rsplit("#", 1)[-1]
            if p.startswith(ELI) and local in LAW_INSTRUMENT and net.is_a(o, "LegalInstrument") \
                    and not net.is_a(o, "NationalLaw"):
                instruments.add(o, f"{LAW_INSTRUMENT[local]} (law)", [jurisdiction, (law, p, o)], via=law)
            elif p == v("hasTheme"):
                themes.add(o, "law", [jurisdiction, (law, p, o)], via=law)
    for practice in state_practices(net, state):
        evaluated = (practice, v("evaluatedIn"), state)
        practices.add(practice, "evaluated in", [evaluated])
        for theme in net.themes_of(practice):
            themes.add(theme, "practice", [evaluated, (practice, v("hasTheme"), theme)], via=practice)
    documents = tuple(DocumentRef(m.document, m.title, m.type, m.passages, m.first)
                      for m in net.mentions.get(state, [])[:max_documents])
    built = {name: c.items() for name, c in (("programs", programs), ("instruments", instruments), ("laws", laws),
                                             ("partners", partners), ("themes", themes), ("practices", practices))}
    counts = {name: len(items) for name, items in built.items()}
    counts["documents"] = len(net.mentions.get(state, []))
    counts["mentioning_passages"] = sum(m.passages for m in net.mentions.get(state, []))
    return StateProfile(state, iso3.upper(), net.label(state, lang), lang, counts, built["programs"],
                        built["instruments"], built["laws"], built["partners"], built["themes"], built["practices"],
                        documents)
