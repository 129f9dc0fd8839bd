"""The one gate every SPARQL query passes: read-only, no outbound calls, bounded size and nesting.

pyoxigraph's ``query`` accepts queries only (an update does not parse), so read-only is
structural. pyoxigraph *does* open HTTP connections for ``SERVICE`` (and ``LOAD`` in
updates), so two independent lines hold:

1. this check, on the query's *tokens* (:mod:`kg.sparql.lexer`): every ``SERVICE`` keyword
   must be followed by an absolute IRI on the outbound allow-list (empty by default);
   a variable or prefixed-name target is refused, since what it names is only known at
   evaluation. Strings, IRIs, comments and prefixed names never look like keywords, and
   punctuation glued to a keyword (``{} .SERVICE``) does not hide it;
2. the code that evaluates queries cannot open a network socket at all
   (:mod:`kg.sparql.sandbox`), so a miss of the first line connects nowhere.

Nesting deeper than ``max_nesting`` is refused before the engine's recursive parser sees it
(some thousands of ``{`` overflow its stack and kill the process). ``FROM <http://…>``
never fetches anything: a FROM IRI only names a graph of the store.

A client's query meets :func:`check_query` on its one path, :func:`kg.sparql.run.run_query`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kg.errors import BadQuery, Forbidden
from kg.sparql.lexer import Token, keywords, max_nesting, tokens

__all__ = ["MAX_NESTING", "MAX_QUERY_CHARS", "allowed_outbound", "check_query", "check_text", "outbound_targets",
           "query_form", "service_targets"]

MAX_QUERY_CHARS = 100_000
MAX_NESTING = 128
_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


def query_form(query: str) -> str | None:
    """``select``, ``ask`` or ``graph`` (CONSTRUCT/DESCRIBE) from the first query keyword; None if there is none.

    Used to negotiate a media type before evaluation; the parser has the last word.

    >>> query_form('PREFIX ask: <http://x/> CONSTRUCT { ?s ?p ?o } WHERE { SELECT * { ?s ?p ?o } }')
    'graph'
    >>> query_form('# SELECT\\nASK {}'), query_form('DROP ALL')
    ('ask', None)
    """
    return next((_FORMS[t.text] for t in keywords(query) if t.text in _FORMS), None)


def outbound_targets(text: str, *, keyword: str = "SERVICE") -> Iterator[tuple[Token, str | None]]:
    """Each ``keyword`` token (SERVICE or LOAD) with its target IRI; None where the target is not a full IRI.

    >>> [(t.text, iri) for t, iri in outbound_targets('LOAD SILENT <http://a/> ; LOAD ?x', keyword="LOAD")]
    [('LOAD', 'http://a/'), ('LOAD', None)]
    """
    stream = list(tokens(text))
    for i, token in enumerate(stream):
        if token.kind != "word" or token.text.upper() != keyword:
            continue
        j = i + 1
        if j < len(stream) and stream[j].kind == "word" and stream[j].text.upper() == "SILENT":
            j += 1
        target = stream[j] if j < len(stream) else None
        yield token, (target.text[1:-1] if target is not None and target.kind == "iri" else None)


def service_targets(query: str) -> list[str | None]:
    """The IRI of every SERVICE clause, None where it is not a full IRI (a variable, a prefixed name).

    >>> service_targets('SELECT * { {} .SERVICE SILENT <http://a/> { ?s ?p ?o } service ?x { } }')
    ['http://a/', None]
    """
    return [target for _, target in outbound_targets(query)]


def allowed_outbound(iri: str | None, allowlist: Sequence[str]) -> bool:
    """Whether ``iri`` is absolute and starts with one of the allow-listed prefixes (an empty list allows nothing).

    >>> allowed_outbound("http://dbpedia.org/sparql", ["http://dbpedia.org/"]), allowed_outbound("http://x/", [])
    (True, False)
    """
    return (iri is not None and ":" in iri.split("/", 1)[0] and "\\" not in iri  # no escapes: what is compared is what is reached
            and any(iri.startswith(prefix) for prefix in allowlist if prefix))


def check_text(text: str, *, what: str = "query", max_chars: int = MAX_QUERY_CHARS,
               max_depth: int = MAX_NESTING) -> None:
    """Refuse an empty or oversized text and pathological nesting (:class:`BadQuery`).

    >>> check_text("ASK {" * 200 + "}" * 200)
    Traceback (most recent call last):
    kg.errors.BadQuery: the query nests 200 levels deep; at most 128 are accepted
    """
    if not text or not text.strip():
        raise BadQuery(f"the {what} is empty")
    if len(text) > max_chars:
        raise BadQuery(f"the {what} is longer than {max_chars} characters")
    depth = max_nesting(text)
    if depth > max_depth:
        raise BadQuery(f"the {what} nests {depth} levels deep; at most {max_depth} are accepted")
    stray = next((t for t in tokens(text) if t.kind == "other"), None)
    if stray is not None:  # past it the engine may read the text otherwise than the tokens say (kg.sparql.lexer)
        line = text.count("\n", 0, stray.start) + 1
        column = stray.start - (text.rfind("\n", 0, stray.start) + 1) + 1
        raise BadQuery(f"syntax error at line {line}, column {column}: {stray.text!r} is not part of SPARQL 1.1 here",
                       line=line, column=column)


def check_query(query: str, *, allowlist: Sequence[str] = (), max_chars: int = MAX_QUERY_CHARS) -> None:
    """Refuse an empty, oversized or too deeply nested query (400), and any SERVICE whose IRI is not allow-listed (403).

    >>> check_query("SELECT * WHERE { {} .SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    kg.errors.Forbidden: SERVICE (federated query) to <http://127.0.0.1:9/> is disabled on this endpoint
    """
    check_text(query, max_chars=max_chars)
    for target in service_targets(query):
        if not allowed_outbound(target, allowlist):
            shown = f"<{target}>" if target else "a non-IRI target"
            raise Forbidden(f"SERVICE (federated query) to {shown} is disabled on this endpoint")

