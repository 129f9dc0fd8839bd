"""The one path of a client's read query: check, rewrite, run, and the row-cap policy.

``/sparql``, the ``policykg sparql`` command (and, as they come, ``ask`` and cooperation) hand a
query text to :func:`run_query`; nothing else gives a client's text to an executor. On this path:

1. the guard (:func:`kg.sparql.guard.check_query`) refuses an empty, oversized or too deeply
   nested text and any ``SERVICE`` off the outbound allow-list, before anything runs;
2. rewriting: each search block (``SERVICE <urn:policykg:search>``, :mod:`kg.sparql.search_block`)
   runs its search and is replaced by a ``VALUES`` block of the hits; the allow-list check then
   runs on the rewritten text, so the reserved IRI never reaches it nor the network code, and the
   time the searches took comes off the query's deadline;
3. the executor evaluates the query under the deadline and the row cap, in a worker process or
   on a thread that cannot open network sockets (:mod:`kg.sparql.sandbox`) unless outbound IRIs
   are allow-listed (:func:`kg.sparql.execute.open_executor` builds it from the same setting);
4. an answer the row cap cut is refused (:class:`~kg.errors.ResultTooLarge`) unless the caller
   asked for truncation; then ``QueryAnswer.truncated`` says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from kg.errors import QueryTimeout, ResultTooLarge
from kg.sparql.execute import QueryAnswer, QueryExecutor, QueryJob
from kg.sparql.guard import MAX_QUERY_CHARS, check_query, check_text, query_form
from kg.sparql.search_block import PassageSearch, SearchCall, SearchRow, rewrite_search_blocks

if TYPE_CHECKING:
    from kg.sparql.worker import QueryPool

__all__ = ["Dataset", "Formats", "QueryLimits", "no_hits", "run_query", "run_query_now"]


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset of a query, as the SPARQL Protocol's ``default-graph-uri`` / ``named-graph-uri`` name it.

    Naming any graph defines the whole dataset; naming none leaves the store's (the default
    graph is the union of the named graphs).
    """

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryLimits:
    """How long a query may run, how large its answer may be, and whether a cut answer is accepted.

    ``max_rows`` (None: no cap) bounds the rows of a SELECT or the triples of a CONSTRUCT/DESCRIBE;
    past it the answer is refused unless ``truncate``. ``wait_s`` bounds the wait for a free
    executor (None: as long as the deadline).
    """

    deadline_s: float
    max_rows: int | None = None
    truncate: bool = False
    wait_s: float | None = None


class Formats(NamedTuple):
    """The syntax names (:mod:`kg.formats`) an answer is written in; None where the caller accepts none."""

    results: str | None = "json"  # SELECT / ASK
    graph: str | None = "turtle"  # CONSTRUCT / DESCRIBE


def _any_form(form: str | None) -> Formats:
    return Formats()


def no_hits(call: SearchCall) -> list[SearchRow]:
    """A search that finds nothing: reads a query's search blocks without running them (for early checks)."""
    return []


