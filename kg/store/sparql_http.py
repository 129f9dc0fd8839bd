"""A remote store: any server speaking the SPARQL 1.1 Protocol, Update and (optionally) the Graph Store Protocol.

Chosen by ``POLICYKG_STORE_URL`` (:func:`kg.store.open_store`); tested against Oxigraph server and
Virtuoso 7.2 (tests/remote). What it declares, and why:

- ``union_default_graph``: NATIVE when the operator says the server's default graph is the union
  (``store_union_default_graph``), else MAINTAINED: every write request carries the same
  fix-ups the embedded store runs (:mod:`kg.store.update_text`).
- ``snapshots`` False: the server evaluates, so queries never run in our worker pool; the deadline
  is the HTTP client's timeout, and a server that stopped early on its own timeout (Virtuoso's
  "anytime" partial answers) is reported as a timeout, never as a short answer.
- ``transactional_writes``: without a Graph Store Protocol endpoint each write is one SPARQL Update
  request, all or nothing on Oxigraph server (Virtuoso's endpoint commits operation by operation);
  with one, each document graph is one PUT (the server swaps that graph whole, so a failed PUT
  leaves the old graph) but a write of several graphs is several requests, so it declares False.
- ``local_engine`` False: evaluation is the server's; the network sandbox cannot apply to it.

``version`` is how replicas notice each other's writes: every write also replaces a token in a
private graph (:data:`STATE_GRAPH`), and reading ``version`` looks at the token at most once per
``store_poll_s``, counting up when it changed.
"""

from __future__ import annotations

import io
import logging
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlencode

import httpx
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from kg.errors import BackendUnavailable, BadQuery, QueryTimeout
from kg.sparql.guard import query_form
from kg.sparql.lexer import tokens
from kg.store.base import QueryResult, Row, Snapshot, Term, UnionGraph
from kg.store.oxigraph import iri
from kg.store.update_text import add_text, replace_graphs_text, triples_text, with_union_fixups

log = logging.getLogger(__name__)

#: the backend's own graph: one triple whose object changes with every write (see ``version``)
STATE_GRAPH = "urn:policykg:store-state"
_TOKEN = "urn:policykg:writeToken"
#: internal reads (select, quads, dumps) get this long; client queries bring their own deadline
INTERNAL_DEADLINE_S = 120.0
_RESULTS = "application/sparql-results+xml"
_GRAPH = "text/turtle"  # every server writes it (N-Triples, which is Turtle too, is not named alike by all)
#: headers by which a server says it stopped early and sent what it had (Virtuoso's anytime queries)
_PARTIAL = ("x-sql-state", "x-sparql-maxrows")
#: graphs a server keeps for itself; never listed as the store's named graphs
_SERVER_GRAPHS = ("http://www.openlinksw.com/", "http://localhost:8890/", "http://localuriqaserver/", "http://www.w3.org/ns/ldp#",
                  "urn:activitystreams-owl:map", "urn:core:services:sparql", "http://www.w3.org/2002/07/owl#",
                  "virtrdf-label", "urn:rules.skos", "urn:virtuoso:", STATE_GRAPH)


def _own(graph: str) -> bool:
    return not graph.startswith(_SERVER_GRAPHS)


