"""Practice suggestions in the graph: reified, scored, explained nodes in ``graph/suggestions/practices``.

When: after every ingest or delete that changes the store, the whole graph is recomputed and
replaced in one transaction. It is idempotent (the same store and indexes give the same graph;
a node's IRI is a digest of its pair) and derived, like the passage indexes: it is written after
the documents' own transaction, so a failed ingest never reaches it, and a crash in between
leaves suggestions that the next ingest or delete (or a call of
:func:`refresh_practice_suggestions`) brings back in line. Cost: five SELECTs, one mean vector
per entity, and a dot product per (practice, program) pair — milliseconds for this corpus.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence

import numpy as np
from pyoxigraph import Literal, NamedNode, Quad

from kg.index.passage_set import PassageSet
from kg.practices.profiles import practice_profiles, target_profiles, theme_labels
from kg.practices.suggest import Profile, Suggestion, mean_vector, suggest
from kg.store.base import GraphStore
from ontology.iri import Iris
from ontology.namespaces import PROV, RDF, RDFS, XSD

log = logging.getLogger(__name__)
#: The name of the suggestions graph: ``graph/suggestions/practices``.
GRAPH = "practices"


def _decimal(value: float) -> Literal:
    return Literal(f"{max(0.0, min(1.0, value)):.3f}", datatype=NamedNode(XSD + "decimal"))


def suggestion_quads(suggestions: Sequence[Suggestion], iris: Iris, labels: Mapping[str, str]) -> list[Quad]:
    """The quads of the suggestions graph. Pure and deterministic.

    >>> iris = Iris("https://policykg.org/")
    >>> s = Suggestion(iris.practice("a"), iris.program("b"), 0.5, 0.5, None, (iris.theme("t"),), "themes")
    >>> sorted(q.predicate.value.rsplit("#", 1)[-1] for q in suggestion_quads([s], iris, {}))[:4]
    ['comment', 'method', 'score', 'sharedTheme']
    """
    graph = NamedNode(iris.suggestions_graph(GRAPH))
    v = iris.vocab
    out: list[Quad] = []
    for s in suggestions:
        node = NamedNode(iris.suggestion(hashlib.sha256(f"{s.practice} {s.target}".encode()).hexdigest()[:16]))
        triples: list[tuple[NamedNode, NamedNode | Literal]] = [
            (NamedNode(RDF + "type"), NamedNode(v("PracticeSuggestion"))),
            (NamedNode(v("suggests")), NamedNode(s.practice)),
            (NamedNode(v("suggestedFor")), NamedNode(s.target)),
            (NamedNode(v("score")), _decimal(s.score)),
            (NamedNode(v("themeScore")), _decimal(s.theme_score)),
            (NamedNode(v("method")), Literal(s.method)),
            (NamedNode(RDFS + "comment"), Literal(s.explain(labels), language="en")),
        ]
        triples += [(NamedNode(v("sharedTheme")), NamedNode(t)) for t in s.shared]
        if s.text_score is not None:
            triples.append((NamedNode(v("textScore")), _decimal(s.text_score)))
        triples += [(NamedNode(PROV + "wasDerivedFrom"), NamedNode(e)) for e in (s.practice, s.target)]
        out.extend(Quad(node, p, o, graph) for p, o in triples)
    return out


def entity_vectors(profiles: Sequence[Profile], passages: PassageSet | None,
                   embedder: str | None) -> dict[str, np.ndarray]:
    """Each entity's passages as one unit vector in ``embedder``'s index, centred; {} without that index.

    Sentence embedders put every text in a narrow cone (two unrelated programs still meet at
    cosine 0.9), so the mean of all the entities' passages is taken away first: what is left is
    what sets one entity apart, and cosines between entities spread around 0.
    """
    if passages is None or embedder is None or embedder not in passages.dense:
        return {}
    matrix = passages.dense[embedder].vectors
    rows = {p.iri: [passages.row_of[i] for i in p.passages if i in passages.row_of] for p in profiles}
    pooled = sorted({r for rs in rows.values() for r in rs})
    if not pooled:
        return {}
    centre = matrix[pooled].mean(axis=0)
    out = {}
    for iri, rs in rows.items():
        vector = mean_vector([matrix[r] - centre for r in rs])
        if vector is not None:
            out[iri] = vector
    return out


def refresh_practice_suggestions(store: GraphStore, iris: Iris, *, passages: PassageSet | None,
                                 embedder: str | None) -> int:
    """Recompute the suggestions graph and replace it (one transaction); the number of suggestions.

    ``passages`` are the current indexes and ``embedder`` the dense index to compare texts in;
    without them (or without that index) suggestions rest on shared themes alone.
    """
    practices = practice_profiles(store, iris)
    targets = target_profiles(store, iris) if practices else []
    if embedder is not None and passages is not None and embedder not in passages.dense:
        embedder = next(iter(passages.dense), None)
    vectors = entity_vectors([*practices, *targets], passages, embedder)
    found = suggest(practices, targets, vectors=vectors, embedder=embedder)
    labels = {**theme_labels(store, iris), **{p.iri: p.label for p in [*practices, *targets]}}
    store.replace_graphs({iris.suggestions_graph(GRAPH): suggestion_quads(found, iris, labels)})
    log.info("%d practice suggestions (%d practices, %d programs and laws, %s)", len(found), len(practices),
             len(targets), f"text: {embedder}" if vectors else "themes only")
    return len(found)
