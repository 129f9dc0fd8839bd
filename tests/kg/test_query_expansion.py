"""Query expansion through the kg linker: which links expand, with which names, in four languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.linking.expansion import ExpansionPolicy, LinkerExpansion
from kg.linking.linker import Linker
from kg.linking.names import Name
from ontology.iri import Iris
from tests.reference_linker import reference_linker

IRIS = Iris("https://policykg.org/")


@pytest.fixture(scope="module")
def linker() -> Linker:
    """The linker over the shipped reference data (states, organizations, themes, treaties in four languages)."""
    return reference_linker(IRIS)


@pytest.fixture(scope="module")
def expand(linker: Linker) -> LinkerExpansion:
    return LinkerExpansion(lambda: linker)


@pytest.mark.parametrize(("query", "added"), [
    ("¿Qué leyes de Panamá tratan las armas de fuego?", ["Panama", "Firearms and ammunition control"]),  # es
    ("Programas da OEA no Brasil", ["Organization of American States", "OAS", "Brazil"]),            # pt, acronym
    ("la population de Bahreïn", ["Bahrain"]),                                                        # fr
    ("Which programs does the Inter-American Drug Abuse Control Commission run?", ["CICAD"]),          # en
])
def test_the_english_label_and_acronyms_of_each_linked_entity_are_added(expand: LinkerExpansion, query: str,
                                                                      added: list[str]) -> None:
    terms = expand.terms(query)
    assert set(added) <= set(terms), terms
    assert expand(query).startswith(query + " ")  # the question itself is kept, first


@pytest.mark.parametrize(("query", "state"), [
    ("¿Qué leyes paraguayas regulan el lavado de dinero?", "Paraguay"),  # es demonym, by rule
    ("Quelles lois haïtiennes sur la traite des personnes ?", "Haiti"),  # fr demonym, plural feminine
    ("Which Ecuadorian laws deal with firearms?", "Ecuador"),           # en adjective
])
def test_a_demonym_expands_to_its_state(expand: LinkerExpansion, query: str, state: str) -> None:
    assert state in expand.terms(query)


def test_a_treaty_named_in_portuguese_adds_its_english_title(expand: LinkerExpansion) -> None:
    terms = expand.terms("Quais leis aplicam a Convenção Interamericana contra o Terrorismo?")
    assert "Inter-American Convention against Terrorism" in terms


def test_a_typo_links_but_does_not_expand_unless_fuzzy_is_trusted(linker: Linker, expand: LinkerExpansion) -> None:
    query = "Quels programmes aident le Guatamala ?"
    assert [(lk.mention, lk.how) for lk in linker.link(query)] == [("Guatamala", "fuzzy")]  # /ask still sees it
    assert expand.terms(query) == []
    assert expand(query) == query
    trusting = LinkerExpansion(lambda: linker, ExpansionPolicy(ways=frozenset({"label", "acronym", "demonym", "fuzzy"})))
    assert trusting.terms(query) == ["Guatemala"]


def test_ordinary_words_expand_nothing(expand: LinkerExpansion) -> None:
    assert expand("the chad of a punched ballot was left hanging") == "the chad of a punched ballot was left hanging"


def test_the_english_label_is_added_even_when_written_so_entity_names_weigh_twice(expand: LinkerExpansion) -> None:
    assert expand.terms("Which laws of Panama deal with money laundering?") == ["Panama", "Anti-money laundering"]


def test_aliases_and_other_languages_labels_are_never_added() -> None:
    names = [Name("Bahrain", "s:BHR", "State", "label", "en", preferred=True),
             Name("Kingdom of Bahrain", "s:BHR", "State", "label", "en"),
             Name("Bahreïn", "s:BHR", "State", "label", "fr", preferred=True),
             Name("Baréin", "s:BHR", "State", "label", "es", preferred=True),
             Name("Counter-terrorism", "t:ct", "Theme", "label", "en", preferred=True),
             Name("hostage-taking", "t:ct", "Theme", "label", "en"),
             Name("terrorisme", "t:ct", "Theme", "label", "fr", preferred=True)]
    expand = LinkerExpansion(lambda: Linker(names))
    assert expand.terms("le terrorisme à Bahreïn") == ["Counter-terrorism", "Bahrain"]


def test_the_policy_chooses_the_kinds_that_expand() -> None:
    names = [Name("Port Security Programme", "p:psp", "Program", "label", "en", preferred=True),
             Name("Programa de Seguridad Portuaria", "p:psp", "Program", "label", "es", preferred=True),
             Name("Chile", "s:CHL", "State", "label", "en", preferred=True)]
    linker = Linker(names)
    query = "el Programa de Seguridad Portuaria en Chile"
    assert LinkerExpansion(lambda: linker).terms(query) == ["Chile"]
    programs = LinkerExpansion(lambda: linker, ExpansionPolicy(kinds=frozenset({"Program", "State"})))
    assert programs.terms(query) == ["Port Security Programme", "Chile"]


def test_the_service_searcher_finds_an_english_passage_from_a_french_name(tmp_path: Path) -> None:
    """Real store, real ingest (no embedders: BM25 alone), the service's searcher against a plain one."""
    from ingest.pipeline import Ingestor
    from kg.linking.expansion import open_searcher
    from kg.search import Searcher
    from kg.settings import Settings
    from kg.workspace import Workspace

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gulf-report.txt").write_text("Report of the envoy to Bahrain.\n\nThe envoy met community leaders "
                                          "across the islands and heard what the population wished for.\n")
    (docs / "harbour-note.txt").write_text("Population note.\n\nThe population of cranes and the population of "
                                           "gulls in the harbour grew after the new terminal opened.\n")
    ws = Workspace(Settings(store=tmp_path / "store", embedders=()))
    try:
        Ingestor(ws).ingest_paths([docs])
        query = "la population de Bahreïn"
        plain = [h.document.source for h in Searcher(ws).search(query, k=5, mode="bm25").hits]
        expanded = [h.document.source for h in open_searcher(ws).search(query, k=5, mode="bm25").hits]
        assert expanded and "gulf-report" in expanded[0]
        assert plain and "harbour-note" in plain[0]  # without expansion "Bahreïn" matches nothing
    finally:
        ws.close()


def test_acronyms_can_be_left_out(linker: Linker) -> None:
    plain = LinkerExpansion(lambda: linker, ExpansionPolicy(acronyms=False))
    assert plain.terms("Programas da OEA no Brasil") == ["Organization of American States", "Brazil"]
