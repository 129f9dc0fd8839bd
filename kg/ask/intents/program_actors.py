"""Partners, donors, implementers of a program: "Who are the partners of PSAP?", "¿Quiénes financian el PACAM?",
"Quels sont les bailleurs du programme AICMA ?"."""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.ask.intent import Plan, Ranked
from kg.ask.reading import Reading
from kg.ask.template import Template

TEMPLATE = Template("program_actors", "partners, donors or implementers of the named program", """
SELECT ?answer (COUNT(DISTINCT ?relation) AS ?score) WHERE {
  #VALUES ?program
  #VALUES ?relation
  ?program ?relation ?answer .
  { ?answer a pkg:Organization } UNION { ?answer a pkg:State }
} GROUP BY ?answer ORDER BY DESC(?score) ?answer LIMIT 100
""")
BY_CUE = {"donor": "fundedBy", "partner": "partner", "implementer": "implementedBy"}


def plan(reading: Reading, ranked: Ranked, *, vocab: str) -> Plan | None:
    programs = reading.linked("Program")
    cued = [BY_CUE[c] for c in sorted(reading.relations) if c in BY_CUE]
    if not programs or not (cued or reading.asks == "Organization"):
        return None
    relations = cued or list(BY_CUE.values())
    why = f"the question asks for the {'/'.join(relations)} of {programs[0].label}"
    sparql = TEMPLATE.bind({"program": [NamedNode(programs[0].iri)],
                            "relation": [NamedNode(vocab + r) for r in relations]}, vocab=vocab)
    return Plan(TEMPLATE.name, why, sparql, from_graph=True)
