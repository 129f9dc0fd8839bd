"""The UN Security Council resolution kind: header, preamble and operative passages; the resolution itself.

Recognising and cutting the texts is :mod:`ingest.kinds.resolution.segment`; reading the
header is :mod:`ingest.kinds.resolution.header`. What the kind adds to a document: the
resolution as an entity (number, year, date, symbol), which it is about and which cites
every instrument the text references.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.gazetteer import Gazetteer
from ingest.kinds.base import KindFindings
from ingest.kinds.resolution.header import parse_header
from ingest.kinds.resolution.segment import resolution_confidence, segment_resolution
from ingest.model import NewEntity, ResolutionHeader, Segment
from ingest.references import unsc_symbol
from ontology.iri import Iris


class ResolutionKind:
    """:class:`~ingest.kinds.base.DocumentKind` of Security Council resolutions.

    >>> t = ("Resolution 660 (1990)\\nof 2 August 1990\\n\\nThe Security Council,\\n\\n"
    ...      "Alarmed by the invasion,\\n\\n1. Condemns it;\\n")
    >>> RESOLUTION.detect(t, filename="S_RES_0660_1990_EN.txt"), [s.kind for s in RESOLUTION.segment(t)]
    (1.0, ['header', 'preamble', 'operative'])
    >>> found = RESOLUTION.extract(t, RESOLUTION.segment(t), language="en", gazetteer=Gazetteer([]),
    ...                            iris=Iris("https://policykg.org/"))
    >>> found.title, found.instrument
    ('S/RES/660 (1990)', 'https://policykg.org/id/instrument/unsc-res-660-1990')
    """

    name = "resolution"

    def detect(self, text: str, *, filename: str) -> float:
        return resolution_confidence(text)

    def segment(self, text: str) -> list[Segment]:
        return segment_resolution(text)

    def header(self, text: str) -> ResolutionHeader | None:
        return parse_header(text)

    def extract(self, text: str, segments: Sequence[Segment], *, language: str, gazetteer: Gazetteer,
                iris: Iris) -> KindFindings:
        """The resolution itself, from its header; nothing when the header cannot be read."""
        header = parse_header(text)
        if header is None:
            return KindFindings()
        iri = iris.unsc_resolution(header.number, header.year)
        title = unsc_symbol(header.number, header.year)
        extra: tuple[tuple[str, str | int], ...] = (
            ("number", header.number), ("issuedBy", iris.org("unsc")), ("symbol", title))
        if header.year:
            extra += (("year", header.year),)
        if header.date:
            extra += (("date", header.date),)
        entity = NewEntity(iri, "Resolution", ((title, ""),), None, header.start, header.end, extra)
        return KindFindings(header=header, title=title, instrument=iri, about=(iri,), entities=(entity,))


RESOLUTION = ResolutionKind()
