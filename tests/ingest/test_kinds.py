"""ingest.kinds: every registered kind keeps the protocol, and detection picks the right kind."""

from __future__ import annotations

import hashlib
import inspect
import pkgutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

import ingest.kinds
from ingest.extract import Extractor
from ingest.gazetteer import Entry, Gazetteer
from ingest.kinds import FALLBACK, KINDS, MIN_CONFIDENCE, DocumentKind, KindFindings, detect_kind
from ingest.model import Fact, NewEntity, ResolutionHeader, Segment
from ingest.read import RawDocument
from ontology.iri import Iris
from tests.conftest import SAMPLE, shared_or_skip

IRIS = Iris("https://policykg.org/")
RESOLUTION_TEXT = ("RESOLUTION 1540 (2004)\nAdopted by the Security Council at its 4956th meeting, on 28 April 2004\n\n"
                   "The Security Council,\n\nAffirming that proliferation of nuclear weapons constitutes a threat,\n\n"
                   "1. Decides that all States shall refrain from providing any form of support;\n")
PLAIN_TEXT = ("Minutes of the meeting.\n\nThe delegates of Canada and Mexico discussed border controls and agreed "
              "to meet again next year.\n")
PROTOCOL_METHODS = ("detect", "segment", "header", "extract")


def kinds_by_name() -> dict[str, DocumentKind]:
    return {kind.name: kind for kind in KINDS}


# --- the table ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_keeps_the_protocol(kind: DocumentKind) -> None:
    assert isinstance(kind, DocumentKind)
    assert isinstance(kind.name, str) and kind.name
    for method in PROTOCOL_METHODS:
        expected = inspect.signature(getattr(DocumentKind, method))
        actual = inspect.signature(getattr(type(kind), method))
        assert [(p.name, p.kind) for p in actual.parameters.values()] == \
            [(p.name, p.kind) for p in expected.parameters.values()], f"{kind.name}.{method}"


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
@pytest.mark.parametrize("text", [RESOLUTION_TEXT, PLAIN_TEXT, (SAMPLE / "pacam.txt").read_text(encoding="utf-8")],
                         ids=["resolution", "plain", "sheet"])
def test_every_kind_answers_every_text(kind: DocumentKind, text: str) -> None:
    """A confidence in [0, 1] for any text; passages that are exact, trimmed, sorted and disjoint."""
    confidence = kind.detect(text, filename="x.txt")
    assert isinstance(confidence, float) and 0.0 <= confidence <= 1.0
    segments = kind.segment(text)
    assert segments and all(isinstance(s, Segment) for s in segments)
    assert all(text[s.start:s.end] == text[s.start:s.end].strip() and s.end > s.start for s in segments)
    assert all(a.end <= b.start for a, b in zip(segments, segments[1:]))
    header = kind.header(text)
    assert header is None or isinstance(header, ResolutionHeader)


def test_names_are_unique_and_the_fallback_is_registered_and_claims_nothing() -> None:
    assert len(kinds_by_name()) == len(KINDS)
    assert set(kinds_by_name()) == {"resolution", "program-sheet", "law", "practice", "other"}
    assert FALLBACK in KINDS and FALLBACK.name == "other"
    assert FALLBACK.detect(RESOLUTION_TEXT, filename="") == FALLBACK.detect(PLAIN_TEXT, filename="") == 0.0


def test_every_kind_package_is_in_the_table() -> None:
    """A new kind is one package under ingest/kinds/ and one row in KINDS: a package left out is an error."""
    packages = [m.name for m in pkgutil.iter_modules(ingest.kinds.__path__) if m.ispkg]
    registered = {type(kind).__module__ for kind in KINDS}
    assert sorted(f"ingest.kinds.{p}" for p in packages) == sorted(registered)


# --- detection ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    (RESOLUTION_TEXT, "resolution"),
    ("Resolution 290\nof 8 December 1970\n\nRecalling its resolution 270,\n", "resolution"),
    ("PROGRAM SUMMARY\nOBJECTIVES\nDonor Countries\nLink to web page\n", "program-sheet"),
    (PLAIN_TEXT, "other"),
    ("", "other"),
])
def test_detection_picks_the_kind(text: str, expected: str) -> None:
    assert detect_kind(text, filename="x.txt").name == expected


