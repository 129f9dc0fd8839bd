"""Killable evaluation: worker processes on store snapshots."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import BadQuery, QueryTimeout
from kg.sparql.execute import InProcessExecutor, QueryJob
from kg.sparql.worker import QueryPool
from kg.store.oxigraph import OxigraphStore

G = "http://example.org/g"


def fill(store: OxigraphStore, n: int) -> None:
    store.replace_graphs({G: [Quad(NamedNode(f"http://example.org/s{i}"), NamedNode("http://example.org/p"),
                                   Literal(str(i)), NamedNode(G)) for i in range(n)]})


@pytest.fixture
def pool(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = OxigraphStore(tmp_path / "store")
    fill(store, 2000)
    pool = QueryPool(store, size=1, snapshot_root=tmp_path / "snapshots", memory_mb=4096)
    yield store, pool
    pool.close()


def test_a_runaway_query_is_killed_and_its_worker_replaced(pool) -> None:  # type: ignore[no-untyped-def]
    store, workers = pool
    started = time.perf_counter()
    with pytest.raises(QueryTimeout):
        workers.run(QueryJob("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"), deadline_s=1.0)
    assert 1.0 <= time.perf_counter() - started < 2.0
    answer = workers.run(QueryJob("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", results_format="csv"), deadline_s=10)
    assert answer.body == b"n\r\n2000\r\n"


def test_each_query_sees_every_write_before_it(pool) -> None:  # type: ignore[no-untyped-def]
    store, workers = pool
    job = QueryJob("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", results_format="csv")
    assert workers.run(job, deadline_s=10).body == b"n\r\n2000\r\n"
    fill(store, 5)
    assert workers.run(job, deadline_s=10).body == b"n\r\n5\r\n"
    assert len(list(workers.root.iterdir())) == 1, "older snapshots are removed"


def test_query_errors_come_back_as_domain_errors(pool) -> None:  # type: ignore[no-untyped-def]
    _, workers = pool
    with pytest.raises(BadQuery) as e:
        workers.run(QueryJob("SELECT * WHERE { ?s ?p }"), deadline_s=10)
    assert e.value.extensions["line"] == 1
    assert workers.run(QueryJob("ASK { ?s ?p ?o }"), deadline_s=10).body == b'{"head": {}, "boolean": true}'


def test_in_process_executor_for_in_memory_stores() -> None:
    store = OxigraphStore(None)
    fill(store, 3)
    answer = InProcessExecutor(store).run(QueryJob("SELECT ?s { ?s ?p ?o } LIMIT 2", max_rows=1), deadline_s=5)
    assert answer.truncated and answer.count == 1


def test_a_worker_killed_from_outside_is_replaced(pool) -> None:  # type: ignore[no-untyped-def]
    _, workers = pool
    for worker in list(workers._workers):
        worker.process.kill()
        worker.process.wait()
    assert workers.run(QueryJob("ASK { ?s ?p ?o }"), deadline_s=10).body == b'{"head": {}, "boolean": true}'
