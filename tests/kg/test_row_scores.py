"""The dense leg's scored rows alone rank and fuse exactly as one score per row did."""

from __future__ import annotations

import numpy as np

from kg.fusion import FusionWeights, dense_first, top_rows
from kg.index.base import Scored
from kg.index.row_scores import RowScores
from tests.kg.test_ann_scores import passage_set


def scores_with_gaps(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    scores = np.round(rng.random(n), 2)  # rounded: many ties
    scores[rng.random(n) < 0.6] = -np.inf
    scores[rng.random(n) < 0.05] = np.nan
    return scores


def test_top_and_at_equal_the_whole_array_ones() -> None:
    for seed in range(5):
        scores = scores_with_gaps(3000, seed)
        scored = RowScores.of(scores)
        assert np.isfinite(scored.scores).all() and (np.diff(scored.rows) > 0).all()
        for k in (1, 10, 100, 5000):
            assert scored.top(k).tolist() == top_rows(scores, k).tolist()
        rows = np.random.default_rng(seed).integers(0, 3000, 200)
        want = np.where(np.isfinite(scores[rows]), scores[rows], -np.inf)
        assert np.array_equal(scored.at(rows), want)
        assert np.array_equal(scored.dense(3000), np.where(np.isfinite(scores), scores, -np.inf))
    empty = RowScores.of(np.full(4, -np.inf))
    assert empty.top(3).tolist() == [] and empty.at(np.array([1])).tolist() == [-np.inf]


def test_dense_first_fuses_scored_rows_as_it_fuses_every_row() -> None:
    for seed in range(5):
        scores = scores_with_gaps(3000, seed)
        hits = np.random.default_rng(seed).integers(0, 3000, 30)
        lexical = [Scored(int(r), float(30 - i)) for i, r in enumerate(hits)]

        def matches(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            return rows % 3 == 0, rows % 5 == 0

        weights = FusionWeights()
        want = dense_first(scores, lexical, depth=100, lexical_depth=20, weights=weights, matches=matches)
        got = dense_first(RowScores.of(scores), lexical, depth=100, lexical_depth=20, weights=weights, matches=matches)
        assert got == want


def test_ivf_scored_rows_equal_its_scores_per_row_and_exact_scores() -> None:
    exact = passage_set(3000, hnsw_threshold=10_000)
    ivf = passage_set(3000, hnsw_threshold=10, ann="ivf", nprobe=16)
    q = exact.dense["v"].vectors[11] + 0.05
    also = np.array([5, 2999, 1500], dtype=np.int64)
    allowed = np.arange(0, 3000, 2, dtype=np.int64)
    for rows in (None, allowed):
        every = ivf.dense_scores("v", q, context=0.25, depth=200, also=also, allowed=rows)
        scored = ivf.scored_rows("v", q, context=0.25, depth=200, also=also, allowed=rows)
        assert np.array_equal(scored.dense(3000), every)
        want = exact.dense_scores("v", q, context=0.25, allowed=rows)
        assert np.allclose(scored.scores, want[scored.rows], atol=1e-6)  # scored from the float32 vectors
    assert np.array_equal(exact.scored_rows("v", q, context=0.25).dense(3000), exact.dense_scores("v", q, context=0.25))


def test_neighbours_around_and_norms_of_as_before() -> None:
    ps = passage_set(3000, hnsw_threshold=10**9)
    vectors = ps.dense["v"].vectors
    rows = np.random.default_rng(0).integers(0, 3000, 300)
    both = np.concatenate([rows, ps.neighbours.previous[rows], ps.neighbours.next[rows]])
    around = ps.neighbours.around(rows)
    assert around.tolist() == np.unique(both[both >= 0]).tolist()
    ctx = vectors[around].astype(np.float64)  # the boolean-indexed update norms_of made before
    for side in (ps.neighbours.previous[around], ps.neighbours.next[around]):
        present = side >= 0
        ctx[present] += 0.25 * vectors[side[present]]
    assert np.array_equal(ps.neighbours.norms_of(vectors, 0.25, around), np.linalg.norm(ctx, axis=1))


def test_float16_lists_pick_the_rows_and_the_vectors_score_them() -> None:
    ivf = passage_set(3000, hnsw_threshold=10, ann="ivf", nprobe=8)
    index = ivf.dense["v"]
    q = index.vectors[7]
    hits = index.search_vector(q, 50)
    assert [h.row for h in hits][0] == 7 and sorted(h.row for h in hits) == sorted(index.nearest_rows(q, 50).tolist())
    assert np.array_equal(np.array([h.score for h in hits], dtype=np.float32), index.vectors[[h.row for h in hits]] @ q)
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))
