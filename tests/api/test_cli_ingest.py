"""``policykg ingest`` as a user runs it (a subprocess): duplicates and oversized files are named, not fatal.

Light settings through the environment (no embedders), a fresh store per test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE

POLICYKG = Path(sys.executable).with_name("policykg")


def run_ingest(store: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "POLICYKG_EMBEDDERS": "", "COLUMNS": "1000", **env}
    environment.pop("POLICYKG_STORE", None)
    return subprocess.run([str(POLICYKG), "--store", str(store), "ingest", *args], capture_output=True, text=True,
                          timeout=300, env=environment)


def stored_sources(store: Path) -> set[str]:
    from ingest.pipeline import Ingestor
    from kg.settings import Settings
    from kg.workspace import Workspace

    ws = Workspace(Settings(store=store, embedders=()), read_only=True)
    try:
        return set(Ingestor(ws).stored())
    finally:
        ws.close()


def folder_of(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_two_files_with_the_same_content_are_named_and_the_rest_is_ingested(tmp_path: Path) -> None:
    pacam = (SAMPLE / "pacam.txt").read_bytes()
    folder = folder_of(tmp_path, {"pacam.txt": pacam, "pacam_[copy].txt": pacam,
                                  "gelavex.txt": (SAMPLE / "gelavex.txt").read_bytes()})
    run = run_ingest(tmp_path / "store", str(folder))  # the first in path order is kept
    assert run.returncode == 0, run.stderr
    duplicate = next(line for line in run.stderr.splitlines() if line.startswith("duplicate"))
    assert str(folder / "pacam_[copy].txt") in duplicate and str(folder / "pacam.txt") in duplicate
    assert "added 2" in run.stderr and "1 duplicates" in run.stderr
    assert stored_sources(tmp_path / "store") == {"pacam", "gelavex"}
    again = run_ingest(tmp_path / "store", str(folder), "--json")  # a re-run: the same answer, nothing changes
    assert again.returncode == 0 and '"same_as": "pacam"' in again.stdout
    assert str(folder / "pacam_[copy].txt") in again.stderr


@pytest.mark.parametrize(("options", "status", "stored"), [
    ((), 2, set()),  # all or nothing: the oversized file stops the run before anything is stored
    (("--skip-bad",), 1, {"gelavex"}),  # the rest is stored, the refused file is reported
])
def test_a_file_past_the_size_limit_is_refused_by_name(tmp_path: Path, options: tuple[str, ...], status: int,
                                                       stored: set[str]) -> None:
    big = (SAMPLE / "pacam.txt").read_bytes() * 40  # ~114 kB of real text: it would ingest, slowly
    folder = folder_of(tmp_path, {"big.txt": big, "gelavex.txt": (SAMPLE / "gelavex.txt").read_bytes()})
    run = run_ingest(tmp_path / "store", str(folder), *options, POLICYKG_MAX_DOCUMENT_BYTES="100000")
    assert run.returncode == status, run.stderr
    assert f"{folder / 'big.txt'} is larger than the 100000-byte limit" in run.stderr
    assert stored_sources(tmp_path / "store") == stored
