"""The embedded store: Oxigraph on disk, default graph = union of named graphs.

The only module that opens or touches a ``pyoxigraph.Store`` (:func:`kg.store.open_store`
builds it; worker processes open its snapshots through :func:`kg.store.open_snapshot`).

The store's default graph is kept, on every write, as the set union of its named graphs,
so a query without a dataset sees everything and one with ``default-graph-uri`` sees
exactly the graphs it names. Every write bumps :attr:`OxigraphStore.version`, which lets
readers in other processes know when their snapshot is stale.
"""

from __future__ import annotations

import io
import re
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, TypeVar

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    serialize,
)

from kg.errors import BadQuery, Forbidden, PolicyKGError, QueryTimeout
from kg.store.base import QueryResult, Row, Snapshot, Term, UnionGraph
from kg.store.update_text import replace_graphs_text, with_union_fixups

_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.DOTALL)
MAX_MESSAGE_CHARS = 300
_T = TypeVar("_T")


def syntax_error(message: str) -> BadQuery:
    """pyoxigraph's parser message as a :class:`BadQuery` carrying the line and column.

    >>> e = syntax_error("error at 1:10: expected CONSTRUCT")
    >>> str(e), e.extensions
    ('syntax error at line 1, column 10: expected CONSTRUCT', {'line': 1, 'column': 10})
    """
    match = _POSITION.match(message.strip())
    if match is None:
        return BadQuery(_short(f"invalid SPARQL: {message}"))
    line, column, text = int(match.group(1)), int(match.group(2)), match.group(3)
    return BadQuery(_short(f"syntax error at line {line}, column {column}: {text}"), line=line, column=column)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"


def iri(value: str) -> NamedNode:
    """A graph or resource IRI, validated (so it can be written into SPARQL safely), else :class:`BadQuery`.

    >>> str(iri("http://example.org/g"))
    '<http://example.org/g>'
    """
    try:
        return NamedNode(value)
    except ValueError as e:
        raise BadQuery(f"not an absolute IRI: {value!r} ({e})") from None


