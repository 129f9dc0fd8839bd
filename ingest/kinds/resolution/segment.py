"""UN Security Council resolution texts: recognise them, read their header, cut passages.

Pure functions over the text as read (no file names, no I/O):

* :func:`resolution_confidence` / :func:`looks_like_resolution` — is this a Security Council
  resolution, and how surely?
* :func:`~ingest.kinds.resolution.header.parse_header` — the resolution's own number, year and
  adoption date.
* :func:`segment_resolution` — header / preamble / operative / footer passages with exact
  character spans.

The texts are OCR'd print editions, so every rule tolerates the usual damage: years lost
or garbled in the title, ``S.`` for ``5.``, missing blank lines between paragraphs,
page furniture (``S/RES/902 (1994)``, ``Page 2``, ``94-12513 (E)``) and footnotes in the
middle of a paragraph. Cost is linear in the text length; no regex is compiled per call.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ingest.kinds.resolution.header import (
    _HEADER_SEARCH_CHARS,
    _MONTH,
    _SP,
    _ocr_int,
    parse_header,
)
from ingest.model import Segment
from ingest.spans import trim_span as _strip_span

__all__ = ["looks_like_resolution", "resolution_confidence", "segment_resolution", "MAX_SEGMENT_CHARS"]

MAX_SEGMENT_CHARS = 1200
"""Segments longer than this are cut at sentence or line boundaries."""

_COUNCIL_OR_ADOPTED_RE = re.compile(rf"Security Council|^{_SP}*A[dp]{{1,2}}[oa]pted\b", re.M)
_COUNCIL_LINE_RE = re.compile(rf"^{_SP}*The Security Council\b{_SP}*[,:;]?{_SP}*$", re.M)

# --- line classes used by the segmenter -------------------------------------------------
_FURNITURE_RE = re.compile(  # page heads and feet, masthead lines, document symbols
    rf"^{_SP}*(?:S/RES/\d+{_SP}*\(\d{{4}}\)|Page{_SP}+\d+|\d{{2}}-\d{{4,6}}{_SP}*\([A-Z]\).*|/\.\.\.|Distr\.?.*"
    rf"|GENERAL|UNITED NATIONS|United Nations(?:{_SP}+S/RES/\S+{_SP}*\(\d{{4}}\))?|Security Council(?:{_SP}+Distr.*)?"
    rf"|S|[\[(]?S/[\w./-]+(?:{_SP}+(?:and|\+){_SP}+[\w./ -]+)?[\])}}]?){_SP}*$")
_PART_RE = re.compile(rf"^{_SP}*(?:[A-H]|[IVX]{{1,4}}|Part{_SP}+[A-Z0-9]+)\.?{_SP}*$")
_ANNEX_RE = re.compile(rf"^{_SP}*(?P<annex>(?:ANNEX|Annex)(?:{_SP}+[A-Z0-9]{{1,4}})?)\.?{_SP}*$")
_LONE_NUMBER_RE = re.compile(rf"^{_SP}*\d{{1,3}}{_SP}*$")  # page number or stray footnote mark
_ADOPTED_RE = re.compile(rf"^{_SP}*A[dp]{{1,2}}[oa]pted\b")  # "Adapted unanimously" is OCR for it
_FOOTNOTE_RE = re.compile(rf"^{_SP}*\d{{1,3}}(?:/|{_SP}){_SP}*(?!{_MONTH}\b)[A-Z\"“(*]")
_NUMBERED_RE = re.compile(  # "12. Decides", "S. Decides", "4, Calls", "2 Requests", "6.Calls"
    rf"^{_SP}*(?P<num>[\dSIlOZ]{{1,3}})(?P<sep>{_SP}*\.{_SP}*|{_SP}*,{_SP}+|{_SP}+)"
    r"(?=[\"“‘'(|~—–-]|[A-Za-z][a-z])")
_VERBISH_RE = re.compile(rf"(?:[A-Z][a-z]+{_SP}+[a-z]+s|[A-Z][a-z]+s)\b")
_PARA_END_RE = re.compile(rf"[.,;:][\"”’)]?(?:{_SP}*\d{{1,3}})?$")
_OPENER_RE = re.compile(  # a preambular paragraph: "Recalling", "Deeply concerned", "Mindful"
    rf"^{_SP}*(?:(?:[A-Z][a-z]+ly|Further|Also|Again){_SP}+[a-z]{{2,}}(?:ing|ed)\b"
    r"|(?!United\b|Limited\b|Related\b)[A-Z][a-z]{2,}(?:ing|ed)\b"
    r"|(?:Mindful|Aware|Conscious|Cognizant|Anxious|Desirous|Whereas|Considering|Recognizing)\b)")
_OPERATIVE_VERBS = (
    "Accepts", "Acknowledges", "Affirms", "Agrees", "Appeals", "Appoints", "Approves", "Asks",
    "Authorizes", "Calls", "Commends", "Concludes", "Condemns", "Confirms", "Congratulates",
    "Considers", "Decides", "Declares", "Deems", "Demands", "Deplores", "Determines",
    "Directs", "Emphasizes", "Encourages", "Endorses", "Establishes", "Expresses", "Extends",
    "Instructs", "Insists", "Invites", "Notes", "Reaffirms", "Recommends", "Regrets",
    "Reiterates", "Reminds", "Renews", "Requests", "Requires", "Resolves", "Stresses",
    "Supports", "Takes", "Underlines", "Urges", "Warns", "Welcomes")
_OPERATIVE_START_RE = re.compile(  # an unnumbered operative paragraph: "Decides to ...", "Therefore"
    rf"^{_SP}*(?:(?:Now,?{_SP}+)?[Tt]herefore\b|(?:(?:[A-Z][a-z]+ly|Further|Also|Again|Hereby){_SP}+)?(?:"
    + "|".join(v.lower() for v in _OPERATIVE_VERBS) + "|" + "|".join(_OPERATIVE_VERBS) + r")\b)")
_SENTENCE_END_RE = re.compile(rf"[.;:!?][\"”’)]?{_SP}*(?:\n|{_SP}(?=[\"“(A-Z0-9]))|\n{_SP}*\n")
_INTRO_MAX = 80
_INTRO_LINE_RE = re.compile(  # words that open the next paragraph rather than stand alone
    rf"^{_SP}*(?:The Security Council\b.*|[^\d(].{{0,40}}:|(?:Now,?{_SP}+)?[Tt]herefore,?|To this end,?"
    rf"|(?:ANNEX|Annex)\b.{{0,8}}){_SP}*$")


def resolution_confidence(text: str) -> float:
    """How surely *text* reads as a UN Security Council resolution: 1.0, 0.9 or 0.0.

    1.0 for the opening formula "The Security Council," on a line of its own near the start;
    0.9 for a resolution title backed by an adoption date line, a mention of the Security
    Council or an "Adopted at ..." line; 0.0 otherwise. A program sheet that merely cites
    "Resolution 2866" is not one. Pure, O(len(text)).

    >>> resolution_confidence("Resolution 660 (1990)\\nof 2 August 1990\\n\\nThe Security Council,\\n")
    1.0
    >>> resolution_confidence("Resolution 290\\nof 8 December 1970\\n\\nRecalling its resolution 270,")
    0.9
    """
    head = text[:_HEADER_SEARCH_CHARS]
    if _COUNCIL_LINE_RE.search(head):
        return 1.0
    header = parse_header(head)
    if header is not None and (header.date is not None or _COUNCIL_OR_ADOPTED_RE.search(text) is not None):
        return 0.9
    return 0.0


def looks_like_resolution(text: str) -> bool:
    """True when *text* reads as a UN Security Council resolution (see :func:`resolution_confidence`).

    >>> looks_like_resolution("Resolution 660 (1990)\\nof 2 August 1990\\n\\nThe Security Council,\\n")
    True
    >>> looks_like_resolution("PROGRAM SUMMARY\\nResolution 2907 adopted at the 47th General Assembly")
    False
    """
    return resolution_confidence(text) > 0.0


class _Para(NamedTuple):
    kind: str
    start: int
    end: int
    label: str | None


def segment_resolution(text: str, *, max_chars: int = MAX_SEGMENT_CHARS) -> list[Segment]:
    """Cut a resolution into header, preamble, operative and footer segments.

    Each preambular paragraph and each numbered operative paragraph (label = its number,
    lettered sub-paragraphs included) is one segment; "Adopted at ..." and footnotes are
    ``footer``. Spans are exact offsets into *text*, stripped of surrounding whitespace,
    sorted and non-overlapping; segments longer than *max_chars* are cut at sentence or
    line boundaries into several segments of the same kind and label. A body without any
    paragraph structure still yields at least one segment. Pure, O(len(text)).

    >>> t = "Resolution 1 (1946)\\nof 1 May 1946\\n\\nThe Security Council,\\n\\nNoting x,\\n\\n1. Decides y;\\n"
    >>> [(s.kind, s.label, t[s.start:s.end]) for s in segment_resolution(t)]
    [('header', None, 'Resolution 1 (1946)\\nof 1 May 1946'), ('preamble', None, 'The Security Council,\\n\\nNoting x,'), ('operative', '1', '1. Decides y;')]
    """
    header = parse_header(text)
    paras: list[_Para] = []
    body_start = 0
    if header is not None:
        lead_start, lead_end = _strip_span(text, 0, header.start)
        if lead_end > lead_start and not _is_masthead(text[lead_start:lead_end]):
            paras.append(_Para("footer", lead_start, lead_end, "editorial"))
            lead_start = header.start
        head_end = _skip_furniture(text, header.end)
        paras.append(_Para("header", min(lead_start, header.start), head_end, None))
        body_start = head_end
    paras.extend(_body_paragraphs(text, body_start))
    if not any(p.kind == "operative" for p in paras):
        last = max((i for i, p in enumerate(paras) if p.kind == "preamble"), default=None)
        if last is not None:
            paras[last] = paras[last]._replace(kind="operative")
    segments: list[Segment] = []
    for p in paras:
        start, end = _strip_span(text, p.start, p.end)
        if end > start:
            segments.extend(Segment(kind=p.kind, start=s, end=e, label=p.label)
                            for s, e in _split_long(text, start, end, max_chars))
    return segments


# --- body helpers ------------------------------------------------------------------------
def _lines(text: str, start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line from *start*, end excluding the newline."""
    pos = start
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        yield pos, end
        pos = end + 1


