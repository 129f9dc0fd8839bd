"""ingest.kinds.resolution: recognising a Security Council resolution, its header, its passages."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import ingest.kinds.resolution.header
import ingest.kinds.resolution.segment
from ingest.kinds.resolution.header import parse_header
from ingest.kinds.resolution.segment import MAX_SEGMENT_CHARS, looks_like_resolution, segment_resolution
from ingest.model import Segment
from tests.conftest import shared_or_skip

#: Files whose text is another resolution's (eval/README.md): the header, not the file name, is the truth.
STORED_TEXT_OF = {"S_RES_0542_1983_EN_GOLD": (538, 1983), "S_RES_0778_1992_EN_GOLD": (773, 1992)}


def corpus_or_skip() -> list[Path]:
    return sorted(shared_or_skip("corpus", "unsc-resolutions").glob("S_RES_*.txt"))


def test_doctests() -> None:
    assert doctest.testmod(ingest.kinds.resolution.segment).failed == 0
    assert doctest.testmod(ingest.kinds.resolution.header).failed == 0


@pytest.mark.parametrize(("text", "expected"), [
    ("Resolution 660 (1990)\nof 2 August 1990\n\nThe Security Council,\n\n1. Condemns x;", True),
    ("5 (1946). Resolution of 8 May 1946\n\nThe Security Council,\n", True),
    ("Resolution 462 (1980)\n\nHaving considered the item,\n\nDecides x.\n\nAdopted at the 2190th meeting.", True),
    ("UNITED NATIONS\n\nS/RES/902 (1994)\n\nRESOLUTION 902 (1994)\n\nAdopted by the Security Council at its"
     " 3347th meeting,\non 11 March 1994\n", True),
    ("PROGRAM SUMMARY\nThe Inter-American Network was created following the Resolution 2866 approved"
     " during the 44th General Assembly of the Organization of American States, held in Paraguay, in 2014.", False),
    ("Through the UNSCR 1540 (2004) Implementation Program, CICTE offers legislative assistance.", False),
    ("", False),
])
def test_looks_like_resolution(text: str, expected: bool) -> None:
    assert looks_like_resolution(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Resolution 660 (1990)\nof 2 August 1990\n\nThe Security Council,", (660, 1990, "1990-08-02")),
    ("RESOLUTION 761 (1992)\n\nAdopted by the Security Council at its 3087th meeting,\non 29 June 1992\n",
     (761, 1992, "1992-06-29")),
    ("RESOLUTION 802 (1993)\n\nAdopted by the Security Council at its\n3163rd meeting, on 25 January 1993\n",
     (802, 1993, "1993-01-25")),
    ("5 (1946). Resolution of 8 May 1946\n\nThe Security Council,", (5, 1946, "1946-05-08")),
    ("MILITARY STAFF COMMITTEE\n\n1 (1946) Resolution of 25 January 1946\n", (1, 1946, "1946-01-25")),
    ("6 (1946). Resolution of 17 May 1946 21\nThe Security Council,", (6, 1946, "1946-05-17")),
    ("Resolution 892 (1993) of 22 December 1993\n\nThe Security Council,", (892, 1993, "1993-12-22")),
    # year lost or garbled in the title: the adoption date decides
    ("Resolution 290\nof 8 December 1970\n\nThe Security Council,", (290, 1970, "1970-12-08")),
    ("Resolution 361 (197-4)\nof 30 August 1974\n", (361, 1974, "1974-08-30")),
    ("Resolution 434 (1973)\nof 18 September 1978\n", (434, 1978, "1978-09-18")),
    # date line damaged: what can be read is kept
    ("Resolution 206 (1965)\nef 15 June 1965\n", (206, 1965, "1965-06-15")),
    ("Resolution 464 (1980)\nOf 19 February 1980\n", (464, 1980, "1980-02-19")),
    ("Resolution 705 (1991)\nof 15 August. 1991\n", (705, 1991, "1991-08-15")),
    ("RESOLUTION 856 (1993)\n\nAdopted by the Security Council at its 3263rd meeting,\non 10 Auqust 1993\n",
     (856, 1993, "1993-08-10")),
    ("RESOLUTION 801 (1993)\n\nAdopted by the Security Council at its 3158th meeting, on January 1993\n",
     (801, 1993, None)),
    ("Resolution 883 (1993)\n11 November 1993\n\nThe Security Council,", (883, 1993, "1993-11-11")),
    ("Resolution 462 (1980) \n\nHaving considered the item on the agenda,", (462, 1980, None)),
    # masthead and stray text before the title
    ("United Nations S/RES/1445 (2002)\n\nSecurity Council Distr.: General\n4 December 2002\n\n\n"
     "Resolution 1445 (2002)\n\nAdopted by the Security Council at its 4653rd meeting,\non 4 December 2002\n",
     (1445, 2002, "2002-12-04")),
    ("peace talks with a view to the Peace Accords.\n\nAt its 3254th meeting, on 15 July 1993, the Council"
     " decided to invite Angola.\n\nResolution 851 (1993)\nof 15 July 1993\n\nThe Security Council,",
     (851, 1993, "1993-07-15")),
    # not a header
    ("Resolution 290\n\nThe Security Council,", None),
    ("The Inter-American Network was created following the\nResolution 2866 approved during the 44th"
     " General Assembly", None),
    ("No title at all.\n", None),
])
def test_parse_header(text: str, expected: tuple[int, int, str | None] | None) -> None:
    header = parse_header(text)
    got = None if header is None else (header.number, header.year, header.date)
    assert got == expected


@pytest.mark.parametrize(("text", "span"), [
    ("Resolution 660 (1990)\nof 2 August 1990\n\nThe Security Council,", "Resolution 660 (1990)\nof 2 August 1990"),
    ("  RESOLUTION 761 (1992)\n\nAdopted by the Security Council at its 3087th meeting,\non 29 June 1992\n\nThe",
     "RESOLUTION 761 (1992)\n\nAdopted by the Security Council at its 3087th meeting,\non 29 June 1992"),
    ("5 (1946). Resolution of 8 May 1946\n\nThe Security Council,", "5 (1946). Resolution of 8 May 1946"),
])
def test_parse_header_span(text: str, span: str) -> None:
    header = parse_header(text)
    assert header is not None and text[header.start:header.end] == span


BASIC = """Resolution 660 (1990)
of 2 August 1990