@pytest.mark.parametrize("path", sorted(SAMPLE.glob("*.txt")), ids=lambda p: p.name)
def test_every_bundled_sample_is_a_program_sheet(path: Path) -> None:
    assert detect_kind(path.read_text(encoding="utf-8"), filename=path.name).name == "program-sheet"


@pytest.mark.parametrize(("folder", "expected", "every"), [
    (("corpus", "unsc-resolutions"), "resolution", 7),
    (("corpus", "oas-programs"), "program-sheet", 1),
    (("corpus", "laws"), "law", 1),
])
def test_the_shared_corpus_is_detected_by_folder(folder: tuple[str, ...], expected: str, every: int) -> None:
    files = sorted(shared_or_skip(*folder).rglob("*.txt"))[::every]
    assert files
    wrong = [p.name for p in files if detect_kind(p.read_text(encoding="utf-8"), filename=p.name).name != expected]
    assert wrong == []


@dataclass(frozen=True)
class Sure:
    """A kind that claims every text with a fixed confidence."""

    name: str
    confidence: float

    def detect(self, text: str, *, filename: str) -> float:
        return self.confidence

    def segment(self, text: str) -> list[Segment]:
        return [Segment("other", 0, len(text))]

    def header(self, text: str) -> ResolutionHeader | None:
        return None

    def extract(self, text: str, segments: Sequence[Segment], *, language: str, gazetteer: Gazetteer,
                iris: Iris) -> KindFindings:
        return KindFindings()


@pytest.mark.parametrize(("scores", "expected"), [
    ((0.9, 0.8), "a"),
    ((0.6, 0.95), "b"),
    ((0.8, 0.8), "other"),  # a tie: neither is surer
    ((MIN_CONFIDENCE - 0.01, 0.0), "other"),  # nobody confident
    ((MIN_CONFIDENCE, 0.0), "a"),
])
def test_the_most_confident_kind_wins_and_doubt_goes_to_the_fallback(scores: tuple[float, float],
                                                                      expected: str) -> None:
    kinds = (Sure("a", scores[0]), Sure("b", scores[1]), FALLBACK)
    assert detect_kind("any text", kinds=kinds).name == expected


# --- a kind plugs into the extractor --------------------------------------------------------------

@dataclass(frozen=True)
class Memo:
    """A made-up kind: one passage, the memo itself as a legal instrument, one fact about it."""

    name: str = "memo"

    def detect(self, text: str, *, filename: str) -> float:
        return 1.0 if text.startswith("MEMO") else 0.0

    def segment(self, text: str) -> list[Segment]:
        return [Segment("body", 0, len(text.rstrip()))]

    def header(self, text: str) -> ResolutionHeader | None:
        return None

    def extract(self, text: str, segments: Sequence[Segment], *, language: str, gazetteer: Gazetteer,
                iris: Iris) -> KindFindings:
        memo = iris.instrument("memo-1")
        return KindFindings(title="Memo 1", instrument=memo, about=(memo,),
                            entities=(NewEntity(memo, "LegalInstrument", (("Memo 1", "en"),), None, 0, 4),),
                            facts=(Fact(memo, "issuedBy", iris.org("oas"), 0, 4),))


def test_a_new_kind_plugs_into_the_extractor() -> None:
    text = "MEMO on the work of Canada under resolution 1540 (2004).\n"
    raw = RawDocument("memo", "memo.txt", text, "text/plain", hashlib.sha256(text.encode()).hexdigest())
    memo = Memo()
    assert detect_kind(text, kinds=(*KINDS, memo)) is memo
    gazetteer = Gazetteer([Entry("Canada", IRIS.state("CAN"), "State")])
    doc = Extractor(gazetteer, IRIS, use_ner=False).extract(raw, kind=memo)
    me = IRIS.instrument("memo-1")
    resolution = IRIS.unsc_resolution(1540, 2004)
    assert (doc.kind, doc.title, doc.about) == ("memo", "Memo 1", (me,))
    assert [e.iri for e in doc.entities] == [me, resolution]
    assert [(f.subject, f.predicate, f.object) for f in doc.facts] == [
        (me, "issuedBy", IRIS.org("oas")), (me, "cites", resolution)]  # the memo is an instrument: it cites
    assert {m.iri for m in doc.mentions[0]} == {IRIS.state("CAN"), resolution}
