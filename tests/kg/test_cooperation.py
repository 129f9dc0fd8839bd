"""Cooperation on the program sheets: profiles, comparable states and suggestions, every explanation found in the store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pyoxigraph import NamedNode

from kg.cooperation import cooperation
from kg.cooperation_graph import GRAPH
from kg.cooperation_peers import similar_states
from kg.errors import BadInput, NotFound
from kg.network import Network, load_network
from kg.profiles import Fact, state_profile
from kg.store.base import GraphStore
from kg.workspace import Workspace
from ontology.namespaces import PROV, RDF

STATES = ["PRY", "HND", "GTM"]


@pytest.fixture(scope="module")
def ws(programs_settings) -> Iterator[Workspace]:  # type: ignore[no-untyped-def]
    workspace = Workspace(programs_settings, read_only=True)
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def net(ws: Workspace) -> Network:
    return load_network(ws.store, ws.iris)


def _ask(store: GraphStore, pattern: str, **terms: str) -> bool:
    rows = store.select("SELECT ?x WHERE { " + pattern + " } LIMIT 1".replace("?x", "(1 AS ?x)"),
                        **{k: NamedNode(v) for k, v in terms.items()})
    return bool(rows)


def assert_fact_in_store(ws: Workspace, fact: Fact) -> None:
    """The triple is in the store, and each passage is a stored passage the triple was read from."""
    assert _ask(ws.store, "?s ?p ?o", s=fact.s, p=fact.p, o=fact.o), fact
    assert fact.passages, f"no passage for {fact}"
    for passage in fact.passages:
        assert _ask(ws.store, f"?x a <{ws.iris.vocab('Passage')}>", x=passage), passage
        if fact.p == ws.iris.vocab("mentions"):
            assert passage == fact.s  # a passage that names a state is its own evidence
        else:  # a qualified statement ties the triple to the passage (derived links: to their programs' passages)
            assert _ask(ws.store, f"?st <{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o ; "
                                  f"<{PROV}wasDerivedFrom> ?passage", s=fact.s, p=fact.p, o=fact.o,
                        passage=passage), (fact, passage)


@pytest.mark.parametrize("iso3", STATES)
def test_profiles_show_programs_with_roles_and_instruments_with_provenance(ws: Workspace, net: Network,
                                                                           iso3: str) -> None:
    profile = state_profile(net, iso3.lower())
    assert profile.iso3 == iso3 and profile.counts["programs"] == len(profile.programs) > 0
    assert profile.instruments and profile.themes and profile.partners and profile.documents
    assert all(set(p.relations) <= {"beneficiary", "donor", "host", "partner", "executing"} for p in profile.programs)
    for item in (*profile.programs, *profile.instruments, *profile.partners, *profile.themes):
        assert item.evidence
        for fact in item.evidence:
            assert_fact_in_store(ws, fact)


def test_profile_labels_follow_the_language(net: Network) -> None:
    assert state_profile(net, "PRY", lang="pt").label == "Paraguai"
    assert state_profile(net, "USA", lang="es").label == "Estados Unidos de América"
    with pytest.raises(NotFound):
        state_profile(net, "XXX")


def test_donors_are_partners_with_the_donor_role(net: Network) -> None:
    profile = state_profile(net, "PRY")
    donors = {p.iri.rsplit("/", 1)[-1] for p in profile.partners if "donor" in p.relations}
    assert "USA" in donors


@pytest.mark.parametrize("iso3", STATES)
def test_comparable_states_share_what_they_say(net: Network, iso3: str) -> None:
    peers = similar_states(net, iso3, k=5)
    assert 0 < len(peers.results) <= 5
    scores = [p.score for p in peers.results]
    assert scores == sorted(scores, reverse=True)
    mine = state_profile(net, iso3)
    mine_iris = {i.iri for items in (mine.programs, mine.partners, mine.instruments, mine.themes) for i in items}
    for peer in peers.results:
        assert peer.iso3 != iso3 and peer.shared
        theirs = state_profile(net, peer.iso3)
        their_iris = {i.iri for items in (theirs.programs, theirs.partners, theirs.instruments, theirs.themes)
                      for i in items}
        assert {s.iri for s in peer.shared} <= mine_iris & their_iris
    with pytest.raises(BadInput):
        similar_states(net, iso3, k=0)


@pytest.mark.parametrize("iso3", STATES)
def test_every_explanation_path_is_in_the_store(ws: Workspace, net: Network, iso3: str) -> None:
    found = cooperation(net, state=iso3, k=10)
    assert found.results
    for s in found.results:
        assert s.helped == ws.iris.state(iso3) and s.helper != s.helped and s.score > 0
        kinds = {p.kind for p in s.paths}
        assert {"capability", "need"} <= kinds
        for path in s.paths:
            for fact in path.facts:
                assert_fact_in_store(ws, fact)
                if fact.p == ws.iris.vocab("cooperatesWith"):  # derived: lives in the cooperation graph
                    assert list(ws.store.quads(NamedNode(fact.s), NamedNode(fact.p), NamedNode(fact.o),
                                               graph=ws.iris.suggestions_graph(GRAPH)))
            if path.kind == "capability":
                assert path.facts[0].o == s.helper and path.facts[-1].o == s.theme
            if path.kind == "need" and path.route != "peer gap":
                assert path.facts[0].o == s.helped and path.facts[-1].o == s.theme


def test_each_suggestion_sparql_finds_its_capability_and_need(ws: Workspace, net: Network) -> None:
    for s in cooperation(net, state="PRY", k=10).results:
        rows = ws.store.select(s.sparql)
        kinds = {str(r[0].value) for r in rows}  # type: ignore[union-attr]
        assert {"capability", "need"} <= kinds, s.text
        vias = {r[2].value for r in rows if r[2] is not None}  # type: ignore[union-attr]
        assert {p.via for p in s.paths if p.kind == "capability"} <= vias


def test_a_shared_program_is_a_link_not_a_capability(net: Network) -> None:
    for s in cooperation(net, state="PRY", k=30).results:
        shared = {p.via for p in s.paths if p.route == "co-participation"}
        assert not shared & {p.via for p in s.paths if p.kind == "capability"}


def test_theme_and_direction_filters(net: Network, ws: Workspace) -> None:
    theme = ws.iris.theme("firearms-control")
    on_theme = cooperation(net, theme="firearms-control", k=5)
    assert on_theme.results and {s.theme for s in on_theme.results} == {theme}
    given = cooperation(net, state="USA", direction="gives", k=5)
    assert given.results and {s.helper for s in given.results} == {ws.iris.state("USA")}
    with pytest.raises(NotFound):
        cooperation(net, theme="no-such-theme")
    with pytest.raises(BadInput):
        cooperation(net, state="PRY", direction="sideways")


def test_derived_graph_links_co_participants_with_provenance(ws: Workspace, net: Network) -> None:
    link = NamedNode(ws.iris.vocab("cooperatesWith"))
    quads = list(ws.store.quads(None, link, None, graph=ws.iris.suggestions_graph(GRAPH)))
    assert quads
    pairs = {(q.subject.value, q.object.value) for q in quads}
    assert all((b, a) in pairs for a, b in pairs)  # symmetric, written both ways
    usa, pry = ws.iris.state("USA"), ws.iris.state("PRY")
    assert (usa, pry) in pairs
    derived = ws.store.select(f"SELECT ?from WHERE {{ ?st <{RDF}subject> ?a ; <{RDF}predicate> ?p ; <{RDF}object> ?b ; "
                              f"<{PROV}wasDerivedFrom> ?from }}", a=NamedNode(usa), p=link, b=NamedNode(pry))
    sources = {r[0].value for r in derived}  # type: ignore[union-attr]
    assert any("/program/" in x for x in sources) and any("/passage/" in x for x in sources)
