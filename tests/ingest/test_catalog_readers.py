"""Catalog readers: JSON Lines, JSON arrays and CSV through a mapping (their own, bundled or default).

Every catalog here is synthetic: made-up practices with made-up field names.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.kinds import detect_kind
from ingest.kinds.catalog import segment_catalog
from ingest.catalogs.errors import CatalogError
from ingest.catalogs.mapping import choose_mapping, parse_mapping
from ingest.catalogs.reader import is_catalog_file, read_catalog
from ingest.catalogs.text import parse_catalog_text
from ingest.read import collect_paths, read_bytes, read_path
from kg.errors import BadInput

RECORDS = [
    {"title": "Lantern Streets", "description": "Brighter lamps on dark estates reduce burglary.",
     "rating": "Effective - One study", "country": "Canada", "population": "Residents of estates"},
    {"title": "Youth Kitchens", "description": "Cooking clubs for young people at risk.\n\nRun after school.",
     "rating": "Promising (Delinquency | Self-reported offending); No Effects (School attendance)"},
]

TOOLBOX_CSV = (
    "Nombre;Resumen;Nivel;País;Tipo;Enfoque\n"
    "Patrullas de barrio;Patrullas a pie en zonas calientes.;Strong evidence (Robos);México;intervención;\n"
    "Patrulla Norte;Un programa local de patrullas a pie.;Moderate evidence;Chile;programa local;Patrullas de barrio\n"
)
TOOLBOX_MAPPING = """
name = "Caja de herramientas"
[fields]
title = "Nombre"
description = "Resumen"
rating = "Nivel"
country = "País"
type = "Tipo"
practice = "Enfoque"
[types]
program = ["programa local"]
[levels]
"Strong evidence" = "effective"
"Moderate evidence" = "promising"
"""


def catalog_text(name: str, data: str, **kw: object) -> str:
    return read_catalog(data, name=name, **kw)  # type: ignore[arg-type]


def test_json_lines_with_default_mapping_keeps_every_record_and_field() -> None:
    text = catalog_text("demo.jsonl", "\n".join(json.dumps(r) for r in RECORDS))
    catalog = parse_catalog_text(text, passage_fields=("description", "population", "setting"))
    assert catalog.name == "demo"
    assert [r.value(text, "title") for r in catalog.records] == ["Lantern Streets", "Youth Kitchens"]
    # values are one line each: the blank line inside a description does not end the record
    assert catalog.records[1].value(text, "description") == "Cooking clubs for young people at risk. Run after school."
    assert catalog.records[0].value(text, "country") == "Canada"
    assert detect_kind(text, filename="demo.jsonl").name == "practice"


def test_json_array_and_an_envelope_read_the_same_records() -> None:
    bare = catalog_text("demo.json", json.dumps(RECORDS))
    wrapped = catalog_text("demo.json", json.dumps({"items": RECORDS, "version": 2}))
    assert bare == wrapped == catalog_text("demo.jsonl", "\n".join(json.dumps(r) for r in RECORDS))


def test_csv_with_other_field_names_reads_through_its_mapping() -> None:
    mapping = parse_mapping(TOOLBOX_MAPPING, name="toolbox")
    text = catalog_text("toolbox.csv", TOOLBOX_CSV, mapping=mapping)
    catalog = parse_catalog_text(text, passage_fields=("description",))
    assert catalog.name == "Caja de herramientas"
    assert catalog.levels == {"strong evidence": "effective", "moderate evidence": "promising"}
    first, second = catalog.records
    assert (first.value(text, "title"), first.value(text, "type")) == ("Patrullas de barrio", "practice")
    assert (second.value(text, "type"), second.value(text, "practice")) == ("program", "Patrullas de barrio")
    assert second.value(text, "rating") == "Moderate evidence"


def test_without_a_mapping_other_field_names_are_refused_by_name() -> None:
    with pytest.raises(CatalogError, match="no mapping fits its fields .*toolbox.policykg.toml"):
        catalog_text("toolbox.csv", TOOLBOX_CSV)


def test_every_record_is_a_block_of_passages_with_its_id_as_label() -> None:
    text = catalog_text("demo.jsonl", "\n".join(json.dumps(r) for r in RECORDS))
    segments = segment_catalog(text)
    assert [(s.kind, s.label, s.block) for s in segments] == [
        ("fields", "1", 0), ("description", "1", 0), ("population", "1", 0),
        ("fields", "2", 1), ("description", "2", 1)]
    assert text[segments[0].start:segments[0].end].startswith("Title: Lantern Streets\n")
    assert all(a.end <= b.start for a, b in zip(segments, segments[1:]))


@pytest.mark.parametrize(("data", "message"), [
    ('{"title": "A", "description": "x"}\n{"description": "no title"}\n', "record 2 .* has no title"),
    ('{"id": "a", "title": "A", "description": "x"}\n{"id": "a", "title": "B", "description": "y"}\n',
     "the id 'a' is given to an earlier record"),
    ('{"title": "A", "description": "x", "rating": "Rather good"}\n', "does not start with an evidence level"),
    ('{"title": "A", "description": "x"}\nnot json\n', "line 2 is not JSON"),
    ('{"title": "A", "description": {"en": "x"}}\n', "is an object; map one of its fields"),
])
def test_a_record_we_cannot_take_refuses_the_whole_file(data: str, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        catalog_text("bad.jsonl", data)


def test_read_step_reads_catalogs_and_names_the_file_when_it_refuses(tmp_path: Path) -> None:
    doc = read_bytes("\n".join(json.dumps(r) for r in RECORDS).encode(), name="demo.jsonl")
    assert doc.media_type == "application/jsonl" and doc.source == "demo"
    with pytest.raises(BadInput, match=r"^bad.jsonl: cannot read as JSON Lines catalog: record 2 .* no title"):
        read_bytes(b'{"title": "A", "description": "x"}\n{"description": "no title at all"}\n', name="bad.jsonl")
    (tmp_path / "toolbox.csv").write_text(TOOLBOX_CSV, encoding="utf-8")
    (tmp_path / "toolbox.policykg.toml").write_text(TOOLBOX_MAPPING, encoding="utf-8")
    assert "Title: Patrulla Norte" in read_path(tmp_path / "toolbox.csv", max_bytes=10_000).text
    (tmp_path / "toolbox.policykg.toml").write_text("[fields]\nheadline = 'Nombre'\n", encoding="utf-8")
    with pytest.raises(BadInput, match="its mapping toolbox.policykg.toml: .*unknown policykg field"):
        read_path(tmp_path / "toolbox.csv", max_bytes=10_000)


def test_folder_walk_takes_catalogs_and_leaves_other_data_files(tmp_path: Path) -> None:
    (tmp_path / "demo.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS), encoding="utf-8")
    (tmp_path / "toolbox.csv").write_text(TOOLBOX_CSV, encoding="utf-8")
    (tmp_path / "toolbox.policykg.toml").write_text(TOOLBOX_MAPPING, encoding="utf-8")
    (tmp_path / "SOURCES.csv").write_text("file,title,licence\na.txt,A law,public\n", encoding="utf-8")
    (tmp_path / "settings.json").write_text('{"colour": "blue"}', encoding="utf-8")
    assert [p.name for p in collect_paths([tmp_path])] == ["demo.jsonl", "toolbox.csv"]
    assert not is_catalog_file(tmp_path / "SOURCES.csv")
    assert collect_paths([tmp_path / "SOURCES.csv"]) == [tmp_path / "SOURCES.csv"]  # named alone: read, and refused


def test_bundled_mapping_is_chosen_by_its_field_set() -> None:
    fields = ["id", "title", "profile_type", "rating", "description", "source_url", "licence"]
    assert choose_mapping(fields, name="anything").name == "CrimeSolutions"
    assert choose_mapping(["id", "title", "description"], name="mine").name == "mine"
