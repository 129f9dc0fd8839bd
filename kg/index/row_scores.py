"""Scores of some rows only: what the dense leg gives past the ANN threshold, where a few thousand of a
million rows are scored and a pass over one score per row would cost more than the scoring itself."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class RowScores:
    """``rows`` ascending, without repeats; ``scores`` theirs, all finite. Any other row is unscored.

    >>> s = RowScores.of(np.array([0.5, -np.inf, 0.9, np.nan, 0.5]))
    >>> s.rows.tolist(), s.top(2).tolist(), s.at(np.array([4, 1, 2])).tolist()
    ([0, 2, 4], [2, 0], [0.5, -inf, 0.9])
    """

    rows: Ints
    scores: Floats

    @classmethod
    def of(cls, scores: Floats) -> RowScores:
        """From one score per row, -inf or NaN where a row is unscored."""
        rows = np.flatnonzero(np.isfinite(scores)).astype(np.int64)
        return cls(rows, scores[rows].astype(np.float64))

    @classmethod
    def kept(cls, rows: Ints, scores: Floats) -> RowScores:
        """``rows`` (ascending, without repeats) with their ``scores``, dropping the non-finite ones."""
        finite = np.isfinite(scores)
        return cls(rows[finite].astype(np.int64), scores[finite].astype(np.float64))

    def top(self, k: int) -> Ints:
        """The ``k`` rows of highest score, best first (ties by row): :func:`kg.fusion.top_rows`'s order."""
        if not len(self.rows) or k <= 0:
            return np.zeros(0, dtype=np.int64)
        k = min(k, len(self.rows))
        part = np.argpartition(-self.scores, k - 1)[:k]
        order = part[np.lexsort((self.rows[part], -self.scores[part]))]
        out: Ints = self.rows[order]
        return out

    def at(self, rows: Ints) -> Floats:
        """The scores of ``rows``; -inf for a row not scored."""
        out: Floats = np.full(len(rows), -np.inf)
        if not len(self.rows) or not len(rows):
            return out
        where = np.searchsorted(self.rows, rows).clip(max=len(self.rows) - 1)
        held = self.rows[where] == rows
        out[held] = self.scores[where[held]]
        return out

    def dense(self, size: int) -> Floats:
        """One score per row of ``size`` rows, -inf where unscored."""
        out: Floats = np.full(size, -np.inf)
        out[self.rows] = self.scores
        return out
