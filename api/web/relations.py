"""Which predicates an entity page shows as relations, under which heading (``rel.<name>`` messages)."""

from __future__ import annotations

from ontology.namespaces import ELI, ORG, OWL, RDFS


def relation_names(pkg: str) -> dict[str, str]:
    """Predicate IRI → heading name; the page shows these first, in this order."""
    names = ["beneficiary", "partner", "fundedBy", "implementedBy", "mandatedBy", "implements", "cites", "issuedBy",
             "hasTheme", "location", "cooperatesWith", "evaluatedIn", "implementsPractice", "about"]
    table = {pkg + n: n for n in names}
    table.update({ELI + "cites": "cites", ELI + "ensures_implementation_of": "ensuresImplementationOf",
                  ELI + "amends": "amends", ELI + "repeals": "repeals", ELI + "jurisdiction": "jurisdiction",
                  ELI + "is_realized_by": "isRealizedBy", ELI + "has_part": "hasPart",
                  ORG + "memberOf": "memberOf", ORG + "subOrganizationOf": "subOrganizationOf",
                  OWL + "sameAs": "sameAs", RDFS + "seeAlso": "seeAlso"})
    return table


def hidden_predicates(pkg: str) -> frozenset[str]:
    """Links a reader does not need among the relations: provenance plumbing, passages, inverses shown elsewhere."""
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    return frozenset({rdf + "type", rdf + "subject", rdf + "object", rdf + "predicate", pkg + "mentions",
                      pkg + "partOf", "http://www.w3.org/ns/prov#wasDerivedFrom", "http://www.w3.org/ns/oa#hasSelector",
                      ELI + "realizes", ELI + "is_part_of", pkg + "evidenceRating", pkg + "suggests",
                      pkg + "suggestedFor", "http://www.w3.org/2000/01/rdf-schema#isDefinedBy",
                      "http://www.w3.org/2004/02/skos/core#inScheme", "http://www.w3.org/2004/02/skos/core#topConceptOf",
                      "http://www.w3.org/2004/02/skos/core#hasTopConcept"})
