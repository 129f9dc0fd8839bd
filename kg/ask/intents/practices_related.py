"""Practices by theme, state or program, strongest evidence first: "Which practices work against firearms
violence?", "¿Qué prácticas se evaluaron en Estados Unidos?", "Quelles pratiques le programme applique-t-il ?".

A practice answers when it is tied to a named entity: it has the named theme, was evaluated in the
named state, or is a practice the named program (or rated program) implements. Practices tied to more
of the named entities rank first; among equals, the better rated (effective, then promising, then
no effects), and ``role`` says the rating, so a reader sees what the evidence says before opening it.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from kg.ask.intent import Plan, Ranked
from kg.ask.reading import Reading
from kg.ask.template import Template, integer
from ontology.iri import Iris

TEMPLATE = Template("practices_related", "practices tied to the named entities, by strength of evidence", """
SELECT ?answer (COUNT(DISTINCT ?entity) + MAX(COALESCE(?weight, 0)) / 10 AS ?score)
       (SAMPLE(?levelLabel) AS ?role) WHERE {
  #VALUES (?entity ?kind)
  ?answer a pkg:BestPractice .
  { ?answer pkg:hasTheme ?entity . BIND("theme" AS ?kind) }
  UNION { ?answer pkg:evaluatedIn ?entity . BIND("state" AS ?kind) }
  UNION { ?entity pkg:implementsPractice ?answer . BIND("program" AS ?kind) }
  OPTIONAL {
    ?answer pkg:evidenceRating/pkg:evidenceLevel ?level .
    #VALUES (?level ?weight)
    OPTIONAL { ?level rdfs:label ?levelLabel }
  }
} GROUP BY ?answer ORDER BY DESC(?score) ?answer LIMIT 100
""")
#: how a named entity of each type ties to a practice (the VALUES ?kind of the template)
KIND_OF = {"Theme": "theme", "State": "state", "Program": "program", "BestPractice": "program"}
#: evidence levels (their slugs in ``id/evidence-level/``), best first, and the weight that orders equals
LEVELS = {"effective": 3, "promising": 2, "no-effects": 1}


def plan(reading: Reading, ranked: Ranked, *, vocab: str) -> Plan | None:
    if reading.asks != "BestPractice":
        return None
    entities = reading.linked(*KIND_OF)
    if not entities:
        return None
    iris = Iris(vocab.removesuffix("ontology#"))
    sparql = TEMPLATE.bind({"entity kind": [(NamedNode(lk.iri), Literal(KIND_OF[lk.type])) for lk in entities],
                            "level weight": [(NamedNode(iris.evidence_level(slug)), integer(w))
                                             for slug, w in LEVELS.items()]}, vocab=vocab)
    why = ("the question asks for practices and names " + ", ".join(f"{lk.label} ({lk.type})" for lk in entities)
           + "; better-rated practices first")
    return Plan(TEMPLATE.name, why, sparql, from_graph=True)
