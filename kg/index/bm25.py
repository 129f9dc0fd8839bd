"""BM25 over passages with bm25s; saved as plain arrays plus a JSON manifest."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from kg.index.analyzer import ANALYZER_VERSION, analyze
from kg.index.base import Scored, top_k


BLOCK = 256  # rows per block of :func:`lowest_of_top`


def lowest_of_top(scores: np.ndarray, k: int) -> float:
    """A score the ``k`` best rows all reach: the ``k``-th best of the blocks' best scores (each block's best
    is a distinct row), or -inf with fewer blocks. One pass reading the scores, no sort of them.

    >>> lowest_of_top(np.arange(1000, dtype=np.float32), 2)
    767.0
    """
    blocks = len(scores) // BLOCK
    best = scores[: blocks * BLOCK].reshape(blocks, BLOCK).max(axis=1)
    if blocks * BLOCK < len(scores):
        best = np.append(best, scores[blocks * BLOCK:].max())
    if not 0 < k <= len(best):
        return -np.inf
    return float(np.partition(best, len(best) - k)[len(best) - k])


class Bm25Index:
    def __init__(self, retriever: bm25s.BM25 | None, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> Bm25Index:
        if not texts:
            return cls(None, 0)
        retriever = bm25s.BM25()
        retriever.index([analyze(t) or [""] for t in texts], show_progress=False)
        return cls(retriever, len(texts))

    def search(self, query: str, k: int, *, allowed: np.ndarray | None = None) -> list[Scored]:
        if self._retriever is None:
            return []
        vocab = self._retriever.vocab_dict
        terms = [t for t in analyze(query) if t in vocab]
        if not terms:
            return []
        scores = self._retriever.get_scores(terms)
        if allowed is None:
            # Only the rows reaching the bound can be among the best: rank those, not every row holding a
            # query term (at a million rows, ranking the few hundred thousand rows that share a common
            # word with the query cost 3 ms). Ties by row, so equal passages rank the same on every run.
            matched = np.flatnonzero(scores >= max(lowest_of_top(scores, k), np.finfo(scores.dtype).tiny))
            best = matched[np.lexsort((matched, -scores[matched]))[:k]]
            return [Scored(int(r), float(scores[r])) for r in best]
        # Only rows holding a query term score above 0: rank those allowed, not every row.
        matched = np.intersect1d(np.flatnonzero(scores > 0), allowed)
        ranked = top_k(np.asarray(scores[matched], dtype=np.float64), k, None)
        return [Scored(int(matched[s.row]), s.score) for s in ranked]

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        if self._retriever is not None:
            self._retriever.save(str(directory / "bm25"), show_progress=False)
        (directory / "bm25.json").write_text(json.dumps(
            {"analyzer": ANALYZER_VERSION, "size": self.size, "bm25s": bm25s.__version__}))

    @classmethod
    def load(cls, directory: Path) -> Bm25Index:
        meta = json.loads((directory / "bm25.json").read_text())
        if meta["analyzer"] != ANALYZER_VERSION:
            raise ValueError(f"BM25 index built with analyzer {meta['analyzer']}, this code uses {ANALYZER_VERSION}")
        if meta["size"] == 0:
            return cls(None, 0)
        retriever = bm25s.BM25.load(str(directory / "bm25"), show_progress=False, verbosity=0)
        return cls(retriever, meta["size"])
