"""A catalog's rating text, read by its format: ``Level [sep basis] [(Outcome[; Outcome])]; Level ...``.

Catalogs write one rating per outcome, joined with ";" ("Promising (Crime | Multiple crime
types); No Effects (Victimization)"), a level with what it rests on ("Effective - One study",
"Promising | More than one study"), or a bare level. Nothing here knows a catalog's records:
the level is the longest evidence-level word (:mod:`ingest.catalogs.levels`, plus the
catalog's own) at the start of each part; what follows up to a parenthesis is the evidence
basis; each ";"-separated outcome inside the parenthesis gets a rating of its own.
Spans are offsets into the text given, shifted by ``offset``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ingest.catalogs.errors import CatalogError
from ingest.spans import trim_span
from ontology.folding import fold

#: What may stand between a level and its evidence basis ("Effective - One study", "Promising | ...").
SEPARATORS = " \t-–—|:,"


@dataclass(frozen=True)
class Rating:
    """One level for one outcome (or for the whole practice when ``outcome`` is None)."""

    level: str  # slug of the evidence level
    start: int  # the rating part this comes from
    end: int
    level_start: int
    level_end: int
    outcome: str | None = None
    outcome_start: int = 0
    outcome_end: int = 0
    basis: str | None = None


def split_top(text: str, start: int, end: int, *, sep: str = ";") -> Iterator[tuple[int, int]]:
    """Spans of ``text[start:end]`` cut at ``sep`` outside parentheses, trimmed, empty ones dropped.

    >>> t = "A (x; y); B"
    >>> [t[a:b] for a, b in split_top(t, 0, len(t))]
    ['A (x; y)', 'B']
    """
    depth, piece = 0, start
    for i in range(start, end + 1):
        ch = text[i] if i < end else sep
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == sep and (depth == 0 or i == end):
            a, b = trim_span(text, piece, i)
            if b > a:
                yield a, b
            piece = i + 1


def _level_pattern(words: Mapping[str, str]) -> re.Pattern[str]:
    alternatives = sorted(words, key=len, reverse=True)  # the longest word first: "no effects" before "no"
    return re.compile(r"(?:%s)(?![a-z])" % "|".join(re.escape(w) for w in alternatives))


def parse_rating(text: str, *, levels: Mapping[str, str], offset: int = 0) -> list[Rating]:
    """Every (level, outcome) a rating text gives; :class:`CatalogError` for a part with no known level.

    ``levels`` maps folded level words to level slugs.

    >>> words = {"effective": "effective", "promising": "promising", "no effects": "no-effects"}
    >>> [(r.level, r.outcome, r.basis) for r in parse_rating(
    ...     "Promising (Crime | Multiple types); No Effects (Victimization)", levels=words)]
    [('promising', 'Crime | Multiple types', None), ('no-effects', 'Victimization', None)]
    >>> [(r.level, r.outcome, r.basis) for r in parse_rating(
    ...     "No Effects - More than one Meta-Analysis (Crime - Multiple types)", levels=words)]
    [('no-effects', 'Crime - Multiple types', 'More than one Meta-Analysis')]
    >>> [(r.level, r.outcome, r.basis) for r in parse_rating("Effective | One study", levels=words)]
    [('effective', None, 'One study')]
    >>> [r.outcome for r in parse_rating("Promising (mood; memory)", levels=words)]
    ['mood', 'memory']
    >>> parse_rating("Strong evidence", levels=words)
    Traceback (most recent call last):
    ingest.catalogs.errors.CatalogError: rating 'Strong evidence' does not start with an evidence level (known: effective, no effects, promising); a mapping's [levels] can add the catalog's words
    """
    pattern = _level_pattern(levels)
    folded = fold(text, keep_length=True)
    out: list[Rating] = []
    for a, b in split_top(text, 0, len(text)):
        m = pattern.match(folded, a, b)
        if m is None:
            raise CatalogError(f"rating {text[a:b]!r} does not start with an evidence level "
                               f"(known: {', '.join(sorted(levels))}); a mapping's [levels] can add the catalog's words")
        level = levels[m.group(0)]
        paren = text.find("(", m.end(), b)
        basis_end = paren if paren >= 0 else b
        x, y = m.end(), basis_end
        while x < y and text[x] in SEPARATORS:
            x += 1
        x, y = trim_span(text, x, y)
        basis = text[x:y] or None
        outcomes = list(split_top(text, paren + 1, _closing(text, paren, b))) if paren >= 0 else []
        for oa, ob in outcomes or [(0, 0)]:
            out.append(Rating(level, a + offset, b + offset, m.start() + offset, m.end() + offset,
                              text[oa:ob] if ob > oa else None, oa + offset if ob > oa else 0,
                              ob + offset if ob > oa else 0, basis))
    return out


def _closing(text: str, paren: int, end: int) -> int:
    """The offset of the parenthesis that closes ``text[paren]`` (``end`` when it is never closed)."""
    depth = 0
    for i in range(paren, end):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return end
