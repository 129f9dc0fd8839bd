"""A SPARQL 1.1 tokenizer: the terminals of the grammar, so keywords are found as the parser finds them.

Decisions about a query's shape (is there a ``SERVICE``? a ``LOAD``? how deep does it nest?
which form is it?) are taken on tokens, never on text patterns: a word inside a string, an
IRI, a comment or a prefixed name (``ex:SERVICE``, ``ex:a.SERVICE``) is not a keyword, and
a keyword glued to punctuation (``{} .SERVICE``) still is. Where this tokenizer and the
engine's parser could disagree (a character no terminal accepts), the character becomes a
one-character ``other`` token. Such a token must be refused by whoever decides on the
tokens (:func:`kg.sparql.guard.check_text` does): after it, the engine may read the text
differently (e.g. a ``#`` the tokenizer takes for a comment inside what the engine reads as
an IRI), so the tokens that follow cannot be trusted.

Terminals follow the SPARQL 1.1 grammar (section 19.8): IRIREF, PNAME_LN/PNAME_NS,
BLANK_NODE_LABEL, VAR1/VAR2, LANGTAG, the four string forms, numbers, comments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Token", "tokens", "keywords", "max_nesting", "blank_opaque"]

_PN_CHARS_BASE = (r"A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
                  r"\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL = (f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?")
_VARNAME = f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*"

#: Tried in this order at each position; the first that matches wins (longest forms first).
_TERMINALS: tuple[tuple[str, str], ...] = (
    ("ws", r"[ \t\r\n]+"),
    ("comment", r"#[^\r\n]*"),
    ("string", r'"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'),
    ("string", r"'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''"),
    ("string", r'"(?:[^"\\\n\r]|\\.)*"'),
    ("string", r"'(?:[^'\\\n\r]|\\.)*'"),
    ("iri", r'<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>'),  # the engine reads \u escapes in IRIs
    ("pname", f"(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?"),
    ("bnode", f"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"),
    ("var", f"[?$]{_VARNAME}"),
    ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    ("number", r"[0-9]*\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.[0-9]*[eE][+-]?[0-9]+|[0-9]+(?:[eE][+-]?[0-9]+)?"),
    ("word", r"[A-Za-z_][A-Za-z0-9_]*"),
    ("punct", r"\^\^|&&|\|\||!=|<=|>=|[{}()\[\].,;*+\-/!=<>|^?$@]"),
)
_SCANNER = re.compile("|".join(f"(?P<t{i}>{pattern})" for i, (_, pattern) in enumerate(_TERMINALS)))
_KINDS = [kind for kind, _ in _TERMINALS]
_OPEN, _CLOSE = frozenset("{(["), frozenset("})]")
#: A query is read several times on its way (guard, form, search blocks, nesting): texts up to
#: this size are scanned once and their tokens kept for the next readers (a few recent texts).
_CACHED_CHARS = 8192


class Token(NamedTuple):
    """One terminal: its kind (``word``, ``iri``, ``string``, ``pname``, ``var``, ``punct``, ``other``…), text and offset."""

    kind: str
    text: str
    start: int


def tokens(query: str, *, keep_trivia: bool = False) -> Iterator[Token]:
    """The query's terminals in order; whitespace and comments only when ``keep_trivia``.

    >>> [(t.kind, t.text) for t in tokens('ASK{}.SERVICE <x> {ex:SERVICE "SERVICE"}')]  # doctest: +NORMALIZE_WHITESPACE
    [('word', 'ASK'), ('punct', '{'), ('punct', '}'), ('punct', '.'), ('word', 'SERVICE'), ('iri', '<x>'),
     ('punct', '{'), ('pname', 'ex:SERVICE'), ('string', '"SERVICE"'), ('punct', '}')]
    """
    if len(query) <= _CACHED_CHARS:
        return iter(_scanned(query, keep_trivia))
    return _scan(query, keep_trivia)


@lru_cache(maxsize=32)
def _scanned(query: str, keep_trivia: bool) -> tuple[Token, ...]:
    return tuple(_scan(query, keep_trivia))


def _scan(query: str, keep_trivia: bool) -> Iterator[Token]:
    position, end = 0, len(query)
    while position < end:
        match = _SCANNER.match(query, position)
        if match is None or match.end() == position:
            yield Token("other", query[position], position)
            position += 1
            continue
        kind = _KINDS[int(match.lastgroup[1:])]  # type: ignore[index]
        if keep_trivia or kind not in ("ws", "comment"):
            yield Token(kind, match.group(), position)
        position = match.end()


def keywords(query: str) -> Iterator[Token]:
    """The bare words of the query (keywords, ``a``, built-in function names), upper-cased.

    >>> [t.text for t in keywords('select * { ?s a ?o } # SERVICE')]
    ['SELECT', 'A']
    """
    for token in tokens(query):
        if token.kind == "word":
            yield Token("word", token.text.upper(), token.start)


def max_nesting(query: str) -> int:
    """The deepest nesting of ``{``, ``(`` and ``[`` in the query's code (strings and IRIs don't count).

    >>> max_nesting('SELECT * { { ?s ?p ?o FILTER(?o > 1) } }'), max_nesting('ASK { ?s ?p "{{{{" }')
    (3, 1)
    """
    depth = deepest = 0
    for token in tokens(query):
        if token.kind == "punct":
            if token.text in _OPEN:
                depth += 1
                deepest = max(deepest, depth)
            elif token.text in _CLOSE:
                depth = max(depth - 1, 0)
    return deepest


def blank_opaque(query: str) -> str:
    """The query with strings, IRIs and comments replaced by spaces of the same length (offsets keep).

    >>> blank_opaque('ASK { <a> ?p "x" } # c')
    'ASK {     ?p     }    '
    """
    parts: list[str] = []
    for token in tokens(query, keep_trivia=True):
        parts.append(" " * len(token.text) if token.kind in ("string", "iri", "comment") else token.text)
    return "".join(parts)
