"""Every UI string exists in the four languages, and the language is chosen as documented."""

from __future__ import annotations

import pytest

from api.web.i18n import catalogs, choose_language, missing_translations


@pytest.mark.parametrize("name", sorted(catalogs()))
def test_every_string_is_in_four_languages(name: str) -> None:
    assert missing_translations(catalogs()[name]) == []


@pytest.mark.parametrize("query, header, expected", [
    ("es", "fr-FR,fr;q=0.9", "es"),
    (None, "fr-FR,fr;q=0.9", "fr"),
    ("de", "pt-BR", "pt"),
    (None, "de-DE, ja", "en"),
    (None, "en;q=0.2, es;q=0.8", "es"),
])
def test_language_from_query_then_accept_language(query: str | None, header: str, expected: str) -> None:
    assert choose_language(query, header) == expected
