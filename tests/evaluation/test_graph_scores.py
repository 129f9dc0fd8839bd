"""Citation, program-field and entity/relation scores on small hand-built graphs (no models).

Each graph holds a known number of right, wrong and only-qualified facts, so a scorer that
reads unsure statements as facts, leaks across document graphs or matches too loosely fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from evaluation.citations import evaluate_citations
from evaluation.extraction import evaluate_extraction
from evaluation.gold import Ambiguity, CitationGold, ExtractionGold, GoldEntity, GoldRelation, ProgramFacts
from evaluation.graph_facts import GraphFacts
from evaluation.names import ReferenceNames
from evaluation.programs import ProgramJudge, evaluate_programs
from kg.settings import Settings
from kg.workspace import Workspace
from ontology.namespaces import ELI, PROV, RDF, RDFS, XSD

CIFTA = ("Inter-American Convention against the Illicit Manufacturing of and Trafficking in Firearms, "
         "Ammunition, Explosives, and Other Related Materials")


@pytest.fixture()
def ws(tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace = Workspace(Settings(store=tmp_path / "store", embedders=("minilm",), default_embedder="minilm"))
    yield workspace
    workspace.close()


class GraphWriter:
    """Writes one document graph: ``add(s, p, o)`` with short names for our IRIs."""

    def __init__(self, ws: Workspace, cid: str, source: str) -> None:
        self.ws, self.iris = ws, ws.iris
        self.graph = self.iris.document_graph(cid)
        self.doc = self.iris.document(cid)
        self.quads: list[Quad] = []
        self.add(self.doc, RDF + "type", self.v("Document"))
        self.add(self.doc, self.v("source"), Literal(source))

    def v(self, local: str) -> str:
        return self.iris.vocab(local)

    def add(self, s: str, p: str, o: object) -> None:
        obj = o if isinstance(o, Literal) else NamedNode(str(o))
        self.quads.append(Quad(NamedNode(s), NamedNode(p), obj, NamedNode(self.graph)))

    def qualified_only(self, n: int, s: str, p: str, o: str) -> None:
        st = self.iris.statement(self.graph.rsplit("/", 1)[-1], n)
        self.add(st, RDF + "type", self.v("QualifiedStatement"))
        self.add(st, RDF + "subject", s)
        self.add(st, RDF + "predicate", p)
        self.add(st, RDF + "object", o)

    def write(self) -> None:
        self.ws.store.replace_graphs({self.graph: self.quads})


def year(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + "integer"))


def test_citations_strict_on_year_and_scoped_to_the_document(ws: Workspace) -> None:
    iris = ws.iris
    g = GraphWriter(ws, "c10", "S_RES_0010_1946_EN_GOLD")
    me = iris.unsc_resolution(10, 1946)
    g.add(g.doc, g.v("about"), me)
    for target, symbol in ((iris.unsc_resolution(3, 1946), "S/RES/3 (1946)"), (iris.unsc_resolution(4, None), "S/RES/4")):
        g.add(me, ELI + "cites", target)
        g.add(target, g.v("symbol"), Literal(symbol))
    g.add(me, ELI + "cites", iris.instrument("unga-res-1474-es-iv"))
    g.write()
    h = GraphWriter(ws, "c11", "S_RES_0011_1946_EN_GOLD")  # cites nothing
    h.add(h.doc, h.v("about"), iris.unsc_resolution(11, 1946))
    h.write()

    report = evaluate_citations(ws, [
        CitationGold("S_RES_0010_1946_EN_GOLD", ("S/RES/3 (1946)", "S/RES/4 (1946)", "S/RES/7 (1946)"),
                     ("A/RES/1474 (ES-IV)",)),
        CitationGold("S_RES_0011_1946_EN_GOLD", ()),
        CitationGold("S_RES_0099_1950_EN_GOLD", ("S/RES/1 (1946)",)),
    ])
    assert report.missing == ("S_RES_0099_1950_EN_GOLD",)
    assert (report.unsc.matched_predicted, report.unsc.predicted, report.unsc.matched_gold, report.unsc.gold) == (1, 2, 1, 3)
    assert report.unsc.precision == 0.5 and report.unsc.recall == pytest.approx(1 / 3)
    assert report.other.precision == 1.0 and report.other.recall == 1.0
    ten, eleven = report.documents
    assert ten.missed == ("S/RES/4 (1946)", "S/RES/7 (1946)") and ten.spurious == ("S/RES/4",)
    assert eleven.spurious == () and eleven.prf.predicted == 0  # nothing leaks in from the other graph


def test_program_fields_plain_triples_only(ws: Workspace) -> None:
    iris = ws.iris
    g = GraphWriter(ws, "p1", "pacam")
    prog = iris.program("pacam-test")
    v = g.v
    g.add(g.doc, v("about"), prog)
    g.add(prog, RDF + "type", v("Program"))
    g.add(prog, RDFS + "label", Literal("Programa de Asistencia para el Control de Armas y Municiones", language="es"))
    g.add(prog, v("fundedBy"), iris.state("USA"))
    g.add(prog, v("fundedBy"), iris.state("GTM"))  # wrong
    g.qualified_only(0, prog, v("fundedBy"), iris.state("ESP"))  # unsure: not a fact
    g.add(prog, v("beneficiary"), iris.state("GTM"))
    g.add(prog, v("beneficiary"), iris.state("HND"))
    g.add(prog, v("implementedBy"), iris.org("oas-dps"))
    cifta = iris.instrument("cifta-test")
    g.add(prog, v("mandatedBy"), cifta)
    g.add(cifta, RDFS + "label", Literal(CIFTA, language="en"))
    g.add(prog, v("startYear"), year(1999))  # the sheet gives none
    g.write()
    other = GraphWriter(ws, "p2", "another-sheet")  # the same program IRI, another document
    other.add(prog, v("fundedBy"), iris.state("ESP"))
    other.write()

    gold = ProgramFacts(document="pacam", label="Programa de Asistencia", acronym="PACAM", language="es",
                        implementedBy=("OAS Department of Public Security",), mandatedBy=(CIFTA + " (CIFTA) (1997)",),
                        beneficiary=("GTM", "HND", "SLV"), donor=("USA", "ESP"), partner=("Inter-American Defense Board",),
                        themes=(), start=None, end=None)
    judge = ProgramJudge(ReferenceNames.from_reference(iris))
    report = evaluate_programs(GraphFacts.of(ws), judge, [gold, ProgramFacts(
        "absent-sheet", "x", None, "en", (), (), (), (), (), (), None, None)])
    assert report.missing == ("absent-sheet",)
    donor = report.score("donor")
    assert (donor.precision, donor.recall) == (0.5, 0.5)
    beneficiary = report.score("beneficiary", "es")
    assert (beneficiary.precision, beneficiary.recall) == (1.0, pytest.approx(2 / 3))
    assert report.score("implementedBy").f1 == 1.0
    assert report.score("mandatedBy").f1 == 1.0
    partner = report.score("partner")
    assert partner.precision is None and partner.recall == 0.0
    start = report.score("start")
    assert start.precision == 0.0 and start.recall is None
    assert report.score("end").f1 is None
    (sheet,) = report.sheets
    assert ("donor", "ESP") in sheet.missed and ("partner", "Inter-American Defense Board") in sheet.missed
    assert report.languages == ("all", "en", "es")
    program = report.score("program")  # the extracted label is longer than the gold's, the acronym is not given
    assert (program.precision, program.recall) == (0.0, 0.0)
    links = report.score("state links")  # beneficiary GTM, HND right; fundedBy USA right, GTM wrong
    assert (links.matched_predicted, links.predicted, links.matched_gold, links.gold) == (3, 4, 3, 5)


def test_entities_relations_and_ambiguity(ws: Workspace) -> None:
    iris = ws.iris
    g = GraphWriter(ws, "e1", "summaries")
    v = g.v
    prog = iris.program("interamerican-police-network")
    res = iris.oas_ag_resolution(2866, "XLIV-O/14")
    g.add(g.doc, v("about"), prog)
    g.add(prog, RDF + "type", v("Program"))
    g.add(prog, RDFS + "label", Literal("Interamerican Police Network", language="en"))
    g.add(prog, PROV + "wasDerivedFrom", g.doc)
    g.add(res, RDF + "type", v("Resolution"))
    g.add(res, RDF + "type", v("LegalInstrument"))
    g.add(res, PROV + "wasDerivedFrom", g.doc)
    passage = iris.passage("e1", 0)
    g.add(passage, v("partOf"), g.doc)
    for entity in (iris.state("GTM"), iris.state("USA"), iris.org("oas-dps")):
        g.add(passage, v("mentions"), entity)
    g.add(prog, v("implementedBy"), iris.org("oas-dps"))
    g.add(prog, v("mandatedBy"), res)
    g.add(prog, v("fundedBy"), iris.state("GTM"))  # asserted although the gold calls GTM ambiguous
    g.add(prog, v("hasTheme"), iris.theme("police-training"))  # themes are not relations here
    g.write()

    gold = ExtractionGold(
        document="summaries",
        entities=(GoldEntity("state:GTM", "State", "Guatemala"),
                  GoldEntity("org:oas-dps", "Organization", "OAS Department of Public Security"),
                  GoldEntity("org:ameripol", "Organization", "AMERIPOL"),
                  GoldEntity("program:police-network", "Program",
                             "Inter-American Network for Police Development and Professionalization",
                             ("Interamerican Police Network",)),
                  GoldEntity("instrument:oas-ag-res-2866", "Resolution", "AG/RES. 2866 (XLIV-O/14)")),
        relations=(GoldRelation("program:police-network", "implementedBy", "org:oas-dps", ("implementedBy",)),
                   GoldRelation("program:police-network", "partner", "org:ameripol", ("partner",)),
                   GoldRelation("program:police-network", "mandatedBy", "instrument:oas-ag-res-2866",
                                ("mandatedBy", "implements"))),
        themes=(), ambiguous=(Ambiguity("state:GTM", "next to 'Donor Countries'"),))
    report = evaluate_extraction(GraphFacts.of(ws), iris, [gold])
    entities = {k.kind: k.prf for k in report.entities}
    assert (entities["all"].matched_predicted, entities["all"].predicted) == (4, 5)  # USA is not in the gold
    assert (entities["all"].matched_gold, entities["all"].gold) == (4, 5)  # AMERIPOL was not found
    assert entities["Program"].f1 == 1.0 and entities["LegalInstrument"].f1 == 1.0
    assert entities["State"].precision == 0.5
    rel = report.relations
    assert (rel.matched_predicted, rel.predicted, rel.matched_gold, rel.gold) == (2, 3, 2, 3)
    (violation,) = report.violations
    assert violation.entity == "state:GTM" and violation.subject == prog
    (doc,) = report.documents
    assert doc.missed_entities == ("org:ameripol",)
    assert doc.missed_relations == ("program:police-network partner org:ameripol",)
