"""Compare SPARQL results the way the W3C suite defines it.

Solutions are a multiset, equal up to a renaming of blank nodes (one bijection for the
whole result); order matters only where the query orders, and then only on the ORDER BY
keys (solutions tied on the keys may come in any order). Literals compare as RDF terms:
same lexical form, datatype and (case-insensitive) language tag — rdflib's lexical
normalisation is switched off while parsing so that ``"01"^^xsd:integer`` stays itself.
Graphs (CONSTRUCT) compare by isomorphism.

Oxigraph stores and computes numbers as values and writes them in its own canonical
form (``"1.0"^^xsd:decimal`` comes back as ``"1"``, ``3.0E4`` as ``30000``). As in Jena's
harness, a result that differs from the expected one only there passes *by value*: numeric
literals of the same datatype with the same value; the report counts those apart.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import rdflib
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
INTEGERS = {XSD + t for t in ("integer", "long", "int", "short", "byte", "nonNegativeInteger", "positiveInteger",
                              "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
                              "unsignedShort", "unsignedByte")}
Term = tuple[str, ...]  # ("uri", iri) | ("bnode", label) | ("literal", lexical, datatype, lang)
Row = dict[str, Term]


@dataclass(frozen=True)
class Solutions:
    """A SELECT or ASK result, as plain data."""

    variables: tuple[str, ...]
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None


@contextmanager
def exact_literals() -> Iterator[None]:
    saved = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = saved


def term(value: object) -> Term:
    if isinstance(value, URIRef):
        return ("uri", str(value))
    if isinstance(value, BNode):
        return ("bnode", str(value))
    if isinstance(value, Literal):
        datatype = str(value.datatype) if value.datatype and str(value.datatype) != XSD_STRING else ""
        return ("literal", str(value), datatype, (value.language or "").lower())
    raise TypeError(f"unexpected term {value!r}")


def by_value(t: Term) -> Term:
    """A numeric literal as (datatype, value); any other term unchanged.

    >>> by_value(("literal", "1.0", XSD + "decimal", "")) == by_value(("literal", "1", XSD + "decimal", ""))
    True
    >>> by_value(("literal", "3.0E4", XSD + "double", ""))[1]
    '30000.0'
    """
    if t[0] != "literal" or not t[2]:
        return t
    try:
        if t[2] in INTEGERS:
            return ("literal", str(int(t[1])), t[2], "")
        if t[2] == XSD + "decimal":
            return ("literal", str(Decimal(t[1]).normalize()), t[2], "")
        if t[2] in (XSD + "double", XSD + "float"):
            value = float(t[1])
            return ("literal", "NaN" if math.isnan(value) else repr(value), t[2], "")
        if t[2] == XSD + "boolean" and t[1] in ("true", "false", "1", "0"):
            return ("literal", "true" if t[1] in ("true", "1") else "false", t[2], "")
    except (ValueError, InvalidOperation):
        return t
    return t


def numbers_by_value(rows: Sequence[Row]) -> list[Row]:
    return [{k: by_value(v) for k, v in row.items()} for row in rows]


def parse_results(data: bytes, fmt: str, *, base: str | None = None) -> Solutions:
    """SPARQL results in ``xml``, ``json``, ``csv`` or ``tsv``, or an RDF result set (``turtle``, ``rdfxml``)."""
    with exact_literals():
        if fmt in ("turtle", "rdfxml"):
            return _result_set(data, fmt, base)
        result = Result.parse(io.BytesIO(data), format=fmt)
    if result.type == "ASK":
        return Solutions((), boolean=bool(result.askAnswer))
    rows = tuple({str(k): term(v) for k, v in b.items() if v is not None} for b in result.bindings)
    return Solutions(tuple(str(v) for v in result.vars or ()), rows)


def _result_set(data: bytes, fmt: str, base: str | None) -> Solutions:
    g = Graph()
    g.parse(data=data, format="turtle" if fmt == "turtle" else "xml", publicID=base)
    result_set = next(g.subjects(rdflib.RDF.type, RS.ResultSet))
    boolean = g.value(result_set, RS.boolean)
    if boolean is not None:
        return Solutions((), boolean=boolean.toPython() is True)
    variables = tuple(str(v) for v in g.objects(result_set, RS.resultVariable))
    indexed = []
    for solution in g.objects(result_set, RS.solution):
        row = {str(g.value(b, RS.variable)): term(g.value(b, RS.value)) for b in g.objects(solution, RS.binding)}
        index = g.value(solution, RS.index)
        indexed.append((int(index) if index is not None else 0, row))
    return Solutions(variables, tuple(row for _, row in sorted(indexed, key=lambda r: r[0])))


def parse_graph(data: bytes, fmt: str, *, base: str | None = None) -> Graph:
    with exact_literals():
        g = Graph()
        g.parse(data=data, format=fmt, publicID=base)
    return g


def same_graph(a: Graph, b: Graph) -> bool:
    return isomorphic(a, b)


def _has_bnode(row: Row) -> bool:
    return any(t[0] == "bnode" for t in row.values())


def _frozen(row: Row) -> frozenset[tuple[str, Term]]:
    return frozenset(row.items())


def _match(expected: Row, actual: Row, mapping: dict[str, str], used: set[str]) -> dict[str, str] | None:
    """Extend the bnode bijection so that ``actual`` equals ``expected``, or None."""
    if expected.keys() != actual.keys():
        return None
    new = dict(mapping)
    taken = set(used)
    for var, e in expected.items():
        a = actual[var]
        if e[0] != "bnode" or a[0] != "bnode":
            if e != a:
                return None
            continue
        if e[1] in new:
            if new[e[1]] != a[1]:
                return None
        elif a[1] in taken:
            return None
        else:
            new[e[1]] = a[1]
            taken.add(a[1])
    return new


def same_solutions(expected: Sequence[Row], actual: Sequence[Row]) -> bool:
    """Multiset equality up to one renaming of blank nodes (backtracking over rows with blank nodes)."""
    if len(expected) != len(actual):
        return False
    plain_e = Counter(_frozen(r) for r in expected if not _has_bnode(r))
    plain_a = Counter(_frozen(r) for r in actual if not _has_bnode(r))
    if plain_e != plain_a:
        return False
    rest_e = [r for r in expected if _has_bnode(r)]
    rest_a = [r for r in actual if _has_bnode(r)]

    def search(i: int, mapping: dict[str, str], used: set[str], free: list[bool]) -> bool:
        if i == len(rest_e):
            return True
        for j, row in enumerate(rest_a):
            if not free[j]:
                continue
            extended = _match(rest_e[i], row, mapping, used)
            if extended is not None:
                free[j] = False
                if search(i + 1, extended, set(extended.values()), free):
                    return True
                free[j] = True
        return False

    return search(0, {}, set(), [True] * len(rest_a))


_ORDER = re.compile(r"ORDER\s+BY\s+(.*?)(?:\bLIMIT\b|\bOFFSET\b|\bVALUES\b|$)", re.IGNORECASE | re.DOTALL)
_KEY = re.compile(r"^(?:(?:ASC|DESC)\s*\(\s*)?\?(\w+)\s*\)?$", re.IGNORECASE)


def order_keys(code: str) -> list[str] | None:
    """The variables of the outermost ORDER BY, [] when the query does not order, None when a key is an expression.

    >>> order_keys("SELECT * { ?s ?p ?o } ORDER BY DESC(?o) ?s LIMIT 2"), order_keys("SELECT * {}")
    (['o', 's'], [])
    """
    matches = list(_ORDER.finditer(code))
    if not matches:
        return []
    keys = []
    for part in re.findall(r"(?:ASC|DESC)\s*\([^)]*\)|\?\w+|\S+", matches[-1].group(1).strip(), re.IGNORECASE):
        key = _KEY.match(part.strip())
        if key is None:
            return None
        keys.append(key.group(1))
    return keys


def same_order(expected: Sequence[Row], actual: Sequence[Row], keys: list[str] | None) -> bool:
    """Whether ``actual`` lists the solutions in the expected order of the ORDER BY keys."""
    def project(rows: Sequence[Row], names: Sequence[str] | None) -> list[tuple[object, ...]]:
        out = []
        for row in rows:
            items = row.items() if names is None else ((n, row.get(n)) for n in names)
            out.append(tuple(("bnode",) if t is not None and t[0] == "bnode" else t for _, t in sorted(items)))
        return out

    return project(expected, keys) == project(actual, keys)