def _is_masthead(lead: str) -> bool:
    return all(len(line.strip()) <= 60 for line in lead.splitlines())


def _skip_furniture(text: str, pos: int) -> int:
    """Extend a header end over following document-symbol lines like ``[S/318]``."""
    end = pos
    for s, e in _lines(text, pos + 1 if text[pos:pos + 1] == "\n" else pos):
        line = text[s:e]
        if line.strip() and not _FURNITURE_RE.match(line):
            break
        if line.strip():
            end = e
    return end


def _body_paragraphs(text: str, start: int) -> list[_Para]:
    """Group body lines into paragraphs and give each its kind and label."""
    paras: list[_Para] = []
    cur: list[int] | None = None  # [start, end] of the open paragraph
    kind, label, phase, last_num = "preamble", None, "preamble", 0
    body: tuple[str, str | None] = ("preamble", None)  # the last preamble/operative paragraph
    annex = ""  # "Annex A." inside an annex
    prev_blank, prev_line = True, ""

    def close() -> None:
        nonlocal cur
        if cur is not None:
            paras.append(_Para(kind, cur[0], cur[1], label))
        cur = None

    for s, e in _lines(text, start):
        line = text[s:e]
        stripped = line.strip()
        if not stripped:
            prev_blank = True
            continue
        if _LONE_NUMBER_RE.match(line):
            continue
        if phase != "footer" and (_FURNITURE_RE.match(line) or _PART_RE.match(line)):
            close()
            prev_blank, prev_line = True, ""
            continue
        new: tuple[str, str | None] | None = None
        num = _paragraph_number(line, last_num, prev_blank=prev_blank, prev_line=prev_line)
        annex_m = _ANNEX_RE.match(line)
        if annex_m:  # an annex adopted with the resolution: its paragraphs are labelled "Annex A.1"
            annex, last_num = annex_m["annex"].title() + ".", 0
            phase, new = "operative", ("operative", annex.rstrip("."))
        elif _COUNCIL_LINE_RE.match(line):
            phase, last_num, annex, new = "preamble", 0, "", ("preamble", None)
        elif _ADOPTED_RE.match(line):
            phase, new = "footer", ("footer", "adopted")
        elif num is not None and phase != "footer":
            phase, last_num, new = "operative", num, ("operative", annex + str(num))
        elif (prev_blank or prev_line.endswith((".", ")"))) and _FOOTNOTE_RE.match(line):
            new = ("footer", "note " + stripped.split()[0].rstrip("/"))
        elif phase == "footer":
            new = None if not prev_blank else ("footer", None)
        elif prev_blank and _OPERATIVE_START_RE.match(line) and phase == "preamble":
            phase, new = "operative", ("operative", None)
        elif phase == "preamble" and (prev_blank and stripped[0].isupper() or (
                prev_line.endswith((",", ";", ":")) and _OPENER_RE.match(line))):
            new = ("preamble", None)
        elif phase == "operative" and prev_blank and (
                last_num == 0 and stripped[0].isupper() or _OPERATIVE_START_RE.match(line)):
            new = ("operative", annex.rstrip(".") or None)  # unnumbered, or its number lost to OCR
        if new is None and phase != "footer" and (cur is None or kind == "footer" and prev_blank):
            new = body  # a paragraph resumed after page furniture or a footnote
        if new is not None:
            if cur is not None and _is_intro(text[cur[0]:cur[1]]) and new[0] != "footer":
                kind, label = new  # "The Security Council," / "Resolves:" opens the next one
            else:
                close()
                kind, label = new
                cur = [s, e]
            if kind != "footer":
                body = (kind, label)
        if cur is not None:
            cur[1] = e
        prev_blank, prev_line = False, stripped
    close()
    return paras


