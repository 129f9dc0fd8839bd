"""What an update may write, as a table; and the store's union kept exact by ``OxigraphStore.update``."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode, Quad

from kg.errors import BadQuery, Forbidden
from kg.sparql.update import plan_update, with_protocol_dataset
from kg.store.oxigraph import OxigraphStore

EX = "http://example.org/"


def writable(graph: str) -> bool:
    return not graph.startswith("https://policykg.org/graph/")


@pytest.mark.parametrize("update, touched", [
    (f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} }}", (f"{EX}g",)),
    (f"DELETE DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} }}", (f"{EX}g",)),
    (f"WITH <{EX}g> DELETE {{ ?s ?p ?o }} INSERT {{ ?s ?p 2 }} WHERE {{ ?s ?p ?o }}", (f"{EX}g",)),
    (f"INSERT {{ GRAPH <{EX}h> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <https://policykg.org/graph/reference/states> {{ ?s ?p ?o }} }}",
     (f"{EX}h",)),
    (f"DELETE WHERE {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }}", (f"{EX}g",)),
    (f"COPY <{EX}a> TO <{EX}b> ; ADD DEFAULT TO <{EX}c>", (f"{EX}b", f"{EX}c")),
    (f"MOVE <{EX}a> TO <{EX}b>", (f"{EX}a", f"{EX}b")),
    (f"CLEAR SILENT GRAPH <{EX}g> ; CREATE GRAPH <{EX}n> ; DROP GRAPH <{EX}n>", (f"{EX}g", f"{EX}n")),
    ("BASE <http://example.org/> INSERT DATA { GRAPH <rel> { <a> <p> 1 } }", (f"{EX}rel",)),
])
def test_allowed(update: str, touched: tuple[str, ...]) -> None:
    assert plan_update(update, writable=writable).touched == touched


@pytest.mark.parametrize("update", [
    f"INSERT DATA {{ <{EX}a> <{EX}p> 1 }}",
    f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }}",
    "CLEAR ALL", "DROP NAMED", "CLEAR DEFAULT", f"MOVE DEFAULT TO <{EX}g>", f"COPY <{EX}g> TO DEFAULT",
    f"INSERT {{ GRAPH ?g {{ <{EX}a> <{EX}p> 1 }} }} WHERE {{ GRAPH ?g {{ }} }}",
    "DROP GRAPH <https://policykg.org/graph/document/abc>",
    f"LOAD <{EX}data.ttl> INTO GRAPH <{EX}g>",
    f"INSERT {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{EX}sparql> {{ ?s ?p ?o }} }}",
])
def test_refused(update: str) -> None:
    with pytest.raises(Forbidden):
        plan_update(update, writable=writable)


def test_load_from_the_allow_list() -> None:
    plan = plan_update(f"LOAD <{EX}data.ttl> INTO GRAPH <{EX}g>", writable=writable, allowlist=[EX])
    assert plan.touched == (f"{EX}g",)


def test_syntax_errors_carry_a_position() -> None:
    with pytest.raises(BadQuery) as e:
        plan_update("INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/b> } }", writable=writable)
    assert e.value.extensions["line"] == 1


def test_protocol_dataset_goes_before_each_where() -> None:
    out = with_protocol_dataset(f"INSERT {{ GRAPH <{EX}g> {{ ?s a 1 }} }} WHERE {{ ?s ?p ?o }} ; "
                                f"DELETE WHERE {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }}", using=[f"{EX}d"], using_named=[])
    assert out.count(f"USING <{EX}d>") == 1 and out.index("USING") < out.index("WHERE")
    with pytest.raises(BadQuery):
        with_protocol_dataset(f"WITH <{EX}g> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}", using=[f"{EX}d"], using_named=[])


def test_store_update_keeps_the_union_in_one_transaction() -> None:
    store = OxigraphStore(None)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    store.update(f'INSERT DATA {{ GRAPH <{EX}g1> {{ <{EX}s> <{EX}p> "a", "b" }} GRAPH <{EX}g2> {{ <{EX}s> <{EX}p> "a" }} }}',
                 touched=[f"{EX}g1", f"{EX}g2"])
    assert store.select(count)[0][0].value == "2"
    store.update(f"DROP GRAPH <{EX}g1>", touched=[f"{EX}g1"])
    assert [r[0].value for r in store.select(f"SELECT ?o WHERE {{ <{EX}s> <{EX}p> ?o }}")] == ["a"]
    version = store.version
    with pytest.raises(BadQuery):  # the second operation fails: the first is rolled back too
        store.update(f"DROP GRAPH <{EX}g2> ; DROP GRAPH <{EX}missing>", touched=[f"{EX}g2", f"{EX}missing"])
    assert store.select(count)[0][0].value == "1" and store.version == version


def test_add_to_graph_makes_fresh_blank_nodes() -> None:
    from pyoxigraph import BlankNode, Literal

    store = OxigraphStore(None)
    for _ in range(2):
        store.add_to_graph(f"{EX}g", [Quad(BlankNode("b"), NamedNode(f"{EX}p"), Literal("x"))])
    assert len(store.graph_quads(f"{EX}g")) == 2 and store.default_graph_size() == 2
