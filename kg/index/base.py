"""Records shared by the indexes: a passage row and a scored hit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import numpy as np


@dataclass(frozen=True)
class PassageRow:
    """One indexed passage. ``row`` is its position in every index of one generation."""

    iri: str
    document: str
    text: str
    start: int
    end: int
    section: str
    language: str


class Scored(NamedTuple):
    row: int
    score: float


class PassageIndex(Protocol):
    """An index over the passage rows of one generation."""

    def search(self, query: str, k: int, *, allowed: np.ndarray | None = None) -> list[Scored]: ...


def top_k(scores: np.ndarray, k: int, allowed: np.ndarray | None) -> list[Scored]:
    """The ``k`` best rows of a score vector, restricted to ``allowed`` row numbers.

    >>> [s.row for s in top_k(np.array([0.1, 0.9, 0.5]), 2, None)]
    [1, 2]
    >>> [s.row for s in top_k(np.array([0.1, 0.9, 0.5]), 2, np.array([0, 2]))]
    [2, 0]
    """
    if allowed is not None:
        masked = np.full(scores.shape, -np.inf, dtype=np.float64)
        masked[allowed] = scores[allowed]
        scores = masked
    k = min(k, int(np.isfinite(scores).sum()))
    if k <= 0:
        return []
    idx = np.argpartition(-scores, k - 1)[:k]
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    return [Scored(int(i), float(scores[i])) for i in idx]


def rrf(rankings: Sequence[Sequence[Scored]], *, k: int = 60) -> list[Scored]:
    """Reciprocal rank fusion: score(row) = Σ 1 / (k + rank), rank from 1.

    >>> [s.row for s in rrf([[Scored(1, 9.0), Scored(2, 5.0)], [Scored(2, 0.8), Scored(3, 0.7)]])]
    [2, 1, 3]
    """
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, hit in enumerate(ranking, start=1):
            fused[hit.row] = fused.get(hit.row, 0.0) + 1.0 / (k + rank)
    return [Scored(r, s) for r, s in sorted(fused.items(), key=lambda x: (-x[1], x[0]))]