def run_query(query: str, *, executor: QueryExecutor, limits: QueryLimits, dataset: Dataset = Dataset(),
              base_iri: str | None = None, allowlist: Sequence[str] = (),
              formats: Callable[[str | None], Formats] = _any_form, search: PassageSearch | None = None) -> QueryAnswer:
    """Check ``query``, run it on ``executor`` within ``limits`` and return the written answer. Read-only.

    ``formats`` is called once the query passed the guard, with its form (``select``, ``ask``,
    ``graph`` or None), so a caller can refuse (:class:`~kg.errors.NotAcceptable`) before the
    query runs. ``search`` runs the query's search blocks (None: a block is refused, 400). Raises
    what the guard raises (:class:`~kg.errors.BadQuery`,
    :class:`~kg.errors.Forbidden`), the evaluation's errors (:class:`~kg.errors.QueryTimeout`,
    ...), and :class:`~kg.errors.ResultTooLarge` for a cut answer not asked to be cut.

    >>> from pyoxigraph import Literal, NamedNode, Quad
    >>> from kg.sparql.execute import InProcessExecutor
    >>> from kg.store import scratch_store
    >>> store, s, p = scratch_store(), NamedNode("http://x/s"), NamedNode("http://x/p")
    >>> store.add_to_graph("http://x/g", [Quad(s, p, Literal(str(i))) for i in range(3)])
    3
    >>> executor = InProcessExecutor(store)
    >>> run_query("SELECT ?o { ?s ?p ?o }", executor=executor, limits=QueryLimits(5, max_rows=9)).count
    3
    >>> run_query("SELECT ?o { ?s ?p ?o }", executor=executor, limits=QueryLimits(5, max_rows=2, truncate=True)).truncated
    True
    >>> run_query("SELECT ?o { ?s ?p ?o }", executor=executor, limits=QueryLimits(5, max_rows=2))
    Traceback (most recent call last):
    kg.errors.ResultTooLarge: the answer has more than 2 rows, the row cap here; page it with LIMIT/OFFSET, or ask for truncation (truncate=1 over HTTP, --truncate in the CLI) to accept the first 2
    """
    job, deadline_s = prepare_job(query, limits=limits, dataset=dataset, base_iri=base_iri, allowlist=allowlist,
                                  formats=formats, search=search)
    return accepted(executor.run(job, deadline_s=deadline_s, wait_s=limits.wait_s), limits)


async def run_query_now(query: str, *, pool: QueryPool, limits: QueryLimits, dataset: Dataset = Dataset(),
                        base_iri: str | None = None, allowlist: Sequence[str] = (),
                        formats: Callable[[str | None], Formats] = _any_form) -> QueryAnswer | None:
    """:func:`run_query` for a query without search blocks, if one of ``pool``'s workers is idle now: the
    answer is awaited on the event loop. None (nothing ran) when it would have to wait for a worker."""
    job, deadline_s = prepare_job(query, limits=limits, dataset=dataset, base_iri=base_iri, allowlist=allowlist,
                                  formats=formats, search=None)
    answer = await pool.run_now(job, deadline_s=deadline_s)
    return None if answer is None else accepted(answer, limits)


def prepare_job(query: str, *, limits: QueryLimits, dataset: Dataset, base_iri: str | None, allowlist: Sequence[str],
                formats: Callable[[str | None], Formats], search: PassageSearch | None) -> tuple[QueryJob, float]:
    """Steps 1-2 of the module docstring: the checked, rewritten job and the deadline its searches left."""
    check_text(query)  # the client's text: size, nesting, stray characters, before it is read further
    # The guard sees the query with its search blocks emptied (each is read, none is run): a
    # malformed block or a refused SERVICE costs no search.
    check_query(rewrite_search_blocks(query, None if search is None else no_hits), allowlist=allowlist)
    started = time.monotonic()
    if search is not None:
        query = rewrite_search_blocks(query, search)
        # The hits add text the client did not send: the size limit applied to what the client sent.
        check_query(query, allowlist=allowlist, max_chars=max(MAX_QUERY_CHARS, len(query)))
    deadline_s = limits.deadline_s - (time.monotonic() - started)
    if deadline_s <= 0:
        raise QueryTimeout(f"the query's searches took longer than its deadline ({limits.deadline_s:g} s)")
    chosen = formats(query_form(query))
    job = QueryJob(query, default_graphs=dataset.default_graphs, named_graphs=dataset.named_graphs,
                   base_iri=base_iri, max_rows=limits.max_rows, results_format=chosen.results,
                   graph_format=chosen.graph)
    return job, deadline_s


def accepted(answer: QueryAnswer, limits: QueryLimits) -> QueryAnswer:
    """Step 4: ``answer``, unless the row cap cut it and the caller did not ask for a cut answer."""
    if answer.truncated and not limits.truncate:  # never a silently cut answer: clients count what they receive
        cap = limits.max_rows or 0
        raise ResultTooLarge(f"the answer has more than {cap} rows, the row cap here; page it with LIMIT/OFFSET, "
                             "or ask for truncation (truncate=1 over HTTP, --truncate in the CLI) to accept the "
                             f"first {cap}", row_cap=cap)
    return answer
