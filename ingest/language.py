"""Language detection restricted to the service's four languages."""

from __future__ import annotations

from functools import cache
from typing import Protocol

LANGUAGES = ("en", "es", "pt", "fr")


class _Identifier(Protocol):
    """What we use of py3langid's ``LanguageIdentifier`` (the package ships no types)."""

    def classify(self, text: str) -> tuple[str, float]: ...


@cache
def _identifier() -> _Identifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    classifier: _Identifier = identifier
    return classifier


def detect_language(text: str) -> str:
    """``en``, ``es``, ``pt`` or ``fr``, judged on the first 5,000 characters.

    >>> detect_language("¿Qué programas ayudan a redactar leyes de no proliferación?")
    'es'
    """
    lang, _ = _identifier().classify(text[:5000])
    return str(lang)
