"""The token cache and the search-block pre-check change no decision taken on a query's tokens."""

from __future__ import annotations

import pytest

from kg.errors import Forbidden
from kg.sparql.guard import check_query, query_form
from kg.sparql.lexer import _CACHED_CHARS, _scan, tokens
from kg.sparql.search_block import has_search_blocks, rewrite_search_blocks

SHORT = 'PREFIX ex: <http://x/> SELECT ?s WHERE { ?s ex:p "SERVICE <urn:policykg:search>" } # service'
LONG = "SELECT * WHERE { " + " ".join(f"?s{i} <http://x/p> ?o{i} ." for i in range(_CACHED_CHARS // 20)) + " }"


@pytest.mark.parametrize("query", [SHORT, LONG], ids=["cached", "past the cache size"])
def test_tokens_are_those_of_a_fresh_scan_every_time(query: str) -> None:
    assert len(LONG) > _CACHED_CHARS
    for keep_trivia in (False, True):
        fresh = list(_scan(query, keep_trivia))
        assert list(tokens(query, keep_trivia=keep_trivia)) == fresh
        assert list(tokens(query, keep_trivia=keep_trivia)) == fresh  # the second reader gets the same


def test_a_refused_query_is_refused_each_time_it_comes() -> None:
    query = "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    for _ in range(3):
        with pytest.raises(Forbidden):
            check_query(query)


def test_search_blocks_are_found_whatever_the_keyword_case_and_only_as_keywords() -> None:
    block = 'sErViCe SILENT <urn:policykg:search> { [] <urn:policykg:search#query> "x" ; <urn:policykg:search#passage> ?p }'
    assert has_search_blocks(f"SELECT ?p {{ {block} }}")
    assert not has_search_blocks(SHORT)  # the word in a string and a comment only
    assert not has_search_blocks("SELECT * { ?s ?p ?o }")
    assert rewrite_search_blocks("SELECT * { ?s ?p ?o }", None) == "SELECT * { ?s ?p ?o }"
    assert query_form(SHORT) == "select"
