"""The state network: every asserted fact that ties a state to programs, laws, practices and themes, with its passages.

Profiles, comparable states, cooperation suggestions, the network export and the time-split
evaluation all read the same small in-memory picture of the graph: the edges ``(s, p, o)`` among
programs, laws, practices, states, organizations, instruments and themes, each with the passages
its qualified statements were read from, plus labels in every language, types and start years.
Only asserted facts count (a state that merely stands next to a "Donor Countries" label, kept
only as a low-confidence qualified statement, is no edge).

Cost: five SELECTs over the union graph, about a second on the whole shared corpus. The result is
cached per store version (:func:`load_network`), so a request after the first reads memory.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kg.store.base import GraphStore
from ontology.iri import Iris
from ontology.namespaces import ELI, PROV, RDF, RDFS, SKOS

#: the predicates read (local names of the pkg: vocabulary, or full IRIs)
PKG_PREDICATES = ("beneficiary", "fundedBy", "location", "partner", "implementedBy", "hasTheme", "implements",
                  "mandatedBy", "evaluatedIn", "implementsPractice")
ELI_PREDICATES = ("jurisdiction", "cites", "ensures_implementation_of")
#: the classes whose facts are read, and that are nodes of the network
CLASSES = ("State", "Program", "NationalLaw", "BestPractice", "Organization", "LegalInstrument", "Theme")

FACTS = """
PREFIX pkg: <{v}> PREFIX rdf: <{rdf}> PREFIX prov: <{prov}> PREFIX eli: <{eli}>
SELECT ?s ?p ?o ?passage WHERE {{
  VALUES ?kind {{ pkg:Program pkg:NationalLaw pkg:BestPractice }}
  VALUES ?p {{ {predicates} }}
  ?s a ?kind ; ?p ?o .
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?passage . }}
"""
TYPES = """
PREFIX pkg: <{v}>
SELECT ?x ?cls WHERE {{ VALUES ?cls {{ {classes} }} ?x a ?cls }}
"""
LABELS = """
PREFIX pkg: <{v}> PREFIX rdfs: <{rdfs}> PREFIX skos: <{skos}> PREFIX eli: <{eli}>
SELECT ?x ?label WHERE {{
  VALUES ?cls {{ {classes} }} ?x a ?cls .
  {{ ?x rdfs:label ?label }} UNION {{ ?x skos:prefLabel ?label }} UNION {{ ?x eli:title ?label }} }}
"""
YEARS = """
PREFIX pkg: <{v}>
SELECT ?x ?y WHERE {{ ?x a pkg:Program ; pkg:startYear ?y }}
"""
#: which documents mention which state, how often, and which resolutions (with their themes) do
MENTIONS = """
PREFIX pkg: <{v}> PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?state ?doc ?title ?type (COUNT(DISTINCT ?p) AS ?n) (SAMPLE(?p) AS ?first) WHERE {{
  ?state a pkg:State . ?p pkg:mentions ?state ; pkg:partOf ?doc .
  OPTIONAL {{ ?doc dcterms:title ?title }} OPTIONAL {{ ?doc pkg:documentType ?type }} }}
GROUP BY ?state ?doc ?title ?type
"""
RESOLUTION_MENTIONS = """
PREFIX pkg: <{v}>
SELECT ?state ?res ?p WHERE {{
  ?state a pkg:State . ?p pkg:mentions ?state ; pkg:partOf ?doc . ?doc pkg:about ?res . ?res a pkg:Resolution .
  FILTER EXISTS {{ ?res pkg:hasTheme ?t }} }}
"""
#: the derived links of :mod:`kg.cooperation_graph`, with the passages they rest on
COOPERATION = """
PREFIX pkg: <{v}> PREFIX rdf: <{rdf}> PREFIX prov: <{prov}>
SELECT ?a ?b ?passage WHERE {{
  ?a pkg:cooperatesWith ?b .
  ?st rdf:subject ?a ; rdf:predicate pkg:cooperatesWith ; rdf:object ?b ; prov:wasDerivedFrom ?passage .
  ?passage a pkg:Passage . }}
"""
RESOLUTION_THEMES = """
PREFIX pkg: <{v}> PREFIX rdf: <{rdf}> PREFIX prov: <{prov}>
SELECT ?res ?theme ?passage WHERE {{
  ?res a pkg:Resolution ; pkg:hasTheme ?theme .
  ?st rdf:subject ?res ; rdf:predicate pkg:hasTheme ; rdf:object ?theme ; prov:wasDerivedFrom ?passage . }}
