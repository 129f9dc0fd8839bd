"""The fallback kind ("other"): blank-line paragraphs, long ones split at sentence ends; nothing kind-specific.

Chosen for a text that no other kind recognises with confidence (see :func:`ingest.kinds.detect_kind`);
it never claims a text itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.gazetteer import Gazetteer
from ingest.kinds.base import KindFindings
from ingest.model import ResolutionHeader, Segment
from ingest.spans import split_long, trim_span
from ontology.iri import Iris

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def segment_paragraphs(text: str, *, kind: str = "other") -> list[Segment]:
    """Blank-line separated paragraphs, whitespace trimmed, long ones split.

    >>> t = "First paragraph.\\n\\n  Second one.  \\n"
    >>> [(s.kind, t[s.start:s.end]) for s in segment_paragraphs(t)]
    [('other', 'First paragraph.'), ('other', 'Second one.')]
    """
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


class GenericKind:
    """:class:`~ingest.kinds.base.DocumentKind` of everything else: paragraphs and no kind-specific facts."""

    name = "other"

    def detect(self, text: str, *, filename: str) -> float:
        return 0.0

    def segment(self, text: str) -> list[Segment]:
        return segment_paragraphs(text)

    def header(self, text: str) -> ResolutionHeader | None:
        return None

    def extract(self, text: str, segments: Sequence[Segment], *, language: str, gazetteer: Gazetteer,
                iris: Iris) -> KindFindings:
        return KindFindings()


GENERIC = GenericKind()
