"""The pool's event-loop path (``QueryPool.run_now``): answers, refuses to wait, and kills at the deadline."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import BadQuery, QueryTimeout
from kg.sparql.admission import Admission
from kg.sparql.execute import QueryJob
from kg.sparql.worker import QueryPool
from kg.store.oxigraph import OxigraphStore

G = "http://example.org/g"
COUNT = QueryJob("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", results_format="csv")
RUNAWAY = QueryJob("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")


@pytest.fixture
def pool(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = OxigraphStore(tmp_path / "store")
    store.replace_graphs({G: [Quad(NamedNode(f"http://example.org/s{i}"), NamedNode("http://example.org/p"),
                                   Literal(str(i)), NamedNode(G)) for i in range(2000)]})
    pool = QueryPool(store, size=1, snapshot_root=tmp_path / "snapshots", memory_mb=4096)
    yield pool
    pool.close()


def test_an_idle_worker_answers_on_the_event_loop(pool: QueryPool) -> None:
    async def two() -> list[bytes]:
        answers = [await pool.run_now(COUNT, deadline_s=10) for _ in range(2)]
        return [a.body for a in answers if a is not None]

    assert asyncio.run(two()) == [b"n\r\n2000\r\n"] * 2, "the worker went back to the idle queue after the first"


def test_with_no_worker_idle_nothing_runs_and_none_comes_back(pool: QueryPool) -> None:
    busy = threading.Thread(target=lambda: pytest.raises(QueryTimeout, pool.run, RUNAWAY, deadline_s=1.5))
    busy.start()
    time.sleep(0.3)  # the only worker is now taken by the runaway query
    try:
        assert asyncio.run(pool.run_now(COUNT, deadline_s=10)) is None
    finally:
        busy.join()
    assert pool.run(COUNT, deadline_s=10).body == b"n\r\n2000\r\n", "the killed worker's replacement serves"
    assert asyncio.run(pool.run_now(COUNT, deadline_s=10)) is not None, "and is idle again"


def test_the_deadline_kills_the_worker_without_blocking_the_loop(pool: QueryPool) -> None:
    ticks: list[float] = []

    async def ticking() -> None:
        while True:
            ticks.append(time.monotonic())
            await asyncio.sleep(0.05)

    async def runaway() -> float:
        ticker = asyncio.create_task(ticking())
        started = time.monotonic()
        with pytest.raises(QueryTimeout):
            await pool.run_now(RUNAWAY, deadline_s=1.0)
        ticker.cancel()
        return time.monotonic() - started

    assert 1.0 <= asyncio.run(runaway()) < 2.0
    assert len(ticks) >= 10, "the event loop kept running while the query ran"
    assert pool.run(COUNT, deadline_s=10).body == b"n\r\n2000\r\n"


def test_a_query_error_keeps_the_worker(pool: QueryPool) -> None:
    with pytest.raises(BadQuery):
        asyncio.run(pool.run_now(QueryJob("SELECT * WHERE { ?s ?p }"), deadline_s=10))
    assert asyncio.run(pool.run_now(COUNT, deadline_s=10)) is not None


def test_slot_now_never_waits_and_frees_its_place() -> None:
    gate = Admission(per_client=1, anonymous_total=1, wait_s=5)
    with gate.slot_now("a", trusted=False) as first:
        started = time.monotonic()
        with gate.slot_now("b", trusted=False) as other, gate.slot_now("c", trusted=True) as token:
            assert (first, other, token) == (True, False, True)
            assert gate.running() == 2
        assert time.monotonic() - started < 0.1
    assert gate.running() == 0
    with gate.slot("b", trusted=False) as waited:
        assert waited < 0.1
