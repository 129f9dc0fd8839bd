"""Programs by theme, instrument, partner, donor or state: "Which programs help Guatemala with cybersecurity?",
"¿Qué programas financia Canadá?", "Quels programmes mettent en œuvre la résolution 1540 ?".

The relation comes from the question's cue words (donor, partner, beneficiary, implementer) or,
without one, from the type of each named entity. Programs linked to more of the named entities rank first.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.ask.intent import Plan, Ranked
from kg.ask.reading import Reading
from kg.ask.template import Template
from ontology.namespaces import ELI

TEMPLATE = Template("programs_related", "programs related to the named entities", """
SELECT ?answer (COUNT(DISTINCT ?entity) AS ?score) WHERE {
  #VALUES (?entity ?relation)
  ?answer a pkg:Program ; ?relation ?entity .
  OPTIONAL { ?answer pkg:startYear ?year }
  #YEARS ?year
} GROUP BY ?answer ORDER BY DESC(?score) ?answer LIMIT 100
""")
#: relations a cue word names, by local name (``eli:`` ones spelled out)
BY_CUE = {"donor": ("fundedBy",), "partner": ("partner",), "beneficiary": ("beneficiary",),
          "implementer": ("implementedBy",)}
#: relations an entity of each type can have with a program, when no cue names one
BY_TYPE = {"Theme": ("hasTheme",), "State": ("beneficiary", "fundedBy", "partner", "location"),
           "Organization": ("implementedBy", "partner", "fundedBy"),
           "Resolution": ("implements", "mandatedBy", ELI + "cites"), "Treaty": ("implements", "mandatedBy", ELI + "cites"),
           "LegalInstrument": ("implements", "mandatedBy", ELI + "cites")}


def _predicate(vocab: str, name: str) -> NamedNode:
    return NamedNode(name if name.startswith("http") else vocab + name)


def plan(reading: Reading, ranked: Ranked, *, vocab: str) -> Plan | None:
    if reading.asks != "Program":
        return None
    entities = reading.linked(*BY_TYPE)
    if not entities:
        return None
    cued = [r for cue in sorted(reading.relations) for r in BY_CUE.get(cue, ())]
    rows = []
    for link in entities:
        fitting = [r for r in cued if r in BY_TYPE[link.type]] or list(BY_TYPE[link.type])
        rows += [(NamedNode(link.iri), _predicate(vocab, r)) for r in fitting]
    why = "the question asks for programs and names " + ", ".join(f"{lk.label} ({lk.type})" for lk in entities)
    sparql = TEMPLATE.bind({"entity relation": rows}, vocab=vocab, years=reading.constraints.years)
    return Plan(TEMPLATE.name, why, sparql, from_graph=True)
