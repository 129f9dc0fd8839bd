"""Search inside SPARQL: the reserved ``SERVICE <urn:policykg:search> { … }`` block, read and rewritten.

A query asks for passage search in standard syntax, one call per block::

    PREFIX search: <urn:policykg:search#>
    SELECT ?passage ?score WHERE {
      SERVICE <urn:policykg:search> {
        [] search:query "financing of terrorism" ; search:k 20 ;      # inputs: constants
           search:passage ?passage ; search:score ?score . }          # outputs: variables
    }

Inputs (constants): ``search:query`` (string, required), ``search:k`` (integer, default 10),
``search:mode`` (``hybrid`` | ``dense`` | ``bm25``), ``search:embedder`` (``e5``, ``minilm``…),
``search:language`` (only passages of documents in that language). Outputs (variables, at
least one): ``search:passage``, ``search:document``, ``search:score`` (xsd:double, higher is
better), ``search:rank`` (xsd:integer, from 1). The vocabulary has its own namespace, fixed
whatever the deployment's base IRI, so it never collides with the ontology's terms.

The block is evaluated *before* the query: the search runs, and the block is replaced by a
``VALUES`` block holding its hits, so the store runs a plain query. An inline ``VALUES`` joins
with its group exactly as the ``SERVICE`` block would, so the rewritten query means what the
client wrote. Blocks are found on the query's tokens (:mod:`kg.sparql.lexer`), never by text
patterns; the reserved IRI is consumed here and never reaches the guard's allow-list or the
network code. Terms are written by pyoxigraph (``str`` of a term), never pasted from text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pyoxigraph import Literal, NamedNode

from kg.errors import BadQuery
from kg.sparql.lexer import Token, tokens

__all__ = ["INPUTS", "MAX_BLOCKS", "NAMESPACE", "OUTPUTS", "SERVICE_IRI", "PassageSearch", "SearchCall", "SearchRow",
           "has_search_blocks", "rewrite_search_blocks"]

SERVICE_IRI = "urn:policykg:search"
NAMESPACE = SERVICE_IRI + "#"
INPUTS = ("query", "k", "mode", "embedder", "language")
OUTPUTS = ("passage", "document", "score", "rank")
MAX_BLOCKS = 4  # each block is one search (tens of ms); a query needing more is better split
_XSD = "http://www.w3.org/2001/XMLSchema#"
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_SERVICE_WORD = re.compile("service", re.IGNORECASE)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)


@dataclass(frozen=True)
class SearchCall:
    """One block's inputs: what to search for, how many hits, and how."""

    text: str
    k: int = 10
    mode: str | None = None
    embedder: str | None = None
    language: str | None = None


class SearchRow(NamedTuple):
    """One hit of a block's search, best first."""

    passage: str
    document: str
    score: float
    rank: int


#: Runs one block's search (the service's :class:`~kg.search.Searcher` behind it; see
#: :func:`kg.sparql.passage_search.passage_search`). Raises :class:`~kg.errors.BadInput` for
#: inputs it refuses (k out of range, an unknown mode or embedder).
PassageSearch = Callable[[SearchCall], Sequence[SearchRow]]


class _Block(NamedTuple):
    start: int  # offset of SERVICE in the query text
    end: int  # offset just past the block's closing brace
    call: SearchCall
    outputs: dict[str, str]  # output name -> variable name (with its ? or $)


def has_search_blocks(query: str) -> bool:
    """Whether the query holds a search block (a ``SERVICE`` to the reserved IRI; strings and comments don't count).

    >>> has_search_blocks('SELECT * { SERVICE <urn:policykg:search> { [] <urn:policykg:search#query> "x" } }')
    True
    >>> has_search_blocks('SELECT * { ?s ?p "SERVICE <urn:policykg:search>" }')
    False
    """
    if not _may_hold_service(query):
        return False
    stream = list(tokens(query))
    return any(_reserved_target(stream, i) is not None for i in range(len(stream)))


