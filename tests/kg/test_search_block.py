"""Search blocks in SPARQL (:mod:`kg.sparql.search_block`): read on tokens, replaced by VALUES, refused when malformed."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import BadQuery, Forbidden
from kg.sparql.execute import InProcessExecutor
from kg.sparql.run import QueryLimits, run_query
from kg.sparql.search_block import SearchCall, SearchRow, has_search_blocks, rewrite_search_blocks
from kg.store import scratch_store

S = "PREFIX s: <urn:policykg:search#> "
HITS = [SearchRow("http://x/p1", "http://x/d1", 0.75, 1), SearchRow("http://x/p2", "http://x/d1", 0.5, 2),
        SearchRow("http://x/p3", "http://x/d2", 0.25, 3)]


class Recorder:
    """A passage search that records its calls and answers with the first ``k`` of :data:`HITS`."""

    def __init__(self) -> None:
        self.calls: list[SearchCall] = []

    def __call__(self, call: SearchCall) -> list[SearchRow]:
        self.calls.append(call)
        return HITS[:call.k]


@pytest.mark.parametrize("block, call", [
    ('[] s:query "terrorism" ; s:passage ?p', SearchCall("terrorism")),
    ("[] s:query 'x' ; s:k 2 ; s:mode \"dense\" ; s:embedder 'e5' ; s:language \"es\" ; s:passage ?p .",
     SearchCall("x", 2, "dense", "e5", "es")),
    ('_:c <urn:policykg:search#query> """fin\\u00E1ncement"""@fr ; s:k "3"^^<http://www.w3.org/2001/XMLSchema#integer> ;'
     " s:passage ?p ;", SearchCall("fináncement", 3)),
])
def test_a_block_is_read_into_one_call(block: str, call: SearchCall) -> None:
    search = Recorder()
    rewrite_search_blocks(S + "SELECT * { SERVICE <urn:policykg:search> { " + block + " } }", search)
    assert search.calls == [call]


def test_the_block_becomes_values_in_place_and_the_rest_of_the_query_is_kept() -> None:
    query = (S + 'SELECT * { ?p <http://x/q> "{SERVICE <urn:policykg:search> {}}" . # SERVICE <urn:policykg:search>\n'
             'SERVICE SILENT <urn:policykg:search> { [] s:query "x" ; s:k 2 ; s:score ?s ; s:passage ?p ;'
             ' s:document ?d ; s:rank ?r } FILTER(?s > 0) }')
    rewritten = rewrite_search_blocks(query, Recorder())
    assert rewritten.startswith(query[:query.index("SERVICE SILENT")])
    assert rewritten.endswith(" FILTER(?s > 0) }")
    double = "^^<http://www.w3.org/2001/XMLSchema#double>"
    assert ('VALUES (?p ?d ?s ?r) { (<http://x/p1> <http://x/d1> "0.75"' + double + " 1) "
            '(<http://x/p2> <http://x/d1> "0.5"' + double + " 2) }") in rewritten
    assert not has_search_blocks(rewritten)


@pytest.mark.parametrize("block, says", [
    ('[] s:k 3 ; s:passage ?p', "search:query"),
    ('[] s:query "x"', "no output"),
    ('[] s:query ?q ; s:passage ?p', "must be a constant"),
    ('[] s:query "x" ; s:passage "p"', "must be a variable"),
    ('[] s:query "x" ; s:passage ?p ; s:document ?p', "bound by two outputs"),
    ('[] s:query "x" ; s:query "y" ; s:passage ?p', "given twice"),
    ('[] s:query "x" ; s:k 2.5 ; s:passage ?p', "positive integer"),
    ('[] s:query "x" ; s:k 0 ; s:passage ?p', "positive integer"),
    ('[] s:query "x" ; s:colour "red" ; s:passage ?p', "parameter"),
    ('[] x:query "x" ; s:passage ?p', "parameter"),
    ('?call s:query "x" ; s:passage ?p', "subject"),
    ('[] s:query "x" ; s:passage ?p . [] s:query "y" ; s:passage ?q', "parameter"),
    ('[] s:query "x" ; s:passage ?p { }', "parameter"),
])
def test_a_malformed_block_is_a_bad_query(block: str, says: str) -> None:
    with pytest.raises(BadQuery, match=says):
        rewrite_search_blocks(S + "SELECT * { SERVICE <urn:policykg:search> { " + block + " } }", Recorder())


def test_no_search_on_this_path_refuses_a_block_but_passes_other_queries() -> None:
    assert rewrite_search_blocks("SELECT * { ?s ?p ?o }", None) == "SELECT * { ?s ?p ?o }"
    with pytest.raises(BadQuery, match="not available"):
        rewrite_search_blocks(S + 'SELECT * { SERVICE <urn:policykg:search> { [] s:query "x" ; s:rank ?r } }', None)


def test_too_many_blocks_are_refused() -> None:
    block = 'SERVICE <urn:policykg:search> { [] s:query "x" ; s:rank ?r } '
    with pytest.raises(BadQuery, match="at most 4"):
        rewrite_search_blocks(S + "SELECT * { " + block * 5 + "}", Recorder())


@pytest.fixture(scope="module")
def executor() -> InProcessExecutor:
    """Passages p1..p3 with a text each, in one graph."""
    store = scratch_store()
    text = NamedNode("http://x/text")
    store.replace_graphs({"http://x/g": [Quad(NamedNode(f"http://x/p{i}"), text, Literal(f"passage {i}"),
                                              NamedNode("http://x/g")) for i in (1, 2, 3)]})
    return InProcessExecutor(store)


def test_run_query_joins_the_hits_with_the_graph(executor: InProcessExecutor) -> None:
    query = (S + 'SELECT ?t ?r WHERE { SERVICE <urn:policykg:search> { [] s:query "x" ; s:k 2 ; s:passage ?p ;'
             " s:rank ?r } ?p <http://x/text> ?t } ORDER BY ?r")
    answer = run_query(query, executor=executor, limits=QueryLimits(5, max_rows=10), search=Recorder())
    assert answer.count == 2 and b"passage 1" in answer.body and b"passage 3" not in answer.body


def test_the_guard_never_sees_the_reserved_iri_but_still_refuses_other_services(executor: InProcessExecutor) -> None:
    block = 'SERVICE <urn:policykg:search> { [] s:query "x" ; s:passage ?p }'
    search = Recorder()
    with pytest.raises(Forbidden, match="127.0.0.1"):
        run_query(S + "SELECT * { " + block + " SERVICE <http://127.0.0.1:9/> { ?p ?q ?o } }", executor=executor,
                  limits=QueryLimits(5), search=search)
    assert search.calls == [], "a refused query runs no search"
    with pytest.raises(BadQuery, match="not available"):
        run_query(S + "SELECT * { " + block + " }", executor=executor, limits=QueryLimits(5))


def test_the_row_cap_holds_for_a_rewritten_query(executor: InProcessExecutor) -> None:
    query = S + 'SELECT ?p { SERVICE <urn:policykg:search> { [] s:query "x" ; s:k 3 ; s:passage ?p } }'
    with pytest.raises(Exception, match="row cap"):
        run_query(query, executor=executor, limits=QueryLimits(5, max_rows=2), search=Recorder())