The Security Council,

Alarmed by the invasion of Kuwait,

Acting under Articles 39 and 40 of the Charter,

1. Condemns the invasion;

2. Demands that Iraq:

(a) Withdraw immediately;

(b) Release all nationals;

3. Decides to remain seized of the matter.

Adopted at the 2932nd meeting
by 14 votes to none.

4 Ibid., document S/21470.
"""
NO_BLANKS = """Resolution 546 (1984)
of 6 January 1984

The Security Council,

Recalling its resolutions 387 (1976) and 545 (1983),
Gravely concerned at the escalation,
Conscious of the need to act,

1. Condemns South Africa;

2. Demands withdrawal from Angola:
3. Calls upon all States to implement the embargo;

4. Requests a report;

S. Decides to remain seized of the matter.
"""
UNNUMBERED = """5 (1946). Resolution of 8 May 1946

The Security Council,

Having considered the statement,

Resolves:

To defer further proceedings;

To request a report.

Adopted at the 40th meeting.
"""
SINGLE = """14 (1946). Resolution of 16 December 1946

As the General Assembly has decided the terms of office, the Security Council resolves that rule 14 applies.

Adopted at the 84th meeting.
"""
PAGE_BREAK = """RESOLUTION 902 (1994)

Adopted by the Security Council at its 3347th meeting,
on 11 March 1994

The Security Council,

Recalling its resolutions,

3. Welcomes the discussions that should

1/ S/1994/262.

94-12513 (E)
S/RES/902 (1994)
Page 2

facilitate agreement;

4. Requests a report.
"""
PARTS = """161 (1961). Resolution of 21 February 1961
[S/4741]

A

The Security Council,
Having considered the situation,

1. Urges measures;

B

The Security Council,

Gravely concerned,

