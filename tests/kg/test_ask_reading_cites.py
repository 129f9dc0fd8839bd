"""Which way a citing question points, and the cue words read by their inflections, in four languages.

"Which resolutions cite X" asks for the citing ones; "which resolutions does X cite" for the cited. In
Spanish, Portuguese and French the named instrument may follow the verb either way, and only the verb's
number says whether it is the subject; a passive without agent ("is cited", "é citada") names the cited one.
"""

from __future__ import annotations

import pytest

from kg.ask.reading import read_question
from kg.constraints import Constraints
from kg.linking.linker import Link


def _read(question: str, mention: str, language: str, kind: str = "Resolution"):  # type: ignore[no-untyped-def]
    start = question.index(mention)
    link = Link(mention, start, start + len(mention), "https://policykg.org/id/x", mention, kind, 1.0, "label")
    return read_question(question, language=language, links=[link], constraints=Constraints())


@pytest.mark.parametrize(("question", "mention", "language", "cited_by"), [
    # the named instrument cites the answers
    ("Which resolutions does resolution 1373 (2001) cite?", "resolution 1373 (2001)", "en", True),
    ("¿Qué resoluciones cita la resolución 1373 (2001)?", "resolución 1373 (2001)", "es", True),
    ("¿Qué convenciones mencionó la resolución 1540 (2004)?", "resolución 1540 (2004)", "es", True),
    ("Quais resoluções cita a resolução 1373 (2001)?", "resolução 1373 (2001)", "pt", True),
    ("Quelles résolutions mentionne la résolution 1373 (2001) ?", "résolution 1373 (2001)", "fr", True),
    ("Quelles résolutions a citées la résolution 1373 (2001) ?", "résolution 1373 (2001)", "fr", True),
    ("Quelles résolutions sont citées par la résolution 1373 (2001) ?", "résolution 1373 (2001)", "fr", True),
    # the answers cite the named instrument
    ("Which resolutions cite resolution 1373 (2001)?", "resolution 1373 (2001)", "en", False),
    ("In which resolutions is resolution 1373 (2001) mentioned?", "resolution 1373 (2001)", "en", False),
    ("¿Qué resoluciones citan la resolución 1373 (2001)?", "resolución 1373 (2001)", "es", False),
    ("¿Qué resoluciones han citado la resolución 1373 (2001)?", "resolución 1373 (2001)", "es", False),
    ("¿En qué resoluciones se menciona la resolución 1373 (2001)?", "resolución 1373 (2001)", "es", False),
    ("Quais resoluções citaram a resolução 1373 (2001)?", "resolução 1373 (2001)", "pt", False),
    ("Em quais resoluções a resolução 1373 (2001) foi citada?", "resolução 1373 (2001)", "pt", False),
    ("Quais resoluções fazem referência à resolução 1373 (2001)?", "resolução 1373 (2001)", "pt", False),
    ("Quelles résolutions citent la résolution 1373 (2001) ?", "résolution 1373 (2001)", "fr", False),
    ("Quelles résolutions ont cité la résolution 1373 (2001) ?", "résolution 1373 (2001)", "fr", False),
    ("Dans quelles résolutions la résolution 1373 (2001) est-elle mentionnée ?", "résolution 1373 (2001)", "fr", False),
    # a singular kind-word: the verb agrees with either, so the answers cite the named one
    ("¿Qué resolución cita la resolución 1373 (2001)?", "resolución 1373 (2001)", "es", False),
])
def test_which_way_a_citing_question_points(question: str, mention: str, language: str, cited_by: bool) -> None:
    reading = _read(question, mention, language)
    assert "cites" in reading.relations
    assert reading.cited_by is cited_by


@pytest.mark.parametrize(("question", "mention"), [("Which programs protect citizens of Haiti?", "Haiti"),
                                                    ("Quels programmes protègent les citoyens d'Haïti ?", "Haïti"),
                                                    ("Which programs serve the cities of Peru?", "Peru")])
def test_citizens_and_cities_do_not_cite(question: str, mention: str) -> None:
    assert "cites" not in _read(question, mention, "en", "State").relations


@pytest.mark.parametrize(("question", "mention", "language"), [
    ("Who paid for the PACAM?", "PACAM", "en"),
    ("¿Quién pagó el PACAM?", "PACAM", "es"),
    ("Quem patrocinou o PACAM?", "PACAM", "pt"),
    ("Qui a payé le PACAM ?", "PACAM", "fr"),
])
def test_paying_names_the_donors(question: str, mention: str, language: str) -> None:
    assert "donor" in _read(question, mention, language, "Program").relations


@pytest.mark.parametrize("question", ["How do Peru and Chile differ?", "¿En qué difieren Perú y Chile?",
                                      "Em que diferem o Peru e o Chile?", "En quoi le Pérou et le Chili diffèrent-ils ?"])
def test_differing_is_a_comparison(question: str) -> None:
    assert "compare" in read_question(question, language="xx", links=[], constraints=Constraints()).relations
