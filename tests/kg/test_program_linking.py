"""Program mentions the exact linker misses: partial names by rule, and programs named in another language than
their label, through the real multilingual e5 embedder. Our own names and sentences."""

from __future__ import annotations

import pytest

from kg.embed.e5 import E5Embedder
from kg.linking.linker import Linker
from kg.linking.names import Name, Symbol
from kg.linking.programs import ProgramLinks, QuestionEncoder
from kg.linking.semantic import program_cue

# programs labelled in one language each, as sheets label them, beside states and a resolution
NAMES = [
    Name("Programa de Asistencia para el Control de Armas y Municiones", "p:arms", "Program", "label", "es", True),
    Name("PACAM", "p:arms", "Program", "acronym"),
    Name("Promotion du marquage des armes à feu en Amérique latine et dans les Caraïbes", "p:marking", "Program",
         "label", "fr", True),
    Name("UNSCR 1540 (2004) Implementation Program", "p:1540", "Program", "label", "en", True),
    Name("Port Security Assistance Partnership", "p:ports", "Program", "label", "en", True),
    Name("PSAP", "p:ports", "Program", "acronym"),
    Name("Salud y Vida en las Américas", "p:health", "Program", "label", "es", True),
    Name("SAVIA", "p:health", "Program", "acronym"),
    Name("Aviation Security Program", "p:aviation", "Program", "label", "en", True),
    Name("Cyber Security Program", "p:cyber", "Program", "label", "en", True),
    Name("Misión de Apoyo al Proceso de Paz en Colombia", "p:peace", "Program", "label", "es", True),
    Name("Spain", "s:ESP", "State", "label", "en", True),
    Name("España", "s:ESP", "State", "label", "es", True),
    Name("Peru", "s:PER", "State", "label", "en", True),
    Name("Colombia", "s:COL", "State", "label", "en", True),
]
SYMBOLS = [Symbol("r:1540", "S/RES/1540 (2004)", 1540, 2004)]


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(NAMES, SYMBOLS)


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    return E5Embedder()


def _program(linker: Linker, question: str, embedder: E5Embedder | None) -> list[tuple[str, str]]:
    encoder = QuestionEncoder.of(embedder) if embedder else None
    links = ProgramLinks().extend(question, linker.link(question), linker=linker, encoder=encoder)
    return [(lk.iri, lk.how) for lk in links if lk.type == "Program"]


def test_a_partial_name_links_its_program_and_takes_over_the_resolution_inside_it(linker: Linker) -> None:
    question = "Who are the partners of the UNSCR 1540 implementation program?"
    links = ProgramLinks().extend(question, linker.link(question), linker=linker, encoder=None)
    assert [(lk.iri, lk.how, lk.mention) for lk in links] == [("p:1540", "partial", "UNSCR 1540 implementation program")]


@pytest.mark.parametrize("question", ["Who funds the security program?",  # three security programs fit
                                      "Which states have laws on arms control?"])  # too little of any name
def test_a_partial_name_that_fits_several_programs_or_too_little_of_one_links_none(linker: Linker,
                                                                                   question: str) -> None:
    assert _program(linker, question, None) == []


@pytest.mark.parametrize(("question", "program"), [
    ("Which countries fund the firearms marking programme in Latin America?", "p:marking"),
    ("Who benefits from the arms and ammunition control assistance program?", "p:arms"),
    ("¿Qué países se benefician del programa de seguridad cibernética?", "p:cyber"),
    ("¿Qué organismos ejecutan el programa de aplicación de la resolución 1540?", "p:1540"),
    ("Quem financia o programa Saúde e Vida nas Américas?", "p:health"),
    ("Quais países apoiam a missão de apoio ao processo de paz na Colômbia?", "p:peace"),
    ("Qui finance le programme de sûreté de l'aviation civile ?", "p:aviation"),
    ("Quels pays participent au programme d'assistance au contrôle des armes et des munitions ?", "p:arms"),
])
def test_a_program_named_in_another_language_links_by_meaning(linker: Linker, e5: E5Embedder, question: str,
                                                              program: str) -> None:
    links = _program(linker, question, e5)
    assert links and links[0][0] == program, links
    assert len(links) == 1


@pytest.mark.parametrize("question", [
    "Which states have laws on money laundering?",  # no program word
    "Which program does Spain fund?",  # the program word asks for a program
    "¿Qué programas financia España?",
    "Quais programas beneficiam o Peru?",
    "Quels programmes l'Espagne finance-t-elle ?",
    "¿Quién financia el programa de vacunación infantil?",  # a program the graph does not have
    "Qui finance le programme spatial européen ?",
])
def test_a_question_naming_no_program_links_none(linker: Linker, e5: E5Embedder, question: str) -> None:
    assert _program(linker, question, e5) == []


def test_an_exact_program_link_is_kept_as_it_is(linker: Linker, e5: E5Embedder) -> None:
    question = "Which countries fund PACAM?"
    assert _program(linker, question, e5) == [("p:arms", "acronym")]


def test_a_semantic_link_is_less_sure_than_a_name_and_spans_its_clause(linker: Linker, e5: E5Embedder) -> None:
    question = "Qui finance le programme de sûreté de l'aviation civile ?"
    links = ProgramLinks().extend(question, linker.link(question), linker=linker, encoder=QuestionEncoder.of(e5))
    program = next(lk for lk in links if lk.type == "Program")
    assert program.how == "semantic" and 0.75 <= program.confidence < 0.9
    assert program.mention == "programme de sûreté de l'aviation civile"


@pytest.mark.parametrize(("question", "cue"), [
    ("Who funds the network for police development?", "network"),
    ("¿Quién financia la red de bibliotecas?", "red"),
    ("Quem financia a rede de universidades?", "rede"),
    ("Qui finance le réseau des musées ?", "réseau"),
    ("Which program shares donors with the port security programme?", "programme"),
    ("Quel programme aide le Pérou ?", None),
    ("Which OAS programs help Peru?", None),
])
def test_the_program_word_that_names_a_program(question: str, cue: str | None) -> None:
    span = program_cue(question)
    assert (question[span[0]:span[1]] if span else None) == cue
