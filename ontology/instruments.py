"""Reference data about legal instruments known by name, read from ``instruments.ttl``.

The Turtle file is the data of record (it is also loaded as the ``instruments`` reference
graph); this module reads it once into plain records for the rules that find instruments in
text (:mod:`ingest.instrument_tables`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from ontology.namespaces import DCTERMS, DEFAULT_BASE, RDFS, SKOS

HERE = Path(__file__).resolve().parent
_PKG = DEFAULT_BASE + "ontology#"
_INSTRUMENT = DEFAULT_BASE + "id/instrument/"
_ORG = DEFAULT_BASE + "id/org/"
#: Kinds that are binding agreements between states (typed pkg:Treaty); the rest are pkg:LegalInstrument.
TREATY_KINDS = frozenset({"treaty", "convention", "protocol", "amendment"})


@dataclass(frozen=True)
class InstrumentRecord:
    """One named instrument: its slug (``Iris.instrument(slug)``), kind, year and names."""

    slug: str
    kind: str  # treaty | convention | protocol | amendment | recommendation | strategy | declaration | plan | ...
    year: int | None
    labels: tuple[tuple[str, str], ...]  # (official title, lang), English first
    aliases: tuple[tuple[str, str], ...]  # (short title or variant, lang)
    acronyms: tuple[str, ...]
    issued_by: str | None  # the slug of the adopting organ (``Iris.org``)

    def label(self, lang: str = "en") -> str:
        """The official title in *lang*, else the English one."""
        return next((text for text, lang_ in self.labels if lang_ == lang), self.labels[0][0])

    @property
    def is_treaty(self) -> bool:
        return self.kind in TREATY_KINDS


@cache
def load_instruments() -> tuple[InstrumentRecord, ...]:
    """Every instrument of ``instruments.ttl``, in file order. Cost: ~20 ms, cached.

    >>> by_slug = {i.slug: i for i in load_instruments()}
    >>> cifta = by_slug["inter-american-convention-against-the-illicit-manufacturing-of-and-trafficking-in-"
    ...                 "firearms-ammunition-explosives-and-other-related-materials"]
    >>> cifta.acronyms, cifta.year, cifta.kind, cifta.is_treaty
    (('CIFTA',), 1997, 'convention', True)
    >>> by_slug["fatf-recommendations"].label("es")
    'Recomendaciones del GAFI'
    """
    fields: dict[str, dict[str, list[object]]] = {}
    with open(HERE / "instruments.ttl", "rb") as f:
        for triple in parse(f, format=RdfFormat.TURTLE):
            subject = triple.subject
            if not isinstance(subject, NamedNode) or not subject.value.startswith(_INSTRUMENT):
                continue
            node = fields.setdefault(subject.value, {})
            node.setdefault(triple.predicate.value, []).append(triple.object)
    return tuple(_record(iri, node) for iri, node in fields.items())


def _record(iri: str, node: dict[str, list[object]]) -> InstrumentRecord:
    def literals(predicate: str) -> list[Literal]:
        return [o for o in node.get(predicate, []) if isinstance(o, Literal)]

    labels = [(o.value, o.language or "") for o in literals(RDFS + "label")]
    labels.sort(key=lambda label: label[1] != "en")
    kind = next((o.value for o in literals(DCTERMS + "type")), "instrument")
    year = next((int(o.value) for o in literals(_PKG + "year")), None)
    issuer = next((o.value.removeprefix(_ORG) for o in node.get(_PKG + "issuedBy", []) if isinstance(o, NamedNode)),
                  None)
    if not labels or labels[0][1] != "en":
        raise ValueError(f"{iri}: an instrument needs an English rdfs:label")
    return InstrumentRecord(
        slug=iri.removeprefix(_INSTRUMENT), kind=kind, year=year, labels=tuple(labels),
        aliases=tuple((o.value, o.language or "") for o in literals(SKOS + "altLabel")),
        acronyms=tuple(o.value for o in literals(_PKG + "acronym")), issued_by=issuer)