def _may_hold_service(query: str) -> bool:
    """False when no ``SERVICE`` keyword can be among the tokens: its letters appear nowhere in the text.

    Most queries have none, and every query is read for blocks several times on its path.
    (A keyword cannot be spelt with escapes: a backslash outside strings and IRIs is refused.)
    """
    return _SERVICE_WORD.search(query) is not None


def rewrite_search_blocks(query: str, search: PassageSearch | None) -> str:
    """``query`` with each search block replaced by a ``VALUES`` block of its hits. Cost: one search per block.

    ``search`` None refuses any block (:class:`~kg.errors.BadQuery`: no search on this path); a
    query without blocks comes back unchanged. A malformed block is a :class:`~kg.errors.BadQuery`.

    >>> def fake(call: SearchCall) -> list[SearchRow]:
    ...     return [SearchRow("http://x/p1", "http://x/d", 0.5, 1)][:call.k]
    >>> print(rewrite_search_blocks('PREFIX s: <urn:policykg:search#> SELECT * { '
    ...       'SERVICE <urn:policykg:search> { [] s:query "x" ; s:k 1 ; s:passage ?p ; s:rank ?r } }', fake))
    PREFIX s: <urn:policykg:search#> SELECT * { VALUES (?p ?r) { (<http://x/p1> 1) } }
    """
    blocks = list(_blocks(query))
    if not blocks:
        return query
    if search is None:
        raise BadQuery(f"search blocks (SERVICE <{SERVICE_IRI}>) are not available in this query")
    if len(blocks) > MAX_BLOCKS:
        raise BadQuery(f"the query holds {len(blocks)} search blocks; at most {MAX_BLOCKS} are accepted")
    parts, position = [], 0
    for block in blocks:
        parts += [query[position:block.start], _values(block, search(block.call))]
        position = block.end
    return "".join(parts) + query[position:]


def _values(block: _Block, rows: Sequence[SearchRow]) -> str:
    names = [n for n in OUTPUTS if n in block.outputs]
    head = " ".join(block.outputs[n] for n in names)

    def term(row: SearchRow, name: str) -> str:
        if name in ("passage", "document"):
            return str(NamedNode(getattr(row, name)))
        if name == "rank":
            return str(row.rank)  # a bare integer is an xsd:integer
        return str(Literal(repr(float(row.score)), datatype=NamedNode(_XSD + "double")))

    body = " ".join("(" + " ".join(term(row, n) for n in names) + ")" for row in rows)
    return f"VALUES ({head}) {{ {body} }}"


def _reserved_target(stream: Sequence[Token], i: int) -> int | None:
    """The index of the reserved IRI token if ``stream[i]`` is a SERVICE [SILENT] <urn:policykg:search>."""
    if stream[i].kind != "word" or stream[i].text.upper() != "SERVICE":
        return None
    j = i + 1
    if j < len(stream) and stream[j].kind == "word" and stream[j].text.upper() == "SILENT":
        j += 1
    return j if j < len(stream) and stream[j].kind == "iri" and stream[j].text == f"<{SERVICE_IRI}>" else None


