"""The same end-to-end run on each remote store: policykg over HTTP, its graph on a real SPARQL server.

Backends: Oxigraph server with policykg maintaining the union default graph (``oxigraph``), Oxigraph
server with ``--union-default-graph`` and Graph Store Protocol PUTs (``oxigraph-union``), and
Virtuoso 7.2, whose default graph is natively the union (``virtuoso``). Each starts on free
ports in a temp dir and stops after its module's tests. Differences between them are asserted
where they show (see ``DIFFERENCES``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import SAMPLE, TOKEN, running_server
from tests.remote.servers import Endpoints, oxigraph_server, virtuoso_server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
DOCS = ("pacam", "gelavex", "cicte-cybersecurity-program")
SPARQL_JSON = "application/sparql-results+json"
#: what differs between backends, and why (asserted below where it shows)
DIFFERENCES = {
    "oxigraph": "policykg keeps the union in the default graph (deduplicated), in each write request",
    "oxigraph-union": "the server's union default graph repeats a triple stated by several graphs",
    "virtuoso": "native union that also repeats shared triples; blank nodes come back as nodeID:// and "
                "cannot be asked for again; INSERT DATA refuses blank nodes (we send INSERT {…} WHERE {})",
}


@pytest.fixture(scope="module", params=["oxigraph", "oxigraph-union", "virtuoso"])
def remote(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoints]:
    directory = tmp_path_factory.mktemp(f"server-{request.param}")
    if request.param == "virtuoso":
        with virtuoso_server(directory) as endpoints:
            yield endpoints
    else:
        with oxigraph_server(directory, union=request.param == "oxigraph-union") as endpoints:
            yield endpoints


@pytest.fixture(scope="module")
def app(remote: Endpoints, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """policykg over HTTP on the remote store (minilm only: the point is the store, not the model)."""
    from kg.settings import Settings

    settings = Settings(store=tmp_path_factory.mktemp(f"local-{remote.name}"), api_token=TOKEN,
                        embedders=("minilm",), default_embedder="minilm", anonymous_query_timeout=2.0,
                        **remote.settings())  # type: ignore[arg-type]
    with running_server(settings) as url:
        yield url


def sparql(url: str, query: str) -> dict[str, object]:
    answer = httpx.post(url + "/sparql", data={"query": query}, headers={"Accept": SPARQL_JSON}, timeout=60)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def test_ingest_search_sparql_entity_delete(app: str, remote: Endpoints) -> None:
    iris = {}
    for name in DOCS:
        added = httpx.post(app + "/documents", params={"name": f"{name}.txt"}, content=(SAMPLE / f"{name}.txt").read_bytes(),
                           headers=AUTH, timeout=300)
        assert added.status_code == 201 and added.json()["added"] == [name], added.text
        iris[name] = added.json()["documents"][0]["iri"]
    listed = httpx.get(app + "/documents", timeout=30).json()["documents"]
    assert {d["source"] for d in listed} >= set(DOCS)

    # search: the passages came from the remote store into the local indexes
    hits = httpx.get(app + "/search", params={"q": "firearms marking and tracing", "k": 5}, timeout=120).json()["hits"]
    assert hits and {h["document"]["source"] for h in hits} <= set(DOCS)
    found = httpx.get(app + "/search", params={"q": "cybersecurity incident response teams", "k": 3}, timeout=120)
    assert found.json()["hits"][0]["document"]["source"] == "cicte-cybersecurity-program", found.text

    # /sparql: the default graph is the union, whoever computes it; reference data is there too
    states = sparql(app, "PREFIX pkg: <https://policykg.org/ontology#> SELECT (COUNT(DISTINCT ?s) AS ?n) "
                         "WHERE { ?s a pkg:State }")
    assert int(states["results"]["bindings"][0]["n"]["value"]) >= 35  # type: ignore[index]
    docs = sparql(app, "PREFIX pkg: <https://policykg.org/ontology#> SELECT DISTINCT ?d WHERE { ?p pkg:partOf ?d }")
    assert {b["d"]["value"] for b in docs["results"]["bindings"]} >= set(iris.values())  # type: ignore[index]
    ask = sparql(app, f"ASK {{ GRAPH ?g {{ <{iris['pacam']}> ?p ?o }} }}")
    assert ask["boolean"] is True
    construct = httpx.post(app + "/sparql", data={"query": f"CONSTRUCT {{ <{iris['pacam']}> ?p ?o }} "
                                                            f"WHERE {{ <{iris['pacam']}> ?p ?o }}"},
                           headers={"Accept": "text/turtle"}, timeout=60)
    assert construct.status_code == 200 and iris["pacam"] in construct.text

    # entity pages: HTML and Turtle for a state and for a document
    page = httpx.get(app + "/entities/state/GTM", headers={"Accept": "text/html"}, timeout=60)
    assert page.status_code == 200 and "Guatemala" in page.text
    doc_path = iris["pacam"].split("/id/", 1)[1]
    turtle = httpx.get(app + f"/entities/{doc_path}", headers={"Accept": "text/turtle"}, timeout=60)
    assert turtle.status_code == 200 and "pacam" in turtle.text.lower(), turtle.text[:500]

    # delete: the graph leaves the store, the union and search
    gone = httpx.delete(app + "/documents/pacam", headers=AUTH, timeout=120)
    assert gone.status_code == 200, gone.text
    assert sparql(app, f"ASK {{ GRAPH ?g {{ <{iris['pacam']}> ?p ?o }} }}")["boolean"] is False
    assert sparql(app, f"ASK {{ <{iris['pacam']}> ?p ?o }}")["boolean"] is False
    after = httpx.get(app + "/search", params={"q": "firearms marking and tracing", "k": 10}, timeout=120).json()
    assert "pacam" not in {h["document"]["source"] for h in after["hits"]}


def test_bad_queries_and_updates_are_client_errors(app: str) -> None:
    bad = httpx.post(app + "/sparql", data={"query": "SELECT ?s WHERE { ?s ?p }"}, timeout=30)
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"
    written = httpx.post(app + "/update", data={"update": "INSERT DATA { GRAPH <http://example.org/mine> "
                                                          "{ <http://example.org/a> <http://example.org/b> 'c' } }"},
                         headers=AUTH, timeout=60)
    assert written.status_code == 200, written.text
    assert sparql(app, "ASK { <http://example.org/a> <http://example.org/b> 'c' }")["boolean"] is True


def test_shared_triples_in_the_default_graph(app: str, remote: Endpoints) -> None:
    """Two graphs stating one triple: policykg's maintained union holds it once; a native union may repeat it."""
    for g in ("http://example.org/one", "http://example.org/two"):
        r = httpx.post(app + "/update", data={"update": f"INSERT DATA {{ GRAPH <{g}> "
                                                        "{ <http://example.org/x> <http://example.org/same> 1 } }"},
                       headers=AUTH, timeout=60)
        assert r.status_code == 200, r.text
    rows = sparql(app, "SELECT ?o WHERE { <http://example.org/x> <http://example.org/same> ?o }")
    count = len(rows["results"]["bindings"])  # type: ignore[index]
    assert count == 1 if not remote.union_native else count in (1, 2), DIFFERENCES[remote.name]


