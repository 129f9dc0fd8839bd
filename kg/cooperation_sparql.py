"""The SPARQL that finds a cooperation suggestion's capability and need paths, with the passages behind them.

A staff member can paste it into the SPARQL editor (or send it to ``/sparql``) and see, row by
row, the programs, laws, practices and resolutions that make A able to help and B in need on
the theme; the IRIs are bound with ``VALUES``, never pasted into the patterns. The "peer gap"
route (B has nothing on a theme its comparable states work on) comes back as one row with no
``?via``: the comparison itself is computed (:mod:`kg.cooperation_peers`), not a triple.
"""

from __future__ import annotations

from ontology.iri import Iris
from ontology.namespaces import ELI, PROV, RDF

TEMPLATE = """PREFIX pkg: <{v}>
PREFIX eli: <{eli}>
PREFIX rdf: <{rdf}>
PREFIX prov: <{prov}>
SELECT ?kind ?route ?via ?passage WHERE {{
  VALUES (?helper ?helped ?theme) {{ (<{a}> <{b}> <{x}>) }}
  {{
    BIND("capability" AS ?kind)
    VALUES (?route ?role) {{ ("donor" pkg:fundedBy) ("executing" pkg:implementedBy) ("host" pkg:location)
                           ("partner" pkg:partner) ("beneficiary" pkg:beneficiary) ("law" eli:jurisdiction)
                           ("practice" pkg:evaluatedIn) }}
    ?via ?role ?helper ; pkg:hasTheme ?theme .
    ?st rdf:subject ?via ; rdf:predicate ?role ; rdf:object ?helper ; prov:wasDerivedFrom ?passage .
  }} UNION {{
    BIND("need" AS ?kind) BIND("beneficiary" AS ?route)
    ?via pkg:beneficiary ?helped ; pkg:hasTheme ?theme .
    ?st rdf:subject ?via ; rdf:predicate pkg:beneficiary ; rdf:object ?helped ; prov:wasDerivedFrom ?passage .
  }} UNION {{
    BIND("need" AS ?kind) BIND("resolution" AS ?route)
    ?via a pkg:Resolution ; pkg:hasTheme ?theme . ?doc pkg:about ?via .
    ?passage pkg:partOf ?doc ; pkg:mentions ?helped .
  }} UNION {{
    BIND("need" AS ?kind) BIND("peer gap" AS ?route)
    FILTER NOT EXISTS {{
      VALUES ?any {{ pkg:fundedBy pkg:implementedBy pkg:location pkg:partner pkg:beneficiary eli:jurisdiction
                    pkg:evaluatedIn }}
      ?other ?any ?helped ; pkg:hasTheme ?theme . }}
  }}
}}
ORDER BY ?kind ?route ?via ?passage"""


def suggestion_sparql(iris: Iris, helper: str, helped: str, theme: str) -> str:
    """The query for one suggestion. The three IRIs must be IRIs (they come from the graph, not from users).

    >>> q = suggestion_sparql(Iris("https://policykg.org/"), "https://policykg.org/id/state/USA",
    ...                       "https://policykg.org/id/state/PRY", "https://policykg.org/id/theme/cybersecurity")
    >>> "(<https://policykg.org/id/state/USA> <https://policykg.org/id/state/PRY>" in q
    True
    """
    for iri in (helper, helped, theme):
        if any(c in iri for c in "<>\"{}|^`\\ \n"):
            raise ValueError(f"not an IRI: {iri!r}")
    return TEMPLATE.format(v=iris.ontology, eli=ELI, rdf=RDF, prov=PROV, a=helper, b=helped, x=theme)