def _prefixes(stream: Sequence[Token]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i in range(len(stream) - 2):
        if (stream[i].kind == "word" and stream[i].text.upper() == "PREFIX" and stream[i + 1].kind == "pname"
                and stream[i + 2].kind == "iri"):
            out[stream[i + 1].text[:-1]] = stream[i + 2].text[1:-1]
    return out


def _blocks(query: str) -> Iterator[_Block]:
    if not _may_hold_service(query):
        return
    stream = list(tokens(query))
    prefixes = _prefixes(stream)
    for i in range(len(stream)):
        target = _reserved_target(stream, i)
        if target is not None:
            yield _read_block(query, stream, i, target + 1, prefixes)


def _read_block(query: str, stream: Sequence[Token], start: int, i: int, prefixes: dict[str, str]) -> _Block:
    def fail(message: str, at: int) -> BadQuery:
        offset = stream[at].start if at < len(stream) else len(query)
        line = query.count("\n", 0, offset) + 1
        return BadQuery(f"search block (SERVICE <{SERVICE_IRI}>) at line {line}: {message}", line=line)

    def text(at: int) -> str:
        return stream[at].text if at < len(stream) else ""

    if text(i) != "{":
        raise fail("'{' expected after the service IRI", i)
    i += 1
    if text(i) == "[" and text(i + 1) == "]":  # the call's node: [] or a blank node label
        i += 2
    elif _at_kind(stream, i, "bnode"):
        i += 1
    else:
        raise fail("the block's subject must be [] (one call per block)", i)
    inputs: dict[str, str] = {}
    outputs: dict[str, str] = {}
    while True:
        name = _parameter(stream, i, prefixes)
        if name is None:
            raise fail(f"a parameter ({', '.join('search:' + n for n in INPUTS + OUTPUTS)}) expected, "
                       f"not {text(i)!r}", i)
        if name in inputs or name in outputs:
            raise fail(f"search:{name} is given twice", i)
        value, i = _object(stream, i + 1)
        if name in OUTPUTS:
            if value is None or not value.startswith(("?", "$")):
                raise fail(f"search:{name} is an output: its object must be a variable", i - 1)
            if value[1:] in (v[1:] for v in outputs.values()):
                raise fail(f"the variable {value} is bound by two outputs", i - 1)
            outputs[name] = value
        else:
            if value is None or value.startswith(("?", "$")):
                raise fail(f"search:{name} is an input: its object must be a constant (a string or a number)", i - 1)
            inputs[name] = value
        while text(i) == ";":
            i += 1
        if text(i) == ".":
            i += 1
        if text(i) == "}":
            break
    if "query" not in inputs:
        raise fail("search:query (the text to search for) is required", i)
    if not outputs:
        raise fail("no output is bound; bind at least one of " + ", ".join("search:" + n for n in OUTPUTS), i)
    k = inputs.get("k", "10")
    if not k.isdigit() or int(k) < 1:
        raise fail(f"search:k must be a positive integer, not {k!r}", i)
    call = SearchCall(inputs["query"], int(k), inputs.get("mode"), inputs.get("embedder"), inputs.get("language"))
    return _Block(stream[start].start, stream[i].start + 1, call, outputs)


def _at_kind(stream: Sequence[Token], i: int, kind: str) -> bool:
    return i < len(stream) and stream[i].kind == kind


def _parameter(stream: Sequence[Token], i: int, prefixes: dict[str, str]) -> str | None:
    """The parameter name a predicate token names, or None if it is not one of the vocabulary's."""
    if i >= len(stream):
        return None
    token = stream[i]
    if token.kind == "iri":
        iri = token.text[1:-1]
    elif token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix not in prefixes:
            return None
        iri = prefixes[prefix] + local
    else:
        return None
    name = iri[len(NAMESPACE):] if iri.startswith(NAMESPACE) else ""
    return name if name in INPUTS + OUTPUTS else None


def _object(stream: Sequence[Token], i: int) -> tuple[str | None, int]:
    """An object's value (a variable with its sigil, a string's content, a number's text) and the next index."""
    if i >= len(stream):
        return None, i
    token = stream[i]
    if token.kind == "var":
        return token.text, i + 1
    if token.kind == "number":
        return token.text, i + 1
    if token.kind == "string":
        quote = 3 if token.text[:3] in ('"""', "'''") else 1
        value = _unescape(token.text[quote:-quote])
        i += 1
        if _at_kind(stream, i, "langtag"):
            i += 1
        elif i < len(stream) and stream[i].text == "^^" and i + 1 < len(stream) and stream[i + 1].kind in ("iri", "pname"):
            i += 2
        return value, i
    return None, i


def _unescape(body: str) -> str:
    r"""A SPARQL string's content: ``\t``-style escapes and ``\u`` code points read.

    >>> _unescape(r'financiaci\u00F3n \"x\"')
    'financiación "x"'
    """
    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        if code:
            return chr(int(code, 16))
        return _ESCAPES.get(m.group(3), m.group(0))

    return _ESCAPE.sub(one, body)
