"""Span helpers shared by every document kind: trim a span, split a long one at sentence ends.

A leaf module: it imports nothing from ``ingest``, so any step or kind may import it without
making an import circle. Spans are half-open ``[start, end)`` character offsets into the text.
"""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[A-ZÁÉÍÓÚÂÊÔÀÇ0-9(])")
MAX_CHARS = 1200


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the white space around it.

    >>> trim_span("  ab  ", 0, 6)
    (2, 4)
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_long(text: str, start: int, end: int, *, max_chars: int = MAX_CHARS) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at sentence ends into pieces of at most ``max_chars`` (when possible).

    >>> t = "One. Two. Three."
    >>> [t[a:b] for a, b in split_long(t, 0, len(t), max_chars=9)]
    ['One. Two.', 'Three.']
    """
    if end - start <= max_chars:
        return [(start, end)]
    cuts = [m.start() for m in SENTENCE_END.finditer(text, start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    last_cut = None
    for cut in cuts + [end]:
        if cut - piece_start > max_chars and last_cut is not None:
            pieces.append((piece_start, last_cut))
            piece_start = _skip_space(text, last_cut, end)
        last_cut = cut
    pieces.append((piece_start, end))
    return [(a, b) for a, b in pieces if b > a]


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i].isspace():
        i += 1
    return i
