"""Lexical helpers over SPARQL text, on the tokenizer's terminals (:mod:`kg.sparql.lexer`)."""

from __future__ import annotations

from kg.sparql.lexer import blank_opaque, tokens


def code_only(query: str) -> str:
    """The query with strings, IRIs and comments blanked.

    >>> code_only('SELECT * { ?s ?p "SERVICE" } # SERVICE')
    'SELECT * { ?s ?p   }  '
    """
    return "".join(" " if t.kind in ("string", "iri", "comment") else t.text for t in tokens(query, keep_trivia=True))


def blanked(query: str) -> str:
    """Strings, IRIs and comments replaced by spaces: the code keeps its offsets.

    >>> blanked('ASK { <a> ?p "x" }')
    'ASK {     ?p     }'
    """
    return blank_opaque(query)


def ends_with_separator(update: str) -> bool:
    """Whether the last code character of an update is the operation separator ``;``.

    >>> ends_with_separator('CLEAR ALL ; # done'), ends_with_separator('INSERT DATA { <a> <b> ";" }')
    (True, False)
    """
    last = None
    for token in tokens(update):
        last = token
    return last is not None and last.kind == "punct" and last.text == ";"
