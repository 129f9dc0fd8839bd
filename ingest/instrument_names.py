"""Instruments known by name, found in text: every title, short title and acronym of the
reference instruments (:func:`ingest.instrument_tables.named_instruments`), in en/es/pt/fr.

A scanner finds the places where a name's first word stands; only the names that start with
that word are tried there, and the longest that matches wins. Spans are exact offsets into
the text (the text is folded one character for one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ingest.instrument_tables import (active_instruments, active_key, first_word_pattern, fold_name, instrument_slug,
                                     name_pattern)
from ingest.model import InstrumentRef

__all__ = ["find_named_instruments"]

_WORD_END = r"(?!\w)"


@dataclass(frozen=True)
class _NamedMatcher:
    """The instruments' names as one scanner of first words and, per first word, one pattern per
    instrument; the acronyms as one case-sensitive pattern."""

    starts: re.Pattern[str]  # any first word (no groups: a scanner with groups is ten times slower)
    first_words: tuple[tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]], ...]
    acronyms: re.Pattern[str]
    by_acronym: dict[str, str]
    _seen: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = field(default_factory=dict)

    def candidates(self, word: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """(instrument name, pattern) of every name that may start with the scanned *word*."""
        if word not in self._seen:
            self._seen[word] = tuple(c for first, cs in self.first_words if first.fullmatch(word) for c in cs)
        return self._seen[word]


def _named_matcher() -> _NamedMatcher:
    """The matcher of the names not switched off (:func:`ingest.instrument_tables.disabled_entries`)."""
    return _named_matcher_for(active_key())


@cache
def _named_matcher_for(off: frozenset[str]) -> _NamedMatcher:
    by_first: dict[str, dict[str, list[str]]] = {}  # a first word's pattern → instrument name → names
    open_ended: set[str] = set()  # first words a name continues with no boundary ("Inter-American")
    by_acronym: dict[str, str] = {}
    for inst in active_instruments():
        for name in inst.names:
            first = first_word_pattern(name)
            word = first.removesuffix(_WORD_END)
            if word == first:
                open_ended.add(word)
            by_first.setdefault(word, {}).setdefault(inst.name, []).append(name)
        by_acronym.update((a, inst.name) for a in inst.acronyms)
    words = sorted(by_first, key=len, reverse=True)

    def names_pattern(names: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(name_pattern(n) for n in sorted(names, key=len, reverse=True)))

    return _NamedMatcher(
        starts=re.compile(r"(?<![\w-])(?:" + "|".join(w if w in open_ended else w + _WORD_END for w in words) + ")"),
        first_words=tuple((re.compile(w), tuple((inst, names_pattern(names)) for inst, names in by_first[w].items()))
                          for w in words),
        acronyms=re.compile(r"(?<![\w/])(?:" + "|".join(sorted(map(re.escape, by_acronym), key=len, reverse=True))
                            + r")(?![\w/])" if by_acronym else r"(?!)"),
        by_acronym=by_acronym)


def find_named_instruments(text: str) -> list[InstrumentRef]:
    """Instruments named in *text* (``body="named"``), sorted by start: at each place a name's
    first word stands, the longest name that matches there; and every acronym. A name followed
    by its acronym or short name in brackets is one mention. Pure; linear in ``len(text)``
    (the patterns are built once, ~0.5 s).

    >>> text = "the Chicago Convention and the CWC"
    >>> refs = find_named_instruments(text)
    >>> [text[r.start:r.end] for r in refs], [instrument_slug(r.name or "") for r in refs]
    (['Chicago Convention', 'CWC'], ['convention-on-international-civil-aviation', 'chemical-weapons-convention'])
    """
    matcher = _named_matcher()
    folded = fold_name(text)  # lower case, one character for one: spans carry over
    spans: dict[str, list[tuple[int, int]]] = {}
    for start in matcher.starts.finditer(folded):
        best: tuple[int, str] | None = None
        for name, pattern in matcher.candidates(start[0]):
            m = pattern.match(folded, start.start())
            if m is not None and (best is None or m.end() > best[0]):
                best = (m.end(), name)
        if best is not None:
            spans.setdefault(best[1], []).append((start.start(), best[0]))
    for m in matcher.acronyms.finditer(text):
        spans.setdefault(matcher.by_acronym[m[0]], []).append(m.span())
    refs: list[InstrumentRef] = []
    for name, found in spans.items():
        last_end = -1
        for start_, end in sorted(found):
            if last_end >= 0 and (start_ < last_end or not text[last_end:start_].strip(" \t\n([")):
                last_end = max(last_end, end)
                continue  # "... Civil Aviation (Chicago Convention)", "... (CIFTA)": one mention
            refs.append(InstrumentRef(body="named", number=0, year=None, start=start_, end=end, name=name))
            last_end = end
    return sorted(refs, key=lambda r: (r.start, -r.end))
