"""How much our HTTP layer costs over calling pyoxigraph directly, on the same queries, in one run.

Measures (asserts nothing): for each query of a small mix, the median time of

- ``direct``: ``pyoxigraph.Store.query`` on a read-only copy of the store, every row/triple iterated;
- ``direct+json``: the same plus pyoxigraph's own serialisation (JSON results, Turtle graphs);
- ``http``: GET /sparql against the real service in a child process (uvicorn, worker processes,
  our result writers), client with keep-alive, body read in full;
- ``http-inproc``: the same with ``POLICYKG_SPARQL_WORKERS=0`` (evaluation in the serving process).

Ratios are ``http / direct``. Run: ``python -m evaluation.sparql_overhead [--store DIR] [--json out.json]``.
Without ``--store`` a temporary store is built: the reference graphs plus a synthetic graph.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from pyoxigraph import Literal, NamedNode, Quad, QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Store, serialize

from evaluation.bench.served import served

EX = "http://example.org/bench/"
PREFIXES = (f"PREFIX ex: <{EX}> PREFIX pkg: <https://policykg.org/ontology#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
QUERIES: dict[str, str] = {
    "ask": "ASK { ?s a pkg:State }",
    "count-all": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "states-10": "SELECT ?s ?label WHERE { ?s a pkg:State ; rdfs:label ?label } LIMIT 10",
    "items-1000": "SELECT ?e ?name ?v WHERE { ?e a ex:Item ; ex:name ?name ; ex:value ?v } LIMIT 1000",
    "filter-1000": "SELECT ?e ?v WHERE { ?e ex:value ?v FILTER(?v >= 19000) }",
    "group-by": "SELECT ?g (COUNT(*) AS ?n) (AVG(?v) AS ?avg) WHERE { ?e ex:group ?g ; ex:value ?v } GROUP BY ?g",
    "construct-500": "CONSTRUCT { ?e ex:name ?name } WHERE { ?e ex:name ?name } LIMIT 500",
    "join-2000": "SELECT ?a ?g WHERE { ?a ex:linksTo ?b . ?b ex:group ?g } LIMIT 2000",
}


def build_store(root: Path, items: int) -> Path:
    """A workspace with the reference graphs plus ``items`` synthetic items (5 triples each)."""
    from kg.settings import Settings
    from kg.workspace import Workspace

    ws = Workspace(Settings(store=root, embedders=()))
    graph = f"{EX}graph"
    p = {k: NamedNode(EX + k) for k in ("name", "value", "group", "linksTo")}
    quads = []
    for i in range(items):
        e = NamedNode(f"{EX}item/{i}")
        quads += [Quad(e, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(EX + "Item")),
                  Quad(e, p["name"], Literal(f"item {i}")), Quad(e, p["value"], Literal(i)),
                  Quad(e, p["group"], NamedNode(f"{EX}group/{i % 100}")),
                  Quad(e, p["linksTo"], NamedNode(f"{EX}item/{(i * 7 + 1) % items}"))]
    ws.store.add_to_graph(graph, quads)
    ws.close()
    return root


def timed(fn: Callable[[], object], *, repeats: int, budget_s: float) -> float:
    """Median seconds of ``fn`` after two warm-up calls (at most ``repeats`` runs or ``budget_s``)."""
    fn()
    fn()
    times: list[float] = []
    started = time.perf_counter()
    while len(times) < repeats and (len(times) < 3 or time.perf_counter() - started < budget_s):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def direct_runner(store: Store, query: str, *, serialise: bool) -> Callable[[], object]:
    def run() -> object:
        result = store.query(PREFIXES + query)
        if isinstance(result, QueryBoolean):
            return bool(result)
        if isinstance(result, QuerySolutions):
            if serialise:
                return result.serialize(format=QueryResultsFormat.JSON)
            n = len(result.variables)
            return [[s[i] for i in range(n)] for s in result]
        triples = list(result)
        return serialize(triples, format=RdfFormat.TURTLE) if serialise else triples

    return run


def http_runner(client: httpx.Client, query: str) -> Callable[[], object]:
    accept = "text/turtle" if query.startswith("CONSTRUCT") else "application/sparql-results+json"

    def run() -> object:
        r = client.get("/sparql", params={"query": PREFIXES + query}, headers={"Accept": accept})
        r.raise_for_status()
        return r.content

    return run


def server_command(store: Path, workers: int) -> Callable[[int], list[str]]:
    policykg = shutil.which("policykg", path=str(Path(sys.executable).parent)) or "policykg"
    return lambda port: ["env", "POLICYKG_EMBEDDERS=", f"POLICYKG_SPARQL_WORKERS={workers}",
                         "POLICYKG_QUERY_TIMEOUT=60", "POLICYKG_ANONYMOUS_QUERY_TIMEOUT=60",
                         policykg, "--store", str(store), "serve", "--port", str(port)]


def measure(store_dir: Path, *, repeats: int, budget_s: float) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {name: {} for name in QUERIES}
    copy = store_dir.parent / f"{store_dir.name}-direct-copy"
    shutil.rmtree(copy, ignore_errors=True)
    source = Store(str(store_dir / "oxigraph"))
    source.backup(str(copy))
    del source
    direct = Store.read_only(str(copy))
    for name, query in QUERIES.items():
        results[name]["direct"] = timed(direct_runner(direct, query, serialise=False), repeats=repeats, budget_s=budget_s)
        results[name]["direct+json"] = timed(direct_runner(direct, query, serialise=True), repeats=repeats,
                                             budget_s=budget_s)
        results[name]["rows"] = float(len(direct_runner(direct, query, serialise=False)() or [])
                                      if not name == "ask" else 1)
    del direct
    shutil.rmtree(copy, ignore_errors=True)
    for label, workers in (("http", 2), ("http-inproc", 0)):
        with served(server_command(store_dir, workers), start_timeout_s=120) as app, \
                httpx.Client(base_url=app.url, timeout=120) as client:
            for name, query in QUERIES.items():
                results[name][label] = timed(http_runner(client, query), repeats=repeats, budget_s=budget_s)
    return results


def report(results: dict[str, dict[str, float]]) -> str:
    lines = [f"{'query':14} {'rows':>6} {'direct':>9} {'+json':>9} {'http':>9} {'inproc':>9} {'http/direct':>11} "
             f"{'http/+json':>10} {'inproc/direct':>13}"]
    for name, r in results.items():
        lines.append(f"{name:14} {int(r['rows']):6d} {r['direct'] * 1000:8.2f}m {r['direct+json'] * 1000:8.2f}m "
                     f"{r['http'] * 1000:8.2f}m {r['http-inproc'] * 1000:8.2f}m {r['http'] / r['direct']:11.2f} "
                     f"{r['http'] / r['direct+json']:10.2f} {r['http-inproc'] / r['direct']:13.2f}")

    def geomean(key: str, base: str) -> float:
        return math.exp(statistics.mean(math.log(r[key] / r[base]) for r in results.values()))

    total = {k: sum(r[k] for r in results.values()) for k in ("direct", "direct+json", "http", "http-inproc")}
    lines.append(f"geometric mean of ratios: http/direct {geomean('http', 'direct'):.2f}, "
                 f"http/direct+json {geomean('http', 'direct+json'):.2f}, "
                 f"http-inproc/direct {geomean('http-inproc', 'direct'):.2f}")
    lines.append(f"sum of medians: direct {total['direct'] * 1000:.1f} ms, direct+json {total['direct+json'] * 1000:.1f} ms,"
                 f" http {total['http'] * 1000:.1f} ms ({total['http'] / total['direct']:.2f}x), "
                 f"http-inproc {total['http-inproc'] * 1000:.1f} ms ({total['http-inproc'] / total['direct']:.2f}x)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="an existing store directory (no server may hold it)")
    parser.add_argument("--items", type=int, default=20_000, help="synthetic items when no --store is given")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--budget", type=float, default=3.0, help="seconds per query and mode")
    parser.add_argument("--json", type=Path, help="also write the medians here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or build_store(Path(tmp) / "store", args.items)
        results = measure(store, repeats=args.repeats, budget_s=args.budget)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
