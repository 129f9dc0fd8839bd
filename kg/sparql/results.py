"""Serialise a :class:`~kg.store.base.QueryResult` in the SPARQL results and RDF formats."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, serialize

from kg.formats import RdfSyntax, ResultsSyntax
from kg.store.base import QueryResult

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def term_json(term: object) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def to_json(result: QueryResult) -> bytes:
    if result.form == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}).encode()
    bindings = [{v: term_json(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode()


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
    out = serialize(list(result.triples), format=fmt)
    return out if out is not None else b""
