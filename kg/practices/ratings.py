"""A practice's evidence ratings, ready to show: level (labelled), outcome, basis, catalog and source.

Read-only; one SELECT. Used by entity pages; answers ("what works against ...") can use it too.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from kg.store.base import GraphStore
from ontology.iri import Iris
from ontology.namespaces import DCTERMS, SKOS

RATINGS = """
PREFIX pkg: <{v}> PREFIX skos: <{skos}> PREFIX dcterms: <{dcterms}>
SELECT ?r ?level (SAMPLE(?l) AS ?label) (SAMPLE(?n) AS ?rank) (SAMPLE(?o) AS ?outcome) (SAMPLE(?b) AS ?basis)
       (SAMPLE(?c) AS ?catalog) (SAMPLE(?s) AS ?source) WHERE {{
  VALUES ?x {{ {x} }}
  ?x pkg:evidenceRating ?r . ?r pkg:evidenceLevel ?level .
  OPTIONAL {{ ?level skos:prefLabel ?l FILTER(LANG(?l) = {lang}) }}
  OPTIONAL {{ ?level skos:notation ?n }}
  OPTIONAL {{ ?r pkg:outcome ?o }} OPTIONAL {{ ?r pkg:evidenceBasis ?b }}
  OPTIONAL {{ ?r pkg:ratedBy ?c }} OPTIONAL {{ ?r dcterms:source ?s }}
}} GROUP BY ?r ?level
"""


@dataclass(frozen=True)
class RatingView:
    rating: str  # the rating node's IRI
    level: str  # the level's IRI
    level_label: str
    outcome: str | None
    basis: str | None
    rated_by: str | None
    source: str | None


def _text(term: object) -> str | None:
    return None if term is None else str(getattr(term, "value"))  # noqa: B009 (Term is a union)


def ratings_of(store: GraphStore, iris: Iris, iri: str, *, lang: str = "en") -> list[RatingView]:
    """The ratings of the practice ``iri``, strongest level first, then by outcome; [] for none."""
    # The terms are serialised by pyoxigraph (it refuses a malformed IRI), and bound inside the
    # WHERE clause: a trailing VALUES would not reach variables that GROUP BY hides. The language is a
    # constant in the FILTER: Virtuoso does not see an outer variable inside OPTIONAL's FILTER.
    rows = store.select(RATINGS.format(v=iris.ontology, skos=SKOS, dcterms=DCTERMS, x=NamedNode(iri),
                                       lang=Literal(lang)))
    views = []
    for r, level, label, rank, outcome, basis, catalog, source in rows:
        level_iri = _text(level) or ""
        views.append((_text(rank) or "9", RatingView(_text(r) or "", level_iri,
                                                     _text(label) or level_iri.rsplit("/", 1)[-1],
                                                     _text(outcome), _text(basis), _text(catalog), _text(source))))
    return [v for _, v in sorted(views, key=lambda rv: (rv[0], rv[1].outcome or "", rv[1].rating))]
