"""``Workspace.sizes``: the counts ``/health`` reports, kept until the store's next write."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from kg.settings import Settings
from kg.workspace import Workspace


def test_sizes_follow_every_write(tmp_path: Path) -> None:
    ws = Workspace(Settings(store=tmp_path / "store", embedders=()))
    try:
        start = ws.sizes()
        assert start.quads == len(ws.store) and start.documents == len(ws.document_graphs())
        graph = ws.iris.document_graph("sizes-test")
        s, p = NamedNode("http://example.org/s"), NamedNode("http://example.org/p")
        ws.store.add_to_graph(graph, [Quad(s, p, Literal(str(i))) for i in range(3)])
        grown = ws.sizes()
        assert grown.documents == start.documents + 1
        assert grown.quads == len(ws.store) > start.quads
        ws.store.update(f"DELETE DATA {{ GRAPH <{graph}> {{ {s} {p} \"0\" }} }}", touched=[graph])
        assert ws.sizes().quads == len(ws.store) < grown.quads
    finally:
        ws.close()
