"""VoID/DCAT at /.well-known/void, the gzipped N-Quads dump, and the CLI export."""

from __future__ import annotations

import gzip

import httpx
from pyoxigraph import DefaultGraph, RdfFormat, parse
from typer.testing import CliRunner

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"


def count(url: str, query: str) -> int:
    r = httpx.get(url + "/sparql", params={"query": query}, timeout=30)
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_void_counts_agree_with_the_store(light_server: str) -> None:
    r = httpx.get(light_server + "/.well-known/void", headers={"Accept": "text/turtle"}, timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    triples = list(parse(r.content, format=RdfFormat.TURTLE))

    def value(predicate: str) -> str:
        return next(t.object.value for t in triples if t.predicate.value == predicate)

    assert int(value(VOID + "triples")) == count(light_server, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    assert int(value(VOID + "classes")) == count(light_server, "SELECT (COUNT(DISTINCT ?c) AS ?n) { ?s a ?c }")
    assert int(value(VOID + "documents")) == 0, "the light store holds reference data only"
    assert value(VOID + "sparqlEndpoint") == light_server + "/sparql"
    assert value(DCAT + "downloadURL") == light_server + "/dump.nq.gz"
    partitions = [t for t in triples if t.predicate.value == VOID + "class"]
    assert any(t.object.value == "https://policykg.org/ontology#State" for t in partitions)
    jsonld = httpx.get(light_server + "/.well-known/void", headers={"Accept": "application/ld+json"}, timeout=30)
    assert jsonld.status_code == 200 and jsonld.json()


def test_the_dump_holds_every_named_graph_once(light_server: str) -> None:
    r = httpx.get(light_server + "/dump.nq.gz", timeout=60)
    assert r.status_code == 200 and r.headers["content-type"] == "application/gzip"
    assert "policykg.nq.gz" in r.headers["content-disposition"]
    quads = list(parse(gzip.decompress(r.content), format=RdfFormat.N_QUADS))
    assert quads and not any(isinstance(q.graph_name, DefaultGraph) for q in quads), "the union is not repeated"
    assert len(quads) == count(light_server, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
    again = httpx.get(light_server + "/dump.nq.gz", timeout=60)
    assert again.headers["etag"] == r.headers["etag"], "made once per store version"


def test_cli_export_gzip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from api.cli import app

    target = tmp_path / "dump.nq.gz"
    result = CliRunner().invoke(app, ["--store", str(tmp_path / "store"), "export", "--gzip", "-o", str(target)])
    assert result.exit_code == 0, result.output
    quads = list(parse(gzip.decompress(target.read_bytes()), format=RdfFormat.N_QUADS))
    assert len(quads) > 1000 and {q.graph_name.value for q in quads} >= {"https://policykg.org/graph/reference/states"}
