"""A query job: evaluate under the dataset, row cap and deadline, then serialise in the negotiated syntax.

The same :func:`execute` runs in a worker process (:mod:`kg.sparql.worker`, on a snapshot of
the store) or, with ``POLICYKG_SPARQL_WORKERS=0`` or a store that offers no snapshots, in the
serving process (a remote store's server then does the evaluating), where the deadline is only checked between result rows and cannot stop a
running evaluation. Client queries reach an executor through :func:`kg.sparql.run.run_query`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kg.errors import NotAcceptable
from kg.formats import rdf_syntax, results_syntax
from kg.sparql.results import serialize_graph, serialize_results
from kg.store.base import GraphStore

if TYPE_CHECKING:
    from kg.settings import Settings


@dataclass(frozen=True)
class QueryJob:
    """One checked read query and how its answer must be written.

    ``results_format`` / ``graph_format`` name the syntaxes (``kg.formats``) negotiated for
    SELECT/ASK and CONSTRUCT/DESCRIBE; None means the client accepts none for that form.
    """

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None
    max_rows: int | None = None
    results_format: str | None = "json"
    graph_format: str | None = "turtle"


@dataclass(frozen=True)
class QueryAnswer:
    form: str  # select | ask | graph
    body: bytes
    media_type: str
    truncated: bool
    count: int  # rows or triples
    elapsed_s: float


def execute(store: GraphStore, job: QueryJob, *, deadline_s: float) -> QueryAnswer:
    """Evaluate ``job`` on ``store`` (:meth:`GraphStore.query`) and serialise the answer. Read-only.

    >>> from pyoxigraph import Literal, NamedNode, Quad
    >>> from kg.store import scratch_store
    >>> s = scratch_store(); s.add_to_graph("http://x/g", [Quad(NamedNode("http://x/s"), NamedNode("http://x/p"), Literal("1"))])
    1
    >>> a = execute(s, QueryJob("SELECT ?o { ?s ?p ?o }", results_format="csv"), deadline_s=5)
    >>> a.media_type, a.body
    ('text/csv', b'o\\r\\n1\\r\\n')
    """
    started = time.perf_counter()
    result = store.query(job.query, deadline_s=deadline_s, max_rows=job.max_rows,
                         default_graphs=job.default_graphs, named_graphs=job.named_graphs, base_iri=job.base_iri)
    if result.form == "graph":
        if job.graph_format is None:
            raise NotAcceptable("the Accept header allows no RDF syntax for this CONSTRUCT/DESCRIBE result")
        syntax = rdf_syntax(job.graph_format)
        body, media, count = serialize_graph(result, syntax), syntax.media_type, len(result.triples)
    else:
        if job.results_format is None:
            raise NotAcceptable("the Accept header allows no SPARQL results syntax for this SELECT/ASK result")
        results = results_syntax(job.results_format)
        body, media, count = serialize_results(result, results), results.media_type, len(result.rows)
    return QueryAnswer(result.form, body, media, result.truncated, count, time.perf_counter() - started)


class QueryExecutor(Protocol):
    """Runs query jobs against the current state of the store."""

    def run(self, job: QueryJob, *, deadline_s: float, wait_s: float | None = None) -> QueryAnswer:
        """Evaluate within ``deadline_s`` once capacity is free; wait at most ``wait_s`` for it."""
        ...

    def close(self) -> None: ...


class InProcessExecutor:
    """Runs jobs in this process; the deadline is cooperative (checked between rows).

    Unless outbound IRIs are allow-listed, jobs run on threads that cannot open network
    sockets (:func:`kg.sparql.sandbox.without_network`).
    """

    def __init__(self, store: GraphStore, *, network: bool = False) -> None:
        self.store = store
        self.network = network

    def run(self, job: QueryJob, *, deadline_s: float, wait_s: float | None = None) -> QueryAnswer:
        if self.network:
            return execute(self.store, job, deadline_s=deadline_s)
        from kg.sparql.sandbox import without_network

        return without_network(lambda: execute(self.store, job, deadline_s=deadline_s))

    def close(self) -> None:
        pass


def open_executor(settings: Settings, store: GraphStore) -> QueryExecutor:
    """Worker processes when settings ask for them and the store offers snapshots, else in-process evaluation.

    A store whose engine is a server (``local_engine`` False) evaluates there: its jobs run on the
    serving threads, which keep their sockets, and the deadline travels as the HTTP client's timeout.
    """
    if not store.local_engine:
        return InProcessExecutor(store, network=True)
    if settings.sparql_workers > 0 and store.snapshots:
        from kg.sparql.worker import QueryPool

        return QueryPool(store, size=settings.sparql_workers, snapshot_root=settings.store / "snapshots",
                         memory_mb=settings.sparql_worker_memory_mb, network=bool(settings.outbound_allowlist))
    return InProcessExecutor(store, network=bool(settings.outbound_allowlist))
