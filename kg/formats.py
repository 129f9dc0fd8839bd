"""The one format table: media type, extension, pyoxigraph format, and what kind of result it carries.

Content negotiation, export and ingest all look formats up here.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import QueryResultsFormat, RdfFormat


@dataclass(frozen=True)
class RdfSyntax:
    name: str
    media_type: str
    extension: str
    oxigraph: RdfFormat
    has_graphs: bool = False  # can carry named graphs (quads)
    w3c: str = ""  # the format's IRI under http://www.w3.org/ns/formats/ (service descriptions)


@dataclass(frozen=True)
class ResultsSyntax:
    name: str
    media_type: str
    extension: str
    oxigraph: QueryResultsFormat
    w3c: str = ""


_W3C = "http://www.w3.org/ns/formats/"

RDF_SYNTAXES: tuple[RdfSyntax, ...] = (
    RdfSyntax("turtle", "text/turtle", "ttl", RdfFormat.TURTLE, w3c=_W3C + "Turtle"),
    RdfSyntax("ntriples", "application/n-triples", "nt", RdfFormat.N_TRIPLES, w3c=_W3C + "N-Triples"),
    RdfSyntax("jsonld", "application/ld+json", "jsonld", RdfFormat.JSON_LD, w3c=_W3C + "JSON-LD"),
    RdfSyntax("rdfxml", "application/rdf+xml", "rdf", RdfFormat.RDF_XML, w3c=_W3C + "RDF_XML"),
    RdfSyntax("nquads", "application/n-quads", "nq", RdfFormat.N_QUADS, has_graphs=True, w3c=_W3C + "N-Quads"),
    RdfSyntax("trig", "application/trig", "trig", RdfFormat.TRIG, has_graphs=True, w3c=_W3C + "TriG"),
)

RESULTS_SYNTAXES: tuple[ResultsSyntax, ...] = (
    ResultsSyntax("json", "application/sparql-results+json", "srj", QueryResultsFormat.JSON,
                  w3c=_W3C + "SPARQL_Results_JSON"),
    ResultsSyntax("xml", "application/sparql-results+xml", "srx", QueryResultsFormat.XML,
                  w3c=_W3C + "SPARQL_Results_XML"),
    ResultsSyntax("csv", "text/csv", "csv", QueryResultsFormat.CSV, w3c=_W3C + "SPARQL_Results_CSV"),
    ResultsSyntax("tsv", "text/tab-separated-values", "tsv", QueryResultsFormat.TSV,
                  w3c=_W3C + "SPARQL_Results_TSV"),
)


def rdf_syntax(key: str) -> RdfSyntax:
    """Look an RDF syntax up by name, extension or media type.

    >>> rdf_syntax("text/turtle").name, rdf_syntax("nq").media_type
    ('turtle', 'application/n-quads')
    """
    key = key.lower().split(";")[0].strip()
    for s in RDF_SYNTAXES:
        if key in (s.name, s.extension, s.media_type):
            return s
    raise KeyError(key)


def results_syntax(key: str) -> ResultsSyntax:
    """Look a SPARQL results syntax up by name, extension or media type.

    >>> results_syntax("csv").media_type
    'text/csv'
    """
    key = key.lower().split(";")[0].strip()
    for s in RESULTS_SYNTAXES:
        if key in (s.name, s.extension, s.media_type):
            return s
    raise KeyError(key)
