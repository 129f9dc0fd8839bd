"""Relative IRIs resolve to the graph names pyoxigraph itself writes (RFC 3986 section 5.4 and other schemes)."""

from __future__ import annotations

import itertools

import pytest
from pyoxigraph import NamedNode, Store

from kg.sparql.iri_resolution import resolve_iri

RFC_BASE = "http://a/b/c/d;p?q"
#: RFC 3986 5.4.1 (normal) and 5.4.2 (abnormal) examples.
RFC = ["g:h", "g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "g?y#s", ";x", "g;x", "g;x?y#s", "", ".",
       "./", "..", "../", "../g", "../..", "../../", "../../g", "../../../g", "../../../../g", "/./g", "/../g", "g.",
       ".g", "g..", "..g", "./../g", "./g/.", "g/./h", "g/../h", "g;x=1/./y", "g;x=1/../y", "g?y/./x", "g?y/../x",
       "g#s/./x", "g#s/../x", "http:g"]
OTHER = [("z", "urn:x:y"), ("z", "urn:x/y"), ("g", "http://h"), ("?q", "http://h/p?o#f"), ("", "http://h/p?q#f"),
         ("../x", "file:///a/b"), ("c/d", "tag:example.org,2024:a/b"), ("http://ex/a/../b", "http://h/"),
         ("//other/./x/../y", "http://h/p"), ("é/ü", "http://h/ä/ö")]


GRID_BASES = ["http://h", "http://h/a/b", "urn:a/b/c", "urn:x", "file:///", "http://u@h:8/a/./b?q#f", "http://h/a/..",
              "mailto:x@y", "http:/a/b"]
GRID_PARTS = ["", ".", "..", "g", "g/", "./", "../", "/", "//h2", "?q", "#f", "%2e", "a:b", "/.", "/..", "g/.."]


def engine_resolves(reference: str, base: str) -> str | None:
    """The graph pyoxigraph writes for ``GRAPH <reference>`` under ``base``; None if it refuses the IRI."""
    store = Store()
    try:
        store.update(f"INSERT DATA {{ GRAPH <{reference}> {{ <urn:s> <urn:p> <urn:o> }} }}", base_iri=base)
    except SyntaxError:
        return None
    (graph,) = list(store.named_graphs())
    assert isinstance(graph, NamedNode)
    return graph.value


@pytest.mark.parametrize("reference, base", [(r, RFC_BASE) for r in RFC] + OTHER)
def test_resolution_matches_the_engine(reference: str, base: str) -> None:
    assert resolve_iri(reference, base) == engine_resolves(reference, base)


def test_resolution_matches_the_engine_on_a_grid() -> None:
    """Every reference made of up to two of GRID_PARTS, against every GRID_BASES (where the engine accepts it)."""
    differ = []
    for base in GRID_BASES:
        for parts in itertools.chain.from_iterable(itertools.product(GRID_PARTS, repeat=k) for k in (1, 2)):
            reference = "".join(parts)
            engine = engine_resolves(reference, base)
            if engine is not None and resolve_iri(reference, base) != engine:
                differ.append((reference, base, engine))
    assert differ == []


def test_a_relative_base_is_refused() -> None:
    with pytest.raises(ValueError):
        resolve_iri("g", "a/b")