"""


@dataclass(frozen=True)
class Mention:
    """A document that mentions a state: ``passages`` passages of it, ``first`` one of them."""

    document: str
    title: str
    type: str
    passages: int
    first: str


@dataclass
class Network:
    """The facts about states, read once per store version. Treat as read-only once built."""

    iris: Iris
    #: (s, p, o) → the passages the fact was read from, sorted
    edges: dict[tuple[str, str, str], tuple[str, ...]] = field(default_factory=dict)
    #: node → its classes' local names
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: node → {language: label}
    labels: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    start_year: dict[str, int] = field(default_factory=dict)
    mentions: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    #: state → resolution → a passage of the resolution that names the state
    resolution_mentions: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    version: int = -1

    # indexes, filled by :meth:`reindex`
    out: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    into: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))

    def reindex(self) -> Network:
        self.out = defaultdict(list)
        self.into = defaultdict(list)
        for s, p, o in sorted(self.edges):
            self.out[s].append((p, o))
            self.into[o].append((p, s))
        return self

    def is_a(self, iri: str, cls: str) -> bool:
        return cls in self.types.get(iri, ())

    def label(self, iri: str, lang: str = "en") -> str:
        """The label in ``lang``, else English, else any; the IRI's last segment without one."""
        found = self.labels.get(iri, {})
        for key in (lang, "en", ""):
            if key in found:
                return found[key]
        return next(iter(sorted(found.values())), iri.rstrip("/").rsplit("/", 1)[-1])

    def passages(self, s: str, p: str, o: str) -> tuple[str, ...]:
        return self.edges.get((s, p, o), ())

    def states(self) -> list[str]:
        return sorted(x for x, cls in self.types.items() if "State" in cls)

    def themes_of(self, entity: str) -> list[str]:
        return [o for p, o in self.out.get(entity, ()) if p == self.iris.vocab("hasTheme")]

    def without(self, hidden: Iterable[str]) -> Network:
        """A copy without the facts whose subject is in ``hidden`` (the time-split evaluation hides programs)."""
        gone = set(hidden)
        copy = Network(self.iris, {k: v for k, v in self.edges.items() if k[0] not in gone}, self.types, self.labels,
                       {k: v for k, v in self.start_year.items() if k not in gone}, self.mentions,
                       self.resolution_mentions, self.version)
        return copy.reindex()


def _value(term: object) -> str:
    return "" if term is None else str(getattr(term, "value"))  # noqa: B009 (Term is a union)


def read_network(store: GraphStore, iris: Iris) -> Network:
    """Read the network from ``store`` (five to seven SELECTs). Read-only; deterministic."""
    v = iris.ontology
    fmt = {"v": v, "rdf": RDF, "prov": PROV, "eli": ELI, "rdfs": RDFS, "skos": SKOS,
           "classes": " ".join(f"pkg:{c}" for c in CLASSES),
           "predicates": " ".join([*(f"pkg:{p}" for p in PKG_PREDICATES), *(f"eli:{p}" for p in ELI_PREDICATES)])}
    net = Network(iris, version=store.version)
    found: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for s, p, o, passage in store.select(FACTS.format(**fmt)):
        found[(_value(s), _value(p), _value(o))].add(_value(passage))
    for x, cls in store.select(TYPES.format(**fmt)):
        net.types[_value(x)].add(_value(cls).rsplit("#", 1)[-1])
    for x, label in store.select(LABELS.format(**fmt)):
        language = getattr(label, "language", None) or ""
        net.labels[_value(x)].setdefault(language, _value(label))
    for x, y in store.select(YEARS.format(**fmt)):
        try:
            year = int(_value(y))
        except ValueError:
            continue
        net.start_year[_value(x)] = min(year, net.start_year.get(_value(x), year))
    for state, doc, title, kind, n, first in store.select(MENTIONS.format(**fmt)):
        net.mentions[_value(state)].append(Mention(_value(doc), _value(title), _value(kind), int(_value(n)), _value(first)))
    for rows in net.mentions.values():
        rows.sort(key=lambda m: (-m.passages, m.document))
    for state, res, p in store.select(RESOLUTION_MENTIONS.format(**fmt)):
        net.resolution_mentions[_value(state)].setdefault(_value(res), _value(p))
    for res, theme, passage in store.select(RESOLUTION_THEMES.format(**fmt)):
        found[(_value(res), iris.vocab("hasTheme"), _value(theme))].add(_value(passage))
    for a, b, passage in store.select(COOPERATION.format(**fmt)):
        found[(_value(a), iris.vocab("cooperatesWith"), _value(b))].add(_value(passage))
    net.edges = {k: tuple(sorted(v)) for k, v in found.items()}
    return net.reindex()


_cache: dict[int, Network] = {}
_lock = threading.Lock()


def load_network(store: GraphStore, iris: Iris) -> Network:
    """The network of ``store`` as it is now: read once per store version, then served from memory.

    Thread-safe; one network per store object is kept (the newest version).
    """
    key = id(store)
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached.version == store.version:
            return cached
        net = read_network(store, iris)
        _cache[key] = net
        return net


def role_of(predicate: str, iris: Iris) -> str | None:
    """The role word a program → state predicate gives the state (beneficiary, donor, host, partner, executing)."""
    return ROLES.get(predicate.removeprefix(iris.ontology)) if predicate.startswith(iris.ontology) else None


#: program → state predicate (local name) → the state's role
ROLES: Mapping[str, str] = {"beneficiary": "beneficiary", "fundedBy": "donor", "location": "host",
                            "partner": "partner", "implementedBy": "executing"}
