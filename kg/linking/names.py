"""The names the linker knows: every label, alias, acronym, symbol and demonym the graph gives an entity.

Read from the store's default graph (the union), so a new alias in the reference data or a
program ingested from a sheet is linkable without code changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from pyoxigraph import Literal, NamedNode

from kg.store.base import GraphStore

#: The classes an answer or a mention can have, most specific first: an entity typed both
#: ``Resolution`` and ``LegalInstrument`` is reported as a Resolution.
TYPES = ("State", "Program", "Resolution", "NationalLaw", "Treaty", "Organization", "Theme", "LegalInstrument")

NAMES_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX pkg: <{v}>
SELECT DISTINCT ?e ?kind ?name ?how ?preferred WHERE {{
  {{ VALUES ?kind {{ pkg:State pkg:Organization pkg:Theme pkg:Program pkg:Treaty pkg:NationalLaw pkg:LegalInstrument }}
     ?e a ?kind . }}
  UNION {{ ?e a skos:Concept . FILTER NOT EXISTS {{ ?e a pkg:EvidenceLevel }} BIND(pkg:Theme AS ?kind) }}
  {{ ?e rdfs:label|skos:prefLabel ?name BIND("label" AS ?how) BIND(true AS ?preferred) }}
  UNION {{ ?e skos:altLabel|schema:name|schema:alternateName|eli:title ?name BIND("label" AS ?how) }}
  UNION {{ ?e pkg:demonym ?name BIND("demonym" AS ?how) }}
  UNION {{ ?e pkg:acronym ?name BIND("acronym" AS ?how) }}
  FILTER NOT EXISTS {{ ?e a pkg:Resolution }}
}}
"""

#: Resolutions are many and named by symbol; read apart, with their number and year.
SYMBOLS_QUERY = """
PREFIX pkg: <{v}>
SELECT DISTINCT ?e ?symbol ?number ?year WHERE {{
  ?e a pkg:Resolution ; pkg:symbol ?symbol ; pkg:number ?number .
  OPTIONAL {{ ?e pkg:year ?year }}
}}
"""


@dataclass(frozen=True)
class Name:
    """One way an entity is written. ``how``: ``label``, ``acronym`` or ``demonym``; ``preferred``: the
    entity's own label (``rdfs:label``, ``skos:prefLabel``), not an alias."""

    text: str
    iri: str
    kind: str
    how: str
    lang: str | None = None
    preferred: bool = False


@dataclass(frozen=True)
class Symbol:
    """A Security Council resolution's symbol (``S/RES/660 (1990)``) with its number and year."""

    iri: str
    symbol: str
    number: int
    year: int | None


def read_names(store: GraphStore, vocab: str) -> list[Name]:
    """Every name of every linkable entity in ``store``, each once (preferred if any of its properties is). Read-only;
    one SELECT."""
    out: dict[tuple[str, str, str, str, str | None], Name] = {}
    # ?e and ?kind are IRIs, ?name a literal and ?how a plain string in every row; ?preferred is bound or not.
    rows = cast(list[tuple[NamedNode, NamedNode, Literal, Literal, Literal | None]],
                store.select(NAMES_QUERY.format(v=vocab)))
    for entity, kind, name, how, preferred in rows:
        text = name.value.strip()
        if len(text) < 2:
            continue
        key = (text, entity.value, kind.value.rsplit("#", 1)[-1], how.value, name.language)
        if key not in out or preferred is not None:
            out[key] = Name(*key, preferred=preferred is not None)
    return list(out.values())


def read_symbols(store: GraphStore, vocab: str) -> list[Symbol]:
    """Every resolution with a symbol and a number. Read-only; one SELECT."""
    out: list[Symbol] = []
    # ?year is OPTIONAL; the others are bound.
    rows = cast(list[tuple[NamedNode, Literal, Literal, Literal | None]], store.select(SYMBOLS_QUERY.format(v=vocab)))
    for entity, symbol, number, year in rows:
        if number.value.isdigit():
            y = int(year.value) if year is not None and year.value.isdigit() else None
            out.append(Symbol(entity.value, symbol.value, int(number.value), y))
    return out
