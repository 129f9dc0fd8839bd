"""Reading what the graph asserts about a document's programs, for the extraction measures.

Only plain triples count: a statement the extractor was unsure of lives only as a
``pkg:QualifiedStatement`` and is, by design, not a fact of the graph. Every read is
scoped to the document's own named graph, so another document's facts never leak in.
The reads go through the store interface of :mod:`kg.store` (the workspace's store, or an
in-memory one holding a document extracted on the fly), never through ``ingest``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from pyoxigraph import Literal, NamedNode

from evaluation.symbols import InstrumentMention, instrument_matches as _matches
from ontology.namespaces import RDFS, SKOS

if TYPE_CHECKING:
    from kg.store.base import GraphStore
    from kg.workspace import Workspace

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
    """Plain-triple reads over one store (default graph = the union of its named graphs). Read-only."""

    def __init__(self, store: GraphStore, ontology: str) -> None:
        self.store = store
        self.v = ontology
        self._entities: dict[str, Entity] = {}

    @classmethod
    def of(cls, workspace: Workspace) -> GraphFacts:
        """Reads over a workspace's store."""
        return cls(workspace.store, workspace.iris.ontology)

    def documents(self) -> dict[str, DocumentScope]:
        """Every stored document by source name."""
        found: dict[str, tuple[str, list[str]]] = {}
        for src, g, x in self.store.select(ABOUT_QUERY.format(v=self.v)):
            graph, about = found.setdefault(src.value, (g.value, []))  # type: ignore[union-attr]
            if x is not None:
                about.append(x.value)  # type: ignore[attr-defined]
        return {s: DocumentScope(s, g, tuple(dict.fromkeys(a))) for s, (g, a) in found.items()}

    def triples(self, graph: str, subjects: Iterable[str]) -> list[Triple]:
        """The plain triples of ``graph`` whose subject is one of ``subjects``."""
        out: list[Triple] = []
        for s in subjects:
            for q in self.store.quads(NamedNode(s), graph=graph):
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
            for x, how, label in self.store.select(LABELS_QUERY.format(v=self.v, rdfs=RDFS, skos=SKOS, values=values)):
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


def instrument_matches(gold: InstrumentMention, iri: str, extracted: Entity) -> bool:
    """Whether the extracted instrument ``iri`` is one the gold mandate names (see :mod:`evaluation.symbols`).

    >>> from evaluation.symbols import read_instrument
    >>> e = Entity("x", labels={"AG/RES. 2444 (XXXIX-O/09)"}, numbers={2444})
    >>> g = read_instrument("AG/RES. 2444 (XXXIX-O/09)")
    >>> instrument_matches(g, "x", e), instrument_matches(read_instrument("AG/RES. 2445"), "x", e)
    (True, False)
    """
    return _matches(gold, iri, labels=extracted.labels, acronyms=extracted.acronyms)
