"""Reading what the graph asserts about a document's programs, for the extraction measures.

Only plain triples count: a statement the extractor was unsure of lives only as a
``pkg:QualifiedStatement`` and is, by design, not a fact of the graph. Every read is
scoped to the document's own named graph, so another document's facts never leak in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from pyoxigraph import Literal, NamedNode

from evaluation.names import norm
from ingest.references import NAMED_INSTRUMENTS, find_instrument_refs
from kg.workspace import Workspace
from ontology.namespaces import RDFS, SKOS

ABOUT_QUERY = """
PREFIX pkg: <{v}>
SELECT ?src ?g ?x WHERE {{ GRAPH ?g {{ ?doc a pkg:Document ; pkg:source ?src . OPTIONAL {{ ?doc pkg:about ?x }} }} }}
"""
LABELS_QUERY = """
PREFIX pkg: <{v}>
PREFIX rdfs: <{rdfs}>
PREFIX skos: <{skos}>
SELECT ?x ?how ?l WHERE {{
  VALUES ?x {{ {values} }}
  {{ ?x rdfs:label|skos:prefLabel|skos:altLabel|pkg:symbol ?l BIND("label" AS ?how) }}
  UNION {{ ?x pkg:acronym ?l BIND("acronym" AS ?how) }}
  UNION {{ ?x pkg:number ?l BIND("number" AS ?how) }}
  UNION {{ ?x a ?l BIND("type" AS ?how) }}
}}
"""
_RES_NUMBER = re.compile(r"(?:RES\.?\s*/?|[Rr][eé]solu\w*\s+(?:No\.?\s*)?|UNSCR\s*)(\d{2,5})\b")
_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Z/\-]{2,})\)")


@dataclass
class Entity:
    """An IRI with everything the graph says names it (labels, acronyms, numbers, types)."""

    iri: str
    labels: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    numbers: set[int] = field(default_factory=set)
    types: set[str] = field(default_factory=set)  # local names of pkg: classes

    @property
    def names(self) -> set[str]:
        return self.labels | self.acronyms


class Triple(NamedTuple):
    """A plain triple; ``o`` is an IRI when ``iri`` is true, else a literal's value (int for integers)."""

    s: str
    p: str
    o: str | int
    iri: bool


@dataclass(frozen=True)
class DocumentScope:
    """A stored document: its named graph and the entities it is ``pkg:about``."""

    source: str
    graph: str
    about: tuple[str, ...]


class GraphFacts:
    """Plain-triple reads over one workspace's store. Read-only."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.v = workspace.iris.ontology
        self._entities: dict[str, Entity] = {}

    def documents(self) -> dict[str, DocumentScope]:
        """Every stored document by source name."""
        found: dict[str, tuple[str, list[str]]] = {}
        for src, g, x in self.ws.store.select(ABOUT_QUERY.format(v=self.v)):
            graph, about = found.setdefault(src.value, (g.value, []))  # type: ignore[union-attr]
            if x is not None:
                about.append(x.value)  # type: ignore[attr-defined]
        return {s: DocumentScope(s, g, tuple(dict.fromkeys(a))) for s, (g, a) in found.items()}

    def triples(self, graph: str, subjects: Iterable[str]) -> list[Triple]:
        """The plain triples of ``graph`` whose subject is one of ``subjects``."""
        out: list[Triple] = []
        for s in subjects:
            for q in self.ws.store.raw.quads_for_pattern(NamedNode(s), None, None, NamedNode(graph)):
                o = q.object
                if isinstance(o, NamedNode):
                    out.append(Triple(s, q.predicate.value, o.value, True))
                elif isinstance(o, Literal):
                    value = int(o.value) if o.datatype.value.endswith("#integer") else o.value
                    out.append(Triple(s, q.predicate.value, value, False))
        return out

    def entities(self, iris: Iterable[str]) -> dict[str, Entity]:
        """Labels, acronyms, numbers and pkg: types of ``iris``, read from every graph (cached)."""
        todo = [i for i in dict.fromkeys(iris) if i not in self._entities]
        for start in range(0, len(todo), 200):
            chunk = todo[start:start + 200]
            for i in chunk:
                self._entities[i] = Entity(i)
            values = " ".join(f"<{i}>" for i in chunk)
            for x, how, label in self.ws.store.select(LABELS_QUERY.format(v=self.v, rdfs=RDFS, skos=SKOS, values=values)):
                e = self._entities[x.value]  # type: ignore[union-attr]
                text = label.value  # type: ignore[union-attr]
                if how.value == "label":  # type: ignore[union-attr]
                    e.labels.add(text)
                    e.numbers.update(int(n) for n in _RES_NUMBER.findall(text))
                elif how.value == "acronym":  # type: ignore[union-attr]
                    e.acronyms.add(text)
                elif how.value == "number":  # type: ignore[union-attr]
                    e.numbers.add(int(text))
                elif text.startswith(self.v):
                    e.types.add(text[len(self.v):])
        return {i: self._entities[i] for i in iris}


def instrument_matches(gold: str, extracted: Entity) -> bool:
    """Loose identity of a gold instrument mention and an extracted instrument: a shared
    resolution number ("AG/RES. 2444"), a shared canonical name or acronym ("CIFTA"), or one
    name contained in the other.

    >>> e = Entity("x", labels={"AG/RES. 2444 (XXXIX-O/09)"}, numbers={2444})
    >>> instrument_matches("AG/RES. 2444 (XXXIX-O/09)", e), instrument_matches("AG/RES. 2445", e)
    (True, False)
    >>> cifta = Entity("y", labels={NAMED_INSTRUMENTS[0].name})
    >>> instrument_matches("Inter-American Convention against the Illicit Manufacturing of and Trafficking "
    ...                    "in Firearms, Ammunition, Explosives, and Other Related Materials (CIFTA) (1997)", cifta)
    True
    """
    refs = find_instrument_refs(gold)
    gold_numbers = {r.number for r in refs if r.body != "named" and r.number} | {
        int(n) for n in _RES_NUMBER.findall(gold)}
    gold_names = {norm(r.name) for r in refs if r.body == "named" and r.name}
    gold_acronyms = set(_PAREN_ACRONYM.findall(gold)) | {
        i.acronym for i in NAMED_INSTRUMENTS if i.acronym and norm(i.name) in gold_names}
    if gold_numbers & extracted.numbers:
        return True
    names = {norm(label) for label in extracted.labels}
    if gold_names & names:
        return True
    acronyms = set(extracted.acronyms) | {i.acronym for i in NAMED_INSTRUMENTS if i.acronym and norm(i.name) in names}
    if gold_acronyms & acronyms:
        return True
    whole = norm(gold)
    return any(len(n) >= 12 and (n in whole or whole in n) for n in names)
