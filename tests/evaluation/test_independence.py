"""The judge shares no code with the extractor: nothing under evaluation/ imports ingest.

Checked twice: statically (every import statement of every module, at any depth, is read from
its syntax tree) and at run time (importing the evaluation modules in a fresh interpreter loads
no ``ingest`` module). One file is exempt, by name: the ingest-speed benchmark times ingest
itself and so must run it; it judges nothing.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVALUATION = ROOT / "evaluation"
#: Files allowed to import ingest, with the reason.
EXEMPT = {"evaluation/bench/ingest_speed.py": "times `ingest` itself (policykg bench); judges nothing"}
FORBIDDEN = "ingest"


def imported_modules(source: str, package: str) -> set[str]:
    """Every module an ``import``, ``from … import`` or ``import_module("…")`` anywhere in ``source``
    names; relative imports are resolved against ``package``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                found.add(node.module)
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", ""))
              in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant)):
            found.add(str(node.args[0].value))
    return found


def module_imports(path: Path) -> set[str]:
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    return imported_modules(path.read_text(encoding="utf-8"), package)


MODULES = sorted(p for p in EVALUATION.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_under_evaluation_imports_ingest(path: Path) -> None:
    rel = str(path.relative_to(ROOT))
    bad = sorted(m for m in module_imports(path) if m == FORBIDDEN or m.startswith(FORBIDDEN + "."))
    if rel in EXEMPT:
        return
    assert not bad, f"{rel} imports {bad}: the judge must not share code with the extractor"


def test_the_exemptions_still_exist_and_are_needed() -> None:
    for rel in EXEMPT:
        path = ROOT / rel
        assert path.exists(), f"{rel} is gone: drop its exemption"
        assert any(m.startswith(FORBIDDEN) for m in module_imports(path)), f"{rel} no longer imports ingest"


@pytest.mark.parametrize(("source", "expected"), [
    ("import ingest.gazetteer\n", {"ingest.gazetteer"}),
    ("def f():\n    from ingest.references import find_instrument_refs\n", {"ingest.references"}),
    ("import importlib\nimportlib.import_module('ingest.sheets.labels')\n", {"importlib", "ingest.sheets.labels"}),
    ("__import__('ingest')\n", {"ingest"}),
    ("from . import names\n", {"evaluation"}),
    ("from .bench import timing\n", {"evaluation.bench"}),
    ("from evaluation.names import norm\n", {"evaluation.names"}),
])
def test_the_import_reader_sees_every_form(source: str, expected: set[str]) -> None:
    assert imported_modules(source, "evaluation") == expected


def test_importing_the_evaluation_loads_no_ingest_module() -> None:
    code = ("import json, sys\n"
            "import evaluation.suite, evaluation.robustness, evaluation.relayout, evaluation.fitting, "
            "evaluation.programs, evaluation.names, evaluation.symbols, evaluation.report, evaluation.extraction, "
            "evaluation.retrieval, evaluation.citations, evaluation.bench.run\n"
            "print(json.dumps(sorted(m for m in sys.modules if m == 'ingest' or m.startswith('ingest.'))))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
