"""Brazilian Portuguese state names, the Portuguese of the Americas, are names of the states too."""

from __future__ import annotations

from ontology.states import load_states

STATES = {s.iso3: s for s in load_states()}


def _pt(iso3: str) -> set[str]:
    s = STATES[iso3]
    return {n for n, lang in (*s.names, *s.aliases) if lang == "pt"}


def test_brazilian_spellings_beside_european_ones() -> None:
    assert {"Irã", "Irão"} <= _pt("IRN")
    assert {"Quênia", "Quénia"} <= _pt("KEN")
    assert {"Cingapura", "Singapura"} <= _pt("SGP")


def test_a_short_form_two_countries_share_is_not_a_name() -> None:
    assert "Coreia" not in _pt("KOR") | _pt("PRK")
    assert "Ilhas Virgens" not in _pt("VGB") | _pt("VIR")
