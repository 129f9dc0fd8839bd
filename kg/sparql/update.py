"""SPARQL Update under the named-graph model: which graphs an update writes, and whether it may.

The store's default graph is the union of its named graphs, documents own their graphs
and reference data ships with the service, so an update may write only named graphs that
are not managed by policykg. :func:`plan_update` reads the update and refuses, before anything runs:

- any write to the default graph (``INSERT DATA { <s> <p> <o> }``, ``CLEAR DEFAULT``,
  ``CLEAR ALL``, ``DROP NAMED``, ``MOVE DEFAULT TO …``, templates without ``GRAPH``/``WITH``);
- a graph variable in a template (``INSERT { GRAPH ?g { … } }``): the graphs written must be named;
- writes to managed graphs (document, reference and system graphs);
- ``LOAD`` and ``SERVICE`` to anything off the outbound allow-list (pyoxigraph would fetch them).

It takes time linear in the update's length, in four steps: size and nesting
(:func:`kg.sparql.guard.check_text`) and ``LOAD``/``SERVICE`` on the tokens; the syntax, judged
by pyoxigraph's own parser (:func:`check_syntax`, which evaluates nothing); the graphs each
operation writes, read from the tokens (:mod:`kg.sparql.operations`); the rules above. What
cannot be read with certainty is refused, never allowed.

The store then runs the update and recomputes the union for the touched graphs in the same
transaction (:meth:`kg.store.oxigraph.OxigraphStore.update`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pyoxigraph import Store

from kg.errors import BadQuery, Forbidden
from kg.sparql.guard import allowed_outbound, check_text, outbound_targets
from kg.sparql.lexer import tokens
from kg.sparql.operations import Write, prologue_end, read_operations
from kg.sparql.sandbox import without_network
from kg.store.oxigraph import iri, syntax_error

DEFAULT_REFUSED = ("writes to the default graph are refused: it is the union of the named graphs; "
                   "name the graph written (GRAPH <…> or WITH <…>)")
#: Any text holding a LOAD or SERVICE keyword token holds one of these (a cheap pre-check, never a decision).
_OUTBOUND_WORDS = re.compile("load|service", re.IGNORECASE)
#: Put before the first operation, it fails first at evaluation (the graph does not exist): nothing else runs.
_PARSE_ONLY = "DROP GRAPH <urn:policykg:parse-only>"
_POSITION = re.compile(r"^\s*error at (\d+):(\d+):")
_OPENING, _CLOSING = frozenset("{(["), frozenset("})]")


@dataclass(frozen=True)
class UpdatePlan:
    """The named graphs an update writes (sorted), checked against the rules above."""

    touched: tuple[str, ...]


def plan_update(update: str, *, writable: Callable[[str], bool], allowlist: Sequence[str] = (),
                base_iri: str | None = None) -> UpdatePlan:
    """Check an update and list the graphs it writes; :class:`Forbidden` or :class:`BadQuery` otherwise.

    Linear in the update's length; runs nothing and writes nothing.

    >>> ok = lambda g: not g.startswith("https://policykg.org/graph/")
    >>> plan_update("INSERT DATA { GRAPH <http://ex/g> { <http://ex/a> <http://ex/b> 1 } }", writable=ok).touched
    ('http://ex/g',)
    >>> plan_update("CLEAR ALL", writable=ok)
    Traceback (most recent call last):
    kg.errors.Forbidden: CLEAR ALL writes the default graph or every graph, which is refused here
    """
    check_text(update, what="update", max_chars=len(update))
    if _OUTBOUND_WORDS.search(update):
        for keyword in ("SERVICE", "LOAD"):
            for _, target in outbound_targets(update, keyword=keyword):
                if not allowed_outbound(target, allowlist):
                    shown = "<" + target + ">" if target else "a non-IRI target"
                    raise Forbidden(f"{keyword} {shown} is disabled: this service makes no outbound connections")
    check_syntax(update, base_iri=base_iri)
    touched: set[str] = set()
    for operation in read_operations(update, base_iri=base_iri):
        if operation.keyword == "LOAD" and not allowed_outbound(operation.source, allowlist):
            raise Forbidden(f"LOAD <{operation.source}> is disabled: this service makes no outbound connections")
        for write in operation.writes:
            touched.add(_writable_graph(write, writable))
    return UpdatePlan(tuple(sorted(touched)))


def _writable_graph(write: Write, writable: Callable[[str], bool]) -> str:
    """The graph's IRI if the rules let ``write`` happen; :class:`Forbidden` (or :class:`BadQuery`) otherwise."""
    what = write.clause
    if write.kind == "default":
        raise Forbidden(f"{what}: {DEFAULT_REFUSED}")
    if write.kind in ("named", "all"):
        raise Forbidden(f"{what} {write.name} writes the default graph or every graph, which is refused here")
    if write.kind == "variable":
        raise Forbidden(f"{what}: a graph variable (GRAPH {write.name}) in what is written is refused; name the graph")
    if not writable(write.name):
        raise Forbidden(f"{what}: <{write.name}> is managed by policykg (documents change through /documents; "
                        "reference data ships with the service) and cannot be written here")
    return iri(write.name).value


