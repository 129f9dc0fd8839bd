"""SPARQL Update under the named-graph model: which graphs an update writes, and whether it may.

The store's default graph is the union of its named graphs, documents own their graphs
and reference data ships with the service, so an update may write only named graphs that
are not managed by policykg. :func:`plan_update` reads the update (rdflib's parser gives
the operations and their target graphs) and refuses, before anything runs:

- any write to the default graph (``INSERT DATA { <s> <p> <o> }``, ``CLEAR DEFAULT``,
  ``CLEAR ALL``, ``DROP NAMED``, ``MOVE DEFAULT TO …``, templates without ``GRAPH``/``WITH``);
- a graph variable in a template (``INSERT { GRAPH ?g { … } }``): the graphs written must be named;
- writes to managed graphs (document, reference and system graphs);
- ``LOAD`` and ``SERVICE`` to anything off the outbound allow-list (pyoxigraph would fetch them).

The store then runs the update and recomputes the union for the touched graphs in the same
transaction (:meth:`kg.store.oxigraph.OxigraphStore.update`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pyoxigraph import Store

from kg.errors import BadQuery, Forbidden
from kg.sparql.guard import allowed_outbound, service_targets
from kg.sparql.text import blanked
from kg.store.oxigraph import iri, syntax_error

DEFAULT_REFUSED = ("writes to the default graph are refused: it is the union of the named graphs; "
                   "name the graph written (GRAPH <…> or WITH <…>)")
_NETWORK = re.compile(r"(?<![\w?$:\-.])(LOAD|SERVICE)(?![\w:\-])", re.IGNORECASE)
_WHERE = re.compile(r"(?<![\w?$:\-.])WHERE(?![\w:\-])", re.IGNORECASE)
_DELETE_BEFORE = re.compile(r"(?<![\w?$:\-.])DELETE\s*$", re.IGNORECASE)
_DATASET_CLAUSE = re.compile(r"(?<![\w?$:\-.])(USING|WITH)(?![\w:\-])", re.IGNORECASE)


@dataclass(frozen=True)
class UpdatePlan:
    """The named graphs an update writes (sorted), checked against the rules above."""

    touched: tuple[str, ...]


def plan_update(update: str, *, writable: Callable[[str], bool], allowlist: Sequence[str] = (),
                base_iri: str | None = None) -> UpdatePlan:
    """Check an update and list the graphs it writes; :class:`Forbidden` or :class:`BadQuery` otherwise.

    >>> ok = lambda g: not g.startswith("https://policykg.org/graph/")
    >>> plan_update("INSERT DATA { GRAPH <http://ex/g> { <http://ex/a> <http://ex/b> 1 } }", writable=ok).touched
    ('http://ex/g',)
    >>> plan_update("CLEAR ALL", writable=ok)
    Traceback (most recent call last):
    kg.errors.Forbidden: CLEAR ALL writes the default graph or every graph, which is refused here
    """
    if not update.strip():
        raise BadQuery("the update is empty")
    for target in service_targets(update):
        if not allowed_outbound(target, allowlist):
            raise Forbidden(f"SERVICE to {'<' + target + '>' if target else 'a non-IRI target'} is disabled here")
    from rdflib.term import Variable

    operations = _parse(update, base_iri)
    touched: set[str] = set()

    def write(graph: object, what: str) -> None:
        if graph in (None, "DEFAULT"):
            raise Forbidden(f"{what}: {DEFAULT_REFUSED}")
        if isinstance(graph, str) and graph in ("ALL", "NAMED"):
            raise Forbidden(f"{what} {graph} writes the default graph or every graph, which is refused here")
        if isinstance(graph, Variable):
            raise Forbidden(f"{what}: a graph variable (GRAPH ?{graph}) in what is written is refused; name the graph")
        name = str(graph)
        if not writable(name):
            raise Forbidden(f"{what}: <{name}> is managed by policykg (documents change through /documents; "
                            "reference data ships with the service) and cannot be written here")
        touched.add(iri(name).value)

    for op in operations:
        kind = op.name
        if kind == "Load":
            source = str(op.iri)
            if not allowed_outbound(source, allowlist):
                raise Forbidden(f"LOAD <{source}> is disabled: this service makes no outbound connections")
            write(op["graphiri"] if "graphiri" in op else None, "LOAD")
        elif kind in ("Clear", "Drop", "Create"):
            write(op.graphiri, kind.upper())
        elif kind in ("Add", "Copy", "Move"):
            source, target = op.graph
            write(target, kind.upper())
            if kind == "Move":
                write(source, "MOVE")
        elif kind in ("InsertData", "DeleteData", "DeleteWhere"):
            _template(op, None, write, {"InsertData": "INSERT DATA", "DeleteData": "DELETE DATA"}.get(kind, "DELETE WHERE"))
        elif kind == "Modify":
            for clause in ("delete", "insert"):
                if clause in op:
                    _template(op[clause], op["withClause"] if "withClause" in op else None, write, clause.upper())
        else:
            raise BadQuery(f"unsupported update operation {kind}")
    return UpdatePlan(tuple(sorted(touched)))


def _template(block, with_graph, write, what: str) -> None:  # type: ignore[no-untyped-def]
    for graph in (block["quads"] if "quads" in block else None) or {}:
        write(graph, what)
    if "triples" in block and block["triples"]:
        write(with_graph, what)


def _parse(update: str, base_iri: str | None) -> list:  # type: ignore[type-arg]
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        return list(translateUpdate(parseUpdate(update), base=base_iri).algebra)
    except Exception as e:  # pyparsing's and rdflib's errors have no common base
        raise _explain(update, e, base_iri) from None


def _explain(update: str, error: Exception, base_iri: str | None) -> BadQuery:
    """The best syntax message: pyoxigraph's (with a position) when it is safe to ask it.

    pyoxigraph has no parse-only call, so the update is run on an empty in-memory store,
    which is harmless unless it could reach the network (LOAD, SERVICE).
    """
    if not _NETWORK.search(blanked(update)):
        try:
            Store().update(update, base_iri=base_iri)
        except SyntaxError as e:
            return syntax_error(str(e))
        except Exception:  # noqa: BLE001 - evaluation on the scratch store; fall back to rdflib's message
            pass
    line, column = getattr(error, "lineno", None), getattr(error, "col", None)
    where = f" at line {line}, column {column}" if line and column else ""
    return BadQuery(f"the update could not be read{where}: {getattr(error, 'msg', None) or error}")


def with_protocol_dataset(update: str, *, using: Sequence[str], using_named: Sequence[str]) -> str:
    """Apply the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` as USING clauses.

    Each ``WHERE`` of a DELETE/INSERT operation gets them; an update that has its own USING or
    WITH is a conflict (400), as the protocol says.

    >>> with_protocol_dataset("INSERT { GRAPH <http://g> { ?s a 1 } } WHERE { ?s ?p ?o }", using=["http://d"], using_named=[])
    'INSERT { GRAPH <http://g> { ?s a 1 } } USING <http://d> WHERE { ?s ?p ?o }'
    """
    if not using and not using_named:
        return update
    code = blanked(update)
    if _DATASET_CLAUSE.search(code):
        raise BadQuery("using-graph-uri/using-named-graph-uri cannot be combined with USING or WITH in the update")
    clause = " ".join([f"USING {iri(g)}" for g in using] + [f"USING NAMED {iri(g)}" for g in using_named]) + " "
    depth, cuts = 0, []
    for i, ch in enumerate(code):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0 and _WHERE.match(code, i) and not _DELETE_BEFORE.search(code, 0, i):
            cuts.append(i)
    for i in reversed(cuts):
        update = update[:i] + clause + update[i:]
    return update
