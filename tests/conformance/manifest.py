"""The W3C SPARQL 1.1 test manifests under ``../shared/conformance/sparql11`` as plain records.

Manifests are read with the suite's public base (``https://w3c.github.io/rdf-tests/…``), so
relative IRIs in queries, data and expected results (graph names such as ``<data.ttl>``)
resolve to the same IRIs everywhere; each data file is stored as the named graph of its IRI.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection

SUITE = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "sparql11"
BASE = "https://w3c.github.io/rdf-tests/sparql/sparql11/"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
DAWGT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")

#: The folders the issue lists, in report order.
EVALUATION_FOLDERS = ("aggregates", "bind", "bindings", "cast", "construct", "exists", "functions", "grouping",
                      "negation", "project-expression", "property-path", "subquery", "json-res", "csv-tsv-res")
SYNTAX_FOLDERS = ("syntax-query",)
KINDS = {
    MF.QueryEvaluationTest: "evaluation", MF.CSVResultFormatTest: "csv-format",
    MF.PositiveSyntaxTest11: "positive-syntax", MF.PositiveSyntaxTest: "positive-syntax",
    MF.NegativeSyntaxTest11: "negative-syntax", MF.NegativeSyntaxTest: "negative-syntax",
}


@dataclass(frozen=True)
class W3CTest:
    id: str  # folder/local-name, e.g. "aggregates/agg01"
    folder: str
    kind: str  # evaluation | csv-format | positive-syntax | negative-syntax (the manifest's test type)
    name: str
    query: str  # IRI of the .rq file
    data: tuple[str, ...] = ()  # IRIs of the default-graph files
    graph_data: tuple[tuple[str, str], ...] = ()  # (graph name, file IRI)
    result: str | None = None  # IRI of the expected result

    def __str__(self) -> str:
        return self.id


def local(iri: str) -> Path:
    """The file of a suite IRI."""
    if not iri.startswith(BASE):
        raise ValueError(f"{iri} is not in the suite")
    return SUITE / iri[len(BASE):]


def available() -> bool:
    return (SUITE / "manifest-all.ttl").exists()


@cache
def load_folder(folder: str) -> tuple[W3CTest, ...]:
    """The tests a folder's manifest lists (in its order), without withdrawn ones."""
    base = f"{BASE}{folder}/manifest.ttl"
    g = Graph()
    g.parse(SUITE / folder / "manifest.ttl", format="turtle", publicID=base)
    manifest = URIRef(base)
    entries = g.value(manifest, MF.entries)
    tests = []
    for entry in Collection(g, entries) if entries is not None else []:
        kind = next((KINDS[t] for t in g.objects(entry, RDF.type) if t in KINDS), None)
        if kind is None or g.value(entry, DAWGT.approval) == DAWGT.Withdrawn:
            continue
        name = str(g.value(entry, MF.name) or entry)
        test_id = f"{folder}/{str(entry).rsplit('#', 1)[-1]}"
        action = g.value(entry, MF.action)
        if kind.endswith("syntax"):
            tests.append(W3CTest(test_id, folder, kind, name, str(action)))
            continue
        graph_data = []
        for gd in g.objects(action, QT.graphData):
            file = g.value(gd, QT.graph)
            label = g.value(gd, RDFS_LABEL)
            graph_data.append((str(label), str(file)) if file is not None else (str(gd), str(gd)))
        result = g.value(entry, MF.result)
        tests.append(W3CTest(test_id, folder, kind, name, str(g.value(action, QT.query)),
                             tuple(sorted(str(d) for d in g.objects(action, QT.data))), tuple(sorted(graph_data)),
                             str(result) if result is not None else None))
    return tuple(tests)


def load(folders: tuple[str, ...]) -> list[W3CTest]:
    return [t for f in folders for t in load_folder(f)] if available() else []
