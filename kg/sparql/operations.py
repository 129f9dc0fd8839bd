"""The operations of a SPARQL 1.1 Update and the graphs each one writes, read from its tokens in one pass.

This reads the update's structure on the tokens of :mod:`kg.sparql.lexer` (SPARQL 1.1
Update grammar, section 19.8: ``Update``, ``Update1``, ``Prologue``, ``QuadPattern``…),
in time linear in its length. It does not judge syntax: pyoxigraph's parser does that
(:func:`kg.sparql.update.plan_update` asks it first). It reports, per operation, the graphs
written:

- ``LOAD … INTO GRAPH g``, ``CLEAR/DROP/CREATE [SILENT] GRAPH g`` and the target of
  ``ADD/COPY/MOVE`` (and the source of ``MOVE``); ``DEFAULT``, ``NAMED`` and ``ALL`` as such;
  ``LOAD`` without ``INTO`` writes the default graph;
- for ``INSERT DATA``, ``DELETE DATA``, ``DELETE WHERE`` and the ``DELETE``/``INSERT``
  templates of a modify operation: each non-empty ``GRAPH g { … }`` block, and, when triples stand
  outside any ``GRAPH`` block, the ``WITH`` graph or else the default graph. A variable
  graph (``GRAPH ?g``) is reported as such. The ``WHERE`` part only reads: its ``GRAPH``
  blocks are skipped.

Graph names are absolute IRIs: IRI references are resolved against ``BASE`` and the caller's
base (:mod:`kg.sparql.iri_resolution`), prefixed names expanded through the ``PREFIX``
declarations seen so far (a prologue may precede each operation and carries over).

Where this reader and the engine could read the text differently it refuses (:class:`BadQuery`)
rather than guess: a character that no SPARQL terminal accepts (an ``other`` token, e.g. a
``\\u`` escape in an IRI), and, in a ``WHERE`` part, an IRI token containing ``#`` or ``'``
right after a value inside parentheses, which the engine reads as the operator ``<`` followed
by a comment or a string. Brackets must nest properly. The price is a few valid updates
refused: such an IRI in a collection of a ``WHERE`` pattern (``?s ?p (<a#1> <a#2>)``; a
prefixed name reads the same), and RDF 1.2 reifiers (``~``), which the tokenizer does not know.
"""

from __future__ import annotations

import re

from collections import deque
from dataclasses import dataclass
from typing import Literal, NoReturn

from kg.errors import BadQuery
from kg.sparql.iri_resolution import has_scheme, resolve_iri
from kg.sparql.lexer import Token, tokens

__all__ = ["Operation", "Write", "prologue_end", "read_operations"]

