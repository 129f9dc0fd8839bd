"""A tiny store for the bench tests: a few sample sheets ingested with use-m3 only (the fastest real encoder)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from kg.settings import Settings
from tests.conftest import SAMPLE


def tiny_store(root: Path, sheets: Sequence[str]) -> tuple[Settings, Path]:
    """Settings of a store under ``root`` holding ``sheets`` (names in the bundled sample), and their folder."""
    from ingest.pipeline import Ingestor
    from kg.workspace import Workspace

    folder = root / "sheets"
    folder.mkdir()
    for name in sheets:
        shutil.copy(SAMPLE / name, folder / name)
    settings = Settings(store=root / "store", embedders=("use-m3",), default_embedder="use-m3")
    ws = Workspace(settings)
    Ingestor(ws).ingest_paths([folder])
    ws.close()
    return settings, folder
