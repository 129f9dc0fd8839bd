"""Which passage rows a set of IRIs names: passages themselves, the passages of documents, passages mentioning entities.

Search restricts its candidates to these rows before ranking (``sparql=`` on ``/search``), so
a graph query decides *which* passages compete and the retrievers decide their order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
from pyoxigraph import NamedNode

from kg.index.passage_set import PassageSet
from kg.store.base import GraphStore

__all__ = ["rows_of_iris"]

_BATCH = 500  # entity IRIs per store query: keeps each query text far below the size limits


def rows_of_iris(iris: Sequence[str], *, passages: PassageSet, store: GraphStore, vocab: str) -> np.ndarray:
    """Sorted distinct rows: each passage IRI's row, every row of each document IRI, and every row
    of a passage that ``pkg:mentions`` any other IRI. Read-only; one store query per 500 entities.

    >>> from kg.store import scratch_store
    >>> rows_of_iris([], passages=PassageSet.empty(), store=scratch_store(), vocab="http://x#").tolist()
    []
    """
    rows: set[int] = set()
    entities: list[str] = []
    for iri in iris:
        if iri in passages.row_of:
            rows.add(passages.row_of[iri])
        elif passages.is_document(iri):
            rows.update(int(r) for r in passages.rows_of_documents([iri]))
        else:
            entities.append(iri)
    for start in range(0, len(entities), _BATCH):
        values = " ".join(str(NamedNode(e)) for e in entities[start:start + _BATCH])
        query = (f"SELECT DISTINCT ?p WHERE {{ VALUES ?e {{ {values} }} ?p {NamedNode(vocab + 'mentions')} ?e }}")
        # ?p is bound in every row, to a passage's IRI.
        for (passage,) in cast(list[tuple[NamedNode]], store.select(query)):
            if passage.value in passages.row_of:
                rows.add(passages.row_of[passage.value])
    return np.array(sorted(rows), dtype=np.int64)
