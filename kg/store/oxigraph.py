"""The embedded store: Oxigraph on disk, default graph = union of named graphs."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
)

from kg.errors import BadQuery, QueryTimeout
from kg.store.base import QueryResult, Term


def _nt(quad: Quad) -> str:
    return f"{quad.subject} {quad.predicate} {quad.object} ."


class OxigraphStore:
    """A :class:`~kg.store.base.GraphStore` on pyoxigraph.

    >>> from pyoxigraph import Literal
    >>> s = OxigraphStore(None)
    >>> g, n = "http://example.org/g", NamedNode("http://example.org/s")
    >>> s.replace_graphs({g: [Quad(n, n, Literal("x"), NamedNode(g))]})
    >>> s.query("SELECT ?o WHERE { ?s ?p ?o }", deadline_s=5, max_rows=10).rows[0][0].value
    'x'
    """

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        self.read_only = read_only
        if path is None:
            self._store = Store()
        else:
            path.mkdir(parents=True, exist_ok=True)
            self._store = Store.read_only(str(path)) if read_only else Store(str(path))
        self.path = path
        self.read_only = read_only

    @property
    def raw(self) -> Store:
        """The pyoxigraph store, for benchmarks and bulk reads."""
        return self._store

    def query(self, sparql: str, *, deadline_s: float, max_rows: int,
              default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()) -> QueryResult:
        """Run a read query; its default graph is the union of all named graphs (deduplicated).

        Rows past ``max_rows`` are cut and flagged.

        The deadline is checked while results stream; pyoxigraph cannot interrupt an
        evaluation that produces no row (e.g. a large aggregate) before it finishes.
        """
        started = time.perf_counter()
        kwargs: dict[str, object] = {}
        if default_graphs:
            kwargs["default_graph"] = [NamedNode(g) for g in default_graphs]
        if named_graphs:
            kwargs["named_graphs"] = [NamedNode(g) for g in named_graphs]
        try:
            result = self._store.query(sparql, **kwargs)
        except SyntaxError as e:
            raise BadQuery(str(e)) from None
        except ValueError as e:
            raise BadQuery(str(e)) from None
        deadline = started + deadline_s
        truncated = False
        try:
            if isinstance(result, QueryBoolean):
                return QueryResult("ask", boolean=bool(result), elapsed_s=time.perf_counter() - started)
            if isinstance(result, QuerySolutions):
                variables = tuple(v.value for v in result.variables)
                rows: list[tuple[Term | None, ...]] = []
                for solution in result:
                    if len(rows) >= max_rows:
                        truncated = True
                        break
                    rows.append(tuple(solution[i] for i in range(len(variables))))
                    if len(rows) % 1000 == 0 and time.perf_counter() > deadline:
                        raise QueryTimeout(f"query exceeded {deadline_s:g} s")
                return QueryResult("select", variables, tuple(rows), truncated=truncated,
                                   elapsed_s=time.perf_counter() - started)
            assert isinstance(result, QueryTriples)
            triples = []
            for triple in result:
                if len(triples) >= max_rows:
                    truncated = True
                    break
                triples.append(triple)
                if len(triples) % 1000 == 0 and time.perf_counter() > deadline:
                    raise QueryTimeout(f"query exceeded {deadline_s:g} s")
            return QueryResult("graph", triples=tuple(triples), truncated=truncated,
                               elapsed_s=time.perf_counter() - started)
        except OSError as e:
            raise BadQuery(str(e)) from None

    def select(self, sparql: str, **bindings: object) -> list[tuple[Term | None, ...]]:
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
        ops = []
        for g in dict.fromkeys([*drop, *replacements]):
            ops.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} "
                       f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{g}>) }} }}")
            ops.append(f"DROP SILENT GRAPH <{g}>")
        blocks = []
        for graph, quads in replacements.items():
            body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
            blocks.append(f"{body}\nGRAPH <{graph}> {{\n{body}\n}}")
        if blocks:
            ops.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
        if ops:
            self._store.update(" ;\n".join(ops))

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, NamedNode))

    def dump(self, fmt: str) -> bytes:
        """The whole dataset as N-Quads or TriG."""
        rdf_format = RdfFormat.TRIG if fmt == "trig" else RdfFormat.N_QUADS
        out = self._store.dump(format=rdf_format)
        assert out is not None
        return out

    def graph_quads(self, graph: str) -> list[Quad]:
        return list(self._store.quads_for_pattern(None, None, None, NamedNode(graph)))

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
