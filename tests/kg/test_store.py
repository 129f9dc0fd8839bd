"""The Oxigraph store wrapper: atomic graph replacement, row caps, errors."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import BadQuery, PolicyKGError
from kg.store.oxigraph import OxigraphStore

G1, G2 = "http://example.org/g1", "http://example.org/g2"


def quad(s: str, o: str, g: str) -> Quad:
    return Quad(NamedNode(f"http://example.org/{s}"), NamedNode("http://example.org/p"), Literal(o), NamedNode(g))


def test_replace_graphs_replaces_exactly_the_named_graphs(tmp_path) -> None:
    store = OxigraphStore(tmp_path)
    store.replace_graphs({G1: [quad("a", "1", G1)], G2: [quad("b", "2", G2)]})
    store.replace_graphs({G1: [quad("c", "3", G1)]})
    assert {q.subject.value for q in store.graph_quads(G1)} == {"http://example.org/c"}
    assert len(store.graph_quads(G2)) == 1
    store.replace_graphs({}, drop=[G2])
    assert store.graph_quads(G2) == [] and store.default_graph_size() == 1


def test_the_default_graph_is_the_set_union_of_the_named_graphs() -> None:
    store = OxigraphStore(None)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    store.replace_graphs({G1: [quad("a", "1", G1)], G2: [quad("a", "1", G2), quad("b", "2", G2)]})
    assert store.select(count)[0][0].value == "2"
    store.replace_graphs({}, drop=[G1])
    assert store.select(count)[0][0].value == "2", "still stated by G2"
    store.replace_graphs({G2: [quad("b", "2", G2)]})
    assert store.select(count)[0][0].value == "1"
    store.replace_graphs({}, drop=[G2])
    assert store.select(count)[0][0].value == "0"


def test_a_failing_replacement_leaves_the_store_as_it_was(tmp_path) -> None:
    store = OxigraphStore(tmp_path)
    store.replace_graphs({G1: [quad("a", "1", G1)]})
    before = sorted(map(str, store.graph_quads(G1)))

    def quads_that_fail():  # type: ignore[no-untyped-def]
        yield quad("new", "9", G2)
        raise OSError("disk gone while preparing")

    with pytest.raises(OSError):
        store.replace_graphs({G1: [quad("new", "9", G1)], G2: quads_that_fail()})  # type: ignore[dict-item]
    assert sorted(map(str, store.graph_quads(G1))) == before and store.graph_quads(G2) == []


def test_the_update_we_rely_on_is_one_transaction(tmp_path) -> None:
    store = OxigraphStore(tmp_path)
    store.replace_graphs({G1: [quad("a", "1", G1)]})
    with pytest.raises(PolicyKGError):  # the last operation fails: nothing of the update stays
        store.update(f"DROP SILENT GRAPH <{G1}> ; INSERT DATA {{ GRAPH <{G2}> {{ <http://x> <http://p> 1 }} }} ;"
                     " DROP GRAPH <http://example.org/missing>", touched=[G1, G2])
    assert len(store.graph_quads(G1)) == 1 and store.graph_quads(G2) == [] and store.default_graph_size() == 1


def test_row_cap_is_flagged() -> None:
    store = OxigraphStore(None)
    store.replace_graphs({G1: [quad(str(i), str(i), G1) for i in range(30)]})
    result = store.query("SELECT ?s WHERE { ?s ?p ?o }", deadline_s=5, max_rows=10)
    assert len(result.rows) == 10 and result.truncated
    full = store.query("SELECT ?s WHERE { ?s ?p ?o }", deadline_s=5, max_rows=100)
    assert len(full.rows) == 30 and not full.truncated


@pytest.mark.parametrize("query", ["SELEC * WHERE {}", "SELECT * WHERE { ?s ?p }", "DROP ALL"])
def test_bad_queries_raise_bad_query(query: str) -> None:
    with pytest.raises(BadQuery):
        OxigraphStore(None).query(query, deadline_s=5, max_rows=10)


def test_select_binds_values_without_pasting_text() -> None:
    store = OxigraphStore(None)
    store.replace_graphs({G1: [quad("a", 'tricky" } DROP ALL {', G1)]})
    rows = store.select("SELECT ?s WHERE { ?s ?p ?o }", o=Literal('tricky" } DROP ALL {'))
    assert [r[0].value for r in rows] == ["http://example.org/a"]
