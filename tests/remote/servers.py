"""Real SPARQL servers for the remote-store tests: started on free loopback ports in temp dirs, stopped after.

A missing server program fails the test with what to install (CI installs both: ``make install-dev``
brings the ``oxigraph`` package, the Makefile's test setup Debian's ``virtuoso-opensource``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Endpoints:
    """Where a server answers, and the settings that point policykg at it."""

    name: str
    query: str
    update: str
    graph_store: str | None
    union_native: bool
    user: str | None = None
    password: str | None = None
    auth: str = "basic"
    timeout_param: str | None = None

    def settings(self) -> dict[str, object]:
        return {"store_url": self.query, "store_update_url": self.update, "store_timeout_param": self.timeout_param,
                "store_graph_store_url": self.graph_store, "store_union_default_graph": self.union_native,
                "store_user": self.user, "store_password": self.password, "store_auth": self.auth,
                "store_poll_s": 0.5}


def _program(name: str, hint: str) -> str:
    found = shutil.which(name) or (str(ROOT / ".venv" / "bin" / name) if (ROOT / ".venv" / "bin" / name).exists()
                                   else None)
    if found is None:
        pytest.fail(f"{name} is not installed: {hint}", pytrace=False)
    return found


def _wait(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 90.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited ({process.returncode}): {log.read_text()[-2000:]}", pytrace=False)
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    process.kill()
    pytest.fail(f"the server did not answer at {url} within {seconds:g} s", pytrace=False)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def oxigraph_server(directory: Path, *, union: bool = False) -> Iterator[Endpoints]:
    """``oxigraph serve`` (PyPI ``oxigraph``) on a fresh store in ``directory``."""
    program = _program("oxigraph", "pip install 'oxigraph>=0.5,<0.6' (a dev dependency)")
    port = free_port()
    log = directory / "oxigraph.log"
    # the server's own timeout stops a query whose client (policykg, at its deadline) has gone
    args = [program, "serve", "--location", str(directory / "db"), "--bind", f"127.0.0.1:{port}", "--timeout-s", "20"]
    with log.open("wb") as out:
        process = subprocess.Popen(args + (["--union-default-graph"] if union else []), stdout=out, stderr=out)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/query", process, log)
        yield Endpoints("oxigraph-union" if union else "oxigraph", base + "/query", base + "/update",
                        base + "/store" if union else None, union)
    finally:
        _stop(process)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
MaxClientConnections = 8
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {d}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ThreadsPerQuery = 2
MaxQueryMem = 512M

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 8
ServerThreads = 8
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 0
"""

#: the endpoint's user (``SPARQL``) may update: the test server is on loopback only, and so is a throwaway
VIRTUOSO_GRANTS = 'grant SPARQL_UPDATE to "SPARQL";'


@contextmanager
def virtuoso_server(directory: Path) -> Iterator[Endpoints]:
    """OpenLink Virtuoso 7.2 (Debian ``virtuoso-opensource``) on a fresh database in ``directory``."""
    program = _program("virtuoso-t", "apt-get install virtuoso-opensource (the Makefile's test setup does)")
    isql = _program("isql-vt", "apt-get install virtuoso-opensource")
    sql, http = free_port(), free_port()
    (directory / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=directory, sql=sql, http=http))
    log = directory / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen([program, "+foreground", "+configfile", str(directory / "virtuoso.ini")],
                                   cwd=directory, stdout=out, stderr=out)
    base = f"http://127.0.0.1:{http}"
    try:
        _wait(base + "/sparql", process, log, seconds=180)
        granted = subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", f"exec={VIRTUOSO_GRANTS}"],
                                 capture_output=True, timeout=60, check=False)
        if granted.returncode != 0:
            pytest.fail(f"could not grant SPARQL_UPDATE: {granted.stdout.decode()[-500:]}", pytrace=False)
        # Graph Store Protocol: a document's graph is one PUT (a SPARQL Update as large is refused:
        # Virtuoso compiles it to SQL, capped at 10,000 lines)
        yield Endpoints("virtuoso", base + "/sparql", base + "/sparql", base + "/sparql-graph-crud", True,
                        timeout_param="timeout")
    finally:
        _stop(process)
