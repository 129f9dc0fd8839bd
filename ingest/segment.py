"""Segment step: pick the segmenter for the document's kind; generic paragraphs otherwise."""

from __future__ import annotations

import re

from ingest.model import Segment

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
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


def segment_paragraphs(text: str, *, kind: str = "other") -> list[Segment]:
    """Blank-line separated paragraphs, whitespace trimmed, long ones split."""
    segments: list[Segment] = []
    pos = 0
    for m in list(PARAGRAPH_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        a, b = trim_span(text, pos, end)
        if b - a >= 3:
            for x, y in split_long(text, a, b):
                segments.append(Segment(kind, x, y))
        pos = m.end() if m else len(text)
    return segments


def classify(text: str) -> str:
    """``resolution``, ``program-sheet`` or ``other``."""
    from ingest.resolutions import looks_like_resolution
    from ingest.sheets.segment import looks_like_program_sheet

    if looks_like_resolution(text):
        return "resolution"
    if looks_like_program_sheet(text):
        return "program-sheet"
    return "other"


def segment(text: str, kind: str) -> list[Segment]:
    if kind == "resolution":
        from ingest.resolutions import segment_resolution

        return segment_resolution(text)
    if kind == "program-sheet":
        from ingest.sheets.segment import segment_sheet

        return segment_sheet(text)
    return segment_paragraphs(text)
