"""The catalog kind ("practice"): a catalog of evidence-rated practices, one document per catalog file.

Design: a catalog file (JSON Lines, JSON array, CSV) is read through its field mapping
(:mod:`~ingest.catalogs.mapping`) into one text (:mod:`~ingest.catalogs.text`) and
stored as one document with one named graph, like every other file: re-ingesting a changed
catalog replaces all its records at once, deleting it removes them, and a record that cannot be
read refuses the whole file before anything is written. Inside, each record is a block: a
"fields" passage (title, type, rating, country, source), then a passage per description,
population and setting (long ones split), each labelled with the record's id (``pkg:section``
"description cs-practice-13") and mentioning the record's practice; what the records state is
read by :mod:`~ingest.kinds.catalog.findings`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.gazetteer import Gazetteer
from ingest.kinds.base import KindFindings
from ingest.kinds.catalog.findings import catalog_findings
from ingest.catalogs.mapping import PASSAGE_FIELDS
from ingest.catalogs.text import is_catalog_text, parse_catalog_text
from ingest.model import ResolutionHeader, Segment
from ingest.spans import split_long, trim_span
from ontology.iri import Iris


def segment_catalog(text: str) -> list[Segment]:
    """Per record: its "fields" passage, then one passage per passage field (long ones split). Pure.

    A text with no records (never one our reader wrote) is one passage, split where long.

    >>> t = "# policykg catalog: demo\\n\\nRecord: a1\\nTitle: A\\nDescription: Lamps.\\nSetting: Streets\\n"
    >>> [(s.kind, s.label, s.block, t[s.start:s.end]) for s in segment_catalog(t)]
    [('fields', 'a1', 0, 'Title: A'), ('description', 'a1', 0, 'Lamps.'), ('setting', 'a1', 0, 'Streets')]
    """
    out: list[Segment] = []
    for r in parse_catalog_text(text, passage_fields=PASSAGE_FIELDS).records:
        spans = [("fields", (r.start, r.end))] + [(f, r.fields[f]) for f in PASSAGE_FIELDS if f in r.fields]
        for kind, (a, b) in sorted(spans, key=lambda s: s[1][0]):
            out.extend(Segment(kind, x, y, r.id, r.index) for x, y in split_long(text, a, b))
    if not out:
        a, b = trim_span(text, 0, len(text))
        out = [Segment("other", x, y) for x, y in split_long(text, a, b) if y > x]
    return out


class CatalogKind:
    """:class:`~ingest.kinds.base.DocumentKind` of evidence catalogs, recorded as document type ``practice``.

    >>> t = ("# policykg catalog: demo\\n\\nRecord: 1\\nTitle: Street Lighting\\nRating: Effective (Crime)\\n"
    ...      "Description: Better lamps on estates.\\n")
    >>> CATALOG.detect(t, filename="demo.jsonl"), CATALOG.detect("Title: A", filename="a.txt")
    (1.0, 0.0)
    >>> found = CATALOG.extract(t, CATALOG.segment(t), language="en", gazetteer=Gazetteer([]),
    ...                         iris=Iris("https://policykg.org/"))
    >>> found.title, found.about
    ('demo', ('https://policykg.org/id/practice/street-lighting',))
    """

    name = "practice"

    def detect(self, text: str, *, filename: str) -> float:
        # The catalog's text is written by our own reader: its header is certain evidence.
        return 1.0 if is_catalog_text(text) else 0.0

    def segment(self, text: str) -> list[Segment]:
        return segment_catalog(text)

    def header(self, text: str) -> ResolutionHeader | None:
        return None

    def extract(self, text: str, segments: Sequence[Segment], *, language: str, gazetteer: Gazetteer,
                iris: Iris) -> KindFindings:
        catalog = parse_catalog_text(text, passage_fields=PASSAGE_FIELDS)
        return catalog_findings(text, catalog, segments, language=language, gazetteer=gazetteer, iris=iris)


CATALOG = CatalogKind()
