"""The one gate every SPARQL query passes: read-only, no outbound calls, deadline and row cap.

pyoxigraph's ``query`` accepts queries only (an update does not parse), so read-only is
structural. pyoxigraph *does* open HTTP connections for ``SERVICE`` (and ``LOAD`` in
updates), so ``SERVICE`` is refused before evaluation unless its IRI is on the outbound
allow-list (empty by default). The check reads the query with its strings, IRIs and
comments blanked out, so a literal containing the word is not refused. (pyoxigraph does
not expand ``\\u`` escapes outside strings, so ``\\u0053ERVICE`` is a syntax error, not
a way around the check.) ``FROM <http://…>`` never fetches anything: a FROM IRI only
names a graph of the store.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.errors import BadQuery, Forbidden
from kg.sparql.text import blanked, code_only
from kg.store.base import GraphStore, QueryResult

__all__ = ["allowed_outbound", "check_query", "code_only", "query_form", "run_guarded", "service_targets"]

_KEYWORD = r"(?<![\w?$:\-.]){}(?![\w:\-])"
_SERVICE = re.compile(_KEYWORD.format("SERVICE"), re.IGNORECASE)
_FORM = re.compile(_KEYWORD.format("(SELECT|CONSTRUCT|DESCRIBE|ASK)"), re.IGNORECASE)
_SERVICE_TARGET = re.compile(r"\s*(?:SILENT\s+)?(<[^<>\s]*>)", re.IGNORECASE)
MAX_QUERY_CHARS = 100_000


def query_form(query: str) -> str | None:
    """``select``, ``ask`` or ``graph`` (CONSTRUCT/DESCRIBE) from the first query keyword; None if there is none.

    Used to negotiate a media type before evaluation; the parser has the last word.

    >>> query_form('PREFIX ask: <http://x/> CONSTRUCT { ?s ?p ?o } WHERE { SELECT * { ?s ?p ?o } }')
    'graph'
    >>> query_form('# SELECT\\nASK {}'), query_form('DROP ALL')
    ('ask', None)
    """
    match = _FORM.search(blanked(query))
    if match is None:
        return None
    word = match.group(1).upper()
    return {"SELECT": "select", "ASK": "ask"}.get(word, "graph")


def service_targets(query: str) -> list[str | None]:
    """The IRI of every SERVICE clause, None where it is not a full IRI (a variable, a prefixed name).

    >>> service_targets('SELECT * { SERVICE SILENT <http://a/> { ?s ?p ?o } SERVICE ?x { } }')
    ['http://a/', None]
    """
    out: list[str | None] = []
    for match in _SERVICE.finditer(blanked(query)):
        target = _SERVICE_TARGET.match(query, match.end())
        out.append(target.group(1)[1:-1] if target else None)
    return out


def allowed_outbound(iri: str | None, allowlist: Sequence[str]) -> bool:
    """Whether ``iri`` starts with one of the allow-listed prefixes (an empty list allows nothing).

    >>> allowed_outbound("http://dbpedia.org/sparql", ["http://dbpedia.org/"]), allowed_outbound("http://x/", [])
    (True, False)
    """
    return iri is not None and any(iri.startswith(prefix) for prefix in allowlist if prefix)


def check_query(query: str, *, allowlist: Sequence[str] = ()) -> None:
    """Refuse an empty or oversized query, and any SERVICE whose IRI is not allow-listed (403)."""
    if not query or not query.strip():
        raise BadQuery("the query is empty")
    if len(query) > MAX_QUERY_CHARS:
        raise BadQuery(f"the query is longer than {MAX_QUERY_CHARS} characters")
    for target in service_targets(query):
        if not allowed_outbound(target, allowlist):
            shown = f"<{target}>" if target else "a non-IRI target"
            raise Forbidden(f"SERVICE (federated query) to {shown} is disabled on this endpoint")


def run_guarded(store: GraphStore, query: str, *, deadline_s: float, max_rows: int,
                default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = (),
                allowlist: Sequence[str] = ()) -> QueryResult:
    """Check, then run a read query in this process under the deadline and row cap (used by the CLI)."""
    check_query(query, allowlist=allowlist)
    return store.query(query, deadline_s=deadline_s, max_rows=max_rows,
                       default_graphs=default_graphs, named_graphs=named_graphs)
