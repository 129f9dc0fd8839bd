"""The time-split evaluation of cooperation suggestions on the program sheets, and its scoring rules."""

from __future__ import annotations

import math

import pytest

from evaluation.cooperation import evaluate_split, evaluate_time_split, rank_scores, render_time_split
from kg.network import Network, read_network
from kg.workspace import Workspace


@pytest.fixture(scope="module")
def net(programs_settings) -> Network:  # type: ignore[no-untyped-def]
    ws = Workspace(programs_settings, read_only=True)
    try:
        return read_network(ws.store, ws.iris)
    finally:
        ws.close()


@pytest.mark.parametrize(("ranked", "target", "candidates", "hits", "rr"), [
    (["a", "b", "c"], "c", {"a", "b", "c"}, 1.0, 1 / 3),
    (["z", "a"], "a", {"a", "b"}, 1.0, 1.0),  # a ranked theme that is no candidate is skipped
    ([], "a", {"a"}, 1.0, 1.0),
    ([f"t{i}" for i in range(12)], "x", {*(f"t{i}" for i in range(12)), "x"}, 0.0, 1 / 13),
])
def test_rank_scores(ranked: list[str], target: str, candidates: set[str], hits: float, rr: float) -> None:
    h, r = rank_scores(ranked, target, candidates)
    assert h == pytest.approx(hits) and r == pytest.approx(rr)


def test_split_hides_later_programs_and_scores_three_rankings(net: Network) -> None:
    split = evaluate_split(net, 2004)
    assert split.hidden_programs > 0 and split.kept_programs > 0 and split.links >= split.states > 0
    n = split.candidates
    assert 0 < split.random.hits_at_10 <= 1 and split.random.mrr < 1
    assert split.random.hits_at_10 == pytest.approx(min(10, n) / n, abs=0.05)  # candidates vary a little per link
    for scores in (split.suggestions, split.popular, split.random):
        assert 0 <= scores.mrr <= scores.hits_at_10 + 1e-9 or scores.hits_at_10 == 0
        assert 0 <= scores.hits_at_10 <= 1 and 0 <= scores.mrr <= 1
    assert not math.isnan(split.suggestions.mrr)


def test_hidden_programs_leave_no_fact_behind(net: Network) -> None:
    hidden = {p for p, y in net.start_year.items() if y > 2004}
    earlier = net.without(hidden)
    assert hidden and not any(s in hidden for s, _, _ in earlier.edges)
    assert not any(p in hidden for p in earlier.start_year)


def test_report_renders_every_split(net: Network) -> None:
    report = evaluate_time_split(net, (2004, 2007))
    text = render_time_split(report)
    assert text.count("| after 2004 |") == 3 and text.count("| after 2007 |") == 3
    assert "start year" in report.note
