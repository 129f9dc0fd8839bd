"""Which documents a question's evidence may come from: those of the kinds and years it names, and (when asked)
those about or mentioning the entities it names.

"Quelles lois adoptées après 1990…" wants passages of laws dated after 1990; search alone only
boosts them. :func:`documents_in_scope` reads the documents that fit, and the asker searches
among them first (the rest of the ranking fills what they leave). A question that names no
kind, year or entity has no scope (None): every document stays a candidate.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from pyoxigraph import Literal, NamedNode

from kg.ask.template import year_filter
from kg.constraints import Constraints
from kg.store.base import GraphStore

#: what the asker may restrict passages by: the question's kinds and years, the entities it names; and
#: "evidence": the evidence shown is the restricted ranking too (else only the answers are read from it)
SCOPES = ("constraints", "entities", "evidence")
_YEARS = "{ ?doc pkg:year ?year } UNION { ?doc pkg:about ?about . ?about pkg:year|pkg:startYear ?year }"
_ENTITIES = "{ ?doc pkg:about ?entity } UNION { ?passage pkg:partOf ?doc ; pkg:mentions ?entity }"


def scope_query(vocab: str, constraints: Constraints, entities: Sequence[str]) -> str | None:
    """The SELECT of the documents in scope, its values bound as terms; None when nothing restricts.

    >>> from kg.constraints import read_constraints
    >>> q = scope_query("http://x/v#", read_constraints("Quelles lois après 1990 ?"), [])
    >>> 'VALUES ?type { "law" }' in q, '?year >= "1991"' in q
    (True, True)
    >>> scope_query("http://x/v#", read_constraints("What did the Council demand?"), []) is None
    True
    """
    clauses = []
    if constraints.types:
        clauses.append("VALUES ?type { " + " ".join(str(Literal(t)) for t in constraints.types) + " } "
                       "?doc pkg:documentType ?type .")
    if constraints.years:
        clauses.append(_YEARS + " " + year_filter("year", constraints.years))
    if entities:
        clauses.append("VALUES ?entity { " + " ".join(str(NamedNode(e)) for e in entities) + " } " + _ENTITIES)
    if not clauses:
        return None
    return (f"PREFIX pkg: {NamedNode(vocab)} SELECT DISTINCT ?doc WHERE {{ GRAPH ?g {{ ?doc a pkg:Document }} "
            + " ".join(clauses) + " }")


def documents_in_scope(store: GraphStore, vocab: str, constraints: Constraints,
                       entities: Sequence[str] = ()) -> list[str] | None:
    """IRIs of the documents of the question's kinds and years (and about or mentioning ``entities``);
    None when the question names none of these. Read-only; one SELECT."""
    query = scope_query(vocab, constraints, entities)
    if query is None:
        return None
    # ?doc is bound in every row, to a document's IRI.
    return [row[0].value for row in cast(list[tuple[NamedNode]], store.select(query))]
