"""Repeated timing with a budget, and the order statistics the bench reports."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank ``p``-th percentile (no interpolation), so a reported value was measured.

    >>> percentile([5.0, 1.0, 3.0, 2.0, 4.0], 50), percentile([5.0, 1.0, 3.0, 2.0, 4.0], 95)
    (3.0, 5.0)
    """
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    """The median (mean of the two middle values for an even count).

    >>> median([3.0, 1.0, 2.0]), median([1.0, 2.0, 3.0, 4.0])
    (2.0, 2.5)
    """
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        raise ValueError("no values")
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def time_repeated(run: Callable[[], T], *, repeats: int, budget_s: float) -> tuple[list[float], T]:
    """Seconds of up to ``repeats`` runs of ``run`` after one warm-up, and the last result.

    Repetition stops once the timed runs used ``budget_s``; at least one run is timed. A
    warm-up that alone takes longer than the budget is kept as the only measurement, so a
    slow query costs one run, not two.

    >>> times, result = time_repeated(lambda: 42, repeats=3, budget_s=1.0)
    >>> len(times), result
    (3, 42)
    """
    started = time.perf_counter()
    result = run()
    warm_up = time.perf_counter() - started
    if warm_up > budget_s:
        return [warm_up], result
    times: list[float] = []
    while len(times) < max(1, repeats) and (not times or sum(times) < budget_s):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return times, result


def ms(seconds: float) -> float:
    """Milliseconds, rounded as the report prints them (see :func:`sig`).

    >>> ms(0.0123456), ms(1.23456), ms(0.000123456)
    (12.3, 1235.0, 0.123)
    """
    return sig(seconds * 1000)


def sig(value: float, digits: int = 3) -> float:
    """``value`` rounded to ``digits`` significant digits, never coarser than units.

    >>> sig(1234.56), sig(0.012345), sig(0.0)
    (1235.0, 0.0123, 0.0)
    """
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, max(0, digits - 1 - math.floor(math.log10(abs(value)))))
