"""shapes.ttl: the SHACL shapes accept what ingest writes and refuse broken document graphs."""

from __future__ import annotations

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from tests.ontology.test_ontology_files import DCTERMS, ID, PKG, XSD, load


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load("shapes.ttl")


@pytest.fixture(scope="module")
def orgs() -> Graph:
    return load("organizations.ttl")


@pytest.fixture(scope="module")
def instruments() -> Graph:
    return load("instruments.ttl")


DOC = ID["document/ab12cd34ef56"]
PASSAGE = ID["passage/ab12cd34ef56-0"]
STATE = ID["state/GTM"]
PROGRAM = ID["program/pacam"]


def valid_document_graph() -> Graph:
    """A tiny graph of one document, as ingest would write it."""
    g = Graph()
    g.add((DOC, RDF.type, PKG.Document))
    g.add((DOC, PKG.source, Literal("pacam")))
    g.add((DOC, PKG.sourcePath, Literal("oas-programs/sheets/pacam.txt")))
    g.add((DOC, PKG.contentHash, Literal("ab12cd34ef56" + "0" * 52)))
    g.add((DOC, PKG.documentType, Literal("program-sheet")))
    g.add((DOC, DCTERMS.language, Literal("es")))
    g.add((DOC, PKG.about, PROGRAM))
    g.add((PASSAGE, RDF.type, PKG.Passage))
    g.add((PASSAGE, PKG.partOf, DOC))
    g.add((PASSAGE, PKG.text, Literal("Beneficiarios Guatemala")))
    g.add((PASSAGE, PKG.start, Literal(0)))
    g.add((PASSAGE, PKG.end, Literal(23)))
    g.add((PASSAGE, PKG.position, Literal(0)))
    g.add((PASSAGE, PKG.section, Literal("fields")))
    g.add((PASSAGE, PKG.mentions, STATE))
    g.add((PROGRAM, RDF.type, PKG.Program))
    g.add((PROGRAM, RDFS.label, Literal("Programa de Asistencia para el Control de Armas y Municiones", lang="es")))
    g.add((PROGRAM, PKG.acronym, Literal("PACAM")))
    g.add((PROGRAM, PKG.beneficiary, STATE))  # the State's type triples live in another graph
    g.add((PROGRAM, PKG.implementedBy, ID["org/oas-dps"]))
    g.add((PROGRAM, PKG.hasTheme, ID["theme/firearms-control"]))
    statement = ID["statement/ab12cd34ef56-0"]
    g.add((statement, RDF.type, PKG.QualifiedStatement))
    g.add((statement, RDF.subject, PROGRAM))
    g.add((statement, RDF.predicate, PKG.beneficiary))
    g.add((statement, RDF.object, STATE))
    g.add((statement, PKG.confidence, Literal("0.9", datatype=XSD.decimal)))
    g.add((statement, PKG.start, Literal(14)))
    g.add((statement, PKG.end, Literal(23)))
    g.add((statement, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), PASSAGE))
    return g


def violations(data: Graph, shapes: Graph) -> set[tuple[URIRef, URIRef | None]]:
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none")
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        found.add((report.value(result, SH.focusNode), report.value(result, SH.resultPath)))
    assert conforms == (not found)
    return found


def test_shapes_accept_a_valid_document_graph(shapes: Graph) -> None:
    assert violations(valid_document_graph(), shapes) == set()


def test_shapes_reject_a_passage_without_text(shapes: Graph) -> None:
    data = valid_document_graph()
    data.remove((PASSAGE, PKG.text, None))
    assert violations(data, shapes) == {(PASSAGE, PKG.text)}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda g: g.set((PASSAGE, PKG.start, Literal(-1))), {(PASSAGE, PKG.start)}),
        (lambda g: g.set((PASSAGE, PKG.start, Literal(40))), {(PASSAGE, PKG.start)}),  # start > end
        (lambda g: g.remove((PASSAGE, PKG.partOf, None)), {(PASSAGE, PKG.partOf)}),
        (lambda g: g.set((PASSAGE, PKG.partOf, Literal("doc"))), {(PASSAGE, PKG.partOf)}),
        (lambda g: g.set((DOC, PKG.documentType, Literal("pdf"))), {(DOC, PKG.documentType)}),
        (lambda g: g.add((DOC, PKG.source, Literal("other-name"))), {(DOC, PKG.source)}),
        (lambda g: g.add((DOC, DCTERMS.language, Literal("en"))), {(DOC, DCTERMS.language)}),
        (lambda g: g.remove((PROGRAM, RDFS.label, None)), {(PROGRAM, RDFS.label)}),
        (lambda g: g.set((PROGRAM, PKG.beneficiary, Literal("Guatemala"))), {(PROGRAM, PKG.beneficiary)}),
        (lambda g: g.add((PROGRAM, PKG.startYear, Literal("1992"))), {(PROGRAM, PKG.startYear)}),
        (lambda g: g.set((ID["statement/ab12cd34ef56-0"], PKG.confidence, Literal(0.9))),
         {(ID["statement/ab12cd34ef56-0"], PKG.confidence)}),  # xsd:double, not xsd:decimal
    ],
)
def test_shapes_reject_broken_document_graphs(shapes: Graph, change, expected) -> None:  # type: ignore[no-untyped-def]
    data = valid_document_graph()
    change(data)
    assert violations(data, shapes) == expected


@pytest.mark.parametrize(
    ("triples", "expected_paths"),
    [
        ([(PKG.iso3, Literal("GTM")), (RDFS.label, Literal("Guatemala", lang="en"))], set()),
        ([(PKG.iso3, Literal("gtm")), (RDFS.label, Literal("Guatemala", lang="en"))], {PKG.iso3}),
        ([(RDFS.label, Literal("Guatemala", lang="en"))], {PKG.iso3}),
        ([(PKG.iso3, Literal("GTM"))], {RDFS.label}),
    ],
)
def test_state_shape(shapes: Graph, triples, expected_paths) -> None:  # type: ignore[no-untyped-def]
    data = Graph()
    data.add((STATE, RDF.type, PKG.State))
    for predicate, value in triples:
        data.add((STATE, predicate, value))
    assert violations(data, shapes) == {(STATE, path) for path in expected_paths}


def test_legal_instrument_shape_covers_subclasses_without_inference(shapes: Graph) -> None:
    resolution = ID["instrument/unsc-res-660-1990"]
    data = Graph()
    data.add((resolution, RDF.type, PKG.Resolution))
    data.add((resolution, RDFS.label, Literal("S/RES/660 (1990)")))
    data.add((resolution, PKG.year, Literal("1990")))
    assert violations(data, shapes) == {(resolution, PKG.year)}
    data.set((resolution, PKG.year, Literal(1990)))
    assert violations(data, shapes) == set()


def test_reference_organizations_conform_to_the_shapes(orgs: Graph, shapes: Graph) -> None:
    assert violations(orgs, shapes) == set()


def test_no_blank_node_targets_in_shapes(shapes: Graph) -> None:
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert not isinstance(shape, BNode)
        assert shapes.value(shape, SH.targetClass) is not None


def test_reference_instruments_conform_to_the_shapes(instruments: Graph, orgs: Graph, shapes: Graph) -> None:
    assert violations(instruments + orgs, shapes) == set()
