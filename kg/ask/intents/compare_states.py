"""Compare two states: what they share and where they differ — "Compare Guatemala and Honduras",
"¿Qué tienen en común Perú y Colombia?", "Quais as diferenças entre o Peru e a Colômbia?",
"Qu'ont en commun le Guatemala et le Honduras ?".

Recognised by the kind of question, not by its words alone: two states are named and a comparison
cue ("compare", "in common", "differ", "en común", "diferenças", "en commun"…; see
``RELATION_WORDS["compare"]`` in :mod:`kg.ask.reading`) says the question relates them. The
answers are the entities either state is tied to, by facet:

- ``program``: programs the state benefits from, funds, partners or hosts;
- ``instrument``: instruments whose text mentions the state, or that its programs implement or are mandated by;
- ``partner``: organizations and other states that fund, partner or implement the state's programs;
- ``theme``: themes of the state's programs and laws;
- ``law``: the state's own laws (``eli:jurisdiction``).

``?score`` is how many of the two states an answer is tied to (2: shared, 1: a difference) and
``?role`` says which facet and which side ("program: both", "law: Honduras"). When the question asks
for one kind ("Which programs do … share?"), only that facet is compared.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from kg.ask.intent import Plan, Ranked
from kg.ask.reading import Reading
from kg.ask.template import Template

_TIES = "pkg:beneficiary|pkg:fundedBy|pkg:partner|pkg:location"
TEMPLATE = Template("compare_states", "what two named states share (score 2) and where they differ (score 1)", """
SELECT ?answer (COUNT(DISTINCT ?side) AS ?score)
       (IF(COUNT(DISTINCT ?side) > 1, CONCAT(?facet, ": both"), CONCAT(?facet, ": ", SAMPLE(?side))) AS ?role)
WHERE {
  #VALUES (?state ?side)
  #VALUES ?facet
  { ?answer a pkg:Program ; """ + _TIES + """ ?state . BIND("program" AS ?facet) }
  UNION { ?passage pkg:mentions ?state ; pkg:partOf/pkg:about ?answer . ?answer a pkg:LegalInstrument .
          FILTER NOT EXISTS { ?answer a pkg:NationalLaw } BIND("instrument" AS ?facet) }
  UNION { ?program a pkg:Program ; """ + _TIES + """ ?state ; pkg:implements|pkg:mandatedBy ?answer .
          BIND("instrument" AS ?facet) }
  UNION { ?program a pkg:Program ; """ + _TIES + """ ?state ; pkg:partner|pkg:fundedBy|pkg:implementedBy ?answer .
          { ?answer a pkg:Organization } UNION { ?answer a pkg:State }
          BIND("partner" AS ?facet) }
  UNION { { ?holder a pkg:Program ; """ + _TIES + """ ?state } UNION { ?holder a pkg:NationalLaw ; eli:jurisdiction ?state }
          ?holder pkg:hasTheme ?answer . BIND("theme" AS ?facet) }
  UNION { ?answer a pkg:NationalLaw ; eli:jurisdiction ?state . BIND("law" AS ?facet) }
  FILTER NOT EXISTS {
    #VALUES ?compared
    FILTER(?answer = ?compared)
  }
} GROUP BY ?answer ?facet ORDER BY DESC(?score) ?facet ?answer LIMIT 300
""")
FACETS = ("program", "instrument", "partner", "theme", "law")
#: the facet a question asking for one kind compares; other kinds (or none) compare every facet
BY_ASKS = {"Program": ("program",), "Resolution": ("instrument",), "LegalInstrument": ("instrument",),
           "NationalLaw": ("law",), "Organization": ("partner",)}


def plan(reading: Reading, ranked: Ranked, *, vocab: str) -> Plan | None:
    if "compare" not in reading.relations:
        return None
    states = list({lk.iri: lk for lk in reading.linked("State")}.values())[:2]
    if len(states) < 2:
        return None
    states.sort(key=lambda lk: lk.start)  # the question's order: the first named is the first side
    facets = BY_ASKS.get(reading.asks or "", FACETS)
    sparql = TEMPLATE.bind({"state side": [(NamedNode(s.iri), Literal(s.label)) for s in states],
                            "facet": [Literal(f) for f in facets],
                            "compared": [NamedNode(s.iri) for s in states]}, vocab=vocab)
    why = (f"the question compares {states[0].label} and {states[1].label}: the {'/'.join(facets)} both are tied to "
           "(score 2) and those of one only (score 1)")
    return Plan(TEMPLATE.name, why, sparql, from_graph=True)
