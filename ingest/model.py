"""What the ingest steps pass to each other: plain frozen records with character spans.

Every span is a half-open ``[start, end)`` range of character offsets into the
document's text as read (after reading, before anything else changes it), so any
extracted fact can be traced back to the exact passage and characters it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Segment:
    """A passage-to-be: a contiguous piece of the document text with its role.

    ``kind`` is one of ``header``, ``preamble``, ``operative``, ``footer`` (resolutions)
    or ``title``, ``fields``, ``summary``, ``objectives``, ``results``, ``background``,
    ``other`` (program sheets). ``label`` is e.g. the operative paragraph number.
    ``block`` groups the segments of one program when a file holds several.
    """

    kind: str
    start: int
    end: int
    label: str | None = None
    block: int = 0


@dataclass(frozen=True)
class InstrumentRef:
    """A reference to a legal instrument found in text.

    ``body`` is ``unsc`` (UN Security Council resolution), ``oas-ag`` (OAS General
    Assembly resolution) or ``named`` (a convention, strategy or declaration known by
    name; then ``name`` holds its canonical name and ``number`` is 0).
    """

    body: str
    number: int
    year: int | None
    start: int
    end: int
    session: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class ResolutionHeader:
    """A resolution's own identity, read from its first lines."""

    number: int
    year: int | None
    date: str | None  # ISO 8601 date of adoption when the header gives it
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A piece of text resolved to one canonical entity IRI."""

    iri: str
    kind: str  # State | Organization | Program | LegalInstrument | Theme
    start: int
    end: int
    text: str
    source: str = "gazetteer"  # gazetteer | rule | ner


@dataclass(frozen=True)
class Fact:
    """One extracted statement ``subject predicate object`` with its evidence span.

    ``predicate`` is a local name of our vocabulary (``beneficiary``, ``fundedBy``,
    ``partner``, ``implementedBy``, ``mandatedBy``, ``implements``, ``cites``,
    ``location``, ``hasTheme``, ``startYear``, ``endYear``, ``issuedBy``...).
    ``literal`` is set instead of ``object`` for data values (years, dates).
    A confidence under 1.0 means the text does not state it for certain; such facts are
    recorded as qualified statements only, never as plain triples.
    """

    subject: str
    predicate: str
    object: str | None
    start: int
    end: int
    confidence: float = 1.0
    literal: str | int | None = None
    note: str | None = None


@dataclass(frozen=True)
class NewEntity:
    """An entity a document introduces (a program, a partner the gazetteer did not know)."""

    iri: str
    kind: str  # Program | Organization | LegalInstrument | Theme
    labels: tuple[tuple[str, str], ...]  # (text, language) pairs
    acronym: str | None = None
    start: int = 0
    end: int = 0
    extra: tuple[tuple[str, str | int], ...] = field(default_factory=tuple)
