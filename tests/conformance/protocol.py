"""The W3C SPARQL 1.1 Protocol tests (``sparql11/protocol/manifest.ttl``): HTTP exchanges to replay.

Each test is a list of requests against ``/sparql/``; we send queries to ``/sparql`` and
updates (an ``update`` operation, ``application/sparql-update``, ``using-graph-uri``) to
``/update`` with the bearer token, as the manifest allows ("an endpoint being tested may
require different endpoints to be used for Query and Update requests").
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

import httpx
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.query import Result

from tests.conformance.manifest import BASE, DAWGT, MF, SUITE

HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
RESULT_TYPES = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
                "text/csv": "csv", "text/tab-separated-values": "tsv"}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"}


class Refused(AssertionError):
    """The server refused the request by policy (403) where the manifest expects success."""


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str  # with the query string
    body: str | None
    headers: tuple[tuple[str, str], ...]
    statuses: tuple[int, ...]  # accepted status classes: 2, 3, 4
    boolean: bool | None
    format: str | None  # boolean | tabular | RDF


@dataclass(frozen=True)
class ProtocolTest:
    id: str
    name: str
    graphs: tuple[tuple[str, str], ...]  # (graph IRI, data file name)
    exchanges: tuple[Exchange, ...]

    def __str__(self) -> str:
        return self.id


@cache
def load_protocol_tests() -> tuple[ProtocolTest, ...]:
    path = SUITE / "protocol" / "manifest.ttl"
    if not path.exists():
        return ()
    base = f"{BASE}protocol/manifest.ttl"
    g = Graph()
    g.parse(path, format="turtle", publicID=base)
    tests = []
    for entry in Collection(g, g.value(URIRef(base), MF.entries)):
        if g.value(entry, DAWGT.approval) == DAWGT.Withdrawn:
            continue
        graphs = tuple(sorted((str(g.value(d, RDFS_LABEL)), str(g.value(d, UT.graph)).rsplit("/", 1)[-1])
                              for d in g.objects(entry, UT.graphData)))
        exchanges = []
        for request in Collection(g, g.value(g.value(entry, MF.action), HT.requests)):
            headers = []
            header_list = g.value(request, HT.headers)
            for h in Collection(g, header_list) if header_list is not None else []:
                headers.append((str(g.value(h, HT.fieldName)), str(g.value(h, HT.fieldValue))))
            body = g.value(request, HT.body)
            response = g.value(request, HT.resp)
            statuses = tuple(sorted(int(str(s)[-3]) for s in g.objects(response, MF.expectedStatus)))
            boolean = g.value(response, MF.expectedBoolean)
            fmt = g.value(response, MF.expectedFormat)
            exchanges.append(Exchange(str(g.value(request, HT.methodName)), str(g.value(request, HT.absolutePath)),
                                      str(g.value(body, CNT.chars)) if body is not None else None, tuple(headers),
                                      statuses, boolean.toPython() if boolean is not None else None,
                                      str(fmt) if fmt is not None else None))
        tests.append(ProtocolTest(str(entry).rsplit("#", 1)[-1], str(g.value(entry, MF.name)), graphs,
                                  tuple(exchanges)))
    return tuple(tests)


def is_update(exchange: Exchange) -> bool:
    content_type = dict((k.lower(), v) for k, v in exchange.headers).get("content-type", "")
    return ("update=" in exchange.path or "using-graph-uri" in exchange.path or "using-named-graph-uri" in exchange.path
            or content_type.startswith("application/sparql-update")
            or (exchange.body or "").startswith("update="))


def replay(client: httpx.Client, exchange: Exchange, token: str) -> None:
    """Send one request and check the status class, the result format and the boolean."""
    update = is_update(exchange)
    path = exchange.path.replace("/sparql/", "/update" if update else "/sparql", 1)
    headers = dict(exchange.headers)
    if update:
        headers["Authorization"] = f"Bearer {token}"
    charset = next((v.split("charset=")[-1] for k, v in exchange.headers if "charset=" in v), "utf-8")
    body = exchange.body.encode(charset) if exchange.body is not None else None
    r = client.request(exchange.method, path, content=body, headers=headers)
    if r.status_code == 403 and 4 not in exchange.statuses:
        raise Refused(f"{exchange.method} {path}: {r.json()['detail']}")
    assert r.status_code // 100 in exchange.statuses, f"{exchange.method} {path}: HTTP {r.status_code} {r.text[:300]}"
    media = r.headers.get("content-type", "").split(";")[0].strip()
    if exchange.format in ("boolean", "tabular"):
        assert media in RESULT_TYPES, f"not a SPARQL results type: {media}"
        if exchange.boolean is not None:
            result = Result.parse(io.BytesIO(r.content), format=RESULT_TYPES[media])
            assert result.askAnswer == exchange.boolean
    elif exchange.format == "RDF":
        assert media in RDF_TYPES, f"not an RDF type: {media}"
