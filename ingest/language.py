"""Language detection restricted to the service's four languages."""

from __future__ import annotations

import re
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


#: below this length a text is a question or a title, where names weigh as much as the words around them
SHORT = 300
_WORD = re.compile(r"\w+")


def without_names(text: str) -> str:
    """The words of ``text`` but capitalised ones after the first: names (Mexico, Guatemala) read as
    Spanish in an English question; the words around them say the language.

    >>> without_names("Compare Mexico and Guatemala on port security.")
    'Compare and on port security'
    """
    words = [m.group() for m in _WORD.finditer(text)]
    return " ".join(w for i, w in enumerate(words) if i == 0 or not w[0].isupper())


def detect_language(text: str) -> str:
    """``en``, ``es``, ``pt`` or ``fr``, judged on the first 5,000 characters; a short text on its
    words other than names when at least three are left.

    >>> detect_language("¿Qué programas ayudan a redactar leyes de no proliferación?")
    'es'
    >>> detect_language("Compare Mexico and Guatemala.")
    'en'
    """
    sample = text[:5000]
    if len(sample) <= SHORT:
        words = without_names(sample)
        if len(words.split()) >= 2:
            sample = words
    lang, _ = _identifier().classify(sample)
    return str(lang)
