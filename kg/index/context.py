"""Passages read in their context: a passage's score may come from it with its neighbours.

A short operative paragraph ("2. Welcomes the conclusions of the report") says little on its
own; the question's other half is in the paragraph before it. Scoring each passage also as
``p + w·(previous + next)`` (normalised) finds such passages without changing what a
passage is: the graph's passages, spans and evidence stay as segmented. The context score
comes from the passages' own scores, ``(s_i + w·(s_prev + s_next)) / ‖p_i + w·(p_prev + p_next)‖``,
so it costs no second index and no re-encoding. On the 46 dev questions (hybrid, e5) a weight
of 0.25 raised nDCG@10 from 0.84 to 0.89, French from 0.68 to 0.94 (README, "Retrieval").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from kg.index.base import PassageRow

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


class PassageNeighbours:
    """Each row's previous and next row in its document's text order; -1 at a document's edges."""

    def __init__(self, rows: Sequence[PassageRow]) -> None:
        n = len(rows)
        self.previous: Ints = np.full(n, -1, dtype=np.int64)
        self.next: Ints = np.full(n, -1, dtype=np.int64)
        by_document: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            by_document.setdefault(row.document, []).append(i)
        for members in by_document.values():
            members.sort(key=lambda i: (rows[i].start, rows[i].end))
            for a, b in zip(members, members[1:]):
                self.next[a] = b
                self.previous[b] = a

    def around(self, rows: Ints) -> Ints:
        """``rows`` with their neighbours, sorted, without repeats."""
        both = np.concatenate([rows, self.previous[rows], self.next[rows]])
        both = np.sort(both[both >= 0])
        # np.unique's hashing took ~1 ms on a few thousand rows (numpy 2.4); dropping repeats once sorted, 0.1 ms.
        out: Ints = both[np.concatenate([[True], both[1:] != both[:-1]])] if len(both) else both
        return out

    def norms(self, vectors: npt.NDArray[np.float32], weight: float) -> Floats:
        """‖p_i + w·(p_prev + p_next)‖ per row (a missing neighbour counts as zero)."""
        # In slices: at a million rows a float64 copy of every vector at once would take gigabytes.
        out: Floats = np.empty(len(vectors), dtype=np.float64)
        for start in range(0, len(vectors), 65_536):
            rows = np.arange(start, min(start + 65_536, len(vectors)), dtype=np.int64)
            out[rows] = self.norms_of(vectors, weight, rows)
        return out

    def norms_of(self, vectors: npt.NDArray[np.float32], weight: float, rows: Ints) -> Floats:
        """:meth:`norms` of ``rows`` alone."""
        ctx = vectors[rows].astype(np.float64)
        for side in (self.previous[rows], self.next[rows]):
            # A missing neighbour adds row 0 times zero (exactly nothing): whole-array arithmetic is faster
            # than updating the present rows through a boolean index (2.0 ms instead of 2.9 at 1,500 rows).
            present = (side >= 0).astype(np.float32)[:, None]
            ctx += (weight * vectors[side.clip(min=0)]) * present
        norms: Floats = np.linalg.norm(ctx, axis=1).clip(min=1e-12)
        return norms

    def context_scores_of(self, scores: Floats, rows: Ints, norms: Floats, weight: float) -> Floats:
        """:meth:`context_scores` of ``rows`` alone (``norms`` theirs, from :meth:`norms_of`)."""
        total = scores[rows].copy()
        for side in (self.previous[rows], self.next[rows]):
            present = side >= 0
            total[present] += weight * scores[side[present]]
        out: Floats = total / norms
        return out

    def context_scores_among(self, scored: Ints, own: Floats, rows: Ints, norms: Floats, weight: float) -> Floats:
        """:meth:`context_scores_of` with the own scores known for ``scored`` alone (ascending; ``own`` theirs),
        which must hold ``rows`` and their neighbours: no array of one score per row is needed."""
        total = own[np.searchsorted(scored, rows)]
        for side in (self.previous[rows], self.next[rows]):
            present = side >= 0
            total[present] += weight * own[np.searchsorted(scored, side[present])]
        out: Floats = total / norms
        return out

    def context_scores(self, scores: Floats, norms: Floats, weight: float) -> Floats:
        """The context score of every row from the rows' own scores (NaN where a needed score is NaN)."""
        total = scores.copy()
        for side in (self.previous, self.next):
            present = side >= 0
            total[present] += weight * scores[side[present]]
        out: Floats = total / norms
        return out

