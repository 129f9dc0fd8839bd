"""The subregion (UN M49) and official languages of each OAS member state: context for who can help whom.

Reference facts, not extracted ones: the UN M49 geographic subregions (Caribbean, Central America,
South America, Northern America) and the languages in which each state's government works. Two
states that share one make cooperation easier (same legal tradition, no translation), so a
suggestion names it, but it is never a graph triple and never the only reason for a suggestion.
"""

from __future__ import annotations

from collections.abc import Mapping

_CARIBBEAN = "ATG BHS BRB DMA DOM GRD HTI JAM KNA LCA VCT TTO"
_CENTRAL = "BLZ CRI SLV GTM HND MEX NIC PAN"
_SOUTH = "ARG BOL BRA CHL COL ECU GUY PRY PER SUR URY VEN"
_NORTH = "CAN USA"

#: ISO 3166 alpha-3 → UN M49 subregion
SUBREGION: Mapping[str, str] = {
    **{c: "Caribbean" for c in _CARIBBEAN.split()}, **{c: "Central America" for c in _CENTRAL.split()},
    **{c: "South America" for c in _SOUTH.split()}, **{c: "Northern America" for c in _NORTH.split()},
}

_SPANISH = "ARG BOL CHL COL CRI DOM ECU SLV GTM HND MEX NIC PAN PRY PER URY VEN"
#: ISO 3166 alpha-3 → official languages (ISO 639-1)
LANGUAGES: Mapping[str, frozenset[str]] = {
    **{c: frozenset({"es"}) for c in _SPANISH.split()},
    **{c: frozenset({"en"}) for c in "ATG BHS BRB BLZ DMA GRD GUY JAM KNA LCA VCT TTO USA".split()},
    "BRA": frozenset({"pt"}), "CAN": frozenset({"en", "fr"}), "HTI": frozenset({"fr"}), "SUR": frozenset({"nl"}),
}


def shared_context(a: str, b: str) -> list[str]:
    """What two states (ISO3) share of subregion and language, as short English phrases.

    >>> shared_context("PRY", "URY")
    ['same subregion (South America)', 'a common language (es)']
    >>> shared_context("CAN", "HTI")
    ['a common language (fr)']
    """
    out = []
    if SUBREGION.get(a) is not None and SUBREGION.get(a) == SUBREGION.get(b):
        out.append(f"same subregion ({SUBREGION[a]})")
    common = sorted(LANGUAGES.get(a, frozenset()) & LANGUAGES.get(b, frozenset()))
    if common:
        out.append(f"a common language ({', '.join(common)})")
    return out
