"""Language detection on short questions, where the names in them pull towards another language."""

from __future__ import annotations

import pytest

from ingest.language import detect_language


@pytest.mark.parametrize(("text", "lang"), [
    ("Compare Mexico and Guatemala.", "en"),
    ("What links Colombia, Ecuador and Peru?", "en"),
    ("Compara Canadá y Estados Unidos.", "es"),
    ("¿Qué comparten Honduras y El Salvador?", "es"),
    ("Compare o Brasil e a Argentina.", "pt"),
    ("O que têm em comum Haiti e Jamaica?", "pt"),
    ("Comparez le Mexique et le Guatemala.", "fr"),
    ("Qu'ont en commun Haïti et la Jamaïque ?", "fr"),
])
def test_names_do_not_decide_the_language_of_a_short_question(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_a_long_text_is_judged_whole() -> None:
    text = "La Organización de los Estados Americanos apoya a los Estados Miembros en materia de seguridad. " * 5
    assert detect_language(text) == "es"
