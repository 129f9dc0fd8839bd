"""The graph store protocol and the shape of a query result."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pyoxigraph import Quad, Triple

Term = object  # a pyoxigraph term: NamedNode | BlankNode | Literal | Triple


@dataclass(frozen=True)
class QueryResult:
    """A SPARQL result, fully materialised under the row cap.

    ``form`` is ``select``, ``ask`` or ``graph`` (CONSTRUCT/DESCRIBE). ``truncated`` says
    the row cap cut the result.
    """

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = ()
    truncated: bool = False
    elapsed_s: float = 0.0
    extra: Mapping[str, object] = field(default_factory=dict)


class GraphStore(Protocol):
    """What the service needs of an RDF store. The default graph of queries is the union.

    Every write keeps the default graph equal to the union of the named graphs and bumps
    ``version``.
    """

    version: int

    def query(self, sparql: str, *, deadline_s: float, max_rows: int | None,
              default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = (),
              base_iri: str | None = None) -> QueryResult: ...

    def select(self, sparql: str, **bindings: object) -> list[tuple[Term | None, ...]]: ...

    def replace_graphs(self, replacements: Mapping[str, Sequence[Quad]], *, drop: Iterable[str] = ()) -> None: ...

    def add_to_graph(self, graph: str, quads: Iterable[Quad]) -> int: ...

    def update(self, sparql: str, *, touched: Sequence[str], base_iri: str | None = None) -> None: ...

    def named_graphs(self) -> list[str]: ...

    def has_graph(self, graph: str) -> bool: ...

    def graph_quads(self, graph: str) -> list[Quad]: ...

    def dump(self, fmt: str) -> bytes: ...

    def __len__(self) -> int: ...

    def close(self) -> None: ...
