"""Dense-first fusion: the multilingual model ranks, lexical match and the question's constraints adjust.

Equal-weight reciprocal rank fusion with BM25 drags non-English questions down (BM25 matches
words, and most passages are English). Here the dense score (cosine, passage in context)
leads; BM25, normalised by the query's best BM25 score, adds at most ``lexical`` — enough
to lift exact identifiers and names among near-equal dense scores, too little to override
meaning. Passages of documents from the years the question names, or of the document type
it names, get ``year`` and ``type`` added. The defaults were chosen on the dev questions
per language (README, "Retrieval"); ``fusion=rrf`` restores plain RRF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kg.index.base import Scored
from kg.index.row_scores import RowScores

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
#: rows → (document matches the question's years, document matches its types), as boolean arrays
Matches = Callable[[Ints], tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]]


@dataclass(frozen=True)
class FusionWeights:
    lexical: float = 0.03
    year: float = 0.03
    type: float = 0.04


def top_rows(scores: Floats, k: int) -> Ints:
    """The ``k`` rows of highest finite score, best first (ties by row)."""
    return RowScores.of(scores).top(k)


def dense_first(dense: Floats | RowScores, lexical: Sequence[Scored], *, depth: int, lexical_depth: int,
                weights: FusionWeights, matches: Matches | None = None) -> list[Scored]:
    """Fuse ``dense`` (one score per row, -inf or NaN where a row may not or was not scored; or the
    scored rows alone, as the dense leg gives them past the ANN threshold) with the ``lexical``
    ranking; candidates are the ``depth`` best dense rows and the ``lexical_depth`` best lexical
    rows. Pure; best first.

    >>> dense = np.array([0.80, 0.79, 0.50, -np.inf])
    >>> [s.row for s in dense_first(dense, [Scored(1, 12.0), Scored(2, 3.0)], depth=2, lexical_depth=2,
    ...                              weights=FusionWeights(lexical=0.03))]
    [1, 0, 2]
    """
    scored = dense if isinstance(dense, RowScores) else RowScores.of(dense)
    candidates = np.union1d(scored.top(depth), np.array([s.row for s in lexical[:lexical_depth]], dtype=np.int64))
    score = scored.at(candidates)
    finite = np.isfinite(score)
    candidates, score = candidates[finite], score[finite]
    if not len(candidates):
        return []
    lexical_score = {s.row: s.score for s in lexical}
    best = max((s.score for s in lexical), default=0.0)
    if best > 0:
        score += weights.lexical * np.array([lexical_score.get(int(r), 0.0) for r in candidates]) / best
    if matches is not None and (weights.year or weights.type):
        year, kind = matches(candidates)
        score += weights.year * year + weights.type * kind
    order = np.lexsort((candidates, -score))
    return [Scored(int(candidates[i]), float(score[i])) for i in order]
