"""Each expected W3C failure is the query engine's: pyoxigraph called directly gives the server's answer."""

from __future__ import annotations

import httpx
import pytest
from pyoxigraph import NamedNode, RdfFormat, Store

from kg.errors import BadQuery
from kg.formats import results_syntax
from kg.sparql.results import serialize_results
from kg.store.oxigraph import evaluate
from tests.conformance.compare import parse_results
from tests.conformance.expected_failures import EXPECTED_FAILURES
from tests.conformance.harness import EMPTY_GRAPH, ask_server, compare, dataset, query_text
from tests.conformance.manifest import EVALUATION_FOLDERS, SYNTAX_FOLDERS, W3CTest, load, local
from tests.conftest import TOKEN

LISTED = [t for t in load(EVALUATION_FOLDERS + SYNTAX_FOLDERS) if t.id in EXPECTED_FAILURES]
FORMATS = {".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".rdf": RdfFormat.RDF_XML}


def direct_store(test: W3CTest) -> Store:
    store = Store()
    for name, file in [(d, d) for d in test.data] + list(test.graph_data):
        path = local(file)
        store.load(path.read_bytes(), format=FORMATS[path.suffix], base_iri=file, to_graph=NamedNode(name))
    return store


@pytest.mark.parametrize("test", LISTED, ids=[t.id for t in LISTED])
def test_expected_failure_is_the_engines(w3c: httpx.Client, test: W3CTest) -> None:
    store = direct_store(test)
    if test.kind.endswith("syntax"):
        with pytest.raises(BadQuery):
            evaluate(store, query_text(test), deadline_s=30, max_rows=100_000, default_graphs=[EMPTY_GRAPH])
        r = w3c.post("/sparql", params={"default-graph-uri": EMPTY_GRAPH}, content=query_text(test).encode(),
                     headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 400
        return
    params = dataset(test)
    result = evaluate(store, f"BASE <{test.query}>\n{query_text(test)}", deadline_s=30, max_rows=100_000,
                      default_graphs=params.get("default-graph-uri", []),
                      named_graphs=params.get("named-graph-uri", []))
    direct = parse_results(serialize_results(result, results_syntax("json")), "json")
    served = ask_server(w3c, test, TOKEN, "application/sparql-results+json")
    assert served.status_code == 200
    compare(direct, parse_results(served.content, "json"), "")
