"""The IRIs a client's SELECT yields in its first variable, through the guarded query path.

Used by search's ``sparql=`` restriction (:mod:`kg.candidates`): the query is a client's text,
so it goes through :func:`kg.sparql.run.run_query` like any other — guard, executor, deadline,
row cap — and only a SELECT is accepted.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from kg.errors import BadQuery
from kg.sparql.execute import QueryExecutor
from kg.sparql.guard import query_form
from kg.sparql.run import Formats, QueryLimits, run_query

__all__ = ["first_column_iris"]


def _select_only(form: str | None) -> Formats:
    if form != "select":
        raise BadQuery("the restricting query must be a SELECT whose first variable yields documents, passages "
                       "or entities")
    return Formats("json", None)


def first_column_iris(query: str, *, executor: QueryExecutor, limits: QueryLimits,
                      allowlist: Sequence[str] = ()) -> list[str]:
    """The distinct IRIs bound to the first projected variable of the SELECT ``query``, in answer order. Read-only.

    Literals and blank nodes in that column are skipped (they name no document, passage or
    entity). Raises what :func:`~kg.sparql.run.run_query` raises, and
    :class:`~kg.errors.BadQuery` for a query that is not a SELECT or projects no variable.

    >>> from pyoxigraph import Literal, NamedNode, Quad
    >>> from kg.sparql.execute import InProcessExecutor
    >>> from kg.store import scratch_store
    >>> store = scratch_store()
    >>> store.add_to_graph("http://x/g", [Quad(NamedNode("http://x/d"), NamedNode("http://x/p"), Literal("1"))])
    1
    >>> first_column_iris("SELECT ?s ?o { ?s ?p ?o }", executor=InProcessExecutor(store), limits=QueryLimits(5))
    ['http://x/d']
    """
    answer = run_query(query, executor=executor, limits=limits, allowlist=allowlist, formats=_select_only)
    results = json.loads(answer.body)
    names = results.get("head", {}).get("vars", [])
    if not names:
        raise BadQuery("the restricting query projects no variable")
    seen: dict[str, None] = {}
    for binding in results.get("results", {}).get("bindings", []):
        term = binding.get(names[0])
        if term is not None and term.get("type") == "uri":
            seen.setdefault(term["value"], None)
    return list(seen)