def check_syntax(update: str, *, base_iri: str | None = None) -> None:
    """Let pyoxigraph's parser judge the update: :class:`BadQuery` with its line and column if it refuses.

    pyoxigraph has no parse-only call, so the update runs on an empty in-memory store behind an
    operation that is parsed with it but fails first (``DROP`` of a graph that does not exist):
    the whole request is parsed before anything is evaluated, so nothing of the update runs, and
    it runs on a thread that cannot open sockets (:func:`kg.sparql.sandbox.without_network`).
    Linear in the update's length.

    >>> check_syntax("CLEAR SILENT GRAPH <http://ex/g>")
    >>> check_syntax("CLEAR XYZ")
    Traceback (most recent call last):
    kg.errors.BadQuery: syntax error at line 1, column 10: expected one of ALL, [_]
    """
    at = prologue_end(update)  # pyoxigraph refuses BASE/PREFIX after a ';': the sentinel goes after them
    follows = update[at:at + 1]
    sentinel = ("\n" + _PARSE_ONLY if at == len(update) else _PARSE_ONLY + ("" if follows == ";" else " ;") + " ")
    text = update[:at] + sentinel + update[at:]

    def parse() -> None:
        try:
            Store().update(text, base_iri=base_iri)
        except SyntaxError as e:
            raise syntax_error(_unshifted(str(e), text, update, at, len(sentinel))) from None
        except ValueError as e:  # e.g. an invalid base IRI
            raise BadQuery(f"the update could not be read: {e}") from None
        except (RuntimeError, OSError):  # the sentinel DROP failed: everything parsed, nothing ran
            pass

    without_network(parse)


def _unshifted(message: str, text: str, update: str, at: int, length: int) -> str:
    """pyoxigraph's message with its position (1-based line and code-point column in ``text``) moved back to
    where it is in ``update``, which is ``text`` without the ``length`` characters inserted at ``at``."""
    match = _POSITION.match(message)
    if match is None:
        return message
    line, column = int(match.group(1)), int(match.group(2))
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
    offset += column - 1
    offset = offset if offset < at else max(at, offset - length)
    line = update.count("\n", 0, offset) + 1
    column = offset - (update.rfind("\n", 0, offset) + 1) + 1
    return f"error at {line}:{column}:" + message[match.end():]


def with_protocol_dataset(update: str, *, using: Sequence[str], using_named: Sequence[str]) -> str:
    """Apply the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` as USING clauses.

    Each ``WHERE`` of a DELETE/INSERT operation gets them; an update that has its own USING or
    WITH is a conflict (400), as the protocol says.

    >>> with_protocol_dataset("INSERT { GRAPH <http://g> { ?s a 1 } } WHERE { ?s ?p ?o }", using=["http://d"], using_named=[])
    'INSERT { GRAPH <http://g> { ?s a 1 } } USING <http://d> WHERE { ?s ?p ?o }'
    """
    if not using and not using_named:
        return update
    clause = " ".join([f"USING {iri(g)}" for g in using] + [f"USING NAMED {iri(g)}" for g in using_named]) + " "
    depth, cuts, previous = 0, [], ""
    for token in tokens(update):
        word = token.text.upper() if token.kind == "word" else ""
        if word in ("USING", "WITH"):
            raise BadQuery("using-graph-uri/using-named-graph-uri cannot be combined with USING or WITH in the update")
        if token.kind == "punct":
            depth += (token.text in _OPENING) - (token.text in _CLOSING)
        elif depth == 0 and word == "WHERE" and previous != "DELETE":
            cuts.append(token.start)
        previous = word
    pieces, last = [], 0
    for cut in cuts:
        pieces += [update[last:cut], clause]
        last = cut
    return "".join(pieces) + update[last:]
