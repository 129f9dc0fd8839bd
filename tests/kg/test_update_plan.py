"""What an update may write, as a table; and the store's union kept exact by ``OxigraphStore.update``."""

from __future__ import annotations

import socket

import pytest
from pyoxigraph import NamedNode, Quad, Store

from kg.errors import BadQuery, Forbidden
from kg.sparql.operations import read_operations
from kg.sparql.update import check_syntax, plan_update, with_protocol_dataset
from kg.store.oxigraph import OxigraphStore

EX = "http://example.org/"
REF = "https://policykg.org/graph/reference/states"


def writable(graph: str) -> bool:
    return not graph.startswith("https://policykg.org/graph/")


@pytest.mark.parametrize("update, touched", [
    (f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} }}", (f"{EX}g",)),
    (f"DELETE DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} }}", (f"{EX}g",)),
    (f"WITH <{EX}g> DELETE {{ ?s ?p ?o }} INSERT {{ ?s ?p 2 }} WHERE {{ ?s ?p ?o }}", (f"{EX}g",)),
    (f"INSERT {{ GRAPH <{EX}h> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <https://policykg.org/graph/reference/states> {{ ?s ?p ?o }} }}",
     (f"{EX}h",)),
    (f"DELETE WHERE {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }}", (f"{EX}g",)),
    (f"COPY <{EX}a> TO <{EX}b> ; ADD DEFAULT TO <{EX}c>", (f"{EX}b", f"{EX}c")),
    (f"MOVE <{EX}a> TO <{EX}b>", (f"{EX}a", f"{EX}b")),
    (f"CLEAR SILENT GRAPH <{EX}g> ; CREATE GRAPH <{EX}n> ; DROP GRAPH <{EX}n>", (f"{EX}g", f"{EX}n")),
    ("BASE <http://example.org/> INSERT DATA { GRAPH <rel> { <a> <p> 1 } }", (f"{EX}rel",)),
    (f"INSERT DATA {{ GRAPH <{EX}\\u0067> {{ <{EX}a> <{EX}p> 1 }} }}", (f"{EX}g",)),  # escapes read as the engine does
    # prefixed names, through the declarations seen so far (a later one wins), escapes removed
    (f"PREFIX ex: <{EX}> INSERT DATA {{ GRAPH ex:g {{ ex:a ex:p 1 }} }}", (f"{EX}g",)),
    (f"PREFIX ex: <http://other/> PREFIX ex: <{EX}> CLEAR GRAPH ex:g ; DROP SILENT GRAPH ex:a\\.b", (f"{EX}a.b", f"{EX}g")),
    (f"PREFIX : <{EX}> INSERT DATA {{ GRAPH : {{ :a :p 1 }} }}", (EX,)),
    # keywords in any case, glued to punctuation; structure inside strings and comments is not structure
    (f"insert data {{ graph <{EX}g>{{<{EX}a> <{EX}p> 1}}}}", (f"{EX}g",)),
    (f'INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> "}} ; GRAPH <{REF}> {{ ", \'\'\'}}\'\'\' }} }} # }} CLEAR ALL',
     (f"{EX}g",)),
    # blank nodes, collections and RDF 1.2 annotations inside a GRAPH block stay in it
    (f"INSERT DATA {{ GRAPH <{EX}g> {{ [ <{EX}p> ( 1 [] ) ] <{EX}q> _:b . _:b <{EX}p> 2 }} }}", (f"{EX}g",)),
    # WITH names what loose triples write; only GRAPH blocks in the templates are written; WHERE only reads
    (f"WITH <{EX}g> DELETE {{ ?s ?p ?o }} INSERT {{ GRAPH <{EX}h> {{ ?s ?p ?o }} }} USING <{EX}d> WHERE {{ ?s ?p ?o }}",
     (f"{EX}g", f"{EX}h")),
    (f"WITH <{REF}> INSERT {{ GRAPH <{EX}h> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}", (f"{EX}h",)),
    (f"DELETE {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{REF}> {{ ?s ?p ?o }} OPTIONAL {{ GRAPH ?x {{ ?s ?p 1 }} }} }}",
     (f"{EX}g",)),
    # hash IRIs in expressions after an operator, in VALUES rows and in triple terms are read as IRIs
    (f"INSERT {{ GRAPH <{EX}g> {{ ?a ?b 1 }} }} WHERE {{ VALUES (?a ?b) {{ (<http://a#1> <http://a#2>) }} "
     "FILTER(?b != <http://a#3> && datatype(?b) = <http://www.w3.org/2001/XMLSchema#string>) "
     "BIND(<<( <http://a#s> <http://a#p> <http://a#o> )>> AS ?t) }", (f"{EX}g",)),
    (f"ADD SILENT GRAPH <{EX}a> TO GRAPH <{EX}b> ; CLEAR GRAPH <{EX}c> ;", (f"{EX}b", f"{EX}c")),
    (f"INSERT DATA {{ GRAPH <{REF}> {{ }} }}", ()),  # an empty block writes nothing
    ("# nothing but a comment", ()),
    (f"PREFIX ex: <{EX}>", ()),
])
def test_allowed(update: str, touched: tuple[str, ...]) -> None:
    assert plan_update(update, writable=writable).touched == touched


