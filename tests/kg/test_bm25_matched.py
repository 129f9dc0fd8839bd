"""BM25 ranks only the rows holding a query term: the same hits as ranking every row."""

from __future__ import annotations

import numpy as np

from kg.index.analyzer import analyze
from kg.index.base import top_k
from kg.index.bm25 import Bm25Index, lowest_of_top

WORDS = "port security cyber training drug demand mine action border control aviation cargo".split()


def test_search_equals_ranking_every_row() -> None:
    rng = np.random.default_rng(0)
    texts = [" ".join(rng.choice(WORDS, size=int(rng.integers(3, 12)))) for _ in range(3000)]
    index = Bm25Index.build(texts)
    allowed = np.arange(0, 3000, 7, dtype=np.int64)
    for query in ("port security", "mine action training", "aviation"):
        terms = analyze(query)
        every = np.asarray(index._retriever.get_scores(terms), dtype=np.float64)  # type: ignore[union-attr]
        for rows in (None, allowed):
            want = [s for s in top_k(every, 50, rows) if s.score > 0]
            got = index.search(query, 50, allowed=rows)
            assert len(got) == len(want) > 0
            assert np.allclose([s.score for s in got], [s.score for s in want])
            assert all(rows is None or s.row in set(rows.tolist()) for s in got)
            assert all(abs(every[s.row] - s.score) < 1e-6 for s in got)
    assert index.search("nothing matches here", 10) == []


def test_bound_of_the_best_keeps_every_best_row_and_ties_by_row() -> None:
    rng = np.random.default_rng(1)
    texts = [" ".join(rng.choice(WORDS, size=int(rng.integers(3, 6)))) for _ in range(20_000)]  # many equal scores
    index = Bm25Index.build(texts)
    for query in ("port security", "drug", "mine action border cargo"):
        every = np.asarray(index._retriever.get_scores(analyze(query)), dtype=np.float64)  # type: ignore[union-attr]
        for k in (1, 10, 50):
            order = np.lexsort((np.arange(len(every)), -every))[:k]  # best first, ties by row
            got = index.search(query, k)
            assert [s.row for s in got] == order.tolist()
            assert [s.score for s in got] == every[order].tolist()
            assert lowest_of_top(every, k) <= every[order[-1]]
