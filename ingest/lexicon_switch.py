"""Switching rule and lexicon entries off for a while: the hook the leave-one-out measure uses.

An entry is named ``TABLE: entry`` (a tuple table) or ``TABLE[key]: entry`` (a table keyed by
field, language or instrument), exactly as :mod:`evaluation.fitting` names it. A
:class:`LexiconSwitch` keeps the names switched off in a :class:`~contextvars.ContextVar`, so
a switch is scoped to the ``with`` block (and to its thread or task); the tables themselves
are never changed. Readers of a table go through :meth:`LexiconSwitch.entries` or
:meth:`LexiconSwitch.keyed`, whose results are cached per set of switched-off names, so
structures derived from a table can be cached under :meth:`LexiconSwitch.off` too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any

NOTHING: frozenset[str] = frozenset()


class LexiconSwitch:
    """The switched-off entries of one family of tables, read through :meth:`entries` / :meth:`keyed`.

    >>> switch = LexiconSwitch("doc", lambda name: {"T": ("a", "b"), "K": {"x": ("c", "d")}}[name])
    >>> with switch.disabled_entries(["T: a", "K[x]: d"]):
    ...     switch.entries("T"), switch.keyed("K")
    (('b',), {'x': ('c',)})
    >>> switch.entries("T")
    ('a', 'b')
    """

    def __init__(self, name: str, table: Callable[[str], Any] | None = None) -> None:
        self._off: ContextVar[frozenset[str]] = ContextVar(name, default=NOTHING)
        self._table: Callable[[str], Any] = table or (lambda table_name: ())
        self._entries: Callable[[str, frozenset[str]], tuple[str, ...]] = cache(self._filter_entries)
        self._keyed: Callable[[str, frozenset[str]], dict[str, tuple[str, ...]]] = cache(self._filter_keyed)

    @contextmanager
    def disabled_entries(self, ids: Iterable[str]) -> Iterator[None]:
        """Inside the block, the entries ``ids`` are switched off (added to those already off)."""
        token = self._off.set(self._off.get() | frozenset(ids))
        try:
            yield
        finally:
            self._off.reset(token)

    def off(self) -> frozenset[str]:
        """The names switched off now: the key of any cache derived from the tables."""
        return self._off.get()

    def is_off(self, table: str, entry: str) -> bool:
        off = self._off.get()
        return bool(off) and f"{table}: {entry}" in off

    def entries(self, name: str) -> tuple[str, ...]:
        """A tuple table without its switched-off entries. Cost: a dict lookup once per set."""
        return self._entries(name, self._off.get())

    def keyed(self, name: str) -> dict[str, tuple[str, ...]]:
        """A keyed table (``TABLE[key]``) without its switched-off entries. Do not mutate the result."""
        return self._keyed(name, self._off.get())

    def _filter_entries(self, name: str, off: frozenset[str]) -> tuple[str, ...]:
        value: tuple[str, ...] = self._table(name)
        if not off:
            return value
        return tuple(e for e in value if f"{name}: {e}" not in off)

    def _filter_keyed(self, name: str, off: frozenset[str]) -> dict[str, tuple[str, ...]]:
        value: Mapping[str, tuple[str, ...]] = self._table(name)
        return {key: tuple(e for e in entries if f"{name}[{key}]: {e}" not in off) if off else tuple(entries)
                for key, entries in value.items()}
