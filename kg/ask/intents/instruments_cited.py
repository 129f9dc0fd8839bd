"""Instruments an instrument cites: "Which resolutions are cited by 687 (1991)?", "Que cite la résolution 678 ?"."""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.ask.intent import Plan, Ranked
from kg.ask.reading import Reading
from kg.ask.template import Template

INSTRUMENT_TYPES = ("Resolution", "Treaty", "LegalInstrument", "NationalLaw")

TEMPLATE = Template("instruments_cited", "instruments the named instrument cites", """
SELECT DISTINCT ?answer ?year WHERE {
  #VALUES ?source
  ?source eli:cites ?answer .
  ?answer a pkg:LegalInstrument .
  FILTER(?answer != ?source)
  OPTIONAL { ?answer pkg:year ?year }
  #YEARS ?year
} ORDER BY ?year ?answer LIMIT 200
""")
TRANSITIVE = Template("instruments_cited", "instruments the named instrument cites, directly or not",
                      TEMPLATE.text.replace("?source eli:cites ?answer", "?source eli:cites+ ?answer"))


def plan(reading: Reading, ranked: Ranked, *, vocab: str) -> Plan | None:
    sources = reading.linked(*INSTRUMENT_TYPES)
    if reading.asks not in (None, *INSTRUMENT_TYPES):  # "Which states are mentioned in 660?" asks for no instrument
        return None
    if "cites" not in reading.relations or not reading.cited_by or not sources:
        return None
    template = TRANSITIVE if reading.transitive else TEMPLATE
    why = f"the question asks what {sources[0].label} cites" + (" (transitively)" if reading.transitive else "")
    sparql = template.bind({"source": [NamedNode(sources[0].iri)]}, vocab=vocab, years=reading.constraints.years)
    return Plan(template.name, why, sparql, from_graph=True)
