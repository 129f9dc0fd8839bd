"""Evidence-level words: every label of the scheme in ``ontology/evidence.ttl``, folded, to its level slug.

The words are data (the scheme's prefLabels and altLabels in four languages), read once on
first use, never at import. A catalog whose rating words differ adds its own through its
mapping's ``[levels]`` table.
"""

from __future__ import annotations

from functools import cache

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from ontology.folding import fold
from ontology.iri import Iris
from ontology.namespaces import DEFAULT_BASE, SKOS
from ontology.reference import rebased_turtle

LEVEL_PATH = "id/evidence-level/"


@cache
def scheme_levels() -> dict[str, str]:
    """Folded label → level slug, for every prefLabel and altLabel of the evidence-level scheme.

    >>> words = scheme_levels()
    >>> words["no effects"], words["prometedor"], words["efficace"]
    ('no-effects', 'promising', 'effective')
    """
    out: dict[str, str] = {}
    for t in parse(rebased_turtle("evidence", Iris(DEFAULT_BASE)), format=RdfFormat.TURTLE):
        if (isinstance(t.subject, NamedNode) and isinstance(t.object, Literal)
                and t.predicate.value in (SKOS + "prefLabel", SKOS + "altLabel")
                and LEVEL_PATH in t.subject.value):
            out.setdefault(fold(t.object.value).strip(), t.subject.value.rsplit("/", 1)[-1])
    return out


def level_slugs() -> frozenset[str]:
    """The levels of the scheme, by slug (the last segment of their IRI).

    >>> sorted(level_slugs())
    ['effective', 'inconclusive', 'negative-effects', 'no-effects', 'promising']
    """
    return frozenset(scheme_levels().values())
