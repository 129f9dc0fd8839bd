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
    return sorted(str(q) for q in ws.store.raw)


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
