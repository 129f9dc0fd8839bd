"""The reader's language and the translation of UI strings.

Pages speak English, Spanish, Portuguese and French. The language is the ``?lang=``
parameter when it names one of them, else the best of ``Accept-Language``, else English.
Strings live in catalogs (``key → {lang: text}``); a page passes its own catalog next to
the shared one, so adding a page never edits another page's strings.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("en", "es", "pt", "fr")
DEFAULT = "en"
#: the language's own name, shown in the switch
NATIVE_NAMES = {"en": "English", "es": "Español", "pt": "Português", "fr": "Français"}

Catalog = Mapping[str, Mapping[str, str]]


def from_accept_language(header: str | None) -> str | None:
    """The supported language the ``Accept-Language`` header likes best, or ``None``.

    >>> from_accept_language("pt-BR,pt;q=0.9,en;q=0.8"), from_accept_language("de, fr;q=0.5")
    ('pt', 'fr')
    >>> from_accept_language("de") is None, from_accept_language("es;q=0, en;q=0.1")
    (True, 'en')
    """
    best: tuple[float, int, str] | None = None
    for position, item in enumerate((header or "").split(",")):
        tag, _, params = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if primary not in LANGUAGES or quality <= 0:
            continue
        key = (quality, -position, primary)
        if best is None or key > best:
            best = key
    return best[2] if best else None


def choose_language(query_lang: str | None, accept_language: str | None) -> str:
    """``?lang=`` when supported, else ``Accept-Language``, else English.

    >>> choose_language("es", "fr"), choose_language("xx", "fr-CA"), choose_language(None, None)
    ('es', 'fr', 'en')
    """
    if query_lang in LANGUAGES:
        return query_lang
    return from_accept_language(accept_language) or DEFAULT


class Translator:
    """Looks ``key`` up in the page's catalogs, in order; a missing key is a bug and raises ``KeyError``.

    >>> t = Translator("es", [{"hi": {"en": "Hello {name}", "es": "Hola {name}"}}])
    >>> t("hi", name="Ana")
    'Hola Ana'
    """

    def __init__(self, lang: str, catalogs: list[Catalog]) -> None:
        self.lang = lang
        self.catalogs = catalogs

    def entry(self, key: str) -> Mapping[str, str]:
        for catalog in self.catalogs:
            if key in catalog:
                return catalog[key]
        raise KeyError(f"no UI string {key!r} in the page's catalogs")

    def __call__(self, key: str, **values: object) -> str:
        entry = self.entry(key)
        text = entry.get(self.lang) or entry[DEFAULT]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return any(key in catalog for catalog in self.catalogs)


def missing_translations(catalog: Catalog) -> list[str]:
    """``key/lang`` for every string a catalog lacks (empty: complete).

    >>> missing_translations({"a": {"en": "A", "es": "A", "pt": "A"}})
    ['a/fr']
    """
    return [f"{key}/{lang}" for key, entry in catalog.items() for lang in LANGUAGES if not entry.get(lang)]


def catalogs() -> dict[str, Catalog]:
    """Every catalog of the web layer by module name, for the completeness test (add a new page's here)."""
    from api.web import entity_messages, messages

    return {"messages": messages.MESSAGES, "entity_messages": entity_messages.MESSAGES}
