"""One store seam: only :func:`kg.store.open_store` builds a backend, and only the backend touches its engine."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pydantic import ValidationError

import kg.workspace
from kg.settings import STORE_BACKENDS, Settings
from kg.sparql.execute import InProcessExecutor, open_executor
from kg.sparql.worker import QueryPool
from kg.store import BACKENDS, open_snapshot, open_store, scratch_store
from kg.store.base import GraphStore, UnionGraph

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ("ontology", "kg", "ingest", "api", "evaluation")
BACKEND = "kg/store/oxigraph.py"
#: modules that use a ``pyoxigraph.Store`` of their own (never the service's store), and why
OWN_ENGINE = {
    "kg/sparql/update.py": "pyoxigraph's parser judges an update on an empty scratch Store; nothing is evaluated",
    "evaluation/sparql_overhead.py": "times pyoxigraph itself on a copy of a store, the baseline of the service",
    "evaluation/bench/sparql_mix.py": "the same for the bench's SPARQL mix (open_engine)",
}


def _named(node: ast.expr) -> str:
    """The last name of ``store``, ``ws.store``, ``self.ws.store`` …; "" for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def findings(tree: ast.AST) -> list[str]:
    """What a module does that only the backend may: reach ``.raw`` of a store, import pyoxigraph's
    ``Store``, build ``OxigraphStore``.

    >>> findings(ast.parse("ws.store.raw.query('ASK {}'); doc.raw.text"))
    ['.raw of store']
    >>> findings(ast.parse("from pyoxigraph import NamedNode, Store as S\\nimport pyoxigraph\\npyoxigraph.Store()"))
    ['pyoxigraph.Store', 'pyoxigraph.Store']
    >>> findings(ast.parse("from kg.store.oxigraph import OxigraphStore, iri"))
    ['OxigraphStore']
    """
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "raw" and "store" in _named(node.value).lower():
            found.append(f".raw of {_named(node.value)}")
        elif isinstance(node, ast.Attribute) and node.attr == "Store" and _named(node.value) == "pyoxigraph":
            found.append("pyoxigraph.Store")
        elif isinstance(node, ast.ImportFrom) and node.module == "pyoxigraph":
            found += ["pyoxigraph.Store" for alias in node.names if alias.name == "Store"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kg.store."):
            found += [alias.name for alias in node.names if alias.name.endswith("Store") and alias.name != "GraphStore"]
        elif isinstance(node, ast.Name) and node.id == "OxigraphStore":
            found.append("OxigraphStore")
    return found


def sources() -> list[Path]:
    return sorted(p for folder in SOURCE for p in (ROOT / folder).rglob("*.py"))


def test_only_the_backend_touches_its_engine() -> None:
    seen: dict[str, list[str]] = {}
    for path in sources():
        name = path.relative_to(ROOT).as_posix()
        found = findings(ast.parse(path.read_text(), filename=name))
        if name in OWN_ENGINE:
            found = [f for f in found if f != "pyoxigraph.Store"]
        if found and name not in (BACKEND, "kg/store/__init__.py"):
            seen[name] = sorted(set(found))
    assert seen == {}, "reach the store through kg.store.base.GraphStore (open_store builds it)"
    assert len(sources()) > 50  # the scan saw the tree


def test_the_exceptions_still_need_to_be_exceptions() -> None:
    for name in OWN_ENGINE:
        assert "pyoxigraph.Store" in findings(ast.parse((ROOT / name).read_text())), f"{name}: drop it from OWN_ENGINE"


def test_the_workspace_gets_its_store_from_open_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Settings, bool]] = []
    made: list[GraphStore] = []

    def spy(settings: Settings, *, read_only: bool = False) -> GraphStore:
        calls.append((settings, read_only))
        made.append(scratch_store())
        return made[-1]

    monkeypatch.setattr(kg.workspace, "open_store", spy)
    settings = Settings(store=tmp_path, embedders=())
    ws = kg.workspace.Workspace(settings)
    try:
        assert calls == [(settings, False)] and ws.store is made[0]
        assert ws.store.named_graphs(), "the reference graphs went into the store open_store gave"
    finally:
        ws.close()


def test_open_store_builds_the_configured_backend(tmp_path: Path) -> None:
    assert set(BACKENDS) == set(STORE_BACKENDS)
    store = open_store(Settings(store=tmp_path))
    try:
        assert (store.union_default_graph, store.snapshots, store.transactional_writes) == (
            UnionGraph.MAINTAINED, True, True)
        assert (tmp_path / "oxigraph").is_dir()
        snapshot = store.snapshot(tmp_path / "snap")
        copy = open_snapshot(snapshot)
        assert (snapshot.backend, snapshot.version, len(copy)) == ("oxigraph", store.version, len(store))
        copy.close()
    finally:
        store.close()
    with pytest.raises(ValidationError, match="unknown store backend"):
        Settings(store=tmp_path, store_backend="fuseki")


def test_an_in_memory_store_offers_no_snapshots() -> None:
    store = scratch_store()
    assert not store.snapshots
    with pytest.raises(NotImplementedError):
        store.snapshot(Path("/nonexistent"))
    with pytest.raises(ValueError, match="snapshots"):
        QueryPool(store, size=1, snapshot_root=Path("/nonexistent"))


@pytest.mark.parametrize("on_disk, workers, expected", [
    (True, 1, QueryPool),
    (True, 0, InProcessExecutor),
    (False, 2, InProcessExecutor),  # workers asked for, but nothing to snapshot
])
def test_open_executor_reads_the_snapshot_capability(tmp_path: Path, on_disk: bool, workers: int,
                                                     expected: type) -> None:
    settings = Settings(store=tmp_path, sparql_workers=workers, embedders=())
    store = open_store(settings) if on_disk else scratch_store()
    executor = open_executor(settings, store)
    try:
        assert type(executor) is expected
    finally:
        executor.close()
        store.close()
