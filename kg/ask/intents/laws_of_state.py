"""Laws of a state, on a theme or about an instrument: "Which Canadian laws implement the Chemical Weapons
Convention?", "¿Qué leyes mexicanas regulan las armas de fuego?", "Quelles lois du Brésil portent sur le blanchiment ?".

Laws are ``pkg:NationalLaw`` works with ``eli:jurisdiction``; the state is often named by its
adjective ("canadienne", "brasileira"). Laws that also have the named theme, or cite or implement
the named instrument, rank first.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.ask.intent import Plan, Ranked
from kg.ask.reading import Reading
from kg.ask.template import Template

TEMPLATE = Template("laws_of_state", "laws of the named state, those on the named theme or instrument first", """
SELECT ?answer (COUNT(DISTINCT ?topic) AS ?score) WHERE {
  #VALUES ?state
  #VALUES ?topic
  ?answer a pkg:NationalLaw ; eli:jurisdiction ?state .
  OPTIONAL { ?answer pkg:hasTheme|eli:cites|eli:ensures_implementation_of ?matched . FILTER(?matched = ?topic) }
  FILTER(BOUND(?matched) || ?topic = ?state)
} GROUP BY ?answer ORDER BY DESC(?score) ?answer LIMIT 100
""")


def plan(reading: Reading, ranked: Ranked, *, vocab: str) -> Plan | None:
    states = reading.linked("State")
    if reading.asks != "NationalLaw" or not states:
        return None
    topics = reading.linked("Theme", "Treaty", "Resolution", "LegalInstrument")
    # The state itself is a topic every law of it matches, so laws on no named topic still answer.
    sparql = TEMPLATE.bind({"state": [NamedNode(states[0].iri)],
                            "topic": [NamedNode(states[0].iri), *(NamedNode(t.iri) for t in topics)]}, vocab=vocab)
    why = f"the question asks for laws of {states[0].label}" + \
          (" on " + ", ".join(t.label for t in topics) if topics else "")
    return Plan(TEMPLATE.name, why, sparql, from_graph=True)
