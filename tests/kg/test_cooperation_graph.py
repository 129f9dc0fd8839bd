"""The derived cooperation graph follows every write: ingest adds links with provenance, delete takes them away."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode

from ingest.pipeline import Ingestor
from kg.cooperation_graph import GRAPH
from kg.network import load_network
from kg.profiles import state_profile
from kg.settings import Settings
from kg.workspace import Workspace
from tests.conftest import shared_or_skip


def _pairs(ws: Workspace) -> set[tuple[str, str]]:
    link = NamedNode(ws.iris.vocab("cooperatesWith"))
    return {(q.subject.value.rsplit("/", 1)[-1], q.object.value.rsplit("/", 1)[-1])
            for q in ws.store.quads(None, link, None, graph=ws.iris.suggestions_graph(GRAPH))}


def test_cooperation_graph_is_rebuilt_on_ingest_and_delete(tmp_path: Path) -> None:
    sheets = shared_or_skip("corpus", "oas-programs", "sheets")
    ws = Workspace(Settings(store=tmp_path / "store", embedders=()))
    try:
        ingestor = Ingestor(ws)
        ingestor.ingest_paths([sheets / "cicte-cybersecurity-program.txt"])
        first = _pairs(ws)
        assert ("USA", "PRY") in first and ("PRY", "USA") in first  # donor and beneficiary of one program
        assert state_profile(load_network(ws.store, ws.iris), "HND").counts["programs"] == 0
        ingestor.ingest_paths([sheets / "pacam.txt"])
        both = _pairs(ws)
        assert first < both
        assert state_profile(load_network(ws.store, ws.iris), "HND").counts["programs"] == 1  # the cache followed
        ingestor.delete("cicte-cybersecurity-program")  # a document's source is its file name's stem
        after = _pairs(ws)
        assert ("USA", "PRY") in first and not any("PRY" in pair for pair in after)
        assert after and after < both
    finally:
        ws.close()
