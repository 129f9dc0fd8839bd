"""Language detection restricted to the service's four languages."""

from __future__ import annotations

from functools import cache

LANGUAGES = ("en", "es", "pt", "fr")


@cache
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> str:
    """``en``, ``es``, ``pt`` or ``fr``, judged on the first 5,000 characters.

    >>> detect_language("¿Qué programas ayudan a redactar leyes de no proliferación?")
    'es'
    """
    lang, _ = _identifier().classify(text[:5000])
    return str(lang)