Kind = Literal["iri", "default", "named", "all", "variable"]
_OPERATIONS = ("LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "INSERT", "DELETE", "WITH")
_CLOSERS = {"{": "}", "(": ")", "[": "]"}
_VALUES = frozenset({"var", "number", "string", "langtag", "iri", "pname", "bnode", "word"})
_UCHAR = re.compile(r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}")
_STRANGE = ("the character {!r} is outside SPARQL's tokens here (an escape in an IRI?); "
            "this service cannot tell what the update writes")
_EVERY: dict[str, Kind] = {"DEFAULT": "default", "NAMED": "named", "ALL": "all"}


@dataclass(frozen=True)
class Write:
    """One graph an operation writes: ``kind`` says what ``name`` is (an absolute IRI, ``?g``, or a keyword).

    ``named`` and ``all`` are ``CLEAR``/``DROP`` of every named graph (and, for ``ALL``, the
    default graph); ``clause`` is what writes it (``INSERT DATA``, ``DELETE``, ``CLEAR``…).
    """

    kind: Kind
    name: str
    clause: str


@dataclass(frozen=True)
class Operation:
    """One operation: its keyword (``LOAD``, ``CLEAR``…, ``INSERT DATA``, ``DELETE WHERE``, ``MODIFY``), the
    graphs it writes, its offset in the text and, for ``LOAD``, the source IRI."""

    keyword: str
    writes: tuple[Write, ...]
    start: int
    source: str | None = None


def read_operations(update: str, *, base_iri: str | None = None) -> list[Operation]:
    """The update's operations in order, with the graphs each one writes; :class:`BadQuery` if it cannot be read.

    One pass over the tokens, as they come (the text is not held as a token list). The error
    carries the line and column where reading stopped.

    >>> [(o.keyword, [(w.kind, w.name) for w in o.writes]) for o in read_operations(
    ...     'PREFIX ex: <http://ex/> WITH ex:g INSERT { ?s ?p 1 GRAPH ex:h { ?s ?p 2 } } WHERE { GRAPH ?x { ?s ?p ?o } } ;'
    ...     ' CLEAR SILENT DEFAULT')]
    [('MODIFY', [('iri', 'http://ex/h'), ('iri', 'http://ex/g')]), ('CLEAR', [('default', 'DEFAULT')])]
    """
    return _Reader(update, base_iri).update()


def prologue_end(update: str) -> int:
    """The offset of the first token after the leading ``BASE``/``PREFIX`` declarations (the length if none).

    Reads only that far; a declaration that is not ``BASE <iri>`` or ``PREFIX ex: <iri>`` is a
    :class:`BadQuery` with its position.

    >>> text = "PREFIX ex: <http://ex/> BASE <http://b/> # c\\nCLEAR ALL"
    >>> text[prologue_end(text):], prologue_end("BASE <x>")
    ('CLEAR ALL', 8)
    """
    expected: list[str] = []
    for token in tokens(update):
        if expected:
            if token.kind != expected.pop() or (token.kind == "pname" and not token.text.endswith(":")):
                _fail(update, token.start, "expected BASE <iri> or PREFIX name: <iri>")
        elif token.kind == "word" and token.text.upper() in ("BASE", "PREFIX"):
            expected = ["iri"] if token.text.upper() == "BASE" else ["iri", "pname"]
        else:
            return token.start
    if expected:
        _fail(update, len(update), "the update ends inside a BASE or PREFIX declaration")
    return len(update)


def _fail(text: str, offset: int, message: str) -> NoReturn:
    """:class:`BadQuery` at ``offset`` of ``text``, with its 1-based line and column (in code points, as pyoxigraph counts)."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    raise BadQuery(f"the update could not be read at line {line}, column {column}: {message}", line=line, column=column)


class _Reader:
    """A cursor over the token list; each method reads one grammar rule and moves past it."""

    def __init__(self, text: str, base: str | None) -> None:
        self.text = text
        self.source = tokens(text)
        self.recent: deque[Token] = deque(maxlen=3)  # the last tokens read, most recent last
        self.ahead = self.pull()
        self.base = base
        self.prefixes: dict[str, str] = {}

    # -- the grammar ------------------------------------------------------------------------

    def update(self) -> list[Operation]:
        operations: list[Operation] = []
        while True:
            self.prologue()
            if self.punct(";"):
                continue
            if self.peek() is None:
                return operations
            operations.append(self.operation())
            if self.peek() is not None and not self.punct(";"):
                self.fail("expected ';' or the end of the update after an operation")

    def prologue(self) -> None:
        while (keyword := self.accept("BASE", "PREFIX")) is not None:
            if keyword == "BASE":
                self.base = self.resolve(self.take("iri", "an IRI after BASE"))
                continue
            name = self.take("pname", "a prefix name (ex:) after PREFIX")
            if not name.text.endswith(":") or name.text.count(":") != 1:
                self.fail("expected a prefix name (ex:) after PREFIX", name)
            self.prefixes[name.text[:-1]] = self.resolve(self.take("iri", "an IRI in PREFIX"))

    def operation(self) -> Operation:
        start = self.peek()
        keyword = self.accept(*_OPERATIONS)
        if start is None or keyword is None:
            self.fail("expected an update operation (INSERT, DELETE, WITH, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY)")
        if keyword == "LOAD":
            self.accept("SILENT")
            source = self.iri()
            target = self.graph_ref("LOAD") if self.accept("INTO") else Write("default", "DEFAULT", "LOAD")
            return Operation("LOAD", (target,), start.start, source=source)
        if keyword in ("CLEAR", "DROP", "CREATE"):
            self.accept("SILENT")
            which = self.accept(*_EVERY) if keyword != "CREATE" else None
            write = Write(_EVERY[which], which, keyword) if which else self.graph_ref(keyword)
            return Operation(keyword, (write,), start.start)
        if keyword in ("ADD", "MOVE", "COPY"):
            self.accept("SILENT")
            origin = self.graph_or_default(keyword)
            self.expect("TO")
            target = self.graph_or_default(keyword)
            return Operation(keyword, (target, origin) if keyword == "MOVE" else (target,), start.start)
        if keyword == "INSERT" and self.accept("DATA"):
            return Operation("INSERT DATA", self.template("INSERT DATA", None), start.start)
        if keyword == "DELETE" and (form := self.accept("DATA", "WHERE")):
            return Operation(f"DELETE {form}", self.template(f"DELETE {form}", None), start.start)
        return Operation("MODIFY", self.modify(keyword), start.start)

    def modify(self, keyword: str) -> tuple[Write, ...]:
        """``( 'WITH' iri )? ( DeleteClause InsertClause? | InsertClause ) UsingClause* 'WHERE' GroupGraphPattern``."""
        with_graph = None
        if keyword == "WITH":
            with_graph = self.iri()
            keyword = self.expect("DELETE", "INSERT")
        writes = self.template(keyword, with_graph)
        if keyword == "DELETE" and self.accept("INSERT"):
            writes += self.template("INSERT", with_graph)
        while self.accept("USING"):
            self.accept("NAMED")
            self.iri()
        self.expect("WHERE")
        self.group(where=True)
        return writes

    def template(self, clause: str, with_graph: str | None) -> tuple[Write, ...]:
        """``'{' Quads '}'``: each ``GRAPH`` block's graph, then the default (or WITH) graph if triples stand outside."""
        self.expect_punct("{")
        writes: list[Write] = []
        loose = False
        while not self.punct("}"):
            token = self.next("'}' closing the template")
            if token.kind == "word" and token.text.upper() == "GRAPH":
                graph = self.peek()
                if graph is not None and graph.kind == "var":
                    self.next("a variable")
                    write = Write("variable", graph.text, clause)
                else:
                    write = Write("iri", self.iri(), clause)
                opener = self.expect_punct("{")
                if not self.punct("}"):  # an empty block writes nothing
                    writes.append(write)
                    self.skip(opener, where=False)
            elif token.kind == "punct" and token.text in _CLOSERS:
                loose = True
                self.skip(token, where=False)
            elif not (token.kind == "punct" and token.text == "."):
                loose = True
        if loose:
            writes.append(Write("iri", with_graph, clause) if with_graph else Write("default", "DEFAULT", clause))
        return tuple(writes)

    def group(self, *, where: bool) -> None:
        self.skip(self.expect_punct("{"), where=where)

    def skip(self, opener: Token, *, where: bool) -> None:
        """Move past the bracket ``opener`` (already read) to its matching closer; brackets must nest properly.

        In a ``WHERE`` part (``where``), brackets inside a ``VALUES`` block hold data, the others
        may hold expressions, where an IRI token right after a value is ambiguous (see the module).
        """
        stack, data, values = [opener.text], [False], False
        while stack:
            token = self.next(f"'{_CLOSERS[stack[-1]]}' closing the '{stack[-1]}'")
            if token.kind == "punct":
                if token.text in _CLOSERS:
                    data.append(data[-1] or (values and token.text == "{") or self.triple_term(token))
                    values = values and token.text != "{"
                    stack.append(token.text)
                elif token.text in ("}", ")", "]"):
                    data.pop()
                    if token.text != _CLOSERS[stack.pop()]:
                        self.fail(f"'{token.text}' does not match the open bracket", token)
            elif token.kind == "word" and token.text.upper() == "VALUES":
                values = True
            elif (where and token.kind == "iri" and stack[-1] == "(" and not data[-1]
                  and ("#" in token.text or "'" in token.text)):
                before = self.recent[-2]
                if before.kind in _VALUES or before.text in (")", "]"):
                    self.fail(f"{token.text} right after a value inside parentheses is read by the engine as the "
                              "operator '<' followed by a comment or a string; write it as a prefixed name", token)

    def triple_term(self, opener: Token) -> bool:
        """Whether ``opener`` is the ``(`` of ``<<(``, a triple term (RDF 1.2): it holds terms, not expressions."""
        if opener.text != "(" or len(self.recent) < 3:
            return False
        first, second = self.recent[0], self.recent[1]
        return (first.text == second.text == "<" and first.kind == second.kind == "punct"
                and first.start + 1 == second.start and second.start + 1 == opener.start)

    def graph_ref(self, clause: str) -> Write:
        self.expect("GRAPH")
        return Write("iri", self.iri(), clause)

    def graph_or_default(self, clause: str) -> Write:
        if self.accept("DEFAULT"):
            return Write("default", "DEFAULT", clause)
        self.accept("GRAPH")
        return Write("iri", self.iri(), clause)

    def iri(self) -> str:
        """``iri ::= IRIREF | PrefixedName``, as an absolute IRI."""
        token = self.next("an IRI")
        if token.kind == "iri":
            return self.resolve(token)
        if token.kind != "pname":
            self.fail(f"expected an IRI or a prefixed name, not {token.text!r}", token)
        prefix, _, local = token.text.partition(":")
        if prefix not in self.prefixes:
            self.fail(f"the prefix {prefix}: is not declared", token)
        return self.prefixes[prefix] + _unescape_local(local)

    def resolve(self, token: Token) -> str:
        reference = _UCHAR.sub(lambda m: chr(int(m.group()[2:], 16)), token.text[1:-1])  # as the engine reads them
        if has_scheme(reference):
            return reference
        if self.base is None:
            self.fail(f"the relative IRI {token.text} has no base IRI to resolve it against", token)
        try:
            return resolve_iri(reference, self.base)
        except ValueError as e:
            self.fail(str(e), token)

    # -- the cursor -------------------------------------------------------------------------

    def pull(self) -> Token | None:
        token = next(self.source, None)
        if token is not None and token.kind == "other":
            _fail(self.text, token.start, _STRANGE.format(token.text))
        return token

    def peek(self) -> Token | None:
        return self.ahead

    def next(self, expected: str) -> Token:
        token = self.ahead
        if token is None:
            self.fail(f"the update ends where {expected} was expected")
        self.recent.append(token)
        self.ahead = self.pull()
        return token

    def accept(self, *words: str) -> str | None:
        """The next token's keyword (upper-cased) if it is one of ``words``; it is then consumed."""
        token = self.peek()
        if token is not None and token.kind == "word" and (word := token.text.upper()) in words:
            self.next(word)
            return word
        return None

    def expect(self, *words: str) -> str:
        word = self.accept(*words)
        if word is None:
            self.fail(f"expected {' or '.join(words)}", self.peek())
        return word

    def take(self, kind: str, expected: str) -> Token:
        token = self.next(expected)
        if token.kind != kind:
            self.fail(f"expected {expected}", token)
        return token

    def punct(self, text: str) -> bool:
        token = self.peek()
        if token is not None and token.kind == "punct" and token.text == text:
            self.next(text)
            return True
        return False

    def expect_punct(self, text: str) -> Token:
        token = self.peek()
        if not self.punct(text):
            self.fail(f"expected '{text}'", token)
        return token  # type: ignore[return-value]

    def fail(self, message: str, token: Token | None = None) -> NoReturn:
        """Stop reading at ``token`` (the end if None); a character no terminal accepts further on explains it better."""
        strange = next((t for t in self.source if t.kind == "other"), None)
        if strange is not None:
            _fail(self.text, strange.start, _STRANGE.format(strange.text))
        _fail(self.text, len(self.text) if token is None else token.start, message)


def _unescape_local(local: str) -> str:
    r"""A prefixed name's local part with its ``\``-escapes removed (``%xx`` stays, as the grammar says).

    >>> _unescape_local(r"a\.b\~c%20d")
    'a.b~c%20d'
    """
    if "\\" not in local:
        return local
    out, escaped = [], False
    for char in local:
        if char == "\\" and not escaped:
            escaped = True
            continue
        out.append(char)
        escaped = False
    return "".join(out)
