"""The OAS program summary sheet kind: a thin adapter over :mod:`ingest.sheets`.

The sheet rules themselves (layout, labels, fields, names, relations) live in
:mod:`ingest.sheets`; this package only presents them as a
:class:`~ingest.kinds.base.DocumentKind`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.gazetteer import Gazetteer
from ingest.kinds.base import KindFindings
from ingest.model import ResolutionHeader, Segment
from ingest.sheets.extract import extract_programs
from ingest.sheets.segment import looks_like_program_sheet, segment_sheet
from ontology.iri import Iris

#: Headings and field labels are strong evidence, but a resolution's own formula is stronger:
#: a resolution that also reads like a sheet stays a resolution.
CONFIDENCE = 0.8


class ProgramSheetKind:
    """:class:`~ingest.kinds.base.DocumentKind` of program summary sheets (several programs per file allowed).

    >>> t = ("PROGRAM SUMMARY\\n\\nThe Port Program helps ports.\\n\\nOBJECTIVES\\nTo help.\\n\\n"
    ...      "Donor Countries  Canada\\n")
    >>> PROGRAM_SHEET.detect(t, filename="port.txt"), PROGRAM_SHEET.header(t)
    (0.8, None)
    >>> found = PROGRAM_SHEET.extract(t, PROGRAM_SHEET.segment(t), language="en", gazetteer=Gazetteer([]),
    ...                               iris=Iris("https://policykg.org/"))
    >>> found.title, found.about
    ('Port Program', ('https://policykg.org/id/program/port-program',))
    """

    name = "program-sheet"

    def detect(self, text: str, *, filename: str) -> float:
        return CONFIDENCE if looks_like_program_sheet(text) else 0.0

    def segment(self, text: str) -> list[Segment]:
        return segment_sheet(text)

    def header(self, text: str) -> ResolutionHeader | None:
        return None

    def extract(self, text: str, segments: Sequence[Segment], *, language: str, gazetteer: Gazetteer,
                iris: Iris) -> KindFindings:
        """One program per block (``about[block]``), the organizations minted for its facts, and the facts."""
        entities, facts = extract_programs(text, list(segments), lang=language, gazetteer=gazetteer, iris=iris)
        programs = [e for e in entities if e.kind == "Program"]
        title = programs[0].labels[0][0] if programs else None
        return KindFindings(title=title, about=tuple(e.iri for e in programs), entities=tuple(entities),
                            facts=tuple(facts))


PROGRAM_SHEET = ProgramSheetKind()
