"""The query gate as tables: SERVICE targets and the allow-list, the result form."""

from __future__ import annotations

import pytest

from kg.errors import Forbidden
from kg.sparql.guard import check_query, query_form, service_targets


@pytest.mark.parametrize("query, targets", [
    ("SELECT * { SERVICE <http://a/> { ?s ?p ?o } }", ["http://a/"]),
    ("select * { service silent <http://a/> { } }", ["http://a/"]),
    ("SELECT * { SERVICE ?e { } }", [None]),
    ("PREFIX x: <http://a/> SELECT * { SERVICE x:s { } }", [None]),
    ('SELECT * { ?s ?p "SERVICE <http://a/>" } # SERVICE <http://b/>', []),
    ("SELECT ?service WHERE { ?service a <http://x/SERVICE> }", []),
    ("SELECT * { SERVICE <http://a/> { SERVICE <http://b/> { } } }", ["http://a/", "http://b/"]),
])
def test_service_targets(query: str, targets: list[str | None]) -> None:
    assert service_targets(query) == targets


def test_the_allow_list_opens_exactly_its_prefixes() -> None:
    query = "SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }"
    with pytest.raises(Forbidden):
        check_query(query)
    check_query(query, allowlist=["https://query.wikidata.org/"])
    with pytest.raises(Forbidden):
        check_query(query, allowlist=["https://query.wikidata.org.evil/"])
    with pytest.raises(Forbidden):
        check_query("SELECT * { SERVICE ?e { } }", allowlist=["https://query.wikidata.org/"])


@pytest.mark.parametrize("query, form", [
    ("SELECT * {}", "select"), ("ask {}", "ask"), ("CONSTRUCT WHERE { ?s ?p ?o }", "graph"),
    ("DESCRIBE <http://a/>", "graph"), ("PREFIX select: <http://a/> ASK { ?s select:p ?o }", "ask"),
    ("BASE <http://a/> # SELECT\nCONSTRUCT { ?s ?p ?o } WHERE { { SELECT * { ?s ?p ?o } } }", "graph"),
    ("INSERT DATA { }", None),
])
def test_query_form(query: str, form: str | None) -> None:
    assert query_form(query) == form
