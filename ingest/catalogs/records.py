"""Catalog records from text: JSON Lines, a JSON array, or CSV, each record a flat dict of strings.

Pure functions over decoded text (the read step decodes the bytes). A record's value is read by
a field name, dotted for nested JSON objects (``evidence.rating``); lists become one string
joined with "; ". Anything malformed raises :class:`CatalogError` naming the line or record.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence

from ingest.catalogs.errors import CatalogError

Record = Mapping[str, object]
#: Catalog file formats by extension.
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}


def _jsonl(text: str) -> list[Record]:
    out: list[Record] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as e:
            raise CatalogError(f"line {n} is not JSON ({e.msg})") from None
        if not isinstance(value, dict):
            raise CatalogError(f"line {n} is not a JSON object")
        out.append(value)
    return out


def _json(text: str) -> list[Record]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        raise CatalogError(f"not JSON ({e.msg}, line {e.lineno})") from None
    if isinstance(value, dict):  # {"records": [...]}: an envelope with exactly one list of records
        lists = [v for v in value.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise CatalogError("a JSON catalog is an array of records, or an object holding exactly one array")
        value = lists[0]
    if not isinstance(value, list):
        raise CatalogError("a JSON catalog is an array of records")
    for n, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise CatalogError(f"record {n} is not a JSON object")
    return list(value)


def _csv(text: str) -> list[Record]:
    head = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(head, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames or len(set(reader.fieldnames)) != len(reader.fieldnames):
        raise CatalogError("a CSV catalog needs a header row of distinct field names")
    try:
        return [{k.strip(): v for k, v in row.items() if k is not None}
                for row in reader if any((v or "").strip() for v in row.values() if isinstance(v, str))]
    except csv.Error as e:
        raise CatalogError(f"CSV line {reader.line_num}: {e}") from None


def read_records(text: str, *, fmt: str) -> list[Record]:
    """Every record of a catalog in format ``fmt`` (``jsonl``, ``json`` or ``csv``). Pure.

    >>> read_records('{"title": "A"}\\n\\n{"title": "B"}\\n', fmt="jsonl")
    [{'title': 'A'}, {'title': 'B'}]
    >>> read_records('title;description\\nA;first\\n', fmt="csv")
    [{'title': 'A', 'description': 'first'}]
    >>> read_records('{"items": [{"title": "A"}]}', fmt="json")
    [{'title': 'A'}]
    >>> read_records('{"title": "A"}\\n[1]\\n', fmt="jsonl")
    Traceback (most recent call last):
    ingest.catalogs.errors.CatalogError: line 2 is not a JSON object
    """
    readers = {"jsonl": _jsonl, "json": _json, "csv": _csv}
    if fmt not in readers:
        raise CatalogError(f"unknown catalog format {fmt!r}")
    return readers[fmt](text)


def first_fields(text: str, *, fmt: str) -> list[str]:
    """The field names of a catalog's first record, read from as little of ``text`` as possible.

    For deciding whether a file is a catalog at all (a folder's other data files are not):
    an empty list when the text does not start like a catalog in ``fmt``.

    >>> first_fields('{"title": "A", "nested": {"x": 1}}\\n', fmt="jsonl")
    ['title', 'nested', 'nested.x']
    >>> first_fields('[{"title": "A"}, {"tit', fmt="json"), first_fields('{"items": [{"title": "A"}]}', fmt="json")
    (['title'], ['title'])
    >>> first_fields('file,title\\n', fmt="csv")
    ['file', 'title']
    """
    first: object = None
    try:
        if fmt == "jsonl":
            line = next((s for s in text.splitlines() if s.strip()), "")
            first = json.loads(line) if line else None
        elif fmt == "json":  # the first object inside the first array: a bare array, or an envelope's
            start = text.find("{", text.find("[") + 1)
            first = json.JSONDecoder().raw_decode(text, start)[0] if start >= 0 else None
        elif fmt == "csv":
            header = text.splitlines()[0] if text.strip() else ""
            return [h.strip() for h in next(csv.reader([header], csv.Sniffer().sniff(header, delimiters=",;\t")))]
    except (ValueError, csv.Error, StopIteration):
        return []
    return record_fields(first) if isinstance(first, dict) else []


def record_fields(record: Record) -> list[str]:
    """The field names of a record, nested ones dotted (``evidence.rating``)."""
    return _paths(record)


def _paths(record: Mapping[str, object], prefix: str = "") -> list[str]:
    out: list[str] = []
    for key, value in record.items():
        out.append(prefix + key)
        if isinstance(value, dict):
            out += _paths(value, prefix + key + ".")
    return out


def value_of(record: Record, field: str | None, *, where: str) -> str:
    """The string value of ``field`` (dotted for nested objects) in ``record``; "" when absent.

    >>> value_of({"a": {"b": 2}, "l": ["x", "y"]}, "a.b", where="record 1"), value_of({"l": ["x", "y"]}, "l", where="")
    ('2', 'x; y')
    """
    if field is None:
        return ""
    value: object = record
    for part in field.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return ""
        value = value[part]
    return _text(value, where=f"{where}, field {field!r}")


def _text(value: object, *, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    if isinstance(value, Sequence):
        return "; ".join(t for t in (_text(v, where=where) for v in value) if t)
    raise CatalogError(f"{where} is an object; map one of its fields (field.subfield) instead")
