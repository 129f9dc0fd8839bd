""""Which resolution did X?" answered from passages: the instrument the best evidence comes from.

No graph relation says which resolution "authorized the use of force" or "created the transitional
authority"; the passages do. The answers are the instruments the top passages' documents are
about (``pkg:about``) — for a program's document, the instruments that mandate the program or that
it implements — best passage first, without the instruments the question itself names.
Also the intent of questions that ask for no kind ("What did the Council demand of…?").
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.ask.intent import Plan, Ranked
from kg.ask.reading import Reading
from kg.ask.template import Template, integer

TEMPLATE = Template("instrument_of_evidence", "the instruments the best passages come from", """
SELECT ?answer (MAX(1.0 / ?rank) AS ?score) WHERE {
  #VALUES (?document ?rank)
  #VALUES ?type
  ?document pkg:about/(pkg:mandatedBy|pkg:implements)? ?answer .
  ?answer a ?type .
  OPTIONAL { ?answer pkg:year ?year }
  #YEARS_IF_KNOWN ?year
  FILTER NOT EXISTS {
    #VALUES ?named
    FILTER(?answer = ?named)
  }
} GROUP BY ?answer ORDER BY DESC(?score) ?answer LIMIT 10
""")
ASKS = {None: "LegalInstrument", "Resolution": "Resolution", "LegalInstrument": "LegalInstrument",
        "NationalLaw": "NationalLaw"}


def plan(reading: Reading, ranked: Ranked, *, vocab: str) -> Plan | None:
    if reading.asks not in ASKS or not ranked.documents:
        return None
    kind = ASKS[reading.asks]
    named = [NamedNode(lk.iri) for lk in reading.linked("Resolution", "Treaty", "LegalInstrument", "NationalLaw")]
    sparql = TEMPLATE.bind({"document rank": [(NamedNode(d), integer(r)) for d, r in ranked.documents],
                            "type": [NamedNode(vocab + kind)], "named": named}, vocab=vocab,
                           years=reading.constraints.years, undated=reading.constraints.undated_answers)  # the answer's own year, where the graph has one
    why = (f"the question asks for a {kind} the graph relates to nothing it names: "
           "the answer is the instrument of the best evidence")
    return Plan(TEMPLATE.name, why, sparql, from_graph=False)
