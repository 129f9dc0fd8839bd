"""The independent judge: gold names, ISO codes and instrument symbols resolved without ingest.

Table-driven: each row is a gold value as the facts file writes it and what the judge must
make of it, from the reference graphs and its own symbol parser alone.
"""

from __future__ import annotations

import pytest

from evaluation.gold import ProgramFacts
from evaluation.graph_facts import Entity, instrument_matches
from evaluation.names import ReferenceName, ReferenceNames
from evaluation.programs import program_named
from evaluation.symbols import Symbol, find_symbols, read_instrument, symbol_of_iri
from ontology.iri import Iris

IRIS = Iris("https://policykg.org/")


@pytest.fixture(scope="module")
def names() -> ReferenceNames:
    return ReferenceNames.from_reference(IRIS)


@pytest.mark.parametrize(("gold", "expected"), [
    ("USA", IRIS.state("USA")),  # ISO3
    ("KN", IRIS.state("KNA")),  # ISO2
    ("XKX", IRIS.state("XKX")),  # an ISO3 the reference lacks still names its state
    ("Estados Unidos", IRIS.state("USA")),  # a label in another language
    ("guatemala", IRIS.state("GTM")),  # case folded
    ("Panamá", IRIS.state("PAN")),
    ("Panama", IRIS.state("PAN")),  # accents folded
    ("OAS Department of Public Security", IRIS.org("oas-dps")),  # an alias of the reference organization
    ("the Inter-American Committee against Terrorism (CICTE)", IRIS.org("cicte")),  # article and parenthesis dropped
    ("Inter-American Committee against Terrorism", IRIS.org("cicte")),
    ("United States Coast Guard", IRIS.org("us-coast-guard")),  # not the United States
    ("UN Counter-Terrorism Committee Executive Directorate", IRIS.org("cted")),
    ("Inter-American Commission on Human Rights", IRIS.org("iachr")),
    ("Microsoft", IRIS.org("microsoft")),
    ("UNODC Terrorism Prevention Branch", IRIS.org("unodc-terrorism-prevention-branch")),  # "<parent> <part>"
    ("Canada Terrorism Prevention Branch", None),  # not a part of Canada
    ("Some Foundation Nobody Listed", None),  # unknown: no guess
    ("Canadian", None),  # a demonym is not a name
    ("Secretariat", None),  # deliberately nobody's alias
])
def test_gold_names_resolve_through_reference_labels(names: ReferenceNames, gold: str, expected: str | None) -> None:
    assert names.resolve(gold) == expected


def test_a_part_is_named_by_its_parent_then_its_own_name() -> None:
    names = ReferenceNames([ReferenceName("Coast Guard", "x:cg", "Organization", "altLabel"),
                            ReferenceName("Canada", "x:CAN", "State", "label"),
                            ReferenceName("Transport Canada", "x:tc", "Organization", "label"),
                            ReferenceName("TC", "x:tc", "Organization", "acronym")], IRIS,
                           parents=[("x:cg", "x:tc"), ("x:tc", "x:CAN")])
    assert names.resolve("TC Coast Guard") == "x:cg" and names.resolve("Canada Coast Guard") == "x:cg"  # transitive
    assert names.resolve("Coast Guard Canada") is None  # only "<parent> <part>"


def test_a_name_two_entities_share_resolves_to_neither() -> None:
    names = ReferenceNames([ReferenceName("Coast Guard", "x:a", "Organization", "altLabel"),
                            ReferenceName("Coast Guard", "x:b", "Organization", "altLabel"),
                            ReferenceName("Port Authority", "x:c", "Organization", "label")], IRIS)
    assert names.resolve("Coast Guard") is None and names.resolve("port authority") == "x:c"


@pytest.mark.parametrize(("text", "expected"), [
    ("S/RES/1540 (2004)", [Symbol("unsc", 1540, 2004)]),
    ("S/RES/1373", [Symbol("unsc", 1373)]),
    ("UN Security Council Resolution 1373 (2001)", [Symbol("unsc", 1373, 2001)]),
    ("UNSCR 1540", [Symbol("unsc", 1540)]),
    ("resolución 1540 (2004) del Consejo de Seguridad", [Symbol("unsc", 1540, 2004)]),
    ("résolution 1373 du Conseil de sécurité", [Symbol("unsc", 1373)]),
    ("AG/RES. 2866 (XLIV-O/14)", [Symbol("oas-ag", 2866, 2014, "XLIV-O/14")]),
    ("AG/RES. 2444 (XXXIX-O/09)", [Symbol("oas-ag", 2444, 2009, "XXXIX-O/09")]),
    ("AG/RES 1840", [Symbol("oas-ag", 1840)]),
    ("A/RES/60/288", [Symbol("unga", 288, None, "60")]),
    ("Inter-American Convention against Terrorism (2002)", []),
    ("OAS Permanent Council resolution of 6 February 2004", []),  # no number: no symbol
])
def test_symbols_are_parsed_by_the_judge(text: str, expected: list[Symbol]) -> None:
    assert [s for s, _, _ in find_symbols(text)] == expected