def test_a_write_request_that_fails_leaves_the_old_graph(remote: Endpoints) -> None:
    """One request per write: when its last operation fails, its first did not happen either.

    Oxigraph runs an update request as one transaction. Virtuoso's endpoint commits operation by
    operation (its autocommit mode), so there a failed request can leave a half-done write: the
    difference is asserted, and ``transactional_writes`` stays a per-request promise.
    """
    from pyoxigraph import Literal, NamedNode, Quad

    from kg.errors import PolicyKGError
    from kg.store.sparql_http import SparqlHttpStore

    store = SparqlHttpStore(remote.query, update_url=remote.update, graph_store_url=remote.graph_store,
                            union_native=remote.union_native)
    g, s = "http://example.org/atomic", NamedNode("http://example.org/s")
    try:
        store.replace_graphs({g: [Quad(s, s, Literal("old"), NamedNode(g))]})
        with pytest.raises(PolicyKGError):
            store.update(f"DROP SILENT GRAPH <{g}> ; INSERT DATA {{ GRAPH <{g}> {{ {s} {s} 'new' }} }} ; "
                         "DROP GRAPH <http://example.org/never-made>", touched=[g])
        left = {q.object.value for q in store.graph_quads(g)}  # type: ignore[union-attr]
        if remote.name == "virtuoso":
            assert left in ({"old"}, {"new"}), DIFFERENCES["virtuoso"]
        else:
            assert left == {"old"}, "a failed request changed the graph"
    finally:
        store.replace_graphs({}, drop=[g])
        store.close()


