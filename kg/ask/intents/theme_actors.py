"""Partners, donors or implementers of the programs on a theme, when the question names a theme and no program:
"Who funds the programs on firearms marking?", "¿Quién financia los programas contra el lavado de dinero?",
"Quelles organisations sont partenaires des programmes de cybersécurité ?".

The programs of the theme stand for the program (as in :mod:`.states_involved`); an actor of more of them
ranks first. A question asking for programs ("Which programs does Canada fund?") is
:mod:`.programs_related`'s, one asking for states :mod:`.states_involved`'s.
"""

from __future__ import annotations

import re

from pyoxigraph import NamedNode

from kg.ask.intent import Plan, Ranked
from kg.ask.intents.program_actors import BY_CUE
from kg.ask.reading import WH_WORDS, Reading
from kg.ask.template import Template
from ontology.folding import fold

TEMPLATE = Template("theme_actors", "partners, donors or implementers of the programs on the named theme", """
SELECT ?answer (COUNT(DISTINCT ?program) AS ?score) WHERE {
  #VALUES ?theme
  #VALUES ?relation
  #VALUES ?kind
  ?program a pkg:Program ; pkg:hasTheme ?theme ; ?relation ?answer .
  ?answer a ?kind .
} GROUP BY ?answer ORDER BY DESC(?score) ?answer LIMIT 100
""")
#: what an answer may be, by the kind the question asks for (None: "who…")
KINDS = {None: ("Organization", "State"), "Organization": ("Organization",)}
#: the interrogatives that ask for a person or body: "Who funds the programs on…?" asks for actors even though
#: its first kind-word is "programs"
WHO = frozenset("who whom quien quienes quem qui".split())
_WORD = re.compile(r"\w+")


def asks_who(question: str) -> bool:
    """Whether the question's first interrogative asks for a person or body.

    >>> asks_who("Who funds the program?"), asks_who("¿Quiénes financian los programas?"), asks_who("Which program?")
    (True, True, False)
    """
    for word in (fold(w) for w in _WORD.findall(question)):
        if word in WH_WORDS:
            return word in WHO
    return False


def plan(reading: Reading, ranked: Ranked, *, vocab: str) -> Plan | None:
    cued = [BY_CUE[c] for c in sorted(reading.relations) if c in BY_CUE]
    themes = reading.linked("Theme")
    asks = None if asks_who(reading.question) else reading.asks
    if not cued or not themes or reading.linked("Program") or asks not in KINDS:
        return None
    why = f"the question asks for the {'/'.join(cued)} of the programs on {themes[0].label}"
    sparql = TEMPLATE.bind({"theme": [NamedNode(themes[0].iri)], "relation": [NamedNode(vocab + r) for r in cued],
                            "kind": [NamedNode(vocab + k) for k in KINDS[asks]]}, vocab=vocab)
    return Plan(TEMPLATE.name, why, sparql, from_graph=True)
