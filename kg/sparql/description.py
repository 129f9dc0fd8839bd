"""The SPARQL 1.1 Service Description of the endpoints, as triples (served at GET /sparql)."""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.formats import RDF_SYNTAXES, RESULTS_SYNTAXES
from kg.sparql.search_block import INPUTS, NAMESPACE, OUTPUTS, SERVICE_IRI
from ontology.namespaces import ENTAILMENT, RDF, RDFS, SD


def service_description(*, query_endpoint: str, update_endpoint: str, dataset_description: str,
                        federated: bool = False, search: bool = True) -> list[Triple]:
    """Two ``sd:Service`` nodes: the read-only query endpoint and the token-protected update endpoint.

    The default dataset's default graph is the union of its named graphs (``sd:UnionDefaultGraph``);
    ``sd:BasicFederatedQuery`` is claimed only when an outbound allow-list lets SERVICE through.
    With ``search``, the query endpoint names the search-block feature (:mod:`kg.sparql.search_block`),
    an ``sd:Feature`` whose IRI is the reserved SERVICE IRI and whose comment gives its vocabulary.

    >>> triples = service_description(query_endpoint="http://h/sparql", update_endpoint="http://h/update",
    ...                               dataset_description="http://h/.well-known/void")
    >>> any(t.predicate.value.endswith("#endpoint") and t.object.value == "http://h/sparql" for t in triples)
    True
    """
    a = NamedNode(RDF + "type")
    out: list[Triple] = []

    def service(endpoint: str, language: str, features: Sequence[str]) -> BlankNode:
        node = BlankNode()
        out.extend([
            Triple(node, a, NamedNode(SD + "Service")),
            Triple(node, NamedNode(SD + "endpoint"), NamedNode(endpoint)),
            Triple(node, NamedNode(SD + "supportedLanguage"), NamedNode(SD + language)),
            Triple(node, NamedNode(SD + "defaultEntailmentRegime"), NamedNode(ENTAILMENT + "Simple")),
        ])
        out.extend(Triple(node, NamedNode(SD + "feature"), NamedNode(SD + f)) for f in features)
        dataset, graph = BlankNode(), BlankNode()
        out.extend([
            Triple(node, NamedNode(SD + "defaultDataset"), dataset),
            Triple(dataset, a, NamedNode(SD + "Dataset")),
            Triple(dataset, NamedNode(SD + "defaultGraph"), graph),
            Triple(graph, a, NamedNode(SD + "Graph")),
            Triple(dataset, NamedNode(RDFS + "seeAlso"), NamedNode(dataset_description)),
        ])
        return node

    query = service(query_endpoint, "SPARQL11Query",
                    ["UnionDefaultGraph", *(["BasicFederatedQuery"] if federated else [])])
    formats = [s.w3c for s in RESULTS_SYNTAXES] + [s.w3c for s in RDF_SYNTAXES]
    out.extend(Triple(query, NamedNode(SD + "resultFormat"), NamedNode(f)) for f in formats if f)
    if search:
        feature = NamedNode(SERVICE_IRI)
        out.extend([
            Triple(query, NamedNode(SD + "feature"), feature),
            Triple(feature, a, NamedNode(SD + "Feature")),
            Triple(feature, NamedNode(RDFS + "label"), Literal("Passage search inside queries", language="en")),
            Triple(feature, NamedNode(RDFS + "comment"), Literal(
                f"SERVICE <{SERVICE_IRI}> {{ [] search:query \"text\" ; search:k 10 ; search:passage ?p ; "
                f"search:score ?s }} with PREFIX search: <{NAMESPACE}>. Inputs (constants): "
                + ", ".join("search:" + n for n in INPUTS) + ". Outputs (variables): "
                + ", ".join("search:" + n for n in OUTPUTS) + ". The search runs first; its hits join the "
                "query as an inline VALUES block.", language="en")),
        ])
    service(update_endpoint, "SPARQL11Update", ["UnionDefaultGraph"])
    return out
