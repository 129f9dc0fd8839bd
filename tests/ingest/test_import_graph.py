"""No import circle through ingest/: read every import from the syntax tree, then look for cycles.

Every ``import`` and ``from … import`` anywhere in a module counts, at module level or inside a
function: a lazy import is still a dependency, and the circle this test was written against
(``ingest.segment`` ↔ ``ingest.resolutions``, ``ingest.sheets.text``) ran through lazy imports.
A package's ``__init__`` that a submodule import runs first is not counted: Python sets up the
parent before the child, so ``ingest.kinds`` importing its own kind packages is no circle,
while a kind importing ``ingest.kinds`` back would be one, and is caught.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: The layers ingest sits on, read too so that a circle through kg/ or ontology/ is seen.
PACKAGES = ("ontology", "kg", "ingest")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))
            if "__pycache__" not in p.parts}


def imported_names(source: str, module: str, *, is_package: bool) -> set[str]:
    """Every dotted name an import statement of ``source`` (anywhere in it) may load.

    ``from a.b import c`` gives ``a.b`` and ``a.b.c`` (``c`` may be a submodule); relative
    imports are resolved against ``module``.
    """
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", ""))
              in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant)):
            found.add(str(node.args[0].value))
    return found


def import_graph(modules: Mapping[str, Path]) -> dict[str, set[str]]:
    """Module → the project modules it imports (each name resolved to the longest known module)."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in imported_names(path.read_text(encoding="utf-8"), name, is_package=path.stem == "__init__"):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The import circles of ``graph``: its strongly connected components of two modules or more (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(project_modules())


def test_no_module_under_ingest_is_on_an_import_circle(graph: dict[str, set[str]]) -> None:
    through_ingest = [c for c in cycles(graph) if any(m == "ingest" or m.startswith("ingest.") for m in c)]
    assert through_ingest == []


def test_the_shared_span_helpers_are_a_leaf(graph: dict[str, set[str]]) -> None:
    assert graph["ingest.spans"] == set()
    assert graph["ontology.folding"] == set()


def test_outside_ingest_kinds_only_the_registry_is_imported(graph: dict[str, set[str]]) -> None:
    """The pipeline and the shared steps know kinds through ``ingest.kinds`` (and its protocol) only."""
    allowed = {"ingest.kinds", "ingest.kinds.base"}
    bad = {m: sorted(t for t in targets if t.startswith("ingest.kinds.") and t not in allowed)
           for m, targets in graph.items() if not (m == "ingest.kinds" or m.startswith("ingest.kinds."))}
    assert {m: t for m, t in bad.items() if t} == {}


def test_no_kind_imports_the_registry_back(graph: dict[str, set[str]]) -> None:
    kind_modules = [m for m in graph if m.startswith("ingest.kinds.")]
    assert kind_modules
    assert [m for m in kind_modules if "ingest.kinds" in graph[m]] == []


@pytest.mark.parametrize(("source", "module", "expected"), [
    ("import ingest.model\n", "ingest.x", {"ingest.model"}),
    ("def f():\n    from ingest.kinds.resolution import header\n", "ingest.x",
     {"ingest.kinds.resolution", "ingest.kinds.resolution.header"}),
    ("from . import text\n", "ingest.sheets.lines", {"ingest.sheets", "ingest.sheets.text"}),
    ("from .base import DocumentKind\n", "ingest.kinds", {"ingest.kinds.base", "ingest.kinds.base.DocumentKind"}),
    ("import importlib\nimportlib.import_module('ingest.sheets.labels')\n", "ingest.x",
     {"importlib", "ingest.sheets.labels"}),
])
def test_the_import_reader_sees_every_form(source: str, module: str, expected: set[str]) -> None:
    assert imported_names(source, module, is_package=module == "ingest.kinds") == expected


def test_the_cycle_finder_finds_the_old_circle() -> None:
    old = {"ingest.segment": {"ingest.resolutions", "ingest.sheets.segment", "ingest.model"},
           "ingest.resolutions": {"ingest.segment", "ingest.model"},
           "ingest.sheets.segment": {"ingest.sheets.text"},
           "ingest.sheets.text": {"ingest.segment"},
           "ingest.model": set()}
    assert cycles(old) == [["ingest.resolutions", "ingest.segment", "ingest.sheets.segment", "ingest.sheets.text"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
