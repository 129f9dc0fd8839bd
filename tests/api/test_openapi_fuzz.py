"""Schemathesis over the live ``/openapi.json`` of real servers: no server error, no answer the document denies.

``schemathesis run`` goes over real HTTP, once per pass, with every check (server errors,
status codes, content types, headers, response schemas, rejection of invalid and acceptance
of valid data, the auth checks and so on), a bounded number of examples per operation, and
continues after failures; its JSON report is read back and must hold no failure and no error.
Settings and the few per-operation exceptions, each with its reason: ``schemathesis.toml``.

- Anonymous, against ``server``: the slice ingested with the real models, so ``/search`` runs
  its dense legs and entities exist. Every write is refused (401), so the session's shared
  data stays as the other tests expect it.
- With the bearer token, against a server of its own on a fresh store (reference data, no
  models), where PUT/POST/DELETE ``/store``, POST ``/update`` and ``/documents`` write freely.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TOKEN, running_server

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("schemathesis.toml")


def fuzz(url: str, report: Path, *, token: str | None = None) -> dict[str, Any]:
    """Run schemathesis against ``url`` and return its JSON report (the CLI's output is in assertion messages).

    It runs in the report's folder, where anything it leaves behind stays.
    """
    command = [sys.executable, "-c", "from schemathesis.cli import schemathesis; schemathesis()",
               "--config-file", str(CONFIG), "--no-color", "run", url + "/openapi.json", "--checks", "all",
               "--report", "json", "--report-json-path", str(report)]
    if token:
        command += ["--header", f"Authorization: Bearer {token}"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    run = subprocess.run(command, cwd=report.parent, env=env, capture_output=True, text=True, timeout=600)
    assert report.exists(), f"schemathesis wrote no report (exit {run.returncode}):\n{run.stdout}\n{run.stderr}"
    result: dict[str, Any] = json.loads(report.read_text())
    summary = run.stdout[run.stdout.find("FAILURES"):] if "FAILURES" in run.stdout else run.stdout[-3000:]
    assert not result["failures"] and not result["errors"], summary
    assert result["complete"] and result["exit_code"] == 0, summary
    operations = result["operations"]
    assert operations["tested"] == operations["total"] >= 16, operations
    assert result["test_cases"]["generated"] > 20 * operations["total"]
    return result


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A server on a fresh store of its own, for writes (cheap: reference data only, no models)."""
    from kg.settings import Settings

    settings = Settings(store=tmp_path_factory.mktemp("fuzz-store"), api_token=TOKEN, embedders=(),
                        query_timeout=10.0, anonymous_query_timeout=2.0, sparql_workers=1)
    with running_server(settings) as url:
        yield url


def test_anonymous_clients_get_no_server_error(server: str, tmp_path: Path) -> None:
    fuzz(server, tmp_path / "anonymous.json")


def test_the_token_holder_gets_no_server_error(own_server: str, tmp_path: Path) -> None:
    fuzz(own_server, tmp_path / "token.json", token=TOKEN)