1. Urges the convening of Parliament;
"""


@pytest.mark.parametrize(("text", "expected"), [
    (BASIC, [
        ("header", None, "Resolution 660 (1990)\nof 2 August 1990"),
        ("preamble", None, "The Security Council,\n\nAlarmed by the invasion of Kuwait,"),
        ("preamble", None, "Acting under Articles 39 and 40 of the Charter,"),
        ("operative", "1", "1. Condemns the invasion;"),
        ("operative", "2", "2. Demands that Iraq:\n\n(a) Withdraw immediately;\n\n(b) Release all nationals;"),
        ("operative", "3", "3. Decides to remain seized of the matter."),
        ("footer", "adopted", "Adopted at the 2932nd meeting\nby 14 votes to none."),
        ("footer", "note 4", "4 Ibid., document S/21470."),
    ]),
    (NO_BLANKS, [
        ("header", None, "Resolution 546 (1984)\nof 6 January 1984"),
        ("preamble", None, "The Security Council,\n\nRecalling its resolutions 387 (1976) and 545 (1983),"),
        ("preamble", None, "Gravely concerned at the escalation,"),
        ("preamble", None, "Conscious of the need to act,"),
        ("operative", "1", "1. Condemns South Africa;"),
        ("operative", "2", "2. Demands withdrawal from Angola:"),
        ("operative", "3", "3. Calls upon all States to implement the embargo;"),
        ("operative", "4", "4. Requests a report;"),
        ("operative", "5", "S. Decides to remain seized of the matter."),
    ]),
    (UNNUMBERED, [
        ("header", None, "5 (1946). Resolution of 8 May 1946"),
        ("preamble", None, "The Security Council,\n\nHaving considered the statement,"),
        ("operative", None, "Resolves:\n\nTo defer further proceedings;"),
        ("operative", None, "To request a report."),
        ("footer", "adopted", "Adopted at the 40th meeting."),
    ]),
    (SINGLE, [
        ("header", None, "14 (1946). Resolution of 16 December 1946"),
        ("operative", None, "As the General Assembly has decided the terms of office, the Security Council"
                            " resolves that rule 14 applies."),
        ("footer", "adopted", "Adopted at the 84th meeting."),
    ]),
    (PAGE_BREAK, [
        ("header", None, "RESOLUTION 902 (1994)\n\nAdopted by the Security Council at its 3347th meeting,\n"
                         "on 11 March 1994"),
        ("preamble", None, "The Security Council,\n\nRecalling its resolutions,"),
        ("operative", "3", "3. Welcomes the discussions that should"),
        ("footer", "note 1", "1/ S/1994/262."),
        ("operative", "3", "facilitate agreement;"),
        ("operative", "4", "4. Requests a report."),
    ]),
    (PARTS, [
        ("header", None, "161 (1961). Resolution of 21 February 1961\n[S/4741]"),
        ("preamble", None, "The Security Council,\nHaving considered the situation,"),
        ("operative", "1", "1. Urges measures;"),
        ("preamble", None, "The Security Council,\n\nGravely concerned,"),
        ("operative", "1", "1. Urges the convening of Parliament;"),
    ]),
])
def test_segment_resolution(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert [(s.kind, s.label, text[s.start:s.end]) for s in segment_resolution(text)] == expected


def test_long_paragraph_is_split_at_sentences() -> None:
    sentence = "The Council notes that the parties have agreed to the terms set out in the annex. "
    text = "Resolution 1 (1946)\nof 1 May 1946\n\n1. Decides that " + sentence * 40 + "\n"
    pieces = [s for s in segment_resolution(text) if s.kind == "operative"]
    assert len(pieces) >= 3
    assert all(s.label == "1" and s.end - s.start <= MAX_SEGMENT_CHARS for s in pieces)
    assert all(text[s.end - 1] == "." for s in pieces)  # cut after a sentence, not inside one
    covered = "".join(text[s.start:s.end] for s in pieces)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text[text.index("1. Decides"):])


def test_body_without_structure_still_yields_a_segment() -> None:
    text = "Resolution 9 (1946)\nof 15 October 1946\n\nthe Council decides nothing in particular"
    kinds = [s.kind for s in segment_resolution(text)]
    assert kinds == ["header", "operative"]


def _check_invariants(text: str, segments: list[Segment]) -> None:
    end = 0
    for s in segments:
        assert end <= s.start < s.end <= len(text)
        passage = text[s.start:s.end]
        assert passage == passage.strip()
        assert s.end - s.start <= MAX_SEGMENT_CHARS
        end = s.end
    kinds = {s.kind for s in segments}
    assert kinds <= {"header", "preamble", "operative", "footer"}
    assert "header" in kinds and "operative" in kinds


def test_corpus_segments_are_well_formed() -> None:
    for path in corpus_or_skip():
        text = path.read_text(encoding="utf-8")
        _check_invariants(text, segment_resolution(text))


def test_corpus_numbered_paragraphs_follow_the_numbering() -> None:
    """Operative labels of a file run 1, 2, 3 ... (restarting at 1 for a part B or an annex)."""
    broken = []
    files = corpus_or_skip()
    for path in files:
        text = path.read_text(encoding="utf-8")
        labels: list[int] = []
        for s in segment_resolution(text):
            if s.kind == "operative" and s.label and s.label.isdigit() and (not labels or labels[-1] != int(s.label)):
                labels.append(int(s.label))
        if any(b not in (a + 1, 1) for a, b in zip(labels, labels[1:])):
            broken.append(path.stem)
    assert len(broken) <= 0.02 * len(files), broken  # gaps come from numbers OCR destroyed


def test_corpus_header_accuracy() -> None:
    """Number and year from the text alone agree with the file name for at least 98% of files."""
    files = corpus_or_skip()
    wrong = []
    for path in files:
        header = parse_header(path.read_text(encoding="utf-8"))
        _, _, number, year = path.stem.split("_")[:4]
        expected = STORED_TEXT_OF.get(path.stem, (int(number), int(year)))
        if header is None or (header.number, header.year) != expected:
            wrong.append(path.stem)
    assert all(stem not in wrong for stem in STORED_TEXT_OF)
    assert len(files) - len(wrong) >= 0.98 * len(files), wrong


def test_corpus_recognised_as_resolutions() -> None:
    files = corpus_or_skip()
    assert all(looks_like_resolution(p.read_text(encoding="utf-8")) for p in files)
    sheets = sorted(shared_or_skip("corpus", "oas-programs").rglob("*.txt"))
    assert not any(looks_like_resolution(p.read_text(encoding="utf-8")) for p in sheets)
