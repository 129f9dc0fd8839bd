"""Lexical helpers over SPARQL text: blank out strings, IRIs and comments so keywords can be found."""

from __future__ import annotations

import re

_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')


def code_only(query: str) -> str:
    """The query with strings, IRIs and comments blanked.

    >>> code_only('SELECT * { ?s ?p "SERVICE" } # SERVICE')
    'SELECT * { ?s ?p   }  '
    """
    return _OPAQUE.sub(" ", query)


def blanked(query: str) -> str:
    """Like :func:`code_only`, but each blanked span keeps its length, so positions still match.

    >>> blanked('ASK { <a> ?p "x" }')
    'ASK {     ?p     }'
    """
    return _OPAQUE.sub(lambda m: " " * len(m.group()), query)


def ends_with_separator(update: str) -> bool:
    """Whether the last code character of an update is the operation separator ``;``.

    >>> ends_with_separator('CLEAR ALL ; # done'), ends_with_separator('INSERT DATA { <a> <b> ";" }')
    (True, False)
    """
    return blanked(update).rstrip().endswith(";")