@pytest.mark.parametrize(("iri", "expected"), [
    (IRIS.unsc_resolution(1540, 2004), Symbol("unsc", 1540, 2004)),
    (IRIS.unsc_resolution(1373, None), Symbol("unsc", 1373)),
    (IRIS.oas_ag_resolution(2866, "XLIV-O/14"), Symbol("oas-ag", 2866, 2014, "XLIV-O/14")),
    (IRIS.instrument("inter-american-convention-against-terrorism"), None),
])
def test_extracted_iris_read_as_symbols(iri: str, expected: Symbol | None) -> None:
    assert symbol_of_iri(iri) == expected


CIFTA = ("Inter-American Convention against the Illicit Manufacturing of and Trafficking in Firearms, Ammunition, "
         "Explosives, and Other Related Materials")


@pytest.mark.parametrize(("gold", "iri", "labels", "acronyms", "expected"), [
    ("S/RES/1540 (2004)", IRIS.unsc_resolution(1540, 2004), (), (), True),
    ("S/RES/1540 (2004)", IRIS.unsc_resolution(1540, None), (), (), True),  # year unknown on one side
    ("S/RES/1540 (2004)", IRIS.unsc_resolution(1540, 2005), (), (), False),
    ("S/RES/1540 (2004)", IRIS.unsc_resolution(1541, 2004), (), (), False),
    ("AG/RES. 1840 (XXXII-O/02)", IRIS.oas_ag_resolution(1840, "XXXII-O/02"), (), (), True),
    ("AG/RES. 1840 (XXXII-O/02)", IRIS.unsc_resolution(1840, None), (), (), False),  # another body
    ("UN Security Council Resolution 1373 (2001)", "x:r", ("S/RES/1373 (2001)",), (), True),  # a label read as symbol
    ("Inter-American Convention against Terrorism (2002), AG/RES. 1840 (XXXII-O/02)",
     IRIS.instrument("inter-american-convention-against-terrorism"), ("Inter-American Convention against Terrorism",),
     (), True),
    (CIFTA + " (CIFTA) (1997)", "x:c", (CIFTA,), (), True),
    (CIFTA + " (CIFTA) (1997)", "x:c", (), ("CIFTA",), True),  # the acronym in the gold's parenthesis
    ("Convention on International Civil Aviation (Chicago Convention), Annex 17", "x:a", ("Chicago Convention",), (),
     True),
    ("Convention on International Civil Aviation (Chicago Convention), Annex 17", "x:b", ("Annex 17",), (), False),
    ("Hemispheric Drug Strategy (2010)", "x:h", ("Hemispheric Drug Strategy",), (), True),
    ("Hemispheric Drug Strategy (2010)", "x:p", ("Plan of Action 2021-2025 of the OAS Hemispheric Strategy on Drugs",),
     (), False),
    ("FATF 40 Recommendations", "x:f", ("FATF",), (), False),  # short names never match by containment
])
def test_instrument_matching(gold: str, iri: str, labels: tuple[str, ...], acronyms: tuple[str, ...],
                             expected: bool) -> None:
    assert instrument_matches(read_instrument(gold), iri, Entity(iri, set(labels), set(acronyms))) is expected


@pytest.mark.parametrize(("labels", "acronyms", "expected"), [
    ({"Programa de Asistencia para el Control de Armas y Municiones"}, set(), True),
    ({"PROGRAMA DE ASISTENCIA PARA EL CONTROL DE ARMAS Y MUNICIONES (PACAM)"}, set(), True),
    ({"Iniciativa Mérida"}, {"PACAM"}, True),  # the acronym alone identifies it
    ({"Iniciativa Mérida"}, set(), False),
    ({"Programa de Asistencia"}, set(), False),  # a truncated name is not the program's name
])
def test_program_found_by_label_or_acronym(labels: set[str], acronyms: set[str], expected: bool) -> None:
    gold = ProgramFacts("pacam", "Programa de Asistencia para el Control de Armas y Municiones", "PACAM", "es",
                        (), (), (), (), (), (), None, None)
    assert program_named(gold, Entity("x", labels, acronyms)) is expected
