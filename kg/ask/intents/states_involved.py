"""States involved in a program or an instrument: "Quels États ont bénéficié du programme AICMA ?",
"Which states does resolution 1373 name?", "Que países participam nos programas de segurança portuária?".

A program's states are its beneficiaries, donors, partners and locations; an instrument's are its
jurisdiction and the states its text mentions. Named by theme ("the port security programs"), the
programs of that theme stand for the program.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.ask.intent import Plan, Ranked
from kg.ask.reading import Reading
from kg.ask.template import Template

_BODY = """
  {{ ?subject pkg:beneficiary|pkg:fundedBy|pkg:partner|pkg:location|eli:jurisdiction ?answer }}
  UNION {{ ?document pkg:about ?subject . ?passage pkg:partOf ?document ; pkg:mentions ?answer }}
  ?answer a pkg:State .
"""
TEMPLATE = Template("states_involved", "states involved in the named program or instrument", """
SELECT ?answer (COUNT(*) AS ?score) WHERE {
  #VALUES ?subject""" + _BODY.format() + """} GROUP BY ?answer ORDER BY DESC(?score) ?answer LIMIT 100
""")
BY_THEME = Template("states_involved", "states involved in the programs of the named theme", """
SELECT ?answer (COUNT(*) AS ?score) WHERE {
  #VALUES ?theme
  ?subject a pkg:Program ; pkg:hasTheme ?theme .""" + _BODY.format() + """} GROUP BY ?answer ORDER BY DESC(?score) ?answer LIMIT 100
""")
SUBJECT_TYPES = ("Program", "Resolution", "Treaty", "LegalInstrument", "NationalLaw")


def plan(reading: Reading, ranked: Ranked, *, vocab: str) -> Plan | None:
    if reading.asks != "State":
        return None
    subjects = reading.linked(*SUBJECT_TYPES)
    if subjects:
        why = f"the question asks for the states of {subjects[0].label} ({subjects[0].type})"
        sparql = TEMPLATE.bind({"subject": [NamedNode(subjects[0].iri)]}, vocab=vocab)
        return Plan(TEMPLATE.name, why, sparql, from_graph=True)
    themes = reading.linked("Theme")
    if themes and "program-sheet" in reading.constraints.types:
        why = f"the question asks for the states of the programs on {themes[0].label}"
        sparql = BY_THEME.bind({"theme": [NamedNode(themes[0].iri)]}, vocab=vocab)
        return Plan(BY_THEME.name, why, sparql, from_graph=True)
    return None
