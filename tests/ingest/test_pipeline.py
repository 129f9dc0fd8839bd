"""The pipeline on a real store: all or nothing, skip unchanged, replace changed, recover from a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.pipeline import Ingestor
from kg.errors import BadInput
from kg.settings import Settings
from kg.workspace import Workspace

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture()
def ws(tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace = Workspace(Settings(store=tmp_path / "store", embedders=("use-m3",), default_embedder="use-m3"))
    yield workspace
    workspace.close()


def snapshot(ws: Workspace) -> list[str]:
    """Every quad of the named graphs, and every triple of the default graph (their union)."""
    union = ws.store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    return sorted(str(q) for q in ws.store.quads()) + sorted(" ".join(map(str, row)) for row in union)


def test_a_bad_file_aborts_the_whole_run(ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "pacam.txt").write_bytes((SAMPLE / "pacam.txt").read_bytes())
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    before = snapshot(ws)
    with pytest.raises(BadInput, match="scan.pdf"):
        Ingestor(ws).ingest_paths([folder])
    assert snapshot(ws) == before
    report = Ingestor(ws).ingest_paths([folder], skip_bad=True)
    assert report.added == ["pacam"] and [f for f, _ in report.failed] == [str(folder / "scan.pdf")]


def test_unchanged_is_skipped_and_changed_replaces_only_its_graph(ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("pacam.txt", "gelavex.txt"):
        (folder / name).write_bytes((SAMPLE / name).read_bytes())
    ingestor = Ingestor(ws)
    first = ingestor.ingest_paths([folder])
    assert sorted(first.added) == ["gelavex", "pacam"]
    graphs = set(ws.document_graphs())
    again = ingestor.ingest_paths([folder])
    assert sorted(again.skipped) == ["gelavex", "pacam"] and not again.added
    (folder / "pacam.txt").write_text((SAMPLE / "pacam.txt").read_text() + "\nNuevo resultado en Panamá.\n")
    third = ingestor.ingest_paths([folder])
    assert third.replaced == ["pacam"] and third.skipped == ["gelavex"]
    now = set(ws.document_graphs())
    assert len(now) == 2 and len(now & graphs) == 1
    assert any("Panamá" in r.text for r in ws.passages().rows)


def test_indexes_are_rebuilt_when_they_disagree_with_the_store(ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "mispa.txt").write_bytes((SAMPLE / "mispa.txt").read_bytes())
    Ingestor(ws).ingest_paths([folder])
    rows = len(ws.passages().rows)
    # Simulate a crash after the store commit and before the index publish: the store moves on alone.
    graph = ws.document_graphs()[0]
    ws.store.replace_graphs({}, drop=[graph])
    assert ws.passages().rows == []
    # And the other way: indexes lost entirely.
    Ingestor(ws).ingest_paths([folder])
    os.unlink(ws.index_root / "current")
    ws._passages = None
    assert len(ws.passages().rows) == rows


def test_delete_removes_a_document_and_its_passages(ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gelavex.txt").write_bytes((SAMPLE / "gelavex.txt").read_bytes())
    ingestor = Ingestor(ws)
    ingestor.ingest_paths([folder])
    ingestor.delete("gelavex")
    assert ws.document_graphs() == [] and ws.passages().rows == []


@pytest.fixture()
def light_ws(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A workspace without embedders: the pipeline's decisions, without loading a model."""
    workspace = Workspace(Settings(store=tmp_path / "light-store", embedders=()))
    yield workspace
    workspace.close()


@pytest.mark.parametrize(("runs", "stored", "duplicates"), [
    # one run: the first file of the content (in path order) is kept, the other is named with it
    ([[("a-copy.txt", "pacam"), ("pacam.txt", "pacam"), ("gelavex.txt", "gelavex")]],
     {"a-copy", "gelavex"}, [("pacam", "a-copy")]),
    # a later run: the stored document keeps the content, the new name is a duplicate of it
    ([[("pacam.txt", "pacam")], [("copy.txt", "pacam"), ("gelavex.txt", "gelavex")]],
     {"pacam", "gelavex"}, [("copy", "pacam")]),
    # a stored name whose new content is another stored document's: neither is touched
    ([[("pacam.txt", "pacam"), ("gelavex.txt", "gelavex")], [("gelavex.txt", "pacam")]],
     {"pacam", "gelavex"}, [("gelavex", "pacam")]),
])
def test_one_content_under_two_names_is_stored_once_and_reported(
        light_ws: Workspace, tmp_path: Path, runs: list[list[tuple[str, str]]], stored: set[str],
        duplicates: list[tuple[str, str]]) -> None:
    ingestor = Ingestor(light_ws)
    reports = []
    for n, run in enumerate(runs):
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        for name, sample in run:
            (folder / name).write_bytes((SAMPLE / f"{sample}.txt").read_bytes())
        reports.append(ingestor.ingest_paths([folder]))
    assert set(ingestor.stored()) == stored
    last = reports[-1]
    assert [(d.source, d.same_as) for d in last.duplicates] == duplicates
    assert not last.failed
    for d in last.duplicates:  # named with both files
        assert d.path.endswith(f"{d.source}.txt") and d.same_as_path and d.same_as_path.endswith(f"{d.same_as}.txt")
    pacam = SAMPLE.joinpath("pacam.txt").read_text()
    assert sum(r.text in pacam for r in light_ws.passages().rows) >= 1
    assert len({doc.graph for doc in ingestor.stored().values()}) == len(stored)


def test_an_upload_of_stored_content_under_another_name_is_a_conflict(light_ws: Workspace) -> None:
    from ingest.read import read_bytes
    from kg.errors import Conflict

    ingestor = Ingestor(light_ws)
    data = (SAMPLE / "pacam.txt").read_bytes()
    assert ingestor.ingest_upload(read_bytes(data, name="pacam.txt")).added == ["pacam"]
    before = snapshot(light_ws)
    with pytest.raises(Conflict, match=r"copy.txt: the same content is already stored as document 'pacam'") as caught:
        ingestor.ingest_upload(read_bytes(data, name="copy.txt"))
    assert caught.value.extensions["document"] == "pacam"
    assert snapshot(light_ws) == before
    assert ingestor.ingest_upload(read_bytes(data, name="pacam.txt")).skipped == ["pacam"]
