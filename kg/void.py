"""The VoID/DCAT description of the dataset: what it holds (counts) and where to get it.

Counting scans the store, so counts are cached per store ``version`` and recomputed only
after a write.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import cast

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.workspace import Workspace
from ontology.namespaces import DCAT, DCTERMS, RDF, VOID, XSD

COUNTS_QUERY = """
SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties)
       (COUNT(DISTINCT ?o) AS ?objects) WHERE { ?s ?p ?o }
"""
CLASSES_QUERY = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c"


@dataclass(frozen=True)
class DatasetCounts:
    triples: int
    subjects: int
    properties: int
    objects: int
    documents: int
    graphs: int
    classes: tuple[tuple[str, int], ...]  # (class IRI, instances), most instances first


class DatasetDescriber:
    """Counts and describes one workspace's dataset. Thread-safe; cost: two scans per store version."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._lock = threading.Lock()
        self._cached: tuple[int, DatasetCounts] | None = None

    def counts(self) -> DatasetCounts:
        store = self.workspace.store
        with self._lock:
            version = store.version
            if self._cached is None or self._cached[0] != version:
                # COUNT binds every variable of its one row, and ?n of every class row, to an integer literal.
                (t, s, p, o), = cast(list[tuple[Literal, Literal, Literal, Literal]], store.select(COUNTS_QUERY))
                class_rows = cast(list[tuple[object, Literal]], store.select(CLASSES_QUERY))
                classes = tuple((c.value, int(n.value)) for c, n in class_rows if isinstance(c, NamedNode))
                counts = DatasetCounts(int(t.value), int(s.value), int(p.value), int(o.value),
                                       len(self.workspace.document_graphs()), len(store.named_graphs()), classes)
                self._cached = (version, counts)
            return self._cached[1]

    def triples(self, *, sparql_endpoint: str, dump_url: str, title: str = "policykg") -> list[Triple]:
        """VoID + DCAT: counts, class partitions, the SPARQL endpoint and the N-Quads dump."""
        counts = self.counts()
        iris = self.workspace.iris
        dataset = NamedNode(iris.dataset())
        a = NamedNode(RDF + "type")

        def integer(n: int) -> Literal:
            return Literal(str(n), datatype=NamedNode(XSD + "integer"))

        out = [
            Triple(dataset, a, NamedNode(VOID + "Dataset")),
            Triple(dataset, a, NamedNode(DCAT + "Dataset")),
            Triple(dataset, NamedNode(DCTERMS + "title"), Literal(title, language="en")),
            Triple(dataset, NamedNode(DCTERMS + "description"), Literal(
                "Public-security programs, resolutions and laws of the Americas as a knowledge graph: one named "
                "graph per source document, curated reference graphs, and their union as the default graph.",
                language="en")),
            Triple(dataset, NamedNode(VOID + "sparqlEndpoint"), NamedNode(sparql_endpoint)),
            Triple(dataset, NamedNode(VOID + "dataDump"), NamedNode(dump_url)),
            Triple(dataset, NamedNode(VOID + "uriSpace"), Literal(iris.instance_base)),
            Triple(dataset, NamedNode(VOID + "vocabulary"), NamedNode(iris.ontology)),
            Triple(dataset, NamedNode(VOID + "triples"), integer(counts.triples)),
            Triple(dataset, NamedNode(VOID + "distinctSubjects"), integer(counts.subjects)),
            Triple(dataset, NamedNode(VOID + "properties"), integer(counts.properties)),
            Triple(dataset, NamedNode(VOID + "distinctObjects"), integer(counts.objects)),
            Triple(dataset, NamedNode(VOID + "classes"), integer(len(counts.classes))),
            Triple(dataset, NamedNode(VOID + "documents"), integer(counts.documents)),
        ]
        distribution = BlankNode()
        out += [
            Triple(dataset, NamedNode(DCAT + "distribution"), distribution),
            Triple(distribution, a, NamedNode(DCAT + "Distribution")),
            Triple(distribution, NamedNode(DCAT + "downloadURL"), NamedNode(dump_url)),
            Triple(distribution, NamedNode(DCAT + "mediaType"), Literal("application/n-quads")),
            Triple(distribution, NamedNode(DCAT + "compressFormat"), Literal("application/gzip")),
            Triple(distribution, NamedNode(DCTERMS + "description"), Literal(
                f"Every named graph ({counts.graphs}) with its name; the default graph is their union.",
                language="en")),
        ]
        for cls, n in counts.classes:
            partition = BlankNode()
            out += [Triple(dataset, NamedNode(VOID + "classPartition"), partition),
                    Triple(partition, NamedNode(VOID + "class"), NamedNode(cls)),
                    Triple(partition, NamedNode(VOID + "entities"), integer(n))]
        return out
