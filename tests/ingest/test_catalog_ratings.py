"""Ratings read by their format, and the evidence-level scheme (four languages, SHACL, not a theme)."""

from __future__ import annotations

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ingest.gazetteer import Gazetteer
from ingest.catalogs.errors import CatalogError
from ingest.catalogs.levels import level_slugs, scheme_levels
from ingest.catalogs.rating import parse_rating
from tests.ontology.test_ontology_files import LANGUAGES, PKG, XSD, load

ID = Namespace("https://policykg.org/id/")
WORDS = scheme_levels()


@pytest.mark.parametrize(("text", "expected"), [
    ("Effective", [("effective", None, None)]),
    ("Promising - Two studies", [("promising", None, "Two studies")]),
    ("No Effects | More than one study", [("no-effects", None, "More than one study")]),
    ("Effective (Violence | Assaults); No Effects (Fear of crime | Perceived safety)",
     [("effective", "Violence | Assaults", None), ("no-effects", "Fear of crime | Perceived safety", None)]),
    ("Promising - One meta-analysis (Drugs - Use of cannabis)", [("promising", "Drugs - Use of cannabis",
                                                                 "One meta-analysis")]),
    ("Effective (reading; arithmetic)", [("effective", "reading", None), ("effective", "arithmetic", None)]),
    ("Effective (Victimization: robbery (street))", [("effective", "Victimization: robbery (street)", None)]),
    ("Prometedor (Violencia juvenil)", [("promising", "Violencia juvenil", None)]),
    ("Sans effet", [("no-effects", None, None)]),
    ("Inconclusive evidence; Harmful (Reoffending)", [("inconclusive", None, None),
                                                      ("negative-effects", "Reoffending", None)]),
])
def test_rating_parts_by_format(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert [(r.level, r.outcome, r.basis) for r in parse_rating(text, levels=WORDS)] == expected


def test_rating_spans_point_into_the_text_given() -> None:
    text = "Rating: Promising (Theft | Car theft); Effective"
    parts = parse_rating(text[8:], levels=WORDS, offset=8)
    assert [text[r.level_start:r.level_end] for r in parts] == ["Promising", "Effective"]
    assert text[parts[0].outcome_start:parts[0].outcome_end] == "Theft | Car theft"
    assert text[parts[0].start:parts[0].end] == "Promising (Theft | Car theft)"


def test_a_catalogs_own_words_are_levels_only_when_declared() -> None:
    with pytest.raises(CatalogError, match="does not start with an evidence level"):
        parse_rating("Strong evidence (Robbery)", levels=WORDS)
    own = {**WORDS, "strong evidence": "effective"}
    assert [r.level for r in parse_rating("Strong evidence (Robbery)", levels=own)] == ["effective"]


# --------------------------------------------------------------------------- the scheme


@pytest.fixture(scope="module")
def evidence() -> Graph:
    return load("evidence.ttl")


def test_every_level_is_a_labelled_concept_of_the_scheme(evidence: Graph) -> None:
    scheme = ID["evidence-levels"]
    levels = set(evidence.subjects(RDF.type, PKG.EvidenceLevel))
    assert {str(level).rsplit("/", 1)[-1] for level in levels} == set(level_slugs())
    for level in levels:
        assert (level, RDF.type, SKOS.Concept) in evidence and (level, SKOS.inScheme, scheme) in evidence
        pref = [o.language for o in evidence.objects(level, SKOS.prefLabel) if isinstance(o, Literal)]
        assert sorted(pref) == sorted(LANGUAGES), level  # one prefLabel in each language
        assert {o.language for o in evidence.objects(level, SKOS.definition) if isinstance(o, Literal)} == set(LANGUAGES)
        assert evidence.value(level, SKOS.notation) is not None


def test_no_level_word_is_given_to_two_levels() -> None:
    from ontology.folding import fold

    seen: dict[str, str] = {}
    graph = load("evidence.ttl")
    for level in graph.subjects(RDF.type, PKG.EvidenceLevel):
        for label in [*graph.objects(level, SKOS.prefLabel), *graph.objects(level, SKOS.altLabel)]:
            word = fold(str(label)).strip()
            assert seen.setdefault(word, str(level)) == str(level), word


def test_every_pkg_term_of_the_scheme_is_defined_in_core(evidence: Graph) -> None:
    core = load("core.ttl")
    defined = {s for s in core.subjects() if isinstance(s, URIRef) and s.startswith(str(PKG))}
    used = {t for triple in evidence for t in triple if isinstance(t, URIRef) and t.startswith(str(PKG))}
    assert used - defined == set()


def test_levels_never_become_theme_keywords(gazetteer: Gazetteer) -> None:
    assert not [m for m in gazetteer.find("The program was rated Effective, and later Promising.")
                if m.kind == "Theme"]


# --------------------------------------------------------------------------- shapes

PRACTICE = ID["practice/lantern-streets"]
RATING = ID["rating/lantern-streets-1"]


def practice_graph() -> Graph:
    g = Graph()
    g.add((PRACTICE, RDF.type, PKG.BestPractice))
    g.add((PRACTICE, RDFS.label, Literal("Lantern Streets", lang="en")))
    g.add((PRACTICE, PKG.evidenceRating, RATING))
    g.add((PRACTICE, PKG.evaluatedIn, ID["state/CAN"]))
    g.add((PRACTICE, PKG.hasTheme, ID["theme/crime-and-violence-prevention"]))
    g.add((RATING, RDF.type, PKG.EvidenceRating))
    g.add((RATING, PKG.evidenceLevel, ID["evidence-level/effective"]))
    g.add((RATING, PKG.outcome, Literal("Burglary")))
    g.add((RATING, PKG.ratedBy, Literal("Demo catalog")))
    return g


def conforms(g: Graph) -> set[tuple[str, str]]:
    ok, report, _ = validate(g, shacl_graph=load("shapes.ttl"), inference="none")
    sh = Namespace("http://www.w3.org/ns/shacl#")
    found = {(str(report.value(r, sh.focusNode)), str(report.value(r, sh.resultPath)))
             for r in report.subjects(RDF.type, sh.ValidationResult)}
    assert ok == (not found)
    return found


def test_shapes_accept_a_practice_with_its_rating_node() -> None:
    assert conforms(practice_graph()) == set()


def test_shapes_refuse_a_rating_with_no_level_or_two_outcomes() -> None:
    g = practice_graph()
    g.remove((RATING, PKG.evidenceLevel, None))
    g.add((RATING, PKG.outcome, Literal("Robbery")))
    assert conforms(g) == {(str(RATING), str(PKG.evidenceLevel)), (str(RATING), str(PKG.outcome))}


def test_shapes_refuse_a_suggestion_without_explanation_or_with_a_score_past_one() -> None:
    s = ID["suggestion/abc"]
    g = Graph()
    g.add((s, RDF.type, PKG.PracticeSuggestion))
    g.add((s, PKG.suggests, PRACTICE))
    g.add((s, PKG.suggestedFor, ID["program/pacam"]))
    g.add((s, PKG.score, Literal("1.5", datatype=XSD.decimal)))
    g.add((s, PKG.method, Literal("themes")))
    assert conforms(g) == {(str(s), str(PKG.score)), (str(s), str(RDFS.comment))}
