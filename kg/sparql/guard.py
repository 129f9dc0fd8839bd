"""The one gate every SPARQL query passes: read-only, no outbound calls, deadline and row cap.

pyoxigraph's ``query`` accepts queries only (an update does not parse), so read-only is
structural. ``SERVICE`` is refused before evaluation so that no query can make the
server open a connection; the check looks at the query with its strings, IRIs and
comments blanked out, so a literal containing the word is not refused.
"""

from __future__ import annotations

import re

from kg.errors import BadQuery, Forbidden
from kg.store.base import GraphStore, QueryResult

_STRINGS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
MAX_QUERY_CHARS = 100_000


def code_only(query: str) -> str:
    """The query with strings, IRIs and comments blanked.

    >>> code_only('SELECT * { ?s ?p "SERVICE" } # SERVICE')
    'SELECT * { ?s ?p   }  '
    """
    return _STRINGS.sub(" ", query)


def check_query(query: str) -> None:
    if not query or not query.strip():
        raise BadQuery("the query is empty")
    if len(query) > MAX_QUERY_CHARS:
        raise BadQuery(f"the query is longer than {MAX_QUERY_CHARS} characters")
    if _SERVICE.search(code_only(query)):
        raise Forbidden("SERVICE (federated query) is disabled on this endpoint")


def run_guarded(store: GraphStore, query: str, *, deadline_s: float, max_rows: int,
                default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = ()) -> QueryResult:
    """Check, then run a read query under the deadline and row cap."""
    check_query(query)
    return store.query(query, deadline_s=deadline_s, max_rows=max_rows,
                       default_graphs=default_graphs, named_graphs=named_graphs)
