"""Clients nobody here wrote, against the real server: rdflib's SPARQLStore and SPARQLWrapper.

The slice server has no row cap (the default); the light server has one (5000), so there a
large answer must fail loudly instead of arriving cut.
"""

from __future__ import annotations

from urllib.error import HTTPError

import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, RDFXML, SPARQLWrapper


def test_rdflib_sparqlstore_counts_what_it_iterates(server: str) -> None:
    graph = Graph(store=SPARQLStore(server + "/sparql", returnFormat="json"))
    counted = len(graph)
    iterated = sum(1 for _ in graph.triples((None, None, None)))
    print(f"\nrdflib SPARQLStore over the slice: len {counted}, iterated {iterated}")
    assert counted == iterated > 10_000  # past the row cap this endpoint used to apply silently


def test_sparqlwrapper_gets_rdf_xml_when_it_asks_for_it(server: str) -> None:
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 20")
    client.setReturnFormat(RDFXML)
    response = client.query()
    assert response.response.headers["Content-Type"].startswith("application/rdf+xml")
    assert len(response.convert()) == 20
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    client.setReturnFormat(JSON)
    assert int(client.query().convert()["results"]["bindings"][0]["n"]["value"]) > 10_000


def test_past_a_configured_cap_clients_get_an_error_not_a_cut_answer(light_server: str) -> None:
    client = SPARQLWrapper(light_server + "/sparql")
    client.setQuery("SELECT * WHERE { ?s ?p ?o }")
    client.setReturnFormat(JSON)
    with pytest.raises(HTTPError) as failure:
        client.query().convert()
    assert failure.value.code == 422
