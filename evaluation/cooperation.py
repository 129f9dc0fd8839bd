"""Time-split check of cooperation suggestions: does the earlier graph foresee the state–theme links later programs made?

For a split year Y, the programs whose sheets give a start year after Y are hidden (every fact
whose subject they are goes). A **held-out link** is a (state, theme) pair that a hidden program
creates (the state takes part in it, in any role, and it has the theme) and that the earlier
graph does not have (no program, law or practice of the state on that theme). For each
held-out link, the themes not yet linked to the state are ranked three ways, and the rank of the
held-out theme is scored (Hits@10, MRR; other held-out themes of the same state are filtered out
of the candidates, as in link-prediction practice):

- **suggestions**: by the best score of a suggestion "someone could help the state on X" made
  from the earlier graph (:func:`kg.cooperation.suggest_for`); themes with no suggestion share
  the last places (scored at the expectation of a random order among them);
- **most popular theme**: by how many states the earlier graph links to the theme;
- **random**: the exact expectation over a uniform order.

This rests on very little data: the shared corpus has about sixteen program sheets, a dozen with
a start year, so a split holds out a handful of programs and a few dozen links at most; the
numbers say whether the signals point the right way, not how well they would do at scale.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from kg.cooperation import Evidence, suggest_for
from kg.network import Network, read_network
from kg.profiles import state_programs
from kg.workspace import Workspace

#: split years tried by default: the corpus' programs start between 1990 and 2016
DEFAULT_YEARS = (2004, 2006, 2007)
HITS_AT = 10


@dataclass(frozen=True)
class Scores:
    hits_at_10: float
    mrr: float


@dataclass(frozen=True)
class SplitResult:
    year: int
    hidden_programs: int
    kept_programs: int
    states: int  # states with at least one held-out link
    links: int  # held-out links (state, theme)
    candidates: float  # mean number of candidate themes per link
    suggestions: Scores
    popular: Scores
    random: Scores


@dataclass(frozen=True)
class TimeSplitReport:
    splits: tuple[SplitResult, ...]
    note: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _harmonic(n: int) -> float:
    return sum(1 / i for i in range(1, n + 1))


def rank_scores(ranked: Sequence[str], target: str, candidates: set[str]) -> tuple[float, float]:
    """(hits@10, reciprocal rank) of ``target`` when ``ranked`` (a prefix order) is followed by the other
    candidates in random order; the tail is scored at its expectation.

    >>> rank_scores(["a", "b"], "b", {"a", "b", "c"})
    (1.0, 0.5)
    >>> hits, rr = rank_scores([], "x", {"x", "y"}); hits, round(rr, 3)
    (1.0, 0.75)
    """
    order = [t for t in ranked if t in candidates]
    if target in order:
        rank = order.index(target) + 1
        return (1.0 if rank <= HITS_AT else 0.0), 1 / rank
    start, tail = len(order), len(candidates) - len(order)
    if tail <= 0:
        return 0.0, 0.0
    hits = max(0, min(HITS_AT - start, tail)) / tail
    rr = sum(1 / (start + i) for i in range(1, tail + 1)) / tail
    return hits, rr


def state_themes(net: Network, evidence: Evidence, state: str) -> set[str]:
    """The themes the graph links to a state: through its programs, laws and practices (its capabilities)."""
    return {t for (s, t) in evidence.capability if s == state}


def evaluate_split(net: Network, year: int, *, lang: str = "en") -> SplitResult:
    """One split: hide the programs started after ``year``, score the three rankings on the held-out links."""
    hidden = {p for p, y in net.start_year.items() if y > year}
    kept = {p for p, y in net.start_year.items() if y <= year}
    earlier = net.without(hidden)
    before = Evidence(earlier, lang=lang)
    full = Evidence(net, lang=lang)
    themes = sorted(x for x, cls in net.types.items() if "Theme" in cls)
    popularity = Counter(t for (_, t) in before.capability)
    popular_order = sorted(themes, key=lambda t: (-popularity[t], t))
    held: dict[str, set[str]] = defaultdict(set)
    for state in net.states():
        had = state_themes(earlier, before, state)
        for program, _, _ in state_programs(net, state):
            if program in hidden:
                held[state] |= {t for t in full.net.themes_of(program) if t not in had}
    sums = {"suggestions": [0.0, 0.0], "popular": [0.0, 0.0], "random": [0.0, 0.0]}
    links = 0
    candidate_total = 0
    for state, targets in sorted(held.items()):
        had = state_themes(earlier, before, state)
        best: dict[str, float] = {}
        for s in suggest_for(earlier, before, state):
            best[s.theme] = max(best.get(s.theme, 0.0), s.score)
        suggested = sorted(best, key=lambda t: (-best[t], t))
        for target in sorted(targets):
            candidates = {t for t in themes if t not in had and (t == target or t not in targets)}
            links += 1
            candidate_total += len(candidates)
            for name, order in (("suggestions", suggested), ("popular", popular_order)):
                h, r = rank_scores(order, target, candidates)
                sums[name][0] += h
                sums[name][1] += r
            n = len(candidates)
            sums["random"][0] += min(HITS_AT, n) / n
            sums["random"][1] += _harmonic(n) / n

    def scores(name: str) -> Scores:
        return Scores(round(sums[name][0] / links, 3), round(sums[name][1] / links, 3)) if links else Scores(0.0, 0.0)

    return SplitResult(year, len(hidden), len(kept), len(held), links, round(candidate_total / links, 1) if links else 0.0,
                       scores("suggestions"), scores("popular"), scores("random"))


def evaluate_time_split(net: Network, years: Sequence[int] = DEFAULT_YEARS) -> TimeSplitReport:
    """The time-split table for each year in ``years``. Read-only; pure over the network."""
    dated = len(net.start_year)
    programs = sum(1 for cls in net.types.values() if "Program" in cls)
    note = (f"Rests on {programs} programs, {dated} of them with a start year; each split hides the programs "
            "started after its year. Few links: read the direction, not the decimals.")
    return TimeSplitReport(tuple(evaluate_split(net, y) for y in years), note)


def render_time_split(report: TimeSplitReport) -> str:
    """A markdown table: one row per split and ranking."""
    lines = ["| split | hidden / kept programs | states | links | candidates | ranking | Hits@10 | MRR |",
             "|---|---|---|---|---|---|---|---|"]
    for s in report.splits:
        for name, sc in (("suggestions", s.suggestions), ("most popular theme", s.popular), ("random", s.random)):
            lines.append(f"| after {s.year} | {s.hidden_programs} / {s.kept_programs} | {s.states} | {s.links} | "
                         f"{s.candidates} | {name} | {sc.hits_at_10:.3f} | {sc.mrr:.3f} |")
    return "\n".join(lines) + "\n\n" + report.note


def time_split_of(ws: Workspace) -> TimeSplitReport:
    """The time-split report of a workspace's store (what ``policykg eval`` prints)."""
    return evaluate_time_split(read_network(ws.store, ws.iris))
