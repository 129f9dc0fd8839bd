"""Accept-header negotiation as a table."""

from __future__ import annotations

import pytest

from api.negotiation import negotiate
from kg.errors import NotAcceptable

OFFERS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"]


@pytest.mark.parametrize("accept, expected", [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv", "text/csv"),
    ("text/*", "text/csv"),
    ("application/sparql-results+xml;q=0.9, text/csv;q=0.5", "application/sparql-results+xml"),
    ("text/csv;q=0.2, application/sparql-results+json;q=0.8", "application/sparql-results+json"),
    ("text/html, */*;q=0.1", "application/sparql-results+json"),
])
def test_negotiate(accept: str | None, expected: str) -> None:
    assert negotiate(accept, OFFERS) == expected


@pytest.mark.parametrize("accept", ["image/png", "text/csv;q=0", "text/html"])
def test_not_acceptable(accept: str) -> None:
    with pytest.raises(NotAcceptable):
        negotiate(accept, OFFERS)
