"""What a document kind is: recognise a text (with a confidence), cut it into passages, read what only it states.

The pipeline knows kinds only through this protocol and the registry in :mod:`ingest.kinds`;
what every kind shares (language, instrument references, gazetteer and NER mentions, program
themes) stays in :class:`ingest.extract.Extractor`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ingest.gazetteer import Gazetteer
from ingest.model import Fact, Mention, NewEntity, ResolutionHeader, Segment
from ontology.iri import Iris


@dataclass(frozen=True)
class KindFindings:
    """What a kind reads from a document beyond what every document gets.

    ``about`` lists, in order and with repeats, the IRIs the document expresses (the
    resolution itself; one program per block of a sheet, so ``about[block]`` is that block's
    program). ``instrument`` is set when the document *is* a legal instrument: every
    instrument it references is then one it cites. ``header`` is its own identity as an
    instrument, when the kind reads one. ``mentions`` are what only the kind knows a passage
    names (the catalog record a field passage was read from); the extractor adds them to the
    mentions every passage gets. ``provisions`` are ``(start, end, IRI)`` of the instrument's own
    sub-resources (a law's articles): a reference inside one is cited by it too. ``implementing``
    are the spans in which the text says the instrument implements what it names there.
    """

    header: ResolutionHeader | None = None
    title: str | None = None
    instrument: str | None = None
    about: tuple[str, ...] = ()
    entities: tuple[NewEntity, ...] = ()
    facts: tuple[Fact, ...] = ()
    mentions: tuple[Mention, ...] = ()
    provisions: tuple[tuple[int, int, str], ...] = ()
    implementing: tuple[tuple[int, int], ...] = ()


@runtime_checkable
class DocumentKind(Protocol):
    """One kind of document (resolution, program sheet, ...): one package under ``ingest/kinds/``."""

    @property
    def name(self) -> str:
        """Recorded as the document's ``pkg:documentType`` and offered as a search filter."""
        ...

    def detect(self, text: str, *, filename: str) -> float:
        """Confidence, from 0 to 1, that ``text`` (read from a file named ``filename``) is of this kind.

        Pure and cheap: every kind is asked about every document.
        """
        ...

    def segment(self, text: str) -> list[Segment]:
        """The passages of ``text``: exact spans, trimmed, sorted, not overlapping. Pure."""
        ...

    def header(self, text: str) -> ResolutionHeader | None:
        """The document's own number, year and date as an instrument, when this kind reads one. Pure."""
        ...

    def extract(self, text: str, segments: Sequence[Segment], *, language: str, gazetteer: Gazetteer,
                iris: Iris) -> KindFindings:
        """What only this kind reads from ``text`` cut into ``segments``; spans are offsets into ``text``."""
        ...
