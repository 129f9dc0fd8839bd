"""Serialise a :class:`~kg.store.base.QueryResult` in the SPARQL results and RDF formats."""

from __future__ import annotations

import csv
import io
import json
from json.encoder import encode_basestring as _quoted  # the C encoder: a JSON string literal, non-ASCII kept
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, serialize

from kg.errors import NotAcceptable
from kg.formats import RdfSyntax, ResultsSyntax
from kg.store.base import QueryResult

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _json_term(term: object) -> str:
    """One RDF term as a SPARQL JSON results term, built as text (this is the hot loop of large results).

    >>> _json_term(Literal("1", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    '{"type":"literal","value":"1","datatype":"http://www.w3.org/2001/XMLSchema#integer"}'
    """
    kind = type(term)
    if kind is NamedNode:
        return '{"type":"uri","value":' + _quoted(term.value) + "}"  # type: ignore[attr-defined]
    if kind is BlankNode:
        return '{"type":"bnode","value":' + _quoted(term.value) + "}"  # type: ignore[attr-defined]
    if kind is Literal:
        value = _quoted(term.value)  # type: ignore[attr-defined]
        if term.language:  # type: ignore[attr-defined]
            return '{"type":"literal","value":' + value + ',"xml:lang":' + _quoted(term.language) + "}"  # type: ignore[attr-defined]
        datatype = term.datatype.value  # type: ignore[attr-defined]
        if datatype == XSD_STRING:
            return '{"type":"literal","value":' + value + "}"
        return '{"type":"literal","value":' + value + ',"datatype":' + _quoted(datatype) + "}"
    if kind is Triple:  # SPARQL-star
        return ('{"type":"triple","value":{"subject":' + _json_term(term.subject)  # type: ignore[attr-defined]
                + ',"predicate":' + _json_term(term.predicate) + ',"object":' + _json_term(term.object) + "}}")  # type: ignore[attr-defined]
    return '{"type":"literal","value":' + _quoted(str(term)) + "}"


def to_json(result: QueryResult) -> bytes:
    """SPARQL 1.1 Query Results JSON.

    >>> to_json(QueryResult("select", ("x",), ((NamedNode("http://a/"),), (None,))))
    b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"uri","value":"http://a/"}},{}]}}'
    """
    if result.form == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}).encode()
    names = [_quoted(v) + ":" for v in result.variables]
    rows = ",".join("{" + ",".join(name + _json_term(term) for name, term in zip(names, row) if term is not None) + "}"
                    for row in result.rows)
    head = ",".join(_quoted(v) for v in result.variables)
    return ('{"head":{"vars":[' + head + ']},"results":{"bindings":[' + rows + "]}}").encode()


def _xml_term(term: object) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def to_xml(result: QueryResult) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.form == "ask":
        out.append(f"<head/><boolean>{'true' if result.boolean else 'false'}</boolean></sparql>")
        return "".join(out).encode()
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head><results>")
    for row in result.rows:
        out.append("<result>")
        for v, t in zip(result.variables, row):
            if t is not None:
                out.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "\n".join(out).encode()


def _csv_value(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return getattr(term, "value", str(term))


def to_csv(result: QueryResult) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.form == "ask":
        writer.writerow(["_askResult"])
        writer.writerow(["true" if result.boolean else "false"])
    else:
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_csv_value(t) for t in row])
    return buffer.getvalue().encode()


def to_tsv(result: QueryResult) -> bytes:
    if result.form == "ask":
        return f"?_askResult\n{'true' if result.boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return ("\n".join(lines) + "\n").encode()


RESULT_WRITERS = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}


def serialize_results(result: QueryResult, syntax: ResultsSyntax) -> bytes:
    return RESULT_WRITERS[syntax.name](result)


def serialize_graph(result: QueryResult, syntax: RdfSyntax) -> bytes:
    fmt = syntax.oxigraph
    if syntax.has_graphs:  # triples have no graph: N-Quads/TriG of the default graph = N-Triples/Turtle
        fmt = RdfFormat.N_TRIPLES if syntax.name == "nquads" else RdfFormat.TURTLE
    try:
        out = serialize(list(result.triples), format=fmt)
    except (OSError, ValueError) as e:  # e.g. an RDF 1.2 triple term, which JSON-LD and RDF/XML cannot write
        raise NotAcceptable(f"this answer cannot be written as {syntax.name} ({e}); ask for Turtle or N-Triples") from None
    return out if out is not None else b""
