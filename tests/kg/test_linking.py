"""The linker over the shipped reference data: four languages, accents, acronyms, demonyms by rule, typos, types."""

from __future__ import annotations

import pytest

from kg.linking.linker import Linker
from kg.linking.names import Symbol
from ontology.iri import Iris
from tests.reference_linker import reference_linker

IRIS = Iris("https://policykg.org/")


@pytest.fixture(scope="module")
def linker() -> Linker:
    return reference_linker(IRIS, [Symbol(IRIS.unsc_resolution(1373, 2001), "S/RES/1373 (2001)", 1373, 2001)])


@pytest.mark.parametrize(("text", "mention", "iso3"), [
    ("Which programs help Honduras?", "Honduras", "HND"),                     # en, exact
    ("¿Qué programas benefician a Panamá?", "Panamá", "PAN"),                 # es, accented
    ("Quais programas beneficiam o Peru?", "Peru", "PER"),                    # pt
    ("Quels programmes aident le Pérou ?", "Pérou", "PER"),                   # fr name
    ("which programs help PANAMA", "PANAMA", "PAN"),                          # case
    ("¿Qué leyes paraguayas regulan las armas?", "paraguayas", "PRY"),        # es demonym, by rule
    ("Que leis bolivianas tratam de drogas?", "bolivianas", "BOL"),           # pt demonym
    ("Quelles lois jamaïcaines portent sur les armes ?", "jamaïcaines", "JAM"),  # fr demonym
    ("Which Ecuadorian laws deal with firearms?", "Ecuadorian", "ECU"),       # en demonym
    ("Which programs help Nicaraguaa and Venezeula?", "Venezeula", "VEN"),    # typo
    ("¿Qué programas ayudan a Hondura?", "Hondura", "HND"),                   # es typo
    ("Quais programas beneficiam a Guatemla?", "Guatemla", "GTM"),            # pt typo
    ("Quels programmes aident le Guatamala ?", "Guatamala", "GTM"),           # fr typo
    ("¿Qué resolución condenó la invasión iraquí de Kuwait?", "iraquí", "IRQ"),  # es demonym, accented
    ("Quels programmes haïtiens ?", "haïtiens", "HTI"),                       # fr demonym, plural
    ("Que leis brasileiras tratam de lavagem?", "brasileiras", "BRA"),        # pt demonym
])
def test_states_in_four_languages(linker: Linker, text: str, mention: str, iso3: str) -> None:
    found = {lk.mention: lk for lk in linker.link(text)}
    assert mention in found, found
    assert found[mention].iri == IRIS.state(iso3)
    assert found[mention].type == "State"
    start, end = found[mention].start, found[mention].end
    assert text[start:end] == mention


def test_acronyms_are_case_sensitive(linker: Linker) -> None:
    assert [lk.iri for lk in linker.link("Programs of the OAS")] == [IRIS.org("oas")]
    assert [lk.iri for lk in linker.link("Programas de la OEA")] == [IRIS.org("oas")]
    assert linker.link("oas and chad are words here") == []


def test_resolution_references(linker: Linker) -> None:
    for text in ("Which resolutions cite resolution 1373 (2001)?", "¿Qué leyes aplican la resolución 1373?",
                 "Quelles lois appliquent la S/RES/1373 (2001) ?"):
        links = [lk for lk in linker.link(text) if lk.type == "Resolution"]
        assert [lk.iri for lk in links] == [IRIS.unsc_resolution(1373, 2001)], text


def test_fuzzy_matches_are_less_certain(linker: Linker) -> None:
    typo = next(lk for lk in linker.link("Programs in Guatamala") if lk.how == "fuzzy")
    exact = next(lk for lk in linker.link("Programs in Guatemala"))
    assert typo.iri == exact.iri == IRIS.state("GTM")
    assert typo.confidence < exact.confidence


def test_labels_in_the_questions_language(linker: Linker) -> None:
    assert linker.label(IRIS.state("PER"), "fr") == "Pérou"
    assert linker.label(IRIS.state("PER"), "en") == "Peru"


def test_low_confidence_links_are_marked_so(linker: Linker) -> None:
    # a typo links below an exact name, and ordinary lower-case words link to nothing
    typo = next(lk for lk in linker.link("Quels programmes aident le Guatamala ?") if lk.how == "fuzzy")
    assert typo.confidence < 0.95
    assert linker.link("what programs help with mining and security in general?") == []