class SparqlHttpStore:
    """A :class:`~kg.store.base.GraphStore` on a remote SPARQL 1.1 server (see the module docstring).

    Thread-safe: one pooled HTTP client; writes are single requests.
    """

    snapshots = False
    transactional_writes = True
    local_engine = False

    def __init__(self, query_url: str, *, update_url: str | None = None, graph_store_url: str | None = None,
                 union_native: bool = False, auth: httpx.Auth | None = None, poll_s: float = 1.0,
                 timeout_param: str | None = None) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.graph_store_url = graph_store_url if union_native else None  # a PUT cannot maintain a union copy
        # one SPARQL Update request carries a whole write; with GSP, each graph is its own request
        self.transactional_writes = self.graph_store_url is None
        self.union_default_graph = UnionGraph.NATIVE if union_native else UnionGraph.MAINTAINED
        self.poll_s = poll_s
        self.timeout_param = timeout_param
        self._client = httpx.Client(auth=auth, timeout=INTERNAL_DEADLINE_S,
                                    limits=httpx.Limits(max_connections=32, max_keepalive_connections=16))
        self._lock = threading.Lock()
        self._token: str | None = None
        self._looked = -1.0e9
        self._version = 0
        self.read_only = False

    # the version other replicas' writes move
    @property
    def version(self) -> int:
        """This process's count of the store states it saw; re-read from the server at most every ``poll_s``."""
        with self._lock:
            if time.monotonic() - self._looked < self.poll_s:
                return self._version
        rows = self.select(f"SELECT ?t WHERE {{ GRAPH <{STATE_GRAPH}> {{ <{STATE_GRAPH}> <{_TOKEN}> ?t }} }}")
        token = str(getattr(rows[0][0], "value", "")) if rows else ""
        with self._lock:
            self._looked = time.monotonic()
            if token != self._token:
                self._token = token
                self._version += 1
            return self._version

    def _state_text(self) -> tuple[str, str]:
        token = uuid.uuid4().hex
        node, pred = f"<{STATE_GRAPH}>", f"<{_TOKEN}>"
        return token, (f"DELETE WHERE {{ GRAPH {node} {{ {node} {pred} ?t }} }} ;\n"
                       f"INSERT DATA {{ GRAPH {node} {{ {node} {pred} \"{token}\" }} }}")

    def _wrote(self, token: str) -> None:
        with self._lock:
            self._token = token
            self._version += 1
            self._looked = time.monotonic()

    # HTTP
    def _post(self, url: str, *, deadline_s: float, what: str, method: str = "POST",
              **kwargs: object) -> httpx.Response:
        try:
            response = self._client.request(method, url,
                                            timeout=httpx.Timeout(deadline_s, connect=min(deadline_s, 10.0)),
                                            **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException:
            raise QueryTimeout(f"the store did not answer the {what} within {deadline_s:g} s") from None
        except httpx.HTTPError as e:
            raise BackendUnavailable(f"the SPARQL store is unreachable ({type(e).__name__})") from None
        if response.status_code >= 300:
            log.warning("the store refused this %s: %.2000s", what, kwargs.get("content", b"")[:2000])  # type: ignore[index]
        self._check(response, what)
        return response

    @staticmethod
    def _check(response: httpx.Response, what: str) -> None:
        status = response.status_code
        if status < 300:
            return
        log.warning("the store refused a %s: HTTP %s %s", what, status, response.text[:500])
        if status in (400, 422):
            raise BadQuery(f"the SPARQL store refused the {what} (HTTP {status})")
        if status in (401, 403):
            raise BackendUnavailable(f"the SPARQL store denied the {what} (HTTP {status}): check store_user")
        raise BackendUnavailable(f"the SPARQL store failed on the {what} (HTTP {status})")

    # reads
    def query(self, sparql: str, *, deadline_s: float, max_rows: int | None,
              default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = (),
              base_iri: str | None = None) -> QueryResult:
        """Send a read query (POST, form-encoded) and materialise at most ``max_rows`` rows, flagging a cut.

        The whole exchange must end within ``deadline_s`` (else :class:`QueryTimeout`).
        """
        started = time.perf_counter()
        form = query_form(sparql) or "select"
        graph = form == "graph"
        if base_iri:
            sparql = f"BASE <{iri(base_iri).value}>\n{sparql}"
        data: list[tuple[str, str]] = [("query", sparql)]
        data += [("default-graph-uri", iri(g).value) for g in default_graphs]
        data += [("named-graph-uri", iri(g).value) for g in named_graphs]
        if self.timeout_param:  # the server stops at the deadline too, instead of working on for no one
            data.append((self.timeout_param, str(max(int(deadline_s * 1000), 1))))
        response = self._post(self.query_url, deadline_s=deadline_s, what="query", content=urlencode(data).encode(),
                              headers={"Accept": _GRAPH if graph else _RESULTS,
                                       "Content-Type": "application/x-www-form-urlencoded"})
        if any(h in response.headers for h in _PARTIAL):
            raise QueryTimeout("the store stopped the query at its own time limit and sent a partial answer")
        if time.perf_counter() - started > deadline_s:
            raise QueryTimeout(f"the query ran past its {deadline_s:g} s deadline")
        cap = max_rows if max_rows is not None else -1
        try:
            if graph:
                triples = [q.triple for q in parse(response.content, format=RdfFormat.TURTLE)]
                cut = 0 <= cap < len(triples)
                return QueryResult("graph", triples=tuple(triples[:cap] if cut else triples), truncated=cut,
                                   elapsed_s=time.perf_counter() - started)
            # Virtuoso names blank nodes "nodeID://b1", which is no blank node label; the label is what follows
            body = response.content.replace(b"<bnode>nodeID://", b"<bnode>")
            result = parse_query_results(body, format=QueryResultsFormat.XML)
        except SyntaxError:
            raise BackendUnavailable("the SPARQL store sent an answer that does not parse") from None
        if isinstance(result, QueryBoolean):
            return QueryResult("ask", boolean=bool(result), elapsed_s=time.perf_counter() - started)
        assert isinstance(result, QuerySolutions)
        variables = tuple(v.value for v in result.variables)
        rows: list[Row] = []
        truncated = False
        for solution in result:
            if len(rows) == cap:
                truncated = True
                break
            rows.append(tuple(solution[v] for v in result.variables))  # by name: parsed order may differ
        return QueryResult("select", variables, tuple(rows), truncated=truncated,
                           elapsed_s=time.perf_counter() - started)

    def select(self, sparql: str, **bindings: object) -> list[Row]:
        """A trusted internal SELECT over the default (union) graph; ``bindings`` bind variables (VALUES)."""
        if bindings:
            # One VALUES per variable, opening the WHERE group (the query's first "{"): Virtuoso 7.2 applies a
            # trailing VALUES only to projected variables, and fails to compile some multi-variable ones.
            # The terms are serialised by pyoxigraph.
            values = " ".join(f"VALUES ?{k} {{ {v} }}" for k, v in bindings.items())
            brace = next(t.start for t in tokens(sparql) if t.text == "{")
            sparql = f"{sparql[:brace + 1]} {values} {sparql[brace + 1:]}"
        return list(self.query(sparql, deadline_s=INTERNAL_DEADLINE_S, max_rows=None).rows)

    def quads(self, subject: NamedNode | BlankNode | Triple | None = None, predicate: NamedNode | None = None,
              obj: Term | None = None, *, graph: str | None = None) -> Iterator[Quad]:
        """The matching quads of the named graphs. A blank node from an earlier answer matches nothing:
        the protocol gives no way to name a server's blank node in a later request."""
        if obj is not None and not isinstance(obj, (NamedNode, BlankNode, Literal, Triple)):
            raise TypeError(f"not an RDF term: {obj!r}")
        if isinstance(subject, BlankNode) or isinstance(obj, BlankNode) or isinstance(subject, Triple):
            return iter(())
        bound = {k: v for k, v in (("s", subject), ("p", predicate), ("o", obj)) if v is not None}
        if graph is not None:
            bound["g"] = iri(graph)
        rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", **bound)
        return (Quad(s, p, o, g) for s, p, o, g in rows  # type: ignore[arg-type]
                if isinstance(g, NamedNode) and _own(g.value))

    def named_graphs(self) -> list[str]:
        """The named graphs holding a triple (the protocol cannot list empty ones), less the server's own."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(v for (g,) in rows if isinstance(g, NamedNode) and _own(v := g.value))

    def has_graph(self, graph: str) -> bool:
        answer = self.query(f"ASK {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}", deadline_s=INTERNAL_DEADLINE_S,
                            max_rows=None)
        return bool(answer.boolean)

    def graph_quads(self, graph: str) -> list[Quad]:
        return list(self.quads(graph=graph))

    def __len__(self) -> int:
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return sum(int(getattr(n, "value", 0)) for g, n in rows if isinstance(g, NamedNode) and _own(g.value))

    # exports
    def dump_to(self, output: BinaryIO, fmt: str) -> None:
        """Every named graph with its name (N-Quads or TriG), one graph per request."""
        rdf_format = RdfFormat.TRIG if fmt == "trig" else RdfFormat.N_QUADS
        serialize((q for g in self.named_graphs() for q in self.quads(graph=g)), output, format=rdf_format)

    def dump(self, fmt: str) -> bytes:
        out = io.BytesIO()
        self.dump_to(out, fmt)
        return out.getvalue()

    def graph_dump(self, graph: str | None, fmt: RdfFormat) -> bytes:
        """One named graph (None: the default graph, i.e. the union) in ``fmt``."""
        if graph is None:
            answer = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", deadline_s=INTERNAL_DEADLINE_S,
                                max_rows=None)
            quads = [Quad(t.subject, t.predicate, t.object) for t in answer.triples]
        else:
            quads = self.graph_quads(graph)
        if fmt not in (RdfFormat.N_QUADS, RdfFormat.TRIG):
            quads = [Quad(q.subject, q.predicate, q.object) for q in quads]
        out = io.BytesIO()
        serialize(quads, out, format=fmt)
        return out.getvalue()

    # writes
    def _update(self, text: str, *, what: str = "update") -> None:
        token, state = self._state_text()
        body = f"{text.rstrip()}\n;\n{state}" if text.strip() else state
        self._post(self.update_url, deadline_s=INTERNAL_DEADLINE_S, what=what,
                   content=body.encode(), headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        self._wrote(token)

    def replace_graphs(self, replacements: Mapping[str, Sequence[Quad]], *, drop: Iterable[str] = ()) -> None:
        """Drop ``drop`` and the replaced graphs, then insert the new quads.

        With a Graph Store Protocol endpoint, each replaced graph is one PUT (the server swaps
        the graph whole); else everything is one SPARQL Update request.
        """
        drop = list(drop)
        if self.graph_store_url is None:
            text = replace_graphs_text(replacements, drop=drop,
                                       maintained=self.union_default_graph is UnionGraph.MAINTAINED)
            if text:
                self._update(text, what="write")
            return
        for graph, quads in replacements.items():
            self._put(graph, quads)
        gone = [g for g in drop if g not in replacements]
        self._update(" ;\n".join(f"DROP SILENT GRAPH {iri(g)}" for g in gone), what="write")

    def _put(self, graph: str, quads: Sequence[Quad], *, method: str = "PUT") -> None:
        """One Graph Store Protocol request with ``quads`` as N-Triples: PUT replaces the graph, POST adds."""
        assert self.graph_store_url is not None
        body = (triples_text(quads) + "\n").encode()
        self._post(self.graph_store_url, deadline_s=INTERNAL_DEADLINE_S, what="write",
                   params={"graph": iri(graph).value}, content=body,
                   headers={"Content-Type": "application/n-triples"}, method=method)

    def add_to_graph(self, graph: str, quads: Iterable[Quad]) -> int:
        """Add triples to one named graph (blank nodes become new nodes): one request (GSP POST or update)."""
        given = [Quad(q.subject, q.predicate, q.object) for q in quads]
        if self.graph_store_url is not None and given:
            self._put(graph, given, method="POST")
            self._update("", what="write")
            return len(given)
        self._update(add_text(graph, given, maintained=self.union_default_graph is UnionGraph.MAINTAINED),
                     what="write")
        return len(given)

    def update(self, sparql: str, *, touched: Sequence[str], base_iri: str | None = None) -> None:
        """Run a checked SPARQL Update (plus the union fix-ups when maintained) as one request."""
        if base_iri:
            sparql = f"BASE <{iri(base_iri).value}>\n{sparql}"
        if self.union_default_graph is UnionGraph.MAINTAINED:
            predicates = {str(p) for g in touched
                          for (p,) in self.select(f"SELECT DISTINCT ?p WHERE {{ GRAPH {iri(g)} {{ ?s ?p ?o }} }}")}
            sparql = with_union_fixups(sparql, touched, predicates)
        self._update(sparql)

    # lifecycle
    def snapshot(self, target: Path) -> Snapshot:
        raise NotImplementedError("a remote SPARQL store offers no snapshots: the server evaluates queries")

    def backup(self, target: Path) -> None:
        raise NotImplementedError("back up a remote SPARQL store with the server's own tools")

    def close(self) -> None:
        self._client.close()
