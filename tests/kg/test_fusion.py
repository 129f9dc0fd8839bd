"""Dense-first fusion, the question's constraints, and passages scored in their context."""

from __future__ import annotations

import numpy as np
import pytest

from kg.constraints import YearRange, read_constraints
from kg.fusion import FusionWeights, dense_first
from kg.index.base import PassageRow, Scored
from kg.index.context import PassageNeighbours


def test_lexical_match_lifts_near_ties_but_not_a_clear_dense_winner() -> None:
    dense = np.array([0.86, 0.85, 0.70])
    lexical = [Scored(1, 20.0), Scored(2, 19.0)]
    order = [s.row for s in dense_first(dense, lexical, depth=3, lexical_depth=3, weights=FusionWeights(lexical=0.03))]
    assert order[:2] == [1, 0], "an exact lexical match decides between near-equal dense scores"
    assert order[2] == 2, "but cannot lift a passage far below in meaning"
    plain = [s.row for s in dense_first(dense, lexical, depth=3, lexical_depth=3, weights=FusionWeights(lexical=0))]
    assert plain == [0, 1, 2]


def test_boosts_need_a_match_and_rows_outside_the_filter_never_come_back() -> None:
    dense = np.array([0.80, 0.79, -np.inf])
    lexical = [Scored(2, 30.0)]  # a lexical hit on a row the filter removed
    year = np.array([False, True, True])

    def matches(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return year[rows], np.zeros(len(rows), dtype=bool)

    out = dense_first(dense, lexical, depth=3, lexical_depth=3, weights=FusionWeights(year=0.03), matches=matches)
    assert [s.row for s in out] == [1, 0]
    assert out[0].score == pytest.approx(0.82)


@pytest.mark.parametrize(("question", "years", "types"), [
    ("Which resolutions adopted in 1993 imposed an embargo?", [(1993, 1993)], ["resolution"]),
    ("¿Qué leyes se aprobaron entre 1998 y 2003?", [(1998, 2003)], ["law"]),
    ("Quels programmes ont commencé après 2010 ?", [(2011, None)], ["program-sheet"]),
    ("Que resoluções posteriores citam a resolução 687 (1991)?", [], ["resolution"]),
    ("Which acts implement UNSCR 1540 (2004) before 2010?", [(None, 2009)], ["law"]),
    ("Sanctions on Haiti", [], []),
])
def test_constraints_in_four_languages(question: str, years: list[tuple[int | None, int | None]],
                                       types: list[str]) -> None:
    c = read_constraints(question)
    assert [(y.start, y.end) for y in c.years] == years
    assert list(c.types) == types


def test_year_range_bounds() -> None:
    assert YearRange(1990, None).holds(2024) and not YearRange(1990, None).holds(1989)
    assert read_constraints("in 1990").year_matches(1990) and not read_constraints("in 1990").year_matches(None)


def _rows(spec: list[tuple[str, int]]) -> list[PassageRow]:
    return [PassageRow(f"p{i}", doc, "", start, start + 1, "", "en") for i, (doc, start) in enumerate(spec)]


def test_neighbours_follow_text_order_within_a_document() -> None:
    # Rows arrive in any order; neighbours are by start offset, never across documents.
    n = PassageNeighbours(_rows([("a", 20), ("b", 0), ("a", 0), ("a", 10), ("b", 5)]))
    assert n.previous.tolist() == [3, -1, -1, 2, 1]
    assert n.next.tolist() == [-1, 4, 3, 0, -1]
    assert n.around(np.array([2])).tolist() == [2, 3]


def test_context_score_finds_a_passage_whose_neighbour_completes_it() -> None:
    rows = _rows([("a", 0), ("a", 10), ("b", 0)])
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [0.7, 0.7]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    query = np.array([0.7071, 0.7071])
    n = PassageNeighbours(rows)
    own = vectors @ query
    context = n.context_scores(own.astype(np.float64), n.norms(vectors, 1.0), 1.0)
    # Each half of document a matches the query half-way; read together they match it fully.
    assert own[0] < 0.75 and context[0] == pytest.approx(1.0, abs=1e-3)
    assert context[2] == pytest.approx(own[2], abs=1e-6), "a passage without neighbours keeps its own score"
