"""The whole shared corpus through the CLI: counts, a second run skips all, a changed file replaces its graph."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.read import collect_paths
from tests.conftest import shared_or_skip

pytestmark = pytest.mark.slow


#: use-m3 keeps this test within the suite's time budget: it checks counts, all-or-nothing and
#: replacement, not the default embedder, whose whole-corpus speed `policykg bench` measures.
EMBEDDER = {"POLICYKG_EMBEDDERS": "use-m3", "POLICYKG_DEFAULT_EMBEDDER": "use-m3"}


def cli(store: Path, *args: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", "from api.cli import main; main()", "--store", str(store), *args],
                         capture_output=True, text=True, timeout=3000, env={**os.environ, **EMBEDDER})
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout) if "--json" in args else {"stdout": out.stdout}


def test_whole_corpus(tmp_path: Path) -> None:
    shared = shared_or_skip()
    corpus = tmp_path / "corpus"
    shutil.copytree(shared / "corpus", corpus)
    store = tmp_path / "store"
    # Every file a reader takes counts (812 resolutions, 17 program sheets, 34 laws, 1 catalog of
    # best practices — one document per catalog file — and whatever lands in ../shared/corpus later);
    # a data file no catalog mapping fits (laws/SOURCES.csv) is not a document and is not counted.
    documents = len(collect_paths([corpus]))
    assert documents >= 812 + 17 + 34 + 1
    assert not any(p.name == "SOURCES.csv" for p in collect_paths([corpus]))
    first = cli(store, "ingest", str(corpus), "--json")
    assert len(first["added"]) == documents, first["failed"]
    assert not first["failed"]
    print("\nwhole corpus:", json.dumps({k: first[k] for k in ("passages", "quads", "seconds", "elapsed_s")}))
    second = cli(store, "ingest", str(corpus), "--json")
    assert len(second["skipped"]) == documents and not second["added"] and not second["replaced"]

    changed = corpus / "unsc-resolutions" / "S_RES_0660_1990_EN_GOLD.txt"
    changed.write_text(changed.read_text() + "\n5. Decides to remain seized of the matter of the Kuwaiti marshes.\n")
    before = cli(store, "sparql", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                 "--format", "csv")["stdout"]
    third = cli(store, "ingest", str(corpus), "--json")
    assert third["replaced"] == ["S_RES_0660_1990_EN_GOLD"] and len(third["skipped"]) == documents - 1
    after = cli(store, "sparql", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                "--format", "csv")["stdout"]
    old_graphs = set(before.splitlines()[1:])
    new_graphs = set(after.splitlines()[1:])
    assert len(old_graphs - new_graphs) == 1 and len(new_graphs - old_graphs) == 1
    hits = cli(store, "search", "Kuwaiti marshes", "--json", "-k", "3", "--mode", "bm25")
    assert hits["hits"][0]["document"]["source"] == "S_RES_0660_1990_EN_GOLD"
