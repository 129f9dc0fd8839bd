"""Resolving the names a gold set uses ("OAS Department of Public Security", "USA") to graph IRIs.

The judge's own resolver, independent of the extractor (no ``ingest`` import): names are
looked up in the curated reference graphs that :mod:`ontology.reference` ships (states in
four languages, organizations with their labels, aliases and acronyms) by exact label
first, then by accent- and case-folded label, then by the name without a leading article
or a trailing parenthesis ("the Inter-American Committee against Terrorism (CICTE)"), then
by the acronym in that parenthesis, then as "<parent> <part>" ("UNODC Terrorism Prevention
Branch": a part whose ``org:subOrganizationOf`` is the parent the first words name). ISO 3166
alpha-3 and alpha-2 codes resolve to states.
A name that two entities share resolves to neither. Nothing is fuzzy: a name that is not
in the reference data resolves to None, and the scorer then compares it with the labels
the graph gives the extracted entity (:func:`label_match`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from ontology.folding import fold
from ontology.iri import Iris
from ontology.namespaces import ORG, RDF, RDFS, SKOS

ISO3 = re.compile(r"^[A-Z]{3}$")
ISO2 = re.compile(r"^[A-Z]{2}$")
_PAREN_TAIL = re.compile(r"\s*\(([^()]*)\)\s*$")
_LEADING_ARTICLE = re.compile(r"^(?:the|el|la|los|las|o|a|os|as|le|les|l')\s+", re.IGNORECASE)
#: Kinds of reference entity a gold name of a state or organization may name.
KINDS = ("State", "Organization")
INSTRUMENT = "LegalInstrument"


def norm(text: str) -> str:
    """Comparison key: accents folded, lower case, every run of non-alphanumerics one space.

    >>> norm("  Programa de Ação — Minas (AICMA) ")
    'programa de acao minas aicma'
    """
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


def core_name(name: str) -> str:
    """A name without a leading article and a trailing parenthesis.

    >>> core_name("the Inter-American Committee against Terrorism (CICTE)")
    'Inter-American Committee against Terrorism'
    """
    stripped = _PAREN_TAIL.sub("", name.strip()) or name.strip()
    return _LEADING_ARTICLE.sub("", stripped) or stripped


def label_match(name: str, labels: Iterable[str]) -> bool:
    """Case- and accent-folded equality of ``name`` (or its core) with any of ``labels``.

    >>> label_match("Transport Canada", ["transport canada", "TC"])
    True
    """
    keys = {norm(name), norm(core_name(name))} - {""}
    return any(norm(label) in keys for label in labels)


@dataclass(frozen=True)
class ReferenceName:
    """One name of a reference entity, as the reference graphs state it."""

    text: str
    iri: str
    kind: str  # State | Organization | Theme
    predicate: str  # label | prefLabel | altLabel | demonym | acronym | iso3 | iso2
    lang: str | None = None


def reference_names(quads: Iterable[Quad], iris: Iris) -> Iterator[ReferenceName]:
    """Every label, alias, acronym, demonym and ISO code of the States, Organizations and Themes in ``quads``."""
    quads = list(quads)
    kinds: dict[str, str] = {}
    type_iri = RDF + "type"
    wanted = {iris.vocab("State"): "State", iris.vocab("Organization"): "Organization", iris.vocab("Theme"): "Theme",
              SKOS + "Concept": "Theme", iris.vocab("LegalInstrument"): INSTRUMENT, iris.vocab("Treaty"): INSTRUMENT,
              iris.vocab("Resolution"): INSTRUMENT}
    for q in quads:
        if (q.predicate.value == type_iri and isinstance(q.subject, NamedNode) and isinstance(q.object, NamedNode)
                and q.object.value in wanted):
            kinds.setdefault(q.subject.value, wanted[q.object.value])
    predicates = {RDFS + "label": "label", SKOS + "prefLabel": "prefLabel", SKOS + "altLabel": "altLabel",
                  iris.vocab("demonym"): "demonym", iris.vocab("acronym"): "acronym", iris.vocab("iso3"): "iso3",
                  iris.vocab("iso2"): "iso2"}
    for q in quads:
        if not isinstance(q.subject, NamedNode) or not isinstance(q.object, Literal):
            continue
        how = predicates.get(q.predicate.value)
        kind = kinds.get(q.subject.value)
        if how is None or kind is None:
            continue
        yield ReferenceName(q.object.value.strip(), q.subject.value, kind, how, q.object.language)


def sub_organizations(quads: Iterable[Quad]) -> list[tuple[str, str]]:
    """(part, parent) for every ``org:subOrganizationOf`` of the reference graphs."""
    return [(q.subject.value, q.object.value) for q in quads
            if q.predicate.value == ORG + "subOrganizationOf" and isinstance(q.subject, NamedNode)
            and isinstance(q.object, NamedNode)]


class ReferenceNames:
    """Gold names → IRIs through the reference graphs' labels; ISO codes → state IRIs.

    >>> iris = Iris("https://policykg.org/")
    >>> names = ReferenceNames.from_reference(iris)
    >>> names.resolve("USA"), names.resolve("the Inter-American Committee against Terrorism (CICTE)")
    ('https://policykg.org/id/state/USA', 'https://policykg.org/id/org/cicte')
    >>> names.resolve("Estados Unidos"), names.resolve("Oxford"), names.resolve("United States Coast Guard")
    ('https://policykg.org/id/state/USA', None, 'https://policykg.org/id/org/us-coast-guard')
    >>> names.resolve("UNODC Terrorism Prevention Branch")
    'https://policykg.org/id/org/unodc-terrorism-prevention-branch'
    >>> names.resolve("Canada Terrorism Prevention Branch") is None
    True
    """

    def __init__(self, names: Iterable[ReferenceName], iris: Iris, *,
                 parents: Iterable[tuple[str, str]] = ()) -> None:
        self.iris = iris
        self.parents: dict[str, set[str]] = {}
        for child, parent in parents:
            self.parents.setdefault(child, set()).add(parent)
        names = tuple(names)
        self.names = tuple(n for n in names if n.kind in KINDS)
        self.instruments = tuple(n for n in names if n.kind == INSTRUMENT)
        self._codes: dict[str, str] = {}
        self._index = _Index()
        self._instrument_index = _Index()
        for n in self.names:
            if n.predicate in ("iso3", "iso2"):
                self._codes[n.text.upper()] = n.iri
            elif n.predicate != "demonym":  # "Canadian" is an adjective, not a name of Canada
                self._index.add(n)
        for n in self.instruments:
            self._instrument_index.add(n)

    @classmethod
    def from_reference(cls, iris: Iris) -> ReferenceNames:
        """From the reference graphs shipped in :mod:`ontology` (no store needed). Cost: ~0.3 s."""
        from ontology.reference import reference_quads

        quads = list(reference_quads(iris))
        return cls(reference_names(quads, iris), iris, parents=sub_organizations(quads))

    def resolve(self, name: str) -> str | None:
        """The IRI of the one reference entity ``name`` names, or None (unknown or shared by several)."""
        value = name.strip()
        if ISO3.match(value) or ISO2.match(value):
            code = self._codes.get(value)
            if code is not None:
                return code
            if ISO3.match(value):
                return self.iris.state(value)  # a code the reference lacks still names its state IRI
        return self._index.resolve(value) or self._part_of(value)

    def _part_of(self, value: str) -> str | None:
        """"<parent> <part>": the part, when the reference makes it a sub-organization of the parent."""
        words = value.split()
        for i in range(1, len(words)):
            parent = self._index.resolve(" ".join(words[:i]))
            part = self._index.resolve(" ".join(words[i:])) if parent else None
            if part is not None and parent in self._ancestors(part):
                return part
        return None

    def _ancestors(self, iri: str) -> set[str]:
        seen: set[str] = set()
        todo = [iri]
        while todo:
            for p in self.parents.get(todo.pop(), ()):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return seen

    def resolve_instrument(self, name: str) -> str | None:
        """The IRI of the one reference instrument (``ontology/instruments.ttl``, when the reference
        graphs hold it) that ``name`` names by label, alias or acronym; else None."""
        return self._instrument_index.resolve(name.strip())


class _Index:
    """Exact, folded and acronym lookups of one kind of reference name."""

    def __init__(self) -> None:
        self.exact: dict[str, set[str]] = {}
        self.folded: dict[str, set[str]] = {}
        self.acronyms: dict[str, set[str]] = {}

    def add(self, n: ReferenceName) -> None:
        self.exact.setdefault(n.text, set()).add(n.iri)
        self.folded.setdefault(norm(n.text), set()).add(n.iri)
        if n.predicate == "acronym":
            self.acronyms.setdefault(n.text, set()).add(n.iri)

    def resolve(self, value: str) -> str | None:
        for candidate in dict.fromkeys((value, core_name(value))):
            for index, key in ((self.exact, candidate), (self.folded, norm(candidate))):
                found = index.get(key)
                if found:
                    return next(iter(found)) if len(found) == 1 else None
        m = _PAREN_TAIL.search(value)
        if m is not None:
            found = self.acronyms.get(m.group(1).strip())
            if found and len(found) == 1:
                return next(iter(found))
        return None
