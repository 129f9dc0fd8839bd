"""``policykg sparql`` takes the same path as ``/sparql`` (:func:`kg.sparql.run.run_query`): guard and row-cap policy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

POLICYKG = Path(sys.executable).with_name("policykg")
EVERYTHING = "SELECT ?s WHERE { ?s ?p ?o }"


def run_sparql(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "POLICYKG_EMBEDDERS": "", "POLICYKG_MAX_ROWS": "2", "COLUMNS": "1000"}
    environment.pop("POLICYKG_STORE", None)
    return subprocess.run([str(POLICYKG), "--store", str(store), "sparql", *args], capture_output=True, text=True,
                          timeout=120, env=environment)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-sparql")  # the reference graphs are loaded on first use


@pytest.mark.parametrize("args, code, stdout_lines, stderr_says", [
    ((EVERYTHING,), 2, 0, "more than 2 rows"),
    ((EVERYTHING, "--truncate"), 0, 3, "results cut at 2 rows"),  # the header and the first two rows
    (("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",), 2, 0, "SERVICE"),
    ((EVERYTHING, "--format", "turtle"), 2, 0, "--format"),
])
def test_the_cli_query_is_checked_and_capped(store: Path, args: tuple[str, ...], code: int, stdout_lines: int,
                                             stderr_says: str) -> None:
    done = run_sparql(store, *args)
    assert done.returncode == code, done.stderr
    assert len(done.stdout.splitlines()) == stdout_lines and stderr_says in done.stderr, (done.stdout, done.stderr)
