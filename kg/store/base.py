"""The graph store protocol, the capabilities a backend declares, and the shape of a query result."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import BinaryIO, Protocol

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Triple

Term = object  # a pyoxigraph term: NamedNode | BlankNode | Literal | Triple
Row = tuple[Term | None, ...]


@dataclass(frozen=True)
class QueryResult:
    """A SPARQL result, fully materialised under the row cap.

    ``form`` is ``select``, ``ask`` or ``graph`` (CONSTRUCT/DESCRIBE). ``truncated`` says
    the row cap cut the result.
    """

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = ()
    truncated: bool = False
    elapsed_s: float = 0.0
    extra: Mapping[str, object] = field(default_factory=dict)


class UnionGraph(Enum):
    """Who makes a store's default graph the union of its named graphs (queries see it as such either way).

    >>> UnionGraph("maintained") is UnionGraph.MAINTAINED
    True
    """

    #: the engine computes it (a server configured with a union default graph)
    NATIVE = "native"
    #: policykg keeps a deduplicated copy in the default graph, updated inside each write transaction
    MAINTAINED = "maintained"


@dataclass(frozen=True)
class Snapshot:
    """A consistent read-only copy of a store at one ``version``, for another process to open.

    ``backend`` names the backend that made it; :func:`kg.store.open_snapshot` opens it with
    that backend. Plain data: it crosses process boundaries pickled.

    >>> Snapshot("oxigraph", Path("/tmp/v3"), 3).version
    3
    """

    backend: str
    path: Path
    version: int


class GraphStore(Protocol):
    """What the service needs of an RDF store. The default graph of queries is the union of the named graphs.

    Graphs are named by IRI strings; terms and quads are pyoxigraph's. Every write keeps the
    default graph equal to the union and bumps ``version``.

    A backend declares its capabilities as class attributes (an instance may only narrow
    one, as an in-memory store does for ``snapshots``); callers read them instead of
    assuming a backend. An optional operation a backend lacks raises ``NotImplementedError``.
    """

    #: how the default graph comes to be the union of the named graphs
    union_default_graph: UnionGraph
    #: whether :meth:`snapshot` works, so queries can run in worker processes that are killed at the deadline
    snapshots: bool
    #: whether each write (:meth:`replace_graphs`, :meth:`add_to_graph`, :meth:`update`) is all or nothing
    transactional_writes: bool
    #: whether queries and updates are evaluated inside this process (so :mod:`kg.sparql.sandbox` can deny
    #: them the network); False for a server, which the store must reach over the network
    local_engine: bool
    @property
    def version(self) -> int:
        """Bumped by every write (a remote store: by every write any replica made, seen within
        ``store_poll_s``); a reader holding a snapshot, or an index, of an older version knows it is stale."""
        ...

    # reads
    def query(self, sparql: str, *, deadline_s: float, max_rows: int | None,
              default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = (),
              base_iri: str | None = None) -> QueryResult:
        """Evaluate a read query (a client's: :func:`kg.sparql.run.run_query` checked it) under the deadline,
        keeping at most ``max_rows`` rows or triples and flagging a cut. Naming graphs defines the dataset."""
        ...

    def select(self, sparql: str, **bindings: object) -> list[Row]:
        """A trusted internal SELECT over the default (union) graph; ``bindings`` bind variables to terms."""
        ...

    def quads(self, subject: NamedNode | BlankNode | Triple | None = None, predicate: NamedNode | None = None,
              obj: Term | None = None, *, graph: str | None = None) -> Iterator[Quad]:
        """The quads matching a pattern (None matches anything) in named graph ``graph``, or in every
        named graph when it is None. The default graph, being their union, is never listed."""
        ...

    def named_graphs(self) -> list[str]: ...

    def has_graph(self, graph: str) -> bool: ...

    def graph_quads(self, graph: str) -> list[Quad]: ...

    def __len__(self) -> int: ...

    # exports
    def dump(self, fmt: str) -> bytes:
        """Every named graph with its name, as ``nquads`` or ``trig``."""
        ...

    def dump_to(self, output: BinaryIO, fmt: str) -> None:
        """:meth:`dump`, streamed to ``output``."""
        ...

    def graph_dump(self, graph: str | None, fmt: RdfFormat) -> bytes:
        """One named graph (None: the default graph, i.e. the union) in ``fmt``."""
        ...

    # writes
    def replace_graphs(self, replacements: Mapping[str, Sequence[Quad]], *, drop: Iterable[str] = ()) -> None:
        """Drop ``drop`` and the replaced graphs, then insert the new quads."""
        ...

    def add_to_graph(self, graph: str, quads: Iterable[Quad]) -> int:
        """Add triples to one named graph (blank nodes become new nodes); returns how many were given."""
        ...

    def update(self, sparql: str, *, touched: Sequence[str], base_iri: str | None = None) -> None:
        """Run a checked SPARQL Update that writes only the named graphs ``touched`` (:mod:`kg.sparql.update`)."""
        ...

    # lifecycle
    def snapshot(self, target: Path) -> Snapshot:
        """A consistent read-only copy at ``target`` (only where ``snapshots``; else ``NotImplementedError``)."""
        ...

    def close(self) -> None: ...
