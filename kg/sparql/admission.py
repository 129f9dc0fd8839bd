"""Fair query capacity: how many queries a client, and anonymous clients together, may run at once.

The query workers are few (each holds a core while it runs), and an anonymous client looping
on a cartesian product holds one for its whole deadline. Without limits, two such clients
hold every worker and everyone else waits or is turned away. So, before a query takes a
worker:

- an anonymous client (one address) may run ``per_client`` queries at once; more wait
  their turn behind its own;
- anonymous clients together may run ``anonymous_total`` at once, one fewer than the
  workers, so a token holder always finds a worker;
- a request that cannot start within ``wait_s`` gets :class:`~kg.errors.BackendUnavailable`
  (503 with ``Retry-After``), saying the query did *not* run.

Token holders are not limited here; the pool's own queue orders them.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from kg.errors import BackendUnavailable

__all__ = ["Admission"]


class Admission:
    """Per-client and per-class concurrency limits with a bounded wait. Thread-safe.

    >>> gate = Admission(per_client=1, anonymous_total=2, wait_s=0.01)
    >>> with gate.slot("10.0.0.1", trusted=False):
    ...     with gate.slot("10.0.0.2", trusted=False):
    ...         gate.running()
    2
    >>> with gate.slot("10.0.0.1", trusted=False):
    ...     with gate.slot("10.0.0.1", trusted=False):
    ...         pass
    Traceback (most recent call last):
    kg.errors.BackendUnavailable: this client already runs 1 query at once, the most an anonymous client may; the query did not run (waited 0.01 s)
    """

    def __init__(self, *, per_client: int, anonymous_total: int, wait_s: float) -> None:
        self.per_client = max(per_client, 1)
        self.anonymous_total = max(anonymous_total, 1)
        self.wait_s = wait_s
        self._changed = threading.Condition()
        self._by_client: Counter[str] = Counter()
        self._anonymous = 0
        self._trusted = 0

    def running(self) -> int:
        """Queries admitted and not yet finished."""
        with self._changed:
            return self._anonymous + self._trusted

    def _refusal(self, client: str) -> str | None:
        if self._by_client[client] >= self.per_client:
            plural = "query" if self.per_client == 1 else "queries"
            return f"this client already runs {self.per_client} {plural} at once, the most an anonymous client may"
        if self._anonymous >= self.anonymous_total:
            return f"anonymous clients already run {self.anonymous_total} queries, all the capacity they share"
        return None

    @contextmanager
    def slot_now(self, client: str, *, trusted: bool) -> Iterator[bool]:
        """A place now or not at all: yields True while holding one, False (holding none) where
        :meth:`slot` would have to wait. Never blocks on capacity (an event loop may call it).

        >>> gate = Admission(per_client=1, anonymous_total=2, wait_s=5)
        >>> with gate.slot_now("10.0.0.1", trusted=False) as first, gate.slot_now("10.0.0.1", trusted=False) as second:
        ...     first, second, gate.running()
        (True, False, 1)
        """
        with self._changed:
            placed = trusted or self._refusal(client) is None
            if placed:
                self._enter(client, trusted=trusted)
        if not placed:
            yield False
            return
        try:
            yield True
        finally:
            self._leave(client, trusted=trusted)

    @contextmanager
    def slot(self, client: str, *, trusted: bool) -> Iterator[float]:
        """Hold a place for one query while the block runs; yields the seconds spent waiting for it."""
        started = time.monotonic()
        with self._changed:
            while not trusted and (reason := self._refusal(client)) is not None:
                left = self.wait_s - (time.monotonic() - started)
                if left <= 0:
                    raise BackendUnavailable(f"{reason}; the query did not run (waited {self.wait_s:g} s)")
                self._changed.wait(left)
            self._enter(client, trusted=trusted)
        try:
            yield time.monotonic() - started
        finally:
            self._leave(client, trusted=trusted)

    def _enter(self, client: str, *, trusted: bool) -> None:
        """Count a query in (the caller holds the lock and found room)."""
        if trusted:
            self._trusted += 1
        else:
            self._by_client[client] += 1
            self._anonymous += 1

    def _leave(self, client: str, *, trusted: bool) -> None:
        with self._changed:
            if trusted:
                self._trusted -= 1
            else:
                self._by_client[client] -= 1
                if not self._by_client[client]:
                    del self._by_client[client]
                self._anonymous -= 1
            self._changed.notify_all()
