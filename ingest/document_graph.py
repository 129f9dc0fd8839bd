"""Write step, part one: an extracted document becomes the quads of its own named graph.

Every extracted statement is kept twice when it is certain enough (confidence ≥ 0.5):
as a plain triple for queries, and as a ``pkg:QualifiedStatement`` carrying its
confidence, its passage (``prov:wasDerivedFrom``) and its character span (a Web
Annotation ``TextPositionSelector``). Less certain statements are kept only qualified,
so a query over plain triples never sees them as facts.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator

from pyoxigraph import Literal, NamedNode, Quad

from ingest.extract import ExtractedDocument
from ingest.model import Fact, NewEntity
from ontology.iri import Iris
from ontology.namespaces import DCTERMS, ELI, OA, ORG, PROV, RDF, RDFS, SCHEMA, XSD

ASSERT_THRESHOLD = 0.5
XSD_INT = NamedNode(XSD + "integer")
XSD_DEC = NamedNode(XSD + "decimal")
XSD_DATE = NamedNode(XSD + "date")
KIND_TYPES = {
    "Program": ("Program", SCHEMA + "Project"),
    "Organization": ("Organization", ORG + "Organization"),
    "Resolution": ("Resolution", ELI + "LegalResource"),
    "Treaty": ("Treaty", ELI + "LegalResource"),
    "LegalInstrument": ("LegalInstrument", ELI + "LegalResource"),
    "Theme": ("Theme", None),
    "State": ("State", SCHEMA + "Country"),
    "BestPractice": ("BestPractice", SCHEMA + "CreativeWork"),
    "EvaluatedProgram": ("EvaluatedProgram", SCHEMA + "Project"),
    "EvidenceRating": ("EvidenceRating", SCHEMA + "Rating"),
    "NationalLaw": ("NationalLaw", ELI + "LegalResource"),
    "LawExpression": ("LawExpression", ELI + "LegalExpression"),
    "Provision": ("Provision", ELI + "LegalResourceSubdivision"),
}
#: Our own classes whose instances are also typed with our parent class, so queries need no reasoning.
PARENT_TYPES = {"Resolution": "LegalInstrument", "Treaty": "LegalInstrument", "EvaluatedProgram": "BestPractice",
                "NationalLaw": "LegalInstrument"}
#: Predicates we reuse from other vocabularies rather than mint.
REUSED = {"cites": ELI + "cites", "jurisdiction": ELI + "jurisdiction", "amends": ELI + "amends",
          "repeals": ELI + "repeals", "ensures_implementation_of": ELI + "ensures_implementation_of"}
#: Entity fields written with ELI's own properties: key → (property, whether the value is an IRI).
ELI_FIELDS = {"id_local": (ELI + "id_local", False), "description": (ELI + "description", False),
              "realizes": (ELI + "realizes", True), "is_realized_by": (ELI + "is_realized_by", True),
              "is_part_of": (ELI + "is_part_of", True), "has_part": (ELI + "has_part", True)}
#: Kinds whose labels are also their ``eli:title`` (a law, its language versions, its articles).
ELI_TITLED = frozenset({"NationalLaw", "LawExpression", "Provision"})
#: A statement of a document's graph: every subject and predicate is an IRI.
Statement = tuple[NamedNode, NamedNode, NamedNode | Literal]


def int_literal(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD_INT)


class DocumentGraphBuilder:
    def __init__(self, iris: Iris) -> None:
        self.iris = iris
        self.v: Callable[[str], NamedNode] = lambda local: NamedNode(iris.vocab(local))

    def predicate(self, local: str) -> NamedNode:
        return NamedNode(REUSED[local]) if local in REUSED else self.v(local)

    def quads(self, doc: ExtractedDocument) -> list[Quad]:
        """All quads of the document's graph. Pure and deterministic."""
        g = NamedNode(self.iris.document_graph(doc.raw.content_id))
        return [Quad(s, p, o, g) for s, p, o in self._triples(doc)]

    def _triples(self, doc: ExtractedDocument) -> Iterator[Statement]:
        v, a = self.v, NamedNode(RDF + "type")
        cid = doc.raw.content_id
        d = NamedNode(self.iris.document(cid))
        yield d, a, v("Document")
        yield d, NamedNode(DCTERMS + "title"), Literal(doc.title)
        yield d, v("source"), Literal(doc.raw.source)
        yield d, v("sourcePath"), Literal(doc.raw.path)
        yield d, v("contentHash"), Literal(doc.raw.content_hash)
        yield d, v("documentType"), Literal(doc.kind)
        yield d, NamedNode(DCTERMS + "language"), Literal(doc.language)
        yield d, NamedNode(DCTERMS + "format"), Literal(doc.raw.media_type)
        if doc.header is not None and doc.header.year:
            yield d, v("year"), int_literal(doc.header.year)
        for iri in doc.about:
            yield d, v("about"), NamedNode(iri)
        for entity in doc.entities:
            yield from self._entity(entity, d)
        passages = []
        for n, (segment, mentions) in enumerate(zip(doc.segments, doc.mentions)):
            p = NamedNode(self.iris.passage(cid, n))
            passages.append(p)
            yield p, a, v("Passage")
            yield p, v("partOf"), d
            yield p, v("text"), Literal(doc.raw.text[segment.start:segment.end])
            yield p, v("start"), int_literal(segment.start)
            yield p, v("end"), int_literal(segment.end)
            yield p, v("position"), int_literal(n)
            yield p, v("section"), Literal(segment.kind if segment.label is None else f"{segment.kind} {segment.label}")
            for iri in dict.fromkeys(m.iri for m in mentions):
                yield p, v("mentions"), NamedNode(iri)
        starts = [s.start for s in doc.segments]
        yield from self._provision_passages(doc, passages, starts)
        for n, fact in enumerate(doc.facts):
            yield from self._fact(fact, n, cid, passages, starts)

    def _provision_passages(self, doc: ExtractedDocument, passages: list[NamedNode],
                            starts: list[int]) -> Iterator[Statement]:
        """Each passage that holds a provision's text (a law's article) names it: ``pkg:provision``."""
        for e in doc.entities:
            if e.kind != "Provision":
                continue
            i = bisect.bisect_left(starts, e.start)
            while i < len(passages) and doc.segments[i].start < e.end:
                yield passages[i], self.v("provision"), NamedNode(e.iri)
                i += 1

    def _entity(self, e: NewEntity, document: NamedNode) -> Iterator[Statement]:
        v, node = self.v, NamedNode(e.iri)
        local, reused = KIND_TYPES.get(e.kind, (e.kind, None))
        yield node, NamedNode(RDF + "type"), v(local)
        if local in PARENT_TYPES:
            yield node, NamedNode(RDF + "type"), v(PARENT_TYPES[local])
        if reused:
            yield node, NamedNode(RDF + "type"), NamedNode(reused)
        for text, lang in e.labels:
            if text:
                yield node, NamedNode(RDFS + "label"), Literal(text, language=lang) if lang else Literal(text)
                if e.kind in ELI_TITLED:
                    yield node, NamedNode(ELI + "title"), Literal(text, language=lang) if lang else Literal(text)
        if e.acronym:
            yield node, v("acronym"), Literal(e.acronym)
        for key, value in e.extra:
            if key in ("number", "year", "startYear", "endYear"):
                yield node, v(key), int_literal(int(value))
            elif key == "date":
                yield node, NamedNode(ELI + "date_document"), Literal(str(value), datatype=XSD_DATE)
            elif key == "issuedBy":
                yield node, v("issuedBy"), NamedNode(str(value))
            elif key in ELI_FIELDS:
                prop, is_iri = ELI_FIELDS[key]
                yield node, NamedNode(prop), NamedNode(str(value)) if is_iri else Literal(str(value))
            elif key == "language":
                yield node, NamedNode(DCTERMS + "language"), Literal(str(value))
            elif key == "source":  # the page a catalog record was read from: a string, as catalogs write it
                yield node, NamedNode(DCTERMS + "source"), Literal(str(value))
            else:
                yield node, v(key), Literal(str(value))
        yield node, NamedNode(PROV + "wasDerivedFrom"), document

    def _fact(self, f: Fact, n: int, cid: str, passages: list[NamedNode],
              starts: list[int]) -> Iterator[Statement]:
        v = self.v
        s, p = NamedNode(f.subject), self.predicate(f.predicate)
        o: NamedNode | Literal = NamedNode(f.object) if f.object is not None else (
            int_literal(int(f.literal)) if isinstance(f.literal, int) else Literal(str(f.literal)))
        if f.confidence >= ASSERT_THRESHOLD:
            yield s, p, o
        st = NamedNode(self.iris.statement(cid, n))
        yield st, NamedNode(RDF + "type"), v("QualifiedStatement")
        yield st, NamedNode(RDF + "subject"), s
        yield st, NamedNode(RDF + "predicate"), p
        yield st, NamedNode(RDF + "object"), o
        yield st, v("confidence"), Literal(f"{f.confidence:.2f}", datatype=XSD_DEC)
        yield st, v("asserted"), Literal("true" if f.confidence >= ASSERT_THRESHOLD else "false",
                                         datatype=NamedNode(XSD + "boolean"))
        i = bisect.bisect_right(starts, f.start) - 1
        if 0 <= i < len(passages):
            yield st, NamedNode(PROV + "wasDerivedFrom"), passages[i]
        selector = NamedNode(self.iris.statement(cid, n) + "#selector")
        yield st, NamedNode(OA + "hasSelector"), selector
        yield selector, NamedNode(RDF + "type"), NamedNode(OA + "TextPositionSelector")
        yield selector, NamedNode(OA + "start"), int_literal(f.start)
        yield selector, NamedNode(OA + "end"), int_literal(f.end)
        if f.note:
            yield st, NamedNode(RDFS + "comment"), Literal(f.note)
