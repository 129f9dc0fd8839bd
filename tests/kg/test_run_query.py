"""The one path of a client's read query (:func:`kg.sparql.run.run_query`): guard, row-cap policy, sandbox."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

import kg.sparql.run
from kg.errors import BadQuery, Forbidden, NotAcceptable, PolicyKGError, ResultTooLarge
from kg.settings import Settings
from kg.sparql.execute import InProcessExecutor, QueryAnswer, QueryExecutor, QueryJob
from kg.sparql.run import Dataset, Formats, QueryLimits, run_query
from kg.sparql.sandbox import deny_available
from kg.sparql.worker import QueryPool
from kg.store import open_store, scratch_store
from tests.kg.test_network_sandbox import listener, service_query  # noqa: F401 (a fixture)

G1, G2 = "http://example.org/g1", "http://example.org/g2"
P = NamedNode("http://example.org/p")


class Spy:
    """An executor that records the jobs it was given and answers each with ``answer``."""

    def __init__(self, answer: QueryAnswer | None = None) -> None:
        self.jobs: list[QueryJob] = []
        self.answer = answer or QueryAnswer("select", b"", "application/sparql-results+json", False, 0, 0.0)

    def run(self, job: QueryJob, *, deadline_s: float, wait_s: float | None = None) -> QueryAnswer:
        self.jobs.append(job)
        return self.answer

    def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def executor() -> InProcessExecutor:
    """Three triples in G1, one in G2."""
    store = scratch_store()
    store.replace_graphs({
        G1: [Quad(NamedNode(f"http://example.org/s{i}"), P, Literal(str(i)), NamedNode(G1)) for i in range(3)],
        G2: [Quad(NamedNode("http://example.org/t"), P, Literal("t"), NamedNode(G2))]})
    return InProcessExecutor(store)


@pytest.mark.parametrize("query, allowlist, error, says", [
    ("", (), BadQuery, "empty"),
    ("  \n ", (), BadQuery, "empty"),
    ("ASK { ?s ?p ?o } #" + "x" * 100_000, (), BadQuery, "longer than"),
    ("ASK " + "{" * 200 + "}" * 200, (), BadQuery, "nests 200 levels"),
    ("ASK { ?s ?p ?o } \x00", (), BadQuery, "not part of SPARQL"),
    ("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", (), Forbidden, "SERVICE"),
    ("SELECT * { {} .service SILENT <http://127.0.0.1:9/> { } }", (), Forbidden, "SERVICE"),
    ("SELECT * { SERVICE ?where { ?s ?p ?o } }", ("http://",), Forbidden, "non-IRI target"),
    ("PREFIX x: <http://a/> SELECT * { SERVICE x:e { } }", ("http://a/",), Forbidden, "non-IRI target"),
    ("SELECT * { SERVICE <http://a.evil/> { } }", ("http://a/",), Forbidden, "<http://a.evil/>"),
])
def test_the_guard_refuses_before_anything_runs(query: str, allowlist: tuple[str, ...], error: type[PolicyKGError],
                                                 says: str) -> None:
    spy, asked = Spy(), []
    with pytest.raises(error, match=says):
        run_query(query, executor=spy, limits=QueryLimits(5), allowlist=allowlist, formats=asked.append)  # type: ignore[arg-type]
    assert spy.jobs == [] and asked == [], "refused: neither negotiated nor run"


def test_what_the_guard_passes_reaches_the_executor_as_asked() -> None:
    spy, asked = Spy(), []

    def formats(form: str | None) -> Formats:
        asked.append(form)
        return Formats("csv", None)

    query = "CONSTRUCT WHERE { SERVICE <http://a/sparql> { ?s ?p ?o } }"
    run_query(query, executor=spy, limits=QueryLimits(5, max_rows=7), allowlist=("http://a/",), formats=formats,
              dataset=Dataset((G1,), (G2,)), base_iri="http://example.org/sparql")
    assert asked == ["graph"]
    assert spy.jobs == [QueryJob(query, default_graphs=(G1,), named_graphs=(G2,), base_iri="http://example.org/sparql",
                                 max_rows=7, results_format="csv", graph_format=None)]


def test_a_refused_syntax_stops_the_query_before_it_runs() -> None:
    spy = Spy()

    def refuse(form: str | None) -> Formats:
        raise NotAcceptable(f"nothing for {form}")

    with pytest.raises(NotAcceptable, match="nothing for ask"):
        run_query("ASK {}", executor=spy, limits=QueryLimits(5), formats=refuse)
    assert spy.jobs == []


ROWS = "SELECT ?o WHERE { ?s ?p ?o }"  # 4 rows (the default graph is the union)
GRAPH = "CONSTRUCT WHERE { ?s ?p ?o }"  # 4 triples


#: query, row cap, truncation asked → (rows or triples returned, cut?), or the error
@pytest.mark.parametrize("query, max_rows, truncate, expected", [
    (ROWS, None, False, (4, False)),
    (ROWS, 4, False, (4, False)),  # exactly at the cap: nothing was cut
    (ROWS, 3, False, ResultTooLarge),
    (ROWS, 3, True, (3, True)),
    (ROWS, 1, True, (1, True)),
    (ROWS, 9, True, (4, False)),
    (GRAPH, 2, False, ResultTooLarge),
    (GRAPH, 2, True, (2, True)),
    (GRAPH, 4, False, (4, False)),
    ("ASK { ?s ?p ?o }", 1, False, (0, False)),  # an ASK answer has no rows to cut
])
def test_the_row_cap_policy(executor: InProcessExecutor, query: str, max_rows: int | None, truncate: bool,
                            expected: tuple[int, bool] | type[Exception]) -> None:
    limits = QueryLimits(5, max_rows=max_rows, truncate=truncate)
    if isinstance(expected, tuple):
        answer = run_query(query, executor=executor, limits=limits)
        assert (answer.count, answer.truncated) == expected
    else:
        with pytest.raises(ResultTooLarge) as refused:
            run_query(query, executor=executor, limits=limits)
        assert refused.value.extensions == {"row_cap": max_rows} and "truncate=1" in str(refused.value)


def test_the_dataset_is_the_one_named(executor: InProcessExecutor) -> None:
    answer = run_query("SELECT ?o WHERE { ?s ?p ?o }", executor=executor, limits=QueryLimits(5),
                       dataset=Dataset(default_graphs=(G2,)), formats=lambda form: Formats("csv", None))
    assert answer.body == b"o\r\nt\r\n"


@pytest.fixture(params=["in-process", "worker"])
def networkless(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[QueryExecutor]:
    """The executors ``open_executor`` builds when no outbound IRI is allow-listed."""
    if request.param == "in-process":
        yield InProcessExecutor(scratch_store())
        return
    store = open_store(Settings(store=tmp_path, embedders=()))
    pool = QueryPool(store, size=1, snapshot_root=tmp_path / "snapshots")
    try:
        yield pool
    finally:
        pool.close()
        store.close()


@pytest.mark.skipif(not deny_available(), reason="seccomp exists only on Linux x86-64/arm64")
def test_a_guard_miss_still_connects_nowhere(networkless: QueryExecutor, listener,  # type: ignore[no-untyped-def]
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    port, arrived = listener
    monkeypatch.setattr(kg.sparql.run, "check_query", lambda query, allowlist=(): None)  # the guard misses
    with pytest.raises(Forbidden, match="outbound"):
        run_query(service_query(port), executor=networkless, limits=QueryLimits(10))
    time.sleep(0.3)
    assert arrived == []
