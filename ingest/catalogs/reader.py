"""Read a catalog file: its records, through its mapping, become the catalog's text (one document).

The read step (:mod:`ingest.read`) calls :func:`read_catalog` for ``.jsonl``, ``.json`` and
``.csv`` files, and asks :func:`is_catalog_file` whether a data file met while walking a folder
is a catalog at all: only a file with a mapping (its own, bundled, or the default) is read, so
a folder's other data files (``SOURCES.csv``) are left alone.
"""

from __future__ import annotations

from pathlib import Path

from ingest.catalogs.errors import CatalogError
from ingest.catalogs.mapping import CatalogMapping, choose_mapping, mapping_beside
from ingest.catalogs.records import FORMATS, first_fields, read_records, record_fields
from ingest.catalogs.text import render_catalog

#: Extensions of catalog files.
CATALOG_SUFFIXES = tuple(FORMATS)
#: How much of a file :func:`is_catalog_file` reads to see its first record's fields.
HEAD_BYTES = 1 << 20


def read_catalog(text: str, *, name: str, mapping: CatalogMapping | None = None) -> str:
    """The catalog's text from a catalog file's decoded ``text``; ``name`` is its file name. Pure.

    ``mapping`` is the file's own (from ``<stem>.policykg.toml``); without one, a bundled or the
    default mapping is chosen by the first record's fields. :class:`CatalogError` when none fits
    or a record cannot be read.

    >>> print(read_catalog('title,description,rating\\nLamps,Street lighting.,Effective\\n', name="demo.csv"))
    # policykg catalog: demo
    <BLANKLINE>
    Record: 1
    Title: Lamps
    Type: practice
    Rating: Effective
    Description: Street lighting.
    <BLANKLINE>
    """
    path = Path(name)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise CatalogError(f"not a catalog file extension: {path.suffix}")
    records = read_records(text, fmt=fmt)
    if not records:
        raise CatalogError("the catalog holds no records")
    if mapping is None:
        fields = record_fields(records[0])
        mapping = choose_mapping(fields, name=path.stem)
        if mapping is None:
            raise CatalogError(f"no mapping fits its fields ({', '.join(fields[:12])}); put one in "
                               f"{mapping_beside(path).name} (see README, \"Best practices\")")
    return render_catalog(records, mapping)


def is_catalog_file(path: Path) -> bool:
    """Whether a data file is a catalog we read: it has a mapping file beside it, or its fields pick one.

    Reads at most :data:`HEAD_BYTES`; a file that cannot be opened or parsed is not a catalog.
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        return False
    if mapping_beside(path).is_file():
        return True
    try:
        with path.open("rb") as f:
            head = f.read(HEAD_BYTES).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    return choose_mapping(first_fields(head, fmt=fmt), name=path.stem) is not None
