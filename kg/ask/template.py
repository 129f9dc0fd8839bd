"""A SPARQL template and its binding: parameters become terms (IRIs, typed literals), never pasted text.

A template is plain SPARQL with markers on their own lines: ``#VALUES ?var`` is replaced by a
``VALUES`` block of the terms bound to ``?var`` (pyoxigraph writes each term, escaping included),
``#VALUES (?a ?b)`` by a block of rows (bound under the key ``"a b"``), ``#YEARS ?var`` by a ``FILTER`` on the question's
year ranges (or nothing), and ``#YEARS_IF_KNOWN ?var`` by the same filter that also keeps rows where ``?var`` is
unbound (an answer whose year the graph does not know) unless ``bind`` is told ``undated=False``. The result runs
as-is at ``/sparql``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from kg.constraints import YearRange
from ontology.namespaces import ELI, RDFS, XSD

Term = NamedNode | Literal
_MARKER = re.compile(r"^(?P<indent>[ \t]*)#(?P<kind>VALUES|YEARS_IF_KNOWN|YEARS)\s+(?P<vars>\?\w+|\((?:\s*\?\w+)+\s*\))\s*$", re.M)


@dataclass(frozen=True)
class Template:
    """One intent's query: its name, what it answers, and the SPARQL with markers."""

    name: str
    answers: str  # what ?answer is, in words
    text: str

    def bind(self, values: Mapping[str, Sequence[Term] | Sequence[Sequence[Term]]], *, vocab: str,
             years: Sequence[YearRange] = (), undated: bool = True) -> str:
        """The query, with the prefixes it uses declared and every marker replaced. A marker's variables must all be bound.

        >>> t = Template("t", "x", "SELECT ?a WHERE {\\n  #VALUES ?a\\n  ?a ?p ?y .\\n  #YEARS ?y\\n}")
        >>> print(t.bind({"a": [NamedNode("http://x/a")]}, vocab="http://x/v#", years=[YearRange(1990, None)]))
        PREFIX pkg: <http://x/v#>
        PREFIX eli: <http://data.europa.eu/eli/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?a WHERE {
          VALUES ?a { <http://x/a> }
          ?a ?p ?y .
          FILTER((?y >= "1990"^^<http://www.w3.org/2001/XMLSchema#integer>))
        }
        """
        def replace(m: re.Match[str]) -> str:
            indent, names = m.group("indent"), re.findall(r"\?(\w+)", m.group("vars"))
            if m.group("kind") == "YEARS":
                return indent + year_filter(names[0], years) if years else ""
            if m.group("kind") == "YEARS_IF_KNOWN":
                return indent + year_filter(names[0], years, unknown=undated) if years else ""
            if len(names) == 1 and not m.group("vars").startswith("("):
                terms = values[names[0]]
                return f"{indent}VALUES ?{names[0]} {{ {' '.join(str(t) for t in terms)} }}"
            rows = values[" ".join(names)]
            body = " ".join("(" + " ".join(str(t) for t in row) + ")" for row in rows)  # type: ignore[union-attr]
            return f"{indent}VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}"

        header = f"PREFIX pkg: {NamedNode(vocab)}\nPREFIX eli: {NamedNode(ELI)}\nPREFIX rdfs: {NamedNode(RDFS)}\n"
        text = _MARKER.sub(replace, self.text.strip())
        return header + re.sub(r"\n[ \t]*\n", "\n", text)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + "integer"))


def year_filter(var: str, years: Sequence[YearRange], *, unknown: bool = False) -> str:
    """A FILTER keeping ``?var`` within any of the ranges (or unbound, with ``unknown``).

    >>> year_filter("y", [YearRange(None, 1999)], unknown=True)
    'FILTER(!BOUND(?y) || (?y <= "1999"^^<http://www.w3.org/2001/XMLSchema#integer>))'
    """
    parts = [f"!BOUND(?{var})"] if unknown else []
    for r in years:
        bounds = ([f"?{var} >= {integer(r.start)}"] if r.start is not None else []) + \
                 ([f"?{var} <= {integer(r.end)}"] if r.end is not None else [])
        parts.append("(" + " && ".join(bounds) + ")")
    return f"FILTER({' || '.join(parts)})"