def _paragraph_number(line: str, last_num: int, *, prev_blank: bool, prev_line: str) -> int | None:
    """The operative paragraph number *line* opens with, if it opens one.

    "12. Decides" is accepted anywhere a paragraph may start; OCR-damaged forms ("S. Decides"
    for 5, "4, Calls", "2 Requests") only when they continue the numbering.
    """
    m = _NUMBERED_RE.match(line)
    num = _ocr_int(m["num"]) if m else None
    if m is None or num is None or not (prev_blank or _PARA_END_RE.search(prev_line)):
        return None
    in_sequence = num == last_num + 1
    if "." in m["sep"]:
        clean = m["num"].isdigit()
        ok = in_sequence or (clean and (num == 1 or prev_blank))
    elif "," in m["sep"]:
        ok = in_sequence and line[m.end()].isupper()
    else:
        ok = in_sequence and _VERBISH_RE.match(line, m.end()) is not None
    return num if ok else None


def _is_intro(passage: str) -> bool:
    """"The Security Council,", "Resolves:", "Therefore": words that open the next paragraph."""
    stripped = passage.strip()
    return len(stripped) <= _INTRO_MAX and all(_INTRO_LINE_RE.match(x) for x in stripped.splitlines())


def _split_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` at sentence ends, else line ends, else spaces."""
    pieces: list[tuple[int, int]] = []
    while end - start > max_chars:
        window_lo, window_hi = start + max_chars // 2, start + max_chars
        cut = -1
        for m in _SENTENCE_END_RE.finditer(text, window_lo, window_hi):
            cut = m.start() + 1
        if cut < 0:
            cut = max(text.rfind("\n", window_lo, window_hi), text.rfind(" ", window_lo, window_hi))
        if cut <= start:
            cut = window_hi
        pieces.append(_strip_span(text, start, cut))
        start, _ = _strip_span(text, cut, end)
    pieces.append((start, end))
    return [p for p in pieces if p[1] > p[0]]
