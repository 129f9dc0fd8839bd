"""The law kind: detection and metadata in four languages, structure, one work for two versions, citations."""

from __future__ import annotations

import hashlib

import pytest

from ingest.extract import Extractor
from ingest.gazetteer import reference_gazetteer
from ingest.kinds import detect_kind
from ingest.kinds.law import LAW
from ingest.kinds.law.header import read_law_header
from ingest.kinds.law.numbers import find_number
from ingest.kinds.law.structure import parse_structure
from ingest.read import RawDocument
from ontology.iri import Iris
from tests.law_samples import BRAZIL_PT, CANADA_EN, CANADA_FR, MEXICO_ES, US_CODE_EN

IRIS = Iris("https://policykg.org/")
SAMPLES = {"CANADA_EN": CANADA_EN, "CANADA_FR": CANADA_FR, "BRAZIL_PT": BRAZIL_PT, "MEXICO_ES": MEXICO_ES,
           "US_CODE_EN": US_CODE_EN}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(reference_gazetteer(IRIS), IRIS, use_ner=False)


def raw(name: str) -> RawDocument:
    text = SAMPLES[name]
    return RawDocument(name, f"{name}.txt", text, "text/plain", hashlib.sha256(text.encode()).hexdigest())


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_is_detected_as_a_law(name: str) -> None:
    assert detect_kind(SAMPLES[name], filename="x.txt").name == "law"


@pytest.mark.parametrize("text", [
    "PROGRAM SUMMARY\nThe program helps draft Ley N° 123 on firearms.\nArt. 5 of the model law is cited.\n",
    "Resolution 1540 (2004)\nof 28 April 2004\n\nThe Security Council,\n\n1. Decides that States shall act;\n",
    "Minutes.\n\nThe delegates discussed the Firearms Act and agreed to meet again.\n",
])
def test_other_texts_are_not_laws(text: str) -> None:
    assert detect_kind(text, filename="law.txt").name != "law"


@pytest.mark.parametrize(("name", "title", "number", "key", "date", "kind", "iso3"), [
    ("CANADA_EN", "Harbour Security Act", "S.C. 2011, c. 8", "sc-2011-c-8", "2011-03-24", "assent", "CAN"),
    ("CANADA_FR", "Loi sur la sécurité des ports", "L.C. 2011, ch. 8", "sc-2011-c-8", "2011-03-24", "assent", "CAN"),
    ("BRAZIL_PT", "Lei nº 14.321, de 9 de setembro de 2021", "Lei nº 14.321", "lei-14321-2021", "2021-09-09",
     "promulgation", "BRA"),
    ("MEXICO_ES", "Ley Federal para el Control de Materiales Sensibles", None,
     "ley-federal-para-el-control-de-materiales-sensibles", "2020-02-03", "publication", "MEX"),
    ("US_CODE_EN", "99 U.S.C. Chapter 7A — Maritime Safety", "99 U.S.C. ch. 7A (§§ 701–702)", "usc-99-ch-7a",
     None, None, "USA"),
])
def test_metadata_is_read_from_the_title_block(name: str, title: str, number: str | None, key: str,
                                               date: str | None, kind: str | None, iso3: str) -> None:
    text = SAMPLES[name]
    header = read_law_header(text, parse_structure(text))
    assert header is not None
    assert (header.title, header.number.printed if header.number else None, header.key) == (title, number, key)
    assert ((header.date.iso, header.date.kind) if header.date else (None, None)) == (date, kind)
    assert header.jurisdiction is not None and header.jurisdiction.iso3 == iso3


def test_the_file_name_plays_no_part() -> None:
    assert LAW.detect(CANADA_EN, filename="mex-ley.txt") == LAW.detect(CANADA_EN, filename="")
    header = read_law_header(CANADA_EN, parse_structure(CANADA_EN))
    assert header is not None and header.jurisdiction is not None and header.jurisdiction.how == "number"


@pytest.mark.parametrize(("printed", "other"), [
    ("S.C. 2000, c. 17", "L.C. 2000, ch. 17"),
    ("R.S.C., 1985, c. R-10", "L.R.C. (1985), ch. R-10"),
    ("LEI No 9.613, DE 3 DE MARÇO DE 1998", "Lei nº 9.613, de 3 de março de 1998"),
])
def test_numbers_normalise_across_languages_and_spellings(printed: str, other: str) -> None:
    a, b = find_number(printed), find_number(other)
    assert a is not None and b is not None and a.key == b.key


