"""The first column of a client's SELECT (:func:`kg.sparql.first_column.first_column_iris`): guarded, SELECT only, capped."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import BadQuery, Forbidden, ResultTooLarge
from kg.sparql.execute import InProcessExecutor
from kg.sparql.first_column import first_column_iris
from kg.sparql.run import QueryLimits

P = NamedNode("http://x/p")


@pytest.fixture(scope="module")
def executor() -> InProcessExecutor:
    from kg.store import scratch_store

    store = scratch_store()
    store.add_to_graph("http://x/g", [Quad(NamedNode(f"http://x/s{i}"), P, Literal(str(i))) for i in range(3)]
                       + [Quad(NamedNode("http://x/s0"), P, NamedNode("http://x/o"))])
    return InProcessExecutor(store)


def test_distinct_iris_of_the_first_variable_only(executor: InProcessExecutor) -> None:
    got = first_column_iris("SELECT ?s ?o { ?s ?p ?o } ORDER BY ?s", executor=executor, limits=QueryLimits(5))
    assert got == ["http://x/s0", "http://x/s1", "http://x/s2"]
    assert first_column_iris("SELECT ?o ?s { ?s ?p ?o }", executor=executor, limits=QueryLimits(5)) == ["http://x/o"]


@pytest.mark.parametrize("query, error", [
    ("ASK { ?s ?p ?o }", BadQuery),
    ("DESCRIBE <http://x/s0>", BadQuery),
    ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", BadQuery),
    ("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", Forbidden),
])
def test_only_a_guarded_select(executor: InProcessExecutor, query: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        first_column_iris(query, executor=executor, limits=QueryLimits(5))


def test_the_row_cap_refuses_rather_than_cuts(executor: InProcessExecutor) -> None:
    with pytest.raises(ResultTooLarge):
        first_column_iris("SELECT ?s { ?s ?p ?o }", executor=executor, limits=QueryLimits(5, max_rows=2))
