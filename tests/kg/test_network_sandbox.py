"""The second line: evaluation cannot reach the network even when the guard is not asked.

Each test hands the engine a SERVICE query *directly* (no :func:`check_query`), as if the
guard had missed it, and a listener on loopback records any connection.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import Forbidden
from kg.sparql.execute import InProcessExecutor, QueryJob
from kg.sparql.sandbox import deny_available, without_network
from kg.sparql.worker import QueryPool
from kg.store.oxigraph import OxigraphStore
from tests.listener import recording_listener

pytestmark = pytest.mark.skipif(not deny_available(), reason="seccomp exists only on Linux x86-64/arm64")


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    with recording_listener() as witness:
        yield witness


def service_query(port: int, *, silent: bool = False) -> str:
    return f"SELECT * WHERE {{ SERVICE {'SILENT ' if silent else ''}<http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"


def test_worker_processes_cannot_connect(tmp_path: Path, listener) -> None:  # type: ignore[no-untyped-def]
    port, arrived = listener
    store = OxigraphStore(tmp_path / "store")
    pool = QueryPool(store, size=1, snapshot_root=tmp_path / "snapshots")
    try:
        with pytest.raises(Forbidden, match="outbound"):
            pool.run(QueryJob(service_query(port)), deadline_s=10)
        silent = pool.run(QueryJob(service_query(port, silent=True)), deadline_s=10)
        assert silent.count <= 1  # SILENT: the failed call yields its one empty solution, nothing fetched
    finally:
        pool.close()
    time.sleep(0.3)
    assert arrived == []


def test_a_worker_allowed_the_network_does_connect(tmp_path: Path, listener) -> None:  # type: ignore[no-untyped-def]
    """The control: the listener does see the engine's call when nothing forbids it."""
    port, arrived = listener
    pool = QueryPool(OxigraphStore(tmp_path / "store"), size=1, snapshot_root=tmp_path / "snapshots", network=True)
    try:
        with pytest.raises(Exception):
            pool.run(QueryJob(service_query(port)), deadline_s=10)
    finally:
        pool.close()
    deadline = time.time() + 3
    while not arrived and time.time() < deadline:
        time.sleep(0.05)
    assert arrived


def test_in_process_evaluation_and_updates_cannot_connect(listener) -> None:  # type: ignore[no-untyped-def]
    port, arrived = listener
    store = OxigraphStore(None)
    with pytest.raises(Forbidden, match="outbound"):
        InProcessExecutor(store).run(QueryJob(service_query(port)), deadline_s=10)
    update = (f"INSERT {{ GRAPH <http://example.org/g> {{ ?s ?p ?o }} }} "
              f"WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}")
    with pytest.raises(Forbidden, match="outbound"):
        without_network(lambda: store.update(update, touched=["http://example.org/g"]))
    time.sleep(0.3)
    assert arrived == []
    with socket.create_connection(("127.0.0.1", port), timeout=2):  # the calling thread keeps its network
        pass
