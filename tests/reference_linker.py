"""The linker over the shipped reference data alone (states, organizations, themes, treaties in four languages),
for tests of linking and of what is built on it."""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import NamedNode, Quad

from kg.linking.linker import Linker
from kg.linking.names import Symbol, read_names
from ontology.iri import Iris
from ontology.reference import reference_quads


def reference_linker(iris: Iris, symbols: Sequence[Symbol] = ()) -> Linker:
    """A linker built as the service builds it, from a scratch store holding only the reference graphs."""
    from kg.store import scratch_store

    store = scratch_store()
    graphs: dict[str, list[Quad]] = {}
    for q in reference_quads(iris):
        assert isinstance(q.graph_name, NamedNode)
        graphs.setdefault(q.graph_name.value, []).append(q)
    for graph, quads in graphs.items():
        store.add_to_graph(graph, quads)
    return Linker(read_names(store, iris.ontology), symbols)
