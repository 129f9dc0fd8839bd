"""Validate step: each document's graph against the SHACL shapes (pyshacl).

A violation is reported with the document it belongs to, and that document is not
stored. Shapes are parsed once; a batch of documents is validated in one pyshacl run
and the violations are mapped back to their documents by focus node.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from pyoxigraph import Quad, Triple

from ontology.iri import Iris
from ontology.reference import rebased_turtle

if TYPE_CHECKING:
    import rdflib


@dataclass(frozen=True)
class Violation:
    document: str  # source name
    focus: str
    path: str | None
    message: str


class ShapeValidator:
    def __init__(self, iris: Iris) -> None:
        self.iris = iris

    @cached_property
    def shapes(self) -> rdflib.Graph:
        import rdflib

        return rdflib.Graph().parse(data=rebased_turtle("shapes", self.iris), format="turtle")

    def validate(self, documents: Mapping[str, Sequence[Quad]]) -> list[Violation]:
        """Violations of every document (source name → its quads); empty when all conform."""
        import rdflib
        from pyshacl import validate

        data = rdflib.Graph()
        owner: dict[str, str] = {}
        lines = []
        for source, quads in documents.items():
            for q in quads:
                lines.append(f"{q.subject} {q.predicate} {q.object} .")
                if not isinstance(q.subject, Triple):  # a quoted triple is never a focus node
                    owner.setdefault(q.subject.value, source)
        if not lines:
            return []
        data.parse(data="\n".join(lines), format="nt")
        conforms, report, _ = validate(data, shacl_graph=self.shapes, inference="none", advanced=False,
                                       allow_warnings=True)
        if conforms:
            return []
        sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
        out = []
        for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
            severity = report.value(result, sh.resultSeverity)
            if severity != sh.Violation:
                continue
            focus = str(report.value(result, sh.focusNode))
            path = report.value(result, sh.resultPath)
            message = str(report.value(result, sh.resultMessage) or "shape violated")
            out.append(Violation(owner.get(focus, "?"), focus, str(path) if path else None, message))
        return out
