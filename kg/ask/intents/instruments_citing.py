"""Instruments citing an instrument: "Which resolutions mention 338 (1973)?", "Que resoluções citam a Convenção…?".

Transitive on request ("directly or indirectly", "indirectamente"…): ``eli:cites+``.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.ask.intent import Plan, Ranked
from kg.ask.reading import Reading
from kg.ask.template import Template

INSTRUMENT_TYPES = ("Resolution", "Treaty", "LegalInstrument", "NationalLaw")

TEMPLATE = Template("instruments_citing", "instruments that cite the named instrument", """
SELECT DISTINCT ?answer ?year WHERE {
  #VALUES ?target
  ?answer eli:cites ?target .
  ?answer a pkg:LegalInstrument .
  FILTER(?answer != ?target)
  OPTIONAL { ?answer pkg:year ?year }
  #YEARS ?year
} ORDER BY ?year ?answer LIMIT 200
""")
TRANSITIVE = Template("instruments_citing", "instruments that cite the named instrument, directly or not",
                      TEMPLATE.text.replace("?answer eli:cites ?target", "?answer eli:cites+ ?target"))


def plan(reading: Reading, ranked: Ranked, *, vocab: str) -> Plan | None:
    targets = reading.linked(*INSTRUMENT_TYPES)
    if reading.asks not in (None, *INSTRUMENT_TYPES):  # "Which states are mentioned in 660?" asks for no instrument
        return None
    if "cites" not in reading.relations or reading.cited_by or not targets:
        return None
    template = TRANSITIVE if reading.transitive else TEMPLATE
    why = f"the question asks what cites {targets[0].label}" + (" (transitively)" if reading.transitive else "")
    sparql = template.bind({"target": [NamedNode(targets[0].iri)]}, vocab=vocab, years=reading.constraints.years)
    return Plan(template.name, why, sparql, from_graph=True)
