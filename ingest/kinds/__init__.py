"""Document kinds: the one registry table, and the dispatch that picks a document's kind.

Each kind is a package under ``ingest/kinds/`` implementing :class:`~ingest.kinds.base.DocumentKind`
(detect with a confidence, segment, header, extract). Adding a kind is one new package and
one row in :data:`KINDS`; the pipeline knows kinds only through this module.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.kinds.base import DocumentKind, KindFindings
from ingest.kinds.catalog import CATALOG
from ingest.kinds.generic import GENERIC
from ingest.kinds.law import LAW
from ingest.kinds.program_sheet import PROGRAM_SHEET
from ingest.kinds.resolution import RESOLUTION

__all__ = ["KINDS", "FALLBACK", "MIN_CONFIDENCE", "DocumentKind", "KindFindings", "detect_kind"]

#: Every document kind. Their order does not matter: a tie goes to :data:`FALLBACK`.
KINDS: tuple[DocumentKind, ...] = (RESOLUTION, PROGRAM_SHEET, LAW, CATALOG, GENERIC)
#: The kind of a text no other kind recognises with confidence.
FALLBACK: DocumentKind = GENERIC
#: Below this confidence a kind does not claim a text.
MIN_CONFIDENCE = 0.5


def detect_kind(text: str, *, filename: str = "", kinds: Sequence[DocumentKind] = KINDS) -> DocumentKind:
    """The kind of ``kinds`` most confident that ``text`` is one of its own.

    :data:`FALLBACK` when none reaches :data:`MIN_CONFIDENCE` or when the most confident two
    are equally sure. Pure; the cost of every kind's ``detect``.

    >>> detect_kind("Resolution 660 (1990)\\nof 2 August 1990\\n\\nThe Security Council,\\n").name
    'resolution'
    >>> detect_kind("PROGRAM SUMMARY\\nOBJECTIVES\\nDonor Countries\\nLink to web page\\n").name
    'program-sheet'
    >>> detect_kind("A short note about nothing in particular.").name
    'other'
    """
    scored = sorted(((kind.detect(text, filename=filename), n) for n, kind in enumerate(kinds)), reverse=True)
    if not scored or scored[0][0] < MIN_CONFIDENCE or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return FALLBACK
    return kinds[scored[0][1]]

