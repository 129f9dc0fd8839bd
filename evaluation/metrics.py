"""The measures: ranking metrics through ranx, set precision/recall/F1, a paired significance test.

Pure functions over plain values; nothing here touches a store. ``ranx`` and ``scipy`` are
imported when first used (ranx compiles with numba: seconds on first use, cached after).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

#: The ranking metrics of the retrieval report, as ranx names them.
RANK_METRICS = ("ndcg@10", "recall@10", "recall@50", "mrr@10")


class _HasSource(Protocol):
    @property
    def document(self) -> object: ...


def collapse_to_documents(hits: Iterable[_HasSource]) -> list[str]:
    """Passage hits → a document ranking: each ``document.source`` at its first occurrence.

    Hits whose document has no source are skipped.

    >>> from types import SimpleNamespace as N
    >>> hits = [N(document=N(source=s)) for s in ["a", "b", "a", "", "c", "b"]]
    >>> collapse_to_documents(hits)
    ['a', 'b', 'c']
    """
    seen: dict[str, None] = {}
    for hit in hits:
        source = getattr(hit.document, "source", "")
        if source and source not in seen:
            seen[source] = None
    return list(seen)


def rank_metrics(relevant: Mapping[str, Iterable[str]], rankings: Mapping[str, Sequence[str]],
                 metrics: Sequence[str] = RANK_METRICS) -> dict[str, dict[str, float]]:
    """Per-query scores ``{metric: {query id: score}}`` with binary relevance, computed by ranx.

    Every query of ``relevant`` is scored; a query missing from ``rankings`` (or with an empty
    ranking) scores 0. Rankings are lists of document ids, best first. Queries without any
    relevant document cannot be scored and raise ValueError.
    """
    from ranx import Qrels, Run, evaluate

    qrels_dict: dict[str, dict[str, int]] = {}
    for qid, docs in relevant.items():
        judged = {d: 1 for d in docs}
        if not judged:
            raise ValueError(f"query {qid!r} has no relevant document")
        qrels_dict[qid] = judged
    run_dict: dict[str, dict[str, float]] = {}
    for qid in qrels_dict:
        ranking = list(dict.fromkeys(rankings.get(qid, ())))
        # strictly decreasing scores, so ranx keeps exactly this order
        run_dict[qid] = {doc: float(len(ranking) - i) for i, doc in enumerate(ranking)}
    qrels, run = Qrels(qrels_dict), Run(run_dict)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numba type-safety chatter from ranx internals
        evaluate(qrels, run, list(metrics), make_comparable=True)
    return {m: {qid: float(run.scores[m][qid]) for qid in qrels_dict} for m in metrics}


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of a predicted set against a gold set, micro-averaged by summing counts.

    ``matched_predicted`` predicted items matched some gold item; ``matched_gold`` gold items
    were matched by some prediction (the two differ when matching is not one-to-one).
    A measure whose denominator is zero is None (undefined), never a made-up 0 or 1.

    >>> p = PRF.of(matched_predicted=2, predicted=4, matched_gold=2, gold=3)
    >>> (p.precision, round(p.recall, 4), round(p.f1, 4))
    (0.5, 0.6667, 0.5714)
    >>> PRF.of(0, 0, 0, 0).precision is None
    True
    """

    matched_predicted: int
    predicted: int
    matched_gold: int
    gold: int
    precision: float | None
    recall: float | None
    f1: float | None

    @classmethod
    def of(cls, matched_predicted: int, predicted: int, matched_gold: int, gold: int) -> PRF:
        p = matched_predicted / predicted if predicted else None
        r = matched_gold / gold if gold else None
        if p is None or r is None:
            f = None
        else:
            f = 0.0 if p + r == 0 else 2 * p * r / (p + r)
        return cls(matched_predicted, predicted, matched_gold, gold, p, r, f)

    def __add__(self, other: PRF) -> PRF:
        return PRF.of(self.matched_predicted + other.matched_predicted, self.predicted + other.predicted,
                      self.matched_gold + other.matched_gold, self.gold + other.gold)


def micro(parts: Iterable[PRF]) -> PRF:
    """The micro-average of several PRF counts (sum the counts, then divide).

    >>> micro([PRF.of(1, 1, 1, 2), PRF.of(0, 1, 0, 0)]).precision
    0.5
    """
    total = PRF.of(0, 0, 0, 0)
    for p in parts:
        total = total + p
    return total


@dataclass(frozen=True)
class PairedTest:
    """A paired two-sided test of mean(a - b) = 0 over the same questions."""

    a: str
    b: str
    metric: str
    n: int
    mean_a: float
    mean_b: float
    statistic: float  # mean difference a - b
    p_value: float
    method: str  # "randomization" (sign flips of the paired differences)
    resamples: int  # 0 when the test enumerated every sign assignment
    wilcoxon_statistic: float | None
    wilcoxon_p: float | None


def paired_test(a: Sequence[float], b: Sequence[float], *, names: tuple[str, str] = ("a", "b"),
                metric: str = "ndcg@10", resamples: int = 9999, seed: int = 0) -> PairedTest:
    """Paired randomization test (random sign flips of a - b; exact when 2**n <= resamples),
    with the Wilcoxon signed-rank test beside it. Deterministic for a given ``seed``.

    >>> t = paired_test([1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.0] * 6)
    >>> (t.statistic, round(t.p_value, 4), t.resamples)
    (1.0, 0.0312, 0)
    """
    import numpy as np
    from scipy import stats

    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.shape != y.shape:
        raise ValueError("paired samples must have the same length")
    n = int(x.size)
    diff = x - y
    mean_a = float(x.mean()) if n else 0.0
    mean_b = float(y.mean()) if n else 0.0
    observed = float(diff.mean()) if n else 0.0
    if n == 0 or not np.any(diff):
        return PairedTest(names[0], names[1], metric, n, mean_a, mean_b, observed, 1.0, "randomization", 0, None, None)
    exact = 2 ** n <= resamples
    result = stats.permutation_test(
        (x, y), lambda u, v, axis: np.mean(u - v, axis=axis), permutation_type="samples",
        n_resamples=resamples if not exact else math.inf, alternative="two-sided", vectorized=True,
        rng=np.random.default_rng(seed))
    w_stat: float | None
    w_p: float | None
    try:
        w = stats.wilcoxon(x, y, zero_method="wilcox", alternative="two-sided")
        w_stat, w_p = float(w.statistic), float(w.pvalue)
    except ValueError:
        w_stat, w_p = None, None
    return PairedTest(names[0], names[1], metric, n, mean_a, mean_b, observed, float(min(1.0, result.pvalue)),
                      "randomization", 0 if exact else resamples, w_stat, w_p)
