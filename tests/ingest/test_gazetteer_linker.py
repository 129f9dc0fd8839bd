"""Ingest finds names through the kg linker: the types it asks for, exact names only, themes inside titles."""

from __future__ import annotations

from ingest.gazetteer import Entry, Gazetteer
from kg.linking.linker import Linker
from kg.linking.names import Name, Symbol

LAW = "https://example.org/law/firearms-act"
THEME = "https://example.org/theme/firearms"
STATE = "https://example.org/state/GTM"


def names() -> list[Name]:
    return [Name("Ley de Armas de Fuego", LAW, "NationalLaw", "label", "es", preferred=True),
            Name("Armas de Fuego", THEME, "Theme", "label", "es", preferred=True),
            Name("Guatemala", STATE, "State", "label", "en", preferred=True)]


def test_a_title_not_asked_for_takes_no_span() -> None:
    text = "Reforma a la Ley de Armas de Fuego."
    assert [(l.mention, l.iri) for l in Linker(names()).link(text)] == [("Ley de Armas de Fuego", LAW)]
    assert [(l.mention, l.iri) for l in Linker(names()).link(text, kinds=["Theme"])] == [("Armas de Fuego", THEME)]


def test_exact_names_only_when_fuzzy_is_off() -> None:
    assert [l.how for l in Linker(names()).link("Guatamala y Guatemala")] == ["fuzzy", "label"]
    assert [l.mention for l in Linker(names()).link("Guatamala y Guatemala", fuzzy=False)] == ["Guatemala"]


def test_kinds_limit_demonyms_and_symbols_too() -> None:
    linker = Linker(names(), [Symbol("https://example.org/res/1373", "S/RES/1373 (2001)", 1373, 2001)])
    text = "guatemalan waters, resolution 1373 (2001)"
    assert [l.how for l in linker.link(text)] == ["demonym", "symbol"]
    assert linker.link(text, kinds=["Theme"]) == []


def test_gazetteer_mentions_are_the_linkers_links(gazetteer: Gazetteer) -> None:
    text = ("La Ley Federal de Armas de Fuego y Explosivos de México; the OAS, not the oas; "
            "les autorités canadiennes et le Guatemala; o tráfico de drogas no Brasil.")
    kinds = ("State", "Organization", "Theme")
    links = [(l.start, l.end, l.iri, l.type)
             for l in gazetteer.linker.link(text, kinds=kinds, fuzzy=False, demonyms=False)]
    assert [(m.start, m.end, m.iri, m.kind) for m in Gazetteer(gazetteer.entries, fuzzy=None).find(text)] == links
    found = {(m.text, m.iri.rsplit("/", 1)[-1]) for m in gazetteer.find(text)}
    assert {("Armas de Fuego", "firearms-control"), ("México", "MEX"), ("OAS", "oas"), ("Guatemala", "GTM"),
            ("Brasil", "BRA")} <= found
    assert ("oas", "oas") not in found  # acronyms as written


def test_ingest_leaves_the_demonym_rule_to_questions(gazetteer: Gazetteer) -> None:
    """In running text the rule's lower-case matches include ordinary words: facts need exact names."""
    text = "Se prohíbe la posesión de granadas y artefactos bélicos; les autorités canadiennes."
    assert {l.how for l in gazetteer.linker.link(text, kinds=("State",))} == {"demonym"}
    assert [m for m in gazetteer.find(text) if m.kind == "State"] == []


def test_a_gazetteer_of_hand_made_entries_links_acronyms_as_written() -> None:
    g = Gazetteer([Entry("OEA", "o:oas", "Organization", is_acronym=True), Entry("Chad", "s:TCD", "State")])
    assert [(m.text, m.iri) for m in g.find("La OEA y la oea; Chad, chad")] == [("OEA", "o:oas"), ("Chad", "s:TCD")]
