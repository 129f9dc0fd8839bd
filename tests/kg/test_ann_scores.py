"""Dense scores past the HNSW threshold: the same as exact ones on the rows the graph walk reaches."""

from __future__ import annotations

import numpy as np

from kg.index.base import PassageRow
from kg.index.dense import Ann
from kg.index.passage_set import PassageSet


def passage_set(n: int, *, hnsw_threshold: int, ef_search: int = 64, ann: Ann = "hnsw",
                nprobe: int = 8) -> PassageSet:
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((n, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    rows = [PassageRow(f"p{i}", f"d{i % 7}", f"text number {i} about topic {i % 5}", i, i + 1, "body", "en")
            for i in range(n)]
    return PassageSet.build(rows, {"v": (vectors, "test")}, fingerprint="f", hnsw_threshold=hnsw_threshold,
                            ef_search=ef_search, ann=ann, nprobe=nprobe)


def test_hnsw_scores_equal_exact_ones_where_every_row_is_reached() -> None:
    exact, ann = passage_set(300, hnsw_threshold=10_000), passage_set(300, hnsw_threshold=10, ef_search=400)
    assert ann.dense["v"].approximate and ann.dense["v"].hnsw and ann.dense["v"].ef_search == 400
    assert not exact.dense["v"].approximate and exact.dense["v"].ef_search == 0
    q = exact.dense["v"].vectors[17] + 0.1
    allowed = np.arange(0, 300, 3, dtype=np.int64)
    for context in (0.0, 0.25):
        for rows in (None, allowed):
            want = exact.dense_scores("v", q, context=context, allowed=rows, depth=300)
            got = ann.dense_scores("v", q, context=context, allowed=rows, depth=300)
            assert np.allclose(got, want, atol=1e-5, equal_nan=False), (context, rows is None)


def test_hnsw_scores_only_the_nearest_and_their_neighbours() -> None:
    ann = passage_set(2000, hnsw_threshold=10, ef_search=128)
    q = ann.dense["v"].vectors[5]
    scores = ann.dense_scores("v", q, context=0.25, depth=20)
    scored = np.flatnonzero(np.isfinite(scores))
    assert 20 <= len(scored) <= 60  # the 20 nearest and at most two neighbours each
    assert 5 in scored and int(np.argmax(scores)) in scored
    own = ann.dense["v"].vectors[scored] @ q
    assert (scores[scored] >= own - 1e-6).all()  # the better of the passage's cosine and its context's


def test_context_norms_in_slices_equal_whole_ones() -> None:
    ps = passage_set(70_000, hnsw_threshold=10**9)
    vectors = ps.dense["v"].vectors
    ctx = vectors.astype(np.float64)
    for side in (ps.neighbours.previous, ps.neighbours.next):
        present = side >= 0
        ctx[present] += 0.25 * vectors[side[present]]
    assert np.allclose(ps.neighbours.norms(vectors, 0.25), np.linalg.norm(ctx, axis=1))


def test_rows_asked_for_are_scored_even_when_the_walk_misses_them() -> None:
    exact, ann = passage_set(2000, hnsw_threshold=10_000), passage_set(2000, hnsw_threshold=10, ef_search=16)
    q = exact.dense["v"].vectors[5]
    far = np.argsort(exact.dense["v"].vectors @ q)[:3]  # the least similar rows: no walk reaches them
    assert not np.isfinite(ann.dense_scores("v", q, context=0.25, depth=10)[far]).any()
    got = ann.dense_scores("v", q, context=0.25, depth=10, also=far)
    assert np.allclose(got[far], exact.dense_scores("v", q, context=0.25)[far], atol=1e-5)


def test_ivf_scanning_every_list_scores_as_exact_and_fewer_lists_reach_fewer_rows() -> None:
    exact = passage_set(2000, hnsw_threshold=10_000)
    every = passage_set(2000, hnsw_threshold=10, ann="ivf", nprobe=178)  # 4·√2000 lists, all scanned
    few = passage_set(2000, hnsw_threshold=10, ann="ivf", nprobe=1)
    assert every.dense["v"].kind == "ivf" and every.dense["v"].nprobe == 178 and few.dense["v"].nprobe == 1
    q = exact.dense["v"].vectors[9]
    want = exact.dense_scores("v", q, context=0.25)
    got = every.dense_scores("v", q, context=0.25, depth=2000)
    assert np.allclose(got, want, atol=1e-5)
    assert np.isfinite(few.dense_scores("v", q, context=0.25, depth=2000)).sum() < 2000
