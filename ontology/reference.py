"""Curated reference graphs: the ontology, themes, organizations, named instruments and states, as quads.

Each reference dataset lives in its own named graph so that re-loading one replaces
exactly its triples. The shipped Turtle files are written against
:data:`ontology.namespaces.DEFAULT_BASE`; they are rebased textually to the configured base.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from ontology.iri import Iris
from ontology.namespaces import DEFAULT_BASE, GEONAMES, ORG, OWL, RDF, RDFS, SCHEMA, SKOS, WD, XSD
from ontology.states import StateRecord, load_states

HERE = Path(__file__).resolve().parent
TURTLE_FILES = {"ontology": "core.ttl", "shapes": "shapes.ttl", "themes": "themes.ttl", "organizations": "organizations.ttl",
                "instruments": "instruments.ttl", "evidence": "evidence.ttl"}


def rebased_turtle(name: str, iris: Iris) -> str:
    """The text of a shipped Turtle file with its base replaced by the deployment's."""
    text = (HERE / TURTLE_FILES[name]).read_text(encoding="utf-8")
    return text if iris.base == DEFAULT_BASE else text.replace(DEFAULT_BASE, iris.base)


def _turtle_quads(name: str, iris: Iris) -> Iterator[Quad]:
    graph = NamedNode(iris.reference_graph(name))
    for triple in parse(rebased_turtle(name, iris), format=RdfFormat.TURTLE):
        yield Quad(triple.subject, triple.predicate, triple.object, graph)


def _state_quads(states: tuple[StateRecord, ...], iris: Iris) -> Iterator[Quad]:
    graph = NamedNode(iris.reference_graph("states"))
    vocab = iris.vocab
    a = NamedNode(RDF + "type")
    label, pref, alt = NamedNode(RDFS + "label"), NamedNode(SKOS + "prefLabel"), NamedNode(SKOS + "altLabel")
    oas = NamedNode(iris.org("oas"))
    for s in states:
        node = NamedNode(iris.state(s.iso3))
        yield Quad(node, a, NamedNode(vocab("State")), graph)
        yield Quad(node, a, NamedNode(SCHEMA + "Country"), graph)
        seen_pref: set[str] = set()
        for name, lang in s.names:
            yield Quad(node, label, Literal(name, language=lang), graph)
            if lang not in seen_pref:
                seen_pref.add(lang)
                yield Quad(node, pref, Literal(name, language=lang), graph)
            else:
                yield Quad(node, alt, Literal(name, language=lang), graph)
        for name, lang in s.aliases:
            yield Quad(node, alt, Literal(name, language=lang), graph)
        for name, lang in s.demonyms:
            yield Quad(node, NamedNode(vocab("demonym")), Literal(name, language=lang), graph)
        yield Quad(node, NamedNode(vocab("iso3")), Literal(s.iso3), graph)
        yield Quad(node, NamedNode(vocab("iso2")), Literal(s.iso2), graph)
        yield Quad(node, NamedNode(vocab("m49")), Literal(s.m49), graph)
        if s.wikidata:
            yield Quad(node, NamedNode(OWL + "sameAs"), NamedNode(WD + s.wikidata), graph)
        if s.geonames:
            yield Quad(node, NamedNode(RDFS + "seeAlso"), NamedNode(f"{GEONAMES}{s.geonames}/"), graph)
        if s.oas_member:
            yield Quad(node, NamedNode(ORG + "memberOf"), oas, graph)
            yield Quad(node, NamedNode(vocab("oasMember")), Literal("true", datatype=NamedNode(XSD + "boolean")), graph)


def reference_quads(iris: Iris) -> Iterator[Quad]:
    """Every quad of every reference graph. Pure: reads only files shipped in this package.

    >>> quads = list(reference_quads(Iris("https://policykg.org/")))
    >>> any(q.subject.value.endswith("/id/state/GTM") for q in quads)
    True
    """
    for name in TURTLE_FILES:
        yield from _turtle_quads(name, iris)
    yield from _state_quads(load_states(), iris)
