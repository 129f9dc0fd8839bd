"""The two sides of practice suggestions, read from the store: practices, and programs and laws.

A practice's passages are those that mention it (a catalog record's passages do); a program's or
a law's are the passages of the documents about it alone, plus, for a document about several
programs (a file of sheets), the passages its statements about the program were read from.
Read-only; cost: four SELECTs over the union graph.
"""

from __future__ import annotations

from collections import defaultdict
from kg.practices.suggest import Profile
from kg.store.base import GraphStore
from ontology.iri import Iris
from ontology.namespaces import PROV, RDF, RDFS, SKOS

PRACTICES = """
PREFIX pkg: <{v}> PREFIX rdfs: <{rdfs}>
SELECT ?x ?label ?theme WHERE {{
  ?x a pkg:BestPractice .
  OPTIONAL {{ ?x rdfs:label ?label }} OPTIONAL {{ ?x pkg:hasTheme ?theme }} }}
"""
PRACTICE_PASSAGES = """
PREFIX pkg: <{v}>
SELECT ?x ?p WHERE {{ ?x a pkg:BestPractice . ?p pkg:mentions ?x ; a pkg:Passage }}
"""
#: Programs and laws; an evaluated program of a catalog is a practice, not a target.
TARGETS = """
PREFIX pkg: <{v}> PREFIX rdfs: <{rdfs}>
SELECT ?x ?label ?theme WHERE {{
  VALUES ?kind {{ pkg:Program pkg:NationalLaw }}
  ?x a ?kind . FILTER NOT EXISTS {{ ?x a pkg:BestPractice }}
  OPTIONAL {{ ?x rdfs:label ?label }} OPTIONAL {{ ?x pkg:hasTheme ?theme }} }}
"""
TARGET_PASSAGES = """
PREFIX pkg: <{v}> PREFIX rdf: <{rdf}> PREFIX prov: <{prov}>
SELECT DISTINCT ?x ?p WHERE {{
  VALUES ?kind {{ pkg:Program pkg:NationalLaw }}
  ?x a ?kind . FILTER NOT EXISTS {{ ?x a pkg:BestPractice }}
  {{ ?doc pkg:about ?x . ?p pkg:partOf ?doc . FILTER NOT EXISTS {{ ?doc pkg:about ?y . FILTER(?y != ?x) }} }}
  UNION {{ ?st rdf:subject ?x ; prov:wasDerivedFrom ?p . ?p a pkg:Passage }} }}
"""
THEME_LABELS = """
PREFIX pkg: <{v}> PREFIX skos: <{skos}>
SELECT ?t ?label WHERE {{ ?t a pkg:Theme ; skos:prefLabel ?label FILTER(LANG(?label) = "en") }}
"""


def _value(term: object) -> str:
    return "" if term is None else str(getattr(term, "value"))  # noqa: B009 (Term is a union)


def _profiles(store: GraphStore, entities: str, passages: str) -> list[Profile]:
    labels: dict[str, list[tuple[str, str]]] = defaultdict(list)
    themes: dict[str, set[str]] = defaultdict(set)
    for x, label, theme in store.select(entities):
        key = _value(x)
        themes.setdefault(key, set())  # every entity gets a profile, with themes or without
        if label is not None:
            labels[key].append((getattr(label, "language", "") or "", _value(label)))
        if theme is not None:
            themes[key].add(_value(theme))
    found: dict[str, list[str]] = defaultdict(list)
    for x, p in store.select(passages):
        found[_value(x)].append(_value(p))
    out = []
    for key in sorted(themes):
        names = sorted(labels.get(key, []), key=lambda ll: (ll[0] != "en", ll[1]))
        out.append(Profile(key, names[0][1] if names else key, frozenset(themes[key]), tuple(sorted(found[key]))))
    return out


def practice_profiles(store: GraphStore, iris: Iris) -> list[Profile]:
    """Every best practice (and evaluated program) in the store, with its themes and passages."""
    return _profiles(store, PRACTICES.format(v=iris.ontology, rdfs=RDFS),
                     PRACTICE_PASSAGES.format(v=iris.ontology))


def target_profiles(store: GraphStore, iris: Iris) -> list[Profile]:
    """Every program and national law in the store, with its themes and passages."""
    return _profiles(store, TARGETS.format(v=iris.ontology, rdfs=RDFS),
                     TARGET_PASSAGES.format(v=iris.ontology, rdf=RDF, prov=PROV))


def theme_labels(store: GraphStore, iris: Iris) -> dict[str, str]:
    """The English label of every theme."""
    return {_value(t): _value(label) for t, label in store.select(THEME_LABELS.format(v=iris.ontology, skos=SKOS))}