@pytest.mark.parametrize("update", [
    f"INSERT DATA {{ <{EX}a> <{EX}p> 1 }}",
    f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }}",
    "CLEAR ALL", "DROP NAMED", "CLEAR DEFAULT", f"MOVE DEFAULT TO <{EX}g>", f"COPY <{EX}g> TO DEFAULT",
    f"INSERT {{ GRAPH ?g {{ <{EX}a> <{EX}p> 1 }} }} WHERE {{ GRAPH ?g {{ }} }}",
    "DROP GRAPH <https://policykg.org/graph/document/abc>",
    f"LOAD <{EX}data.ttl> INTO GRAPH <{EX}g>",
    f"INSERT {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{EX}sparql> {{ ?s ?p ?o }} }}",
    "DROP DEFAULT", "DROP ALL", "CLEAR NAMED", f"LOAD <{EX}data.ttl>", f"CLEAR GRAPH <{EX}g> ; CLEAR SILENT DEFAULT",
    "DELETE WHERE { ?s ?p ?o }", f"INSERT {{ GRAPH $g {{ ?s ?p ?o }} }} WHERE {{ GRAPH $g {{ ?s ?p ?o }} }}",
    f"WITH <{REF}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
    f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> 1 }} <{EX}a> <{EX}p> 1 }}",
    f'INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}p> "}}" }} . [] <{EX}p> 1 }}',
    "PREFIX doc: <https://policykg.org/graph/document/> CLEAR GRAPH doc:abc",
    "PREFIX pk: <https://policykg.org/graph/> CLEAR GRAPH pk:document\\/abc",
    "BASE <https://policykg.org/graph/document/> DROP GRAPH <abc>",
    f"MOVE <{REF}> TO <{EX}g>",  # MOVE empties its source
])
def test_refused(update: str) -> None:
    with pytest.raises(Forbidden):
        plan_update(update, writable=writable)


@pytest.mark.parametrize("update, base, touched", [
    ("CLEAR GRAPH <g>", f"{EX}update", (f"{EX}g",)),
    ("BASE <sub/> CLEAR GRAPH <../g> ; CLEAR GRAPH <h>", f"{EX}a/update", (f"{EX}a/g", f"{EX}a/sub/h")),
    ("PREFIX p: <rel/> CLEAR GRAPH p:x", EX, (f"{EX}rel/x",)),
    (f"CLEAR GRAPH <{EX}a/../b>", f"{EX}update", (f"{EX}a/../b",)),  # an absolute IRI is kept as written
    ("CLEAR GRAPH <z>", "urn:x:y", ("urn:z",)),  # any scheme (urllib's urljoin would leave it relative)
])
def test_relative_graph_names(update: str, base: str, touched: tuple[str, ...]) -> None:
    assert plan_update(update, writable=writable, base_iri=base).touched == touched


def test_load_from_the_allow_list() -> None:
    plan = plan_update(f"LOAD <{EX}data.ttl> INTO GRAPH <{EX}g>", writable=writable, allowlist=[EX])
    assert plan.touched == (f"{EX}g",)
    with pytest.raises(Forbidden, match="default graph"):
        plan_update(f"LOAD SILENT <{EX}data.ttl>", writable=writable, allowlist=[EX])


@pytest.mark.parametrize("update, words", [
    ("CLEAR XYZ", "syntax error"),
    ("CLEAR GRAPH ex:g", "syntax error"),  # undeclared prefix
    ("CLEAR GRAPH <g>", "syntax error"),  # no base to resolve against
    ("PREFIX ex: <http://x/> BASE <http://y/", "BASE <iri>"),
    ("INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/b> } }", "syntax error"),
    (f"CLEAR GRAPH <{EX}g> ; PREFIX ex: <{EX}> CLEAR GRAPH ex:h", "syntax error"),  # pyoxigraph: no prologue after ';'
    # pyoxigraph accepts these, but the tokens cannot say for certain what they write: refused
    (f"INSERT DATA {{ GRAPH <{EX}\\u0067> {{ <{EX}a> <{EX}p> ~ 1 }} }}", "not part of SPARQL 1.1"),
    (f"INSERT {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o FILTER(?o<#> }} }}\n 2) }}", "operator '<'"),
    (f"INSERT {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p (<{EX}a#1> <{EX}a#2>) }}", "operator '<'"),
])
def test_unreadable_updates_are_bad_queries(update: str, words: str) -> None:
    with pytest.raises(BadQuery, match=words) as e:
        plan_update(update, writable=writable)
    assert isinstance(e.value.extensions["line"], int) and isinstance(e.value.extensions["column"], int)