def test_a_slow_query_stops_at_its_deadline(app: str) -> None:
    """The deadline travels as the HTTP client's timeout: the answer is a 503 problem, in about the deadline."""
    started = time.monotonic()
    slow = httpx.post(app + "/sparql", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"},
                      timeout=60)
    took = time.monotonic() - started
    assert slow.status_code == 503 and slow.headers["content-type"] == "application/problem+json", slow.text
    assert took < 10, f"the 2 s deadline took {took:.1f} s"


def test_the_store_declares_what_it_can_do(remote: Endpoints, tmp_path: Path) -> None:
    from kg.settings import Settings
    from kg.sparql.execute import InProcessExecutor, open_executor
    from kg.store import open_store
    from kg.store.base import UnionGraph

    settings = Settings(store=tmp_path, embedders=(), **remote.settings())  # type: ignore[arg-type]
    store = open_store(settings)
    try:
        assert (store.snapshots, store.local_engine) == (False, False)
        assert store.transactional_writes is (remote.graph_store is None)  # GSP: one request per graph
        assert store.union_default_graph is (UnionGraph.NATIVE if remote.union_native else UnionGraph.MAINTAINED)
        with pytest.raises(NotImplementedError):
            store.snapshot(tmp_path / "snap")
        executor = open_executor(settings, store)  # workers asked for (the default), but the server evaluates
        assert isinstance(executor, InProcessExecutor) and executor.network
        assert not (tmp_path / "oxigraph").exists(), "no embedded store was opened beside the remote one"
    finally:
        store.close()


@pytest.mark.parametrize("remote", ["virtuoso"], indirect=True)
def test_virtuoso_behind_digest_auth(remote: Endpoints, tmp_path: Path) -> None:
    """Virtuoso's authenticated endpoint (``/sparql-auth``, HTTP digest): reads and writes with the
    right credentials, a clear refusal with wrong ones, and nothing written by the refused request."""
    from dataclasses import replace

    from pyoxigraph import Literal, NamedNode, Quad

    from kg.errors import BackendUnavailable
    from kg.settings import Settings
    from kg.store import open_store

    base = remote.query.removesuffix("/sparql")
    endpoints = replace(remote, query=base + "/sparql-auth", update=base + "/sparql-auth", user="dba", password="dba",
                        graph_store=base + "/sparql-graph-crud-auth", auth="digest")
    g, s = "http://example.org/digest", NamedNode("http://example.org/behind-digest")
    store = open_store(Settings.model_validate({"store": tmp_path / "right", "embedders": (), **endpoints.settings()}))
    try:
        store.replace_graphs({g: [Quad(s, s, Literal("written"), NamedNode(g))]})
        rows = store.select(f"SELECT ?o WHERE {{ GRAPH <{g}> {{ {s} {s} ?o }} }}")
        assert [getattr(r[0], "value", None) for r in rows] == ["written"]
        wrong = open_store(Settings.model_validate({"store": tmp_path / "wrong", "embedders": (),
                                                    **replace(endpoints, password="not-the-password").settings()}))
        try:
            with pytest.raises(BackendUnavailable, match="denied"):
                wrong.replace_graphs({g: [Quad(s, s, Literal("overwritten"), NamedNode(g))]})
        finally:
            wrong.close()
        assert {q.object.value for q in store.graph_quads(g)} == {"written"}  # type: ignore[union-attr]
    finally:
        store.replace_graphs({}, drop=[g])
        store.close()
