"""The fallback: the entities the best passages mention become the answers.

"Which country was asked to name the commander…?", "¿Qué organismo regional…?": the answers are
entities of the asked type (any linkable type when the question names none) mentioned in the top
passages, each scored by the reciprocal ranks of the passages that mention it, without the
entities the question itself names, and without the body that issued the passage's document (the
Council is the author of every resolution, not what one is about) or the bodies it belongs to.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.ask.intent import Plan, Ranked
from kg.ask.reading import Reading
from kg.ask.template import Template, integer

TEMPLATE = Template("entities_of_evidence", "entities the best passages mention", """
SELECT ?answer (SUM(1.0 / ?rank) AS ?score) WHERE {
  #VALUES (?passage ?rank)
  #VALUES ?type
  ?passage pkg:mentions ?answer .
  ?answer a ?type .
  OPTIONAL { ?answer pkg:year ?year }
  #YEARS_IF_KNOWN ?year
  FILTER NOT EXISTS { ?passage pkg:partOf/pkg:about/pkg:issuedBy/<http://www.w3.org/ns/org#subOrganizationOf>* ?answer }
  FILTER NOT EXISTS {
    #VALUES ?named
    FILTER(?answer = ?named)
  }
} GROUP BY ?answer ORDER BY DESC(?score) ?answer LIMIT 10
""")
ANY = ("State", "Organization", "Program", "LegalInstrument")


def plan(reading: Reading, ranked: Ranked, *, vocab: str) -> Plan | None:
    if not ranked.passages:
        return None
    kinds = (reading.asks,) if reading.asks else ANY
    named = [NamedNode(lk.iri) for lk in reading.links]
    sparql = TEMPLATE.bind({"passage rank": [(NamedNode(p), integer(r)) for p, r in ranked.passages],
                            "type": [NamedNode(vocab + k) for k in kinds],
                            "named": named}, vocab=vocab,
                           years=reading.constraints.years, undated=reading.constraints.undated_answers)  # an instrument's own year, where the graph has one
    why = f"no template relates what the question names; the answers are the {'/'.join(kinds)} the best passages mention"
    return Plan(TEMPLATE.name, why, sparql, from_graph=False)