@pytest.mark.parametrize("update", [
    "INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/b> } }",
    "PREFIX ex: <http://x/>\n  # a comment\nINSERT DATA { GRAPH ex:g { ex:a ex:b } }",
    "PREFIX ex: <http://x/> CLEAR GRAPH ex:g ; DROP XYZ",
    "BASE <http://x/> INSERT DATA { GRAPH <g> { <a> <b> 1 } } ; CLEAR",
    "PREFIX ex: <http://x/> BASE <http://y/> CLEAR GRAPH ex:g ; ; CLEAR ALL",
    "PREFIX ex: <http://x/> ex:g",
])
def test_syntax_errors_carry_pyoxigraphs_position(update: str) -> None:
    """The parse-only check inserts an operation; the position reported is still the one in the client's text."""
    with pytest.raises(SyntaxError) as direct:
        Store().update(update)
    expected = str(direct.value).removeprefix("error at ").split(":")[:2]
    with pytest.raises(BadQuery) as e:
        check_syntax(update)
    assert [str(e.value.extensions["line"]), str(e.value.extensions["column"])] == expected


def test_planning_evaluates_nothing_and_connects_nowhere() -> None:
    """Even an allow-listed LOAD is only parsed: the planner's syntax check runs no operation."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        plan = plan_update(f"LOAD <{url}data.ttl> INTO GRAPH <{EX}g>", writable=writable, allowlist=[url])
        assert plan.touched == (f"{EX}g",)
        with pytest.raises(TimeoutError):
            listener.accept()


@pytest.mark.parametrize("update, operations", [
    (f"CLEAR GRAPH <{EX}g> ; PREFIX ex: <{EX}> BASE <{EX}b/> MOVE ex:h TO <i>",
     [("CLEAR", [("iri", f"{EX}g")]), ("MOVE", [("iri", f"{EX}b/i"), ("iri", f"{EX}h")])]),
    ("LOAD <http://x/d> ; COPY DEFAULT TO GRAPH <http://x/g> ; DROP NAMED ; CLEAR ALL",
     [("LOAD", [("default", "DEFAULT")]), ("COPY", [("iri", "http://x/g")]), ("DROP", [("named", "NAMED")]),
      ("CLEAR", [("all", "ALL")])]),
    ("INSERT { GRAPH ?g { ?s ?p 1 } ?s ?p 2 } WHERE { GRAPH ?g { ?s ?p ?o } }",
     [("MODIFY", [("variable", "?g"), ("default", "DEFAULT")])]),
])
def test_read_operations(update: str, operations: list[tuple[str, list[tuple[str, str]]]]) -> None:
    assert [(o.keyword, [(w.kind, w.name) for w in o.writes]) for o in read_operations(update)] == operations


def test_protocol_dataset_goes_before_each_where() -> None:
    out = with_protocol_dataset(f"INSERT {{ GRAPH <{EX}g> {{ ?s a 1 }} }} WHERE {{ ?s ?p ?o }} ; "
                                f"DELETE WHERE {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }}", using=[f"{EX}d"], using_named=[])
    assert out.count(f"USING <{EX}d>") == 1 and out.index("USING") < out.index("WHERE")
    with pytest.raises(BadQuery):
        with_protocol_dataset(f"WITH <{EX}g> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}", using=[f"{EX}d"], using_named=[])


def test_store_update_keeps_the_union_in_one_transaction() -> None:
    store = OxigraphStore(None)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    store.update(f'INSERT DATA {{ GRAPH <{EX}g1> {{ <{EX}s> <{EX}p> "a", "b" }} GRAPH <{EX}g2> {{ <{EX}s> <{EX}p> "a" }} }}',
                 touched=[f"{EX}g1", f"{EX}g2"])
    assert store.select(count)[0][0].value == "2"
    store.update(f"DROP GRAPH <{EX}g1>", touched=[f"{EX}g1"])
    assert [r[0].value for r in store.select(f"SELECT ?o WHERE {{ <{EX}s> <{EX}p> ?o }}")] == ["a"]
    version = store.version
    with pytest.raises(BadQuery):  # the second operation fails: the first is rolled back too
        store.update(f"DROP GRAPH <{EX}g2> ; DROP GRAPH <{EX}missing>", touched=[f"{EX}g2", f"{EX}missing"])
    assert store.select(count)[0][0].value == "1" and store.version == version


def test_add_to_graph_makes_fresh_blank_nodes() -> None:
    from pyoxigraph import BlankNode, Literal

    store = OxigraphStore(None)
    for _ in range(2):
        store.add_to_graph(f"{EX}g", [Quad(BlankNode("b"), NamedNode(f"{EX}p"), Literal("x"))])
    assert len(store.graph_quads(f"{EX}g")) == 2 and store.default_graph_size() == 2
