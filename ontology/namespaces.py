"""Namespaces of the vocabularies we reuse, and of our own.

Our own vocabulary and instance namespaces depend on the configured base IRI, so they
are built by :class:`ontology.iri.Iris`; this module only holds the fixed ones.
"""

from __future__ import annotations

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
ELI = "http://data.europa.eu/eli/ontology#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
DCTERMS = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"
ENTAILMENT = "http://www.w3.org/ns/entailment/"
SH = "http://www.w3.org/ns/shacl#"
WD = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"

#: The base the shipped ``.ttl`` files are written against; replaced by the configured base on load.
DEFAULT_BASE = "https://policykg.org/"

PREFIXES: dict[str, str] = {
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "schema": SCHEMA,
    "org": ORG,
    "eli": ELI,
    "prov": PROV,
    "oa": OA,
    "dcterms": DCTERMS,
    "dcat": DCAT,
    "void": VOID,
    "sh": SH,
    "wd": WD,
}