def evaluate(store: Store, sparql: str, *, deadline_s: float, max_rows: int | None,
             default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = (),
             base_iri: str | None = None) -> QueryResult:
    """Run a read query on a pyoxigraph store and materialise at most ``max_rows`` rows (flagged when cut).

    As in the SPARQL Protocol, naming any graph defines the whole dataset: a query given only
    ``default_graphs`` has no named graphs, one given only ``named_graphs`` an empty default graph.
    The deadline is checked while results stream; an evaluation that produces no row (a large
    aggregate) cannot be interrupted here — that is what the worker processes are for.

    >>> s = Store(); s.add(Quad(NamedNode("http://x/s"), NamedNode("http://x/p"), NamedNode("http://x/o"), NamedNode("http://x/g")))
    >>> evaluate(s, "SELECT ?s { ?s ?p ?o }", deadline_s=5, max_rows=9, default_graphs=["http://x/g"]).rows[0][0].value
    'http://x/s'
    """
    started = time.perf_counter()
    try:
        if default_graphs or named_graphs:
            defaults: list[NamedNode | BlankNode | DefaultGraph] = [iri(g) for g in default_graphs]
            named: list[NamedNode | BlankNode] = [iri(g) for g in named_graphs]
            result = store.query(sparql, base_iri=base_iri, default_graph=defaults, named_graphs=named)
        else:
            result = store.query(sparql, base_iri=base_iri)
    except SyntaxError as e:
        raise syntax_error(str(e)) from None
    except PermissionError as e:
        raise _failed("query", e) from None
    except (ValueError, RuntimeError) as e:  # RuntimeError: e.g. an extension function Oxigraph lacks
        raise BadQuery(_short(f"invalid query: {e}")) from None
    deadline = started + deadline_s
    max_rows = sys.maxsize if max_rows is None else max_rows
    try:
        if isinstance(result, QueryBoolean):
            return QueryResult("ask", boolean=bool(result), elapsed_s=time.perf_counter() - started)
        if isinstance(result, QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            width = range(len(variables))
            rows: list[Row] = []
            truncated = False
            for solution in result:
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append(tuple(solution[i] for i in width))
                if len(rows) % 1000 == 0 and time.perf_counter() > deadline:
                    raise QueryTimeout(f"the query ran past its {deadline_s:g} s deadline")
            return QueryResult("select", variables, tuple(rows), truncated=truncated,
                               elapsed_s=time.perf_counter() - started)
        assert isinstance(result, QueryTriples)
        triples: list[Triple] = []
        truncated = False
        for triple in result:
            if len(triples) >= max_rows:
                truncated = True
                break
            triples.append(triple)
            if len(triples) % 1000 == 0 and time.perf_counter() > deadline:
                raise QueryTimeout(f"the query ran past its {deadline_s:g} s deadline")
        return QueryResult("graph", triples=tuple(triples), truncated=truncated,
                           elapsed_s=time.perf_counter() - started)
    except (OSError, ValueError, RuntimeError) as e:
        raise _failed("query", e) from None


def _failed(what: str, error: Exception) -> PolicyKGError:
    """An evaluation error as a client error; a socket refused by the network sandbox says so."""
    from kg.sparql.sandbox import network_denied

    if isinstance(error, PermissionError) and network_denied():
        return Forbidden(f"the {what} tried to open a network connection (SERVICE or LOAD); "
                         "this service makes no outbound connections")
    return BadQuery(_short(f"the {what} failed: {error}"))


def fresh_blank_nodes(quads: Iterable[Quad]) -> list[Quad]:
    """The quads with every blank node replaced by a new one (same label → same new node).

    Parsers keep the document's labels, so two uploads both using ``_:a`` would otherwise
    share a node once stored.
    """
    mapping: dict[str, BlankNode] = {}

    def fresh(term: _T) -> _T | BlankNode:
        if isinstance(term, BlankNode):
            return mapping.setdefault(term.value, BlankNode())
        return term

    return [Quad(fresh(q.subject), q.predicate, fresh(q.object), q.graph_name) for q in quads]


class OxigraphStore:
    """A :class:`~kg.store.base.GraphStore` on pyoxigraph, on disk under ``path`` (None: in memory).

    Capabilities: the union default graph is maintained here, in each write's transaction;
    writes are transactional (RocksDB); a store on disk offers snapshots (RocksDB checkpoints,
    hard links: milliseconds), one in memory does not.

    >>> from pyoxigraph import Literal
    >>> s = OxigraphStore(None)
    >>> g, n = "http://example.org/g", NamedNode("http://example.org/s")
    >>> s.replace_graphs({g: [Quad(n, n, Literal("x"), NamedNode(g))]})
    >>> s.query("SELECT ?o WHERE { ?s ?p ?o }", deadline_s=5, max_rows=10).rows[0][0].value
    'x'
    >>> s.union_default_graph.value, s.transactional_writes, s.snapshots
    ('maintained', True, False)
    """

    union_default_graph = UnionGraph.MAINTAINED
    snapshots = True
    transactional_writes = True
    local_engine = True

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        if path is None:
            self._store = Store()
            self.snapshots = False  # nothing on disk to checkpoint
        else:
            path.mkdir(parents=True, exist_ok=True)
            self._store = Store.read_only(str(path)) if read_only else Store(str(path))
        self.path = path
        self.read_only = read_only
        self.version = 0

    def _written(self) -> None:
        self.version += 1

    def query(self, sparql: str, *, deadline_s: float, max_rows: int | None,
              default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = (),
              base_iri: str | None = None) -> QueryResult:
        """Run a read query in this process (see :func:`evaluate`); the default graph is the union."""
        return evaluate(self._store, sparql, deadline_s=deadline_s, max_rows=max_rows,
                        default_graphs=default_graphs, named_graphs=named_graphs, base_iri=base_iri)

    def select(self, sparql: str, **bindings: object) -> list[Row]:
        """A trusted internal SELECT over the default (union) graph; ``bindings`` bind variables."""
        if bindings:
            # A trailing VALUES block binds the variables wherever they occur; the terms are
            # serialised by pyoxigraph, so no caller text is pasted into the query.
            names = " ".join(f"?{k}" for k in bindings)
            terms = " ".join(str(v) for v in bindings.values())
            sparql = f"{sparql}\nVALUES ({names}) {{ ({terms}) }}"
        result = self._store.query(sparql)
        assert isinstance(result, QuerySolutions)
        n = len(result.variables)
        return [tuple(s[i] for i in range(n)) for s in result]

    def replace_graphs(self, replacements: Mapping[str, Sequence[Quad]], *, drop: Iterable[str] = ()) -> None:
        """Drop ``drop`` and every replaced graph, then insert the new quads: one transaction.

        The store's default graph is kept as the set union of all named graphs (the RDF
        merge SPARQL means by a union default graph): a triple stated by several documents
        is one triple there, and it leaves the default graph only with the last graph
        stating it. Either every graph is replaced, or the store is left exactly as it was.
        """
        text = replace_graphs_text(replacements, drop=drop, maintained=True)
        if text:
            self._store.update(text)
            self._written()

    def add_to_graph(self, graph: str, quads: Iterable[Quad]) -> int:
        """Add triples to one named graph (and to the union default graph): one transaction.

        Blank nodes are new nodes, as in a Graph Store Protocol POST. Returns how many were given.
        """
        node = iri(graph)
        fresh = fresh_blank_nodes(quads)
        if not fresh:
            self._store.add_graph(node)
        self._store.extend([Quad(q.subject, q.predicate, q.object, node) for q in fresh]
                           + [Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in fresh])
        self._written()
        return len(fresh)

    def update(self, sparql: str, *, touched: Sequence[str], base_iri: str | None = None) -> None:
        """Run a SPARQL Update that writes only the named graphs ``touched``, and bring the
        union default graph up to date for them, in the same transaction (all or nothing).

        The caller (:mod:`kg.sparql.update`) has checked that nothing else is written. Triples
        that left a touched graph leave the default graph unless another graph states them;
        the search for them is limited to the predicates the touched graphs used before.
        """
        nodes = [iri(g) for g in touched]
        predicates: set[str] = set()
        for node in nodes:
            predicates.update(str(row[0]) for row in self.select(f"SELECT DISTINCT ?p WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}"))
        text = with_union_fixups(sparql, touched, predicates)
        try:
            self._store.update(text, base_iri=base_iri)
        except SyntaxError as e:
            raise syntax_error(str(e)) from None
        except ValueError as e:
            raise BadQuery(_short(f"invalid update: {e}")) from None
        except (OSError, RuntimeError) as e:  # e.g. DROP GRAPH of a graph that does not exist
            raise _failed("update", e) from None
        self._written()

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, NamedNode))

    def has_graph(self, graph: str) -> bool:
        return bool(self._store.contains_named_graph(iri(graph)))

    def graph_quads(self, graph: str) -> list[Quad]:
        return list(self._store.quads_for_pattern(None, None, None, iri(graph)))

    def quads(self, subject: NamedNode | BlankNode | Triple | None = None, predicate: NamedNode | None = None,
              obj: Term | None = None, *, graph: str | None = None) -> Iterator[Quad]:
        """The quads matching the pattern in named graph ``graph`` (None: in every named graph), streamed.

        The default graph is the union of the named graphs and is not listed.

        >>> s = OxigraphStore(None); n = NamedNode("http://x/n")
        >>> s.add_to_graph("http://x/g", [Quad(n, n, n)])
        1
        >>> [str(q.graph_name) for q in s.quads(n)], list(s.quads(graph="http://x/other"))
        (['<http://x/g>'], [])
        """
        if obj is not None and not isinstance(obj, (NamedNode, BlankNode, Literal, Triple)):
            raise TypeError(f"not an RDF term: {obj!r}")
        if graph is not None:
            return iter(self._store.quads_for_pattern(subject, predicate, obj, iri(graph)))
        return (q for q in self._store.quads_for_pattern(subject, predicate, obj, None)
                if not isinstance(q.graph_name, DefaultGraph))

    def _named_quads(self) -> Iterator[Quad]:
        for g in self._store.named_graphs():
            yield from self._store.quads_for_pattern(None, None, None, g)

    def dump_to(self, output: BinaryIO, fmt: str) -> None:
        """Write every named graph with its name (N-Quads or TriG), streaming.

        The default graph is their union and is not repeated.
        """
        rdf_format = RdfFormat.TRIG if fmt == "trig" else RdfFormat.N_QUADS
        serialize(self._named_quads(), output, format=rdf_format)

    def graph_dump(self, graph: str | None, fmt: RdfFormat) -> bytes:
        """One graph (None: the default graph, i.e. the union) in ``fmt``; N-Quads/TriG keep its name."""
        target = DefaultGraph() if graph is None else iri(graph)
        if fmt in (RdfFormat.N_QUADS, RdfFormat.TRIG):
            out = io.BytesIO()
            serialize(self._store.quads_for_pattern(None, None, None, target), out, format=fmt)
            return out.getvalue()
        return self._store.dump(format=fmt, from_graph=target) or b""

    def dump(self, fmt: str) -> bytes:
        """The named graphs as N-Quads or TriG (see :meth:`dump_to`)."""
        out = io.BytesIO()
        self.dump_to(out, fmt)
        return out.getvalue()

    def backup(self, target: Path) -> None:
        """A consistent copy of the store at ``target`` (hard links where possible: cheap), openable read-only."""
        if self.path is None:
            raise NotImplementedError("an in-memory store has no on-disk backup")
        self._store.backup(str(target))

    def snapshot(self, target: Path) -> Snapshot:
        """A :meth:`backup` at ``target`` labelled with the version it holds (at least); see :class:`Snapshot`."""
        version = self.version
        self.backup(target)
        return Snapshot("oxigraph", target, version)

    def default_graph_size(self) -> int:
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, DefaultGraph()))

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        self._store.flush()

    def close(self) -> None:
        if not self.read_only:
            self._store.flush()
        del self._store
