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
    """What the service needs of an RDF store. The default graph of queries is the union."""

    def query(self, sparql: str, *, deadline_s: float, max_rows: int,
              default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()) -> QueryResult: ...

    def select(self, sparql: str, **bindings: object) -> list[tuple[Term | None, ...]]: ...

    def replace_graphs(self, replacements: Mapping[str, Sequence[Quad]], *, drop: Iterable[str] = ()) -> None: ...

    def named_graphs(self) -> list[str]: ...

    def dump(self, fmt: str) -> bytes: ...

    def __len__(self) -> int: ...

    def close(self) -> None: ...