@pytest.mark.parametrize(("name", "labels"), [
    ("CANADA_EN", ["1", "2", "3", "3.1"]),
    ("BRAZIL_PT", ["1", "2", "2-A", "3"]),
    ("MEXICO_ES", ["1", "2", "2 bis", "transitorio primero"]),
    ("US_CODE_EN", ["701", "701a", "702"]),
])
def test_articles_are_cut_with_exact_spans(name: str, labels: list[str]) -> None:
    text = SAMPLES[name]
    units = parse_structure(text)
    articles = [u for u in units if u.kind == "article"]
    assert [u.label for u in articles] == labels
    for u in units:
        assert text[u.start:u.end] == text[u.start:u.end].strip() and u.end > u.start
    assert all(a.end <= b.start for a, b in zip(units, units[1:]))
    headings = [u.label for u in units if u.kind == "heading"]
    assert headings, "divisions (parts, chapters, titles) are their own passages"


def test_a_canadian_marginal_note_opens_its_section() -> None:
    units = parse_structure(CANADA_EN)
    first = next(u for u in units if u.kind == "article")
    assert CANADA_EN[first.start:first.end].startswith("[Short title]\n1 This Act")


def test_passages_follow_articles_and_cite_their_number(extractor: Extractor) -> None:
    doc = extractor.extract(raw("BRAZIL_PT"))
    assert doc.kind == "law"
    assert [s.label for s in doc.segments if s.kind == "article"] == ["1", "2", "2-A", "3"]


def test_the_two_canadian_versions_are_one_work(extractor: Extractor) -> None:
    en, fr = extractor.extract(raw("CANADA_EN")), extractor.extract(raw("CANADA_FR"))
    work = IRIS.law("CAN", "sc-2011-c-8")
    assert en.about == fr.about == (work,)
    versions = {e.iri for d in (en, fr) for e in d.entities if e.kind == "LawExpression"}
    assert versions == {IRIS.law_version("CAN", "sc-2011-c-8", "en"), IRIS.law_version("CAN", "sc-2011-c-8", "fr")}
    en_articles = {e.iri for e in en.entities if e.kind == "Provision"}
    fr_articles = {e.iri for e in fr.entities if e.kind == "Provision"}
    assert en_articles == fr_articles and IRIS.law_article("CAN", "sc-2011-c-8", "3.1") in en_articles


@pytest.mark.parametrize("name", ["CANADA_EN", "CANADA_FR"])
def test_instruments_are_cited_by_the_law_and_its_article(extractor: Extractor, name: str) -> None:
    doc = extractor.extract(raw(name))
    work = IRIS.law("CAN", "sc-2011-c-8")
    cwc = IRIS.instrument("chemical-weapons-convention")
    cites = {(f.subject, f.object) for f in doc.facts if f.predicate == "cites"}
    assert (work, cwc) in cites
    assert (IRIS.law_article("CAN", "sc-2011-c-8", "3"), cwc) in cites
    implemented = {f.object for f in doc.facts if f.predicate == "ensures_implementation_of"}
    assert implemented == {IRIS.instrument("international-convention-for-the-suppression-of-acts-of-nuclear-terrorism")}


def test_implements_only_where_the_text_says_so(extractor: Extractor) -> None:
    es = extractor.extract(raw("MEXICO_ES"))
    work = IRIS.law("MEX", "ley-federal-para-el-control-de-materiales-sensibles")
    assert (work, IRIS.unsc_resolution(1540, 2004)) in {
        (f.subject, f.object) for f in es.facts if f.predicate == "ensures_implementation_of"}
    us = extractor.extract(raw("US_CODE_EN"))
    assert not [f for f in us.facts if f.predicate == "ensures_implementation_of"]  # cited, not implemented
    assert [f for f in us.facts if f.predicate == "cites"]


def test_law_to_law_links_keep_their_direction(extractor: Extractor) -> None:
    doc = extractor.extract(raw("BRAZIL_PT"))
    work = IRIS.law("BRA", "lei-14321-2021")
    links = {(f.subject, f.predicate, f.object) for f in doc.facts if f.predicate in ("amends", "repeals")}
    assert (work, "amends", IRIS.law("BRA", "lei-10826-2003")) in links
    assert (IRIS.law("BRA", "lei-14500-2022"), "amends", work) in links


def test_jurisdiction_is_a_fact_with_evidence(extractor: Extractor) -> None:
    doc = extractor.extract(raw("MEXICO_ES"))
    [fact] = [f for f in doc.facts if f.predicate == "jurisdiction"]
    assert fact.object == IRIS.state("MEX") and fact.end > fact.start
