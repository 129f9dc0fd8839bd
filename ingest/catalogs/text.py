"""The catalog's text: records written out under policykg's field names, and read back with spans.

A catalog file (JSON Lines, JSON, CSV) is stored as one document whose text is this rendering:
a header line naming the catalog, then one block per record, one ``Label: value`` line per
field, values on one line (white space collapsed). Its content hash is the document's identity,
so a changed record, or a changed mapping, makes a changed document. The kind reads the text back
with exact spans, so every passage and fact points at the record and field it came from::

    # policykg catalog: CrimeSolutions

    Record: cs-practice-13
    Title: Neighborhood Watch
    Type: practice
    Rating: Promising (Crime & Delinquency | Multiple crime/offense types)
    Description: Also known as block watch, ...
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.catalogs.errors import CatalogError
from ingest.catalogs.levels import scheme_levels
from ingest.catalogs.mapping import FIELDS, CatalogMapping
from ingest.catalogs.rating import parse_rating
from ingest.catalogs.records import Record, value_of
from ontology.folding import fold

HEADER = "# policykg catalog: "
LEVELS = "Levels: "
#: The line label of each policykg field ("id" opens a record).
LABELS = {"id": "Record", "title": "Title", "type": "Type", "rating": "Rating", "country": "Country",
          "practice": "Practice", "source": "Source", "description": "Description", "population": "Population",
          "setting": "Setting"}
FIELD_OF = {label: field for field, label in LABELS.items()}
LINE = re.compile(r"^([A-Z][a-z]+): (.*)$", re.M)


def one_line(value: str) -> str:
    """White space (newlines too) collapsed to single spaces: a value is one line of the text.

    >>> one_line("  two\\n\\nparagraphs ")
    'two paragraphs'
    """
    return " ".join(value.split())


def render_catalog(records: Sequence[Record], mapping: CatalogMapping) -> str:
    """The text of a catalog; :class:`CatalogError` naming the record for one we cannot take. Pure.

    Every record needs a title; ids (the record number when the catalog has none) are unique;
    a rating must start with an evidence level (the scheme's words or the mapping's ``[levels]``).

    >>> from ingest.catalogs.mapping import default_mapping
    >>> print(render_catalog([{"title": "Street lighting", "rating": "Effective", "description": "Lamps."}],
    ...                      default_mapping("demo")))
    # policykg catalog: demo
    <BLANKLINE>
    Record: 1
    Title: Street lighting
    Type: practice
    Rating: Effective
    Description: Lamps.
    <BLANKLINE>
    """
    if not records:
        raise CatalogError("the catalog holds no records")
    levels = {**scheme_levels(), **dict(mapping.levels)}
    lines = [HEADER + one_line(mapping.name)]
    if mapping.levels:
        lines.append(LEVELS + "; ".join(f"{word} = {slug}" for word, slug in mapping.levels))
    seen: set[str] = set()
    for n, record in enumerate(records, start=1):
        where = f"record {n}"
        values = {f: one_line(value_of(record, mapping.field(f), where=where)) for f in FIELDS}
        values["id"] = values["id"] or str(n)
        where = f"record {n} ({values['id']})"
        if not values["title"]:
            raise CatalogError(f"{where} has no title (field {mapping.field('title')!r})")
        if values["id"] in seen:
            raise CatalogError(f"{where}: the id {values['id']!r} is given to an earlier record too")
        seen.add(values["id"])
        values["type"] = "program" if fold(values["type"]).strip() in mapping.program_types else "practice"
        if values["rating"]:
            try:
                parse_rating(values["rating"], levels=levels)
            except CatalogError as e:
                raise CatalogError(f"{where}: {e}") from None
        lines.append("")
        lines.extend(f"{LABELS[f]}: {values[f]}" for f in FIELDS if values[f])
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class RecordText:
    """One record of a catalog's text: each field's value span, and the span of its field lines."""

    index: int  # 0-based position in the catalog
    id: str
    fields: dict[str, tuple[int, int]]
    start: int  # the record's "fields" lines: from Title to the last field that is not a passage of its own
    end: int

    def value(self, text: str, field: str) -> str:
        a, b = self.fields.get(field, (0, 0))
        return text[a:b]


@dataclass(frozen=True)
class CatalogText:
    name: str
    levels: dict[str, str]  # the catalog's own words (folded) → level slug, beyond the scheme's
    records: tuple[RecordText, ...]


def is_catalog_text(text: str) -> bool:
    """Whether ``text`` is a catalog's text (its first line names a catalog, and a record follows).

    >>> is_catalog_text("# policykg catalog: demo\\n\\nRecord: 1\\nTitle: A\\n"), is_catalog_text("Title: A")
    (True, False)
    """
    return text.startswith(HEADER) and "\nRecord: " in text


def parse_catalog_text(text: str, *, passage_fields: Sequence[str]) -> CatalogText:
    """The records of a catalog's text with the span of every value. Pure; the inverse of :func:`render_catalog`.

    ``passage_fields`` are the fields kept out of the record's "fields" span.

    >>> t = "# policykg catalog: demo\\n\\nRecord: 1\\nTitle: A\\nType: practice\\nDescription: Lamps.\\n"
    >>> c = parse_catalog_text(t, passage_fields=["description"])
    >>> c.name, [(r.id, r.value(t, "title"), t[r.start:r.end], r.value(t, "description")) for r in c.records]
    ('demo', [('1', 'A', 'Title: A\\nType: practice', 'Lamps.')])
    """
    first = text.split("\n", 1)[0]
    name = first[len(HEADER):].strip() if first.startswith(HEADER) else ""
    levels: dict[str, str] = {}
    records: list[RecordText] = []
    current: dict[str, tuple[int, int]] | None = None
    bounds: list[tuple[int, int]] = []  # per record: its field lines outside the passage fields

    def close() -> None:
        if current is not None and "id" in current:
            a, b = current["id"]
            start, end = (min(s for s, _ in bounds), max(e for _, e in bounds)) if bounds else (a, b)
            records.append(RecordText(len(records), text[a:b], dict(current), start, end))

    for m in LINE.finditer(text):
        label, (a, b) = m.group(1), m.span(2)
        if label + ": " == LEVELS and current is None:
            for pair in text[a:b].split(";"):
                word, _, slug = pair.partition("=")
                levels[fold(word).strip()] = slug.strip()
            continue
        field = FIELD_OF.get(label)
        if field is None:
            continue
        if field == "id":
            close()
            current, bounds = {}, []
        if current is None:
            continue
        current[field] = (a, b)
        if field not in passage_fields and field != "id":
            bounds.append((m.start(), b))
    close()
    return CatalogText(name, levels, tuple(records))
