"""Running one W3C query test over HTTP against the real server.

Each data file of the suite is stored once, through the Graph Store Protocol, as the named
graph of its IRI. A test then names its dataset with the protocol: its ``qt:data`` files as
``default-graph-uri`` (so the default graph is exactly its data, not the server's union) and
its ``qt:graphData`` files as ``named-graph-uri`` (none named means no named graphs). A query
with its own FROM/FROM NAMED keeps that dataset. The query's base IRI is its file's IRI.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import httpx

from kg.sparql.text import code_only
from tests.conformance.compare import (
    Solutions,
    numbers_by_value,
    order_keys,
    parse_graph,
    parse_results,
    same_graph,
    same_order,
    same_solutions,
)
from tests.conformance.manifest import W3CTest, local

EMPTY_GRAPH = "urn:x-policykg-test:empty"
_FROM = re.compile(r"\bFROM\b", re.IGNORECASE)
_GRAPH_FORM = re.compile(r"^\s*(CONSTRUCT|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)
ACCEPT = {".srx": ("application/sparql-results+xml", "xml"), ".srj": ("application/sparql-results+json", "json"),
          ".csv": ("text/csv", "csv"), ".tsv": ("text/tab-separated-values", "tsv")}
DATA_TYPES = {".ttl": "text/turtle", ".nt": "application/n-triples", ".rdf": "application/rdf+xml"}


class Mismatch(AssertionError):
    """The server answered, but not what the suite expects."""


def data_files(tests: Iterable[W3CTest]) -> set[str]:
    files: set[str] = set()
    for t in tests:
        files.update(t.data)
        files.update(name for name, _ in t.graph_data)
    return files


def load_data(client: httpx.Client, tests: Iterable[W3CTest], token: str) -> int:
    """PUT every data file as the named graph of its IRI (graphData files named by their label)."""
    graphs: dict[str, str] = {}
    for t in tests:
        graphs.update({d: d for d in t.data})
        graphs.update(dict(t.graph_data))
    for name, file in sorted(graphs.items()):
        path = local(file)
        r = client.put("/store", params={"graph": name}, content=path.read_bytes(),
                       headers={"Authorization": f"Bearer {token}", "Content-Type": DATA_TYPES[path.suffix]})
        r.raise_for_status()
    return len(graphs)


def query_text(test: W3CTest) -> str:
    return local(test.query).read_text(encoding="utf-8")


def dataset(test: W3CTest) -> dict[str, list[str]]:
    """The protocol's dataset parameters for a test (none when the query names its own dataset)."""
    if _FROM.search(code_only(query_text(test))):
        return {}
    return {"default-graph-uri": list(test.data) or [EMPTY_GRAPH],
            "named-graph-uri": [name for name, _ in test.graph_data]}


def ask_server(client: httpx.Client, test: W3CTest, token: str, accept: str) -> httpx.Response:
    """POST the test's query (based at its file's IRI) with its dataset."""
    return client.post("/sparql", params=dataset(test), content=f"BASE <{test.query}>\n{query_text(test)}".encode(),
                       headers={"Content-Type": "application/sparql-query", "Accept": accept,
                                "Authorization": f"Bearer {token}"})


def run_evaluation(client: httpx.Client, test: W3CTest, token: str) -> str:
    """Raise :class:`Mismatch` unless the server's answer equals the expected result; say how it matched.

    Returns ``"exact"``, or ``"by-value"`` when only numeric lexical forms differ (see :mod:`compare`).
    """
    assert test.result is not None
    code = code_only(query_text(test))
    expected_path = local(test.result)
    suffix = expected_path.suffix
    is_graph = bool(_GRAPH_FORM.search(code)) and suffix in (".ttl", ".rdf", ".nt")
    if is_graph:
        accept, fmt = "text/turtle", "turtle"
    else:
        accept, fmt = ACCEPT.get(suffix, ("application/sparql-results+json", "json"))
    r = ask_server(client, test, token, accept)
    if r.status_code != 200:
        raise Mismatch(f"HTTP {r.status_code}: {r.text[:400]}")
    if is_graph:
        actual_graph = parse_graph(r.content, "turtle")
        expected_graph = parse_graph(expected_path.read_bytes(), "turtle" if suffix == ".ttl" else "xml",
                                     base=test.result)
        if not same_graph(expected_graph, actual_graph):
            raise Mismatch(f"graphs differ:\nexpected\n{expected_graph.serialize(format='nt')}\n"
                           f"actual\n{actual_graph.serialize(format='nt')}")
        return "exact"
    expected_fmt = {".srx": "xml", ".srj": "json", ".csv": "csv", ".tsv": "tsv", ".ttl": "turtle",
                    ".rdf": "rdfxml"}[suffix]
    expected = parse_results(expected_path.read_bytes(), expected_fmt, base=test.result)
    actual = parse_results(r.content, fmt)
    try:
        compare(expected, actual, code)
        return "exact"
    except Mismatch:
        if expected.boolean is not None:
            raise
        compare(Solutions(expected.variables, tuple(numbers_by_value(expected.rows))),
                Solutions(actual.variables, tuple(numbers_by_value(actual.rows))), code)
        return "by-value"


def compare(expected: Solutions, actual: Solutions, code: str) -> None:
    if expected.boolean is not None or actual.boolean is not None:
        if expected.boolean != actual.boolean:
            raise Mismatch(f"ASK: expected {expected.boolean}, got {actual.boolean}")
        return
    if not same_solutions(expected.rows, actual.rows):
        raise Mismatch(f"solutions differ:\nexpected {sorted(map(str, expected.rows))}\n"
                       f"actual   {sorted(map(str, actual.rows))}")
    keys = order_keys(code)
    if keys != [] and not same_order(expected.rows, actual.rows, keys):
        raise Mismatch(f"order differs on ORDER BY {keys}:\nexpected {list(expected.rows)}\nactual   {list(actual.rows)}")


def run_syntax(client: httpx.Client, test: W3CTest) -> None:
    """Positive: the query runs (200). Negative: 400 with a problem body."""
    text = query_text(test)
    r = client.post("/sparql", params={"default-graph-uri": EMPTY_GRAPH}, content=text.encode(),
                    headers={"Content-Type": "application/sparql-query"})
    if test.kind == "positive-syntax" and r.status_code != 200:
        raise Mismatch(f"a valid query was refused: HTTP {r.status_code}: {r.text[:400]}")
    if test.kind == "negative-syntax" and r.status_code != 400:
        raise Mismatch(f"an invalid query got HTTP {r.status_code}, not 400")
