"""Comparable entities: programs, instruments, laws or states most like one, by text and by graph, with reasons.

Two signals, blended:

- **text**: an entity's vector is the mean of the vectors (default embedder, so across
  languages with a multilingual one) of the passages that mention it and of the passages of
  the documents about it; similarity is the cosine of two such means;
- **graph**: an entity's features are the states, organizations, programs, instruments and
  themes one link away from it, those its own documents mention, and the programs and
  instruments whose documents mention it. Overlap is a weighted Jaccard, each feature weighted
  by how rare it is among the candidates (every UN resolution is issued by the Security
  Council: that says nothing), and the shared features are the explanation.

Computed per request from the store and the passage vectors (two store queries over the
candidates of the type); nothing is precomputed, so results follow ingest and delete at once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import cast

import numpy as np
from pyoxigraph import Literal, NamedNode

from kg.errors import BadInput, NotFound
from kg.workspace import Workspace

__all__ = ["KINDS", "Comparable", "Similar", "similar_entities"]

#: the ``type`` a request may name → the ontology class compared within (most specific first)
KINDS: dict[str, str] = {"program": "Program", "resolution": "Resolution", "law": "NationalLaw", "treaty": "Treaty",
                         "instrument": "LegalInstrument", "state": "State", "organization": "Organization"}
_FEATURE_CLASSES = ("State", "Organization", "Program", "LegalInstrument", "Theme")
TEXT_WEIGHT = 0.5  # the rest is graph overlap; both lie in [0, 1] for the candidates that matter


@dataclass(frozen=True)
class Shared:
    iri: str
    label: str


@dataclass(frozen=True)
class Comparable:
    iri: str
    label: str
    score: float
    text: float  # cosine of the centred mean passage vectors, floored at 0; 0 where either has no passage
    graph: float  # weighted Jaccard of the features
    shared: tuple[Shared, ...]  # the shared features, rarest first


@dataclass(frozen=True)
class Similar:
    iri: str
    type: str
    embedder: str | None
    results: tuple[Comparable, ...]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def similar_entities(ws: Workspace, iri: str, *, k: int = 10, kind: str | None = None,
                     max_shared: int = 8) -> Similar:
    """The ``k`` entities of the same class as ``iri`` (or of ``kind``) most similar to it, best first. Read-only.

    Raises :class:`~kg.errors.NotFound` for an IRI of no comparable class and
    :class:`~kg.errors.BadInput` for an unknown ``kind`` or ``k`` out of range.
    """
    if not 1 <= k <= ws.settings.search_k_max:
        raise BadInput(f"k must be between 1 and {ws.settings.search_k_max}")
    v = ws.iris.ontology
    cls = _class_of(ws, iri, kind)
    features = _features(ws, v + cls)
    if iri not in features:
        features[iri] = set()
    text, embedder = _text_similarity(ws, v + cls, iri)
    weight = _rarity(features)
    own = features[iri]
    scored: list[tuple[float, float, float, str, list[str]]] = []
    for other, theirs in features.items():
        if other == iri:
            continue
        shared = own & theirs
        union = sum(weight[x] for x in own | theirs)
        graph = sum(weight[x] for x in shared) / union if union else 0.0
        t = text.get(other, 0.0)
        scored.append((TEXT_WEIGHT * t + (1 - TEXT_WEIGHT) * graph, t, graph, other,
                       sorted(shared, key=lambda x: (-weight[x], x))[:max_shared]))
    scored.sort(key=lambda s: (-s[0], s[3]))
    top = scored[:k]
    labels = _labels(ws, {other for *_, other, _ in top} | {x for *_, xs in top for x in xs})
    results = tuple(Comparable(other, labels.get(other, other), round(score, 6), round(t, 6), round(graph, 6),
                               tuple(Shared(x, labels.get(x, x)) for x in shared))
                    for score, t, graph, other, shared in top)
    return Similar(iri, cls, embedder, results)


def _class_of(ws: Workspace, iri: str, kind: str | None) -> str:
    v = ws.iris.ontology
    if kind is not None:
        if kind not in KINDS:
            raise BadInput(f"unknown type {kind!r}; use one of {', '.join(KINDS)}")
        return KINDS[kind]
    # ?t is bound in every row, to a class IRI.
    rows = cast(list[tuple[NamedNode]], ws.store.select("SELECT DISTINCT ?t WHERE { ?e a ?t }", e=NamedNode(iri)))
    classes = {t.value for (t,) in rows}
    for cls in KINDS.values():
        if v + cls in classes:
            return cls
    raise NotFound(f"{iri} is not a program, instrument, law, treaty, state or organization known here")


def _features(ws: Workspace, cls: str) -> dict[str, set[str]]:
    v = ws.iris.ontology
    pattern = "?e a ?cls . "
    # Four simple queries, not one UNION: the engine plans each well (the UNION took seconds).
    queries = (
        "SELECT DISTINCT ?e ?x WHERE { " + pattern + "?e ?r ?x . FILTER(isIRI(?x)) }",
        "SELECT DISTINCT ?e ?x WHERE { " + pattern + f"?x ?r ?e . FILTER(?r != <{v}mentions>) }}",
        "SELECT DISTINCT ?e ?x WHERE { " + pattern + f"?d <{v}about> ?e . ?p <{v}partOf> ?d . ?p <{v}mentions> ?x }}",
        "SELECT DISTINCT ?e ?x WHERE { " + pattern + f"?p <{v}mentions> ?e . ?p <{v}partOf> ?d . ?d <{v}about> ?x }}",
    )
    typed = " ".join(f"<{v}{c}>" for c in _FEATURE_CLASSES)
    # ?x is bound in every row, to the IRI of a typed entity.
    rows = cast(list[tuple[NamedNode]], ws.store.select(f"SELECT DISTINCT ?x WHERE {{ ?x a ?t VALUES ?t {{ {typed} }} }}"))
    entities = {x.value for (x,) in rows}
    out: dict[str, set[str]] = {}
    for query in queries:
        # ?e and ?x are bound in every row.
        for e, x in cast(list[tuple[NamedNode, NamedNode]], ws.store.select(query, cls=NamedNode(cls))):
            if x.value in entities and x.value != e.value:
                out.setdefault(e.value, set()).add(x.value)
    # Candidates with no feature still compete on text.
    rows = cast(list[tuple[NamedNode]], ws.store.select("SELECT DISTINCT ?e WHERE { ?e a ?cls }", cls=NamedNode(cls)))
    for (e,) in rows:
        out.setdefault(e.value, set())
    return out


def _rarity(features: Mapping[str, set[str]]) -> dict[str, float]:
    """An IDF weight per feature: log(1 + n / df), so a feature every candidate has weighs little."""
    df: dict[str, int] = {}
    for xs in features.values():
        for x in xs:
            df[x] = df.get(x, 0) + 1
    n = max(len(features), 1)
    return {x: math.log(1 + n / d) for x, d in df.items()}


def _text_similarity(ws: Workspace, cls: str, iri: str) -> tuple[dict[str, float], str | None]:
    """Cosine of each candidate's mean passage vector with ``iri``'s; empty without a dense index."""
    passages = ws.passages()
    name = ws.settings.default_embedder if ws.settings.default_embedder in passages.dense else next(iter(passages.dense), None)
    if name is None:
        return {}, None
    vectors = passages.dense[name].vectors
    query = (f"PREFIX pkg: <{ws.iris.ontology}> SELECT DISTINCT ?e ?p WHERE {{ ?e a ?cls . "
             "{ ?p pkg:mentions ?e } UNION { ?d pkg:about ?e . ?p pkg:partOf ?d } }")
    rows_of: dict[str, list[int]] = {}
    # ?e and ?p are bound in every row, to IRIs.
    for e, p in cast(list[tuple[NamedNode, NamedNode]], ws.store.select(query, cls=NamedNode(cls))):
        row = passages.row_of.get(p.value)
        if row is not None:
            rows_of.setdefault(e.value, []).append(row)
    if iri not in rows_of:
        return {}, name
    entities = list(rows_of)
    means = np.stack([vectors[rows_of[e]].mean(axis=0) for e in entities]).astype(np.float64)
    # Centred on the corpus mean: means of many passages all lie near it, and their raw cosines
    # (0.95-0.99 for every pair of states) would say nothing.
    means -= vectors.mean(axis=0)
    means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)
    cosines = means @ means[entities.index(iri)]
    return {e: max(float(c), 0.0) for e, c in zip(entities, cosines)}, name


def _labels(ws: Workspace, iris: set[str]) -> dict[str, str]:
    """An English label where there is one, else a label in any language (programs may have only their own)."""
    if not iris:
        return {}
    values = " ".join(str(NamedNode(i)) for i in iris)
    query = ("SELECT ?x ?l WHERE { VALUES ?x { " + values + " } "
             "?x <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel>"
             "|<https://schema.org/name> ?l }")
    out: dict[str, tuple[int, str]] = {}
    # ?x is bound in every row, ?l to a literal.
    for x, label in cast(list[tuple[NamedNode, Literal]], ws.store.select(query)):
        rank = 0 if (label.language or "en").startswith("en") else 1
        if x.value not in out or (rank, label.value) < out[x.value]:
            out[x.value] = (rank, label.value)
    return {x: label for x, (_, label) in out.items()}
