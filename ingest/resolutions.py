"""UN Security Council resolution texts: recognise them, read their header, cut passages.

Three pure functions over the text as read (no file names, no I/O):

* :func:`looks_like_resolution` — is this a Security Council resolution?
* :func:`parse_header` — the resolution's own number, year and adoption date.
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

from ingest.model import ResolutionHeader, Segment
from ingest.references import unsc_number_fits_year

__all__ = ["looks_like_resolution", "parse_header", "segment_resolution", "MAX_SEGMENT_CHARS"]

MAX_SEGMENT_CHARS = 1200
"""Segments longer than this are cut at sentence or line boundaries."""

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH = "(?:" + "|".join(m.capitalize() for m in _MONTHS) + ")"
_SP = r"[ \t\f\v\r]"  # white space within a line
_HEADER_SEARCH_CHARS = 4000
# "of 2 August 1990", "on 3f July 1989", "15 August. 1991", "10 Auqust 1993": the month is fuzzy-matched
_DATE_RE = re.compile(rf"(?:(?<![^\s(])(?P<day>[\dIlO]{{1,2}}|\d\w){_SP}+)?\b(?P<month>[A-Z][a-z]{{2,8}})"
                      rf"[ \t,.]+(?P<year>\S?\d{{3}})\b")
# "Resolution 660 (1990)", "RESOLUTION 761 (1992)", "Resolution 290", "Resolution 892 (1993) of 22 ..."
_TITLE_RE = re.compile(rf"^{_SP}*(?:RESOLUTION|Resolution){_SP}+(?P<num>\d{{1,4}})\b{_SP}*"
                       rf"(?P<year>\([^()\n]{{0,10}}\)?)?(?P<rest>[^\n]*)$", re.M)
# "5 (1946). Resolution of 8 May 1946", "1 (1946) Resolution of 25 January 1946"
_EARLY_RE = re.compile(rf"^{_SP}*(?P<num>\d{{1,4}}){_SP}*(?P<year>\([^()\n]{{0,10}}\))?{_SP}*\.?{_SP}*"
                       rf"(?:Resolution|RESOLUTION){_SP}+of{_SP}+(?P<rest>[^\n]*)$", re.M)
_TITLE_REST_OK_RE = re.compile(rf"^[\s.,;:\d*]*$|^{_SP}*of\b")
_SYMBOL_RE = re.compile(rf"S/RES/(?P<num>\d{{1,4}}){_SP}*\((?P<year>\d{{4}})\)")
_DATE_LINE_RE = re.compile(rf"^{_SP}*(?:[oOeE]f\b|on\b|Adopted\b|at{_SP}+its\b|\d{{1,4}}(?:st|nd|rd|th)\b"
                           rf"|[\dIlO]{{1,2}}{_SP}+{_MONTH}\b)")
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
_OCR_DIGITS = str.maketrans({"S": "5", "I": "1", "l": "1", "O": "0", "o": "0", "Z": "2"})


def looks_like_resolution(text: str) -> bool:
    """True when *text* reads as a UN Security Council resolution.

    Evidence: the opening formula "The Security Council," on a line of its own near the
    start, or a resolution title backed by an adoption date line, a mention of the Security
    Council or an "Adopted at ..." line. A program sheet that merely cites "Resolution 2866"
    is not one. Pure, O(len(text)).

    >>> looks_like_resolution("Resolution 660 (1990)\\nof 2 August 1990\\n\\nThe Security Council,\\n")
    True
    >>> looks_like_resolution("PROGRAM SUMMARY\\nResolution 2866 approved during the 44th General Assembly")
    False
    """
    head = text[:_HEADER_SEARCH_CHARS]
    if _COUNCIL_LINE_RE.search(head):
        return True
    header = parse_header(head)
    return header is not None and (header.date is not None or _COUNCIL_OR_ADOPTED_RE.search(text) is not None)


def parse_header(text: str) -> ResolutionHeader | None:
    """Read the resolution's own number, year and adoption date from its first lines.

    The year is the adoption date's year when a date line is found (it survives OCR better
    than the title's parenthesis), else the title's. A title year that does not fit the
    number's period (``434 (1973)`` adopted in 1978) yields to the date's. Returns ``None``
    when no title is found or no year can be read. Pure, O(len(text)).

    >>> parse_header("Resolution 660 (1990)\\nof 2 August 1990\\n\\nThe Security Council,")
    ResolutionHeader(number=660, year=1990, date='1990-08-02', start=0, end=38)
    >>> parse_header("Resolution 290\\nof 8 December 1970\\n").year
    1970
    >>> parse_header("5 (1946). Resolution of 8 May 1946\\n").date
    '1946-05-08'
    """
    head = text[:_HEADER_SEARCH_CHARS]
    found = [m for m in (_first_title(head, _TITLE_RE), _first_title(head, _EARLY_RE)) if m]
    if not found:
        return _header_from_symbol(head)
    title = min(found, key=lambda m: m.start())
    number = int(title["num"])
    title_year = _digits_year(title["year"] or "")
    date, date_year, end = _find_date(head, title)
    year = _choose_year(number, date_year, title_year)
    if year is None:
        return None
    start, end = _strip_span(head, title.start(), end)
    return ResolutionHeader(number=number, year=year, date=date, start=start, end=end)


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


# --- header helpers ----------------------------------------------------------------------
def _first_title(head: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    for m in pattern.finditer(head):
        if pattern is _EARLY_RE or _TITLE_REST_OK_RE.match(m["rest"]):
            return m
    return None


def _header_from_symbol(head: str) -> ResolutionHeader | None:
    m = _SYMBOL_RE.search(head[:600])
    if m is None:
        return None
    return ResolutionHeader(number=int(m["num"]), year=int(m["year"]), date=None,
                            start=m.start(), end=m.end())


def _digits_year(raw: str) -> int | None:
    digits = re.sub(r"\D", "", raw)
    return int(digits) if len(digits) == 4 and 1945 <= int(digits) <= 2100 else None


def _find_date(head: str, title: re.Match[str]) -> tuple[str | None, int | None, int]:
    """(ISO date, year, header end) from the title line or the date lines just below it."""
    candidates = [(title["rest"], title.end())]
    pos, seen = title.end(), 0
    while seen < 4 and pos < len(head):
        nxt = head.find("\n", pos + 1)
        line_end = len(head) if nxt < 0 else nxt
        line, pos = head[pos + 1:line_end], line_end
        if not line.strip():
            continue
        seen += 1
        if len(line) > 90 or not (_DATE_LINE_RE.match(line) or candidates[-1][0].rstrip().endswith(",")):
            break
        candidates.append((line, line_end))
    title_year = _digits_year(title["year"] or "")
    for line, line_end in candidates:
        m = next((d for d in _DATE_RE.finditer(line) if _month_number(d["month"])), None)
        if m is None:
            continue
        year = _ocr_int(m["year"])
        if (year is None or not 1945 <= year <= 2100) and title_year and m["year"][-3:] == str(title_year)[-3:]:
            year = title_year  # "of 14 October £964" under "Resolution 226 (1966)"
        if year is not None and not 1945 <= year <= 2100:
            year = None
        day = _ocr_int(m["day"] or "")
        iso = None
        if year and day and 1 <= day <= 31:
            iso = f"{year:04d}-{_month_number(m['month']):02d}-{day:02d}"
        return iso, year, line_end
    return None, None, candidates[-1][1]


def _month_number(word: str) -> int:
    """1-12 for a month name, tolerating one misread letter ("Auqust"); 0 otherwise."""
    word = word.lower()
    for i, month in enumerate(_MONTHS, start=1):
        if len(word) == len(month) and sum(a != b for a, b in zip(word, month)) <= (len(month) > 4):
            return i
    return 0


def _ocr_int(raw: str) -> int | None:
    digits = raw.translate(_OCR_DIGITS)
    return int(digits) if digits.isdigit() else None


def _choose_year(number: int, date_year: int | None, title_year: int | None) -> int | None:
    for year in (date_year, title_year):
        if year is not None and unsc_number_fits_year(number, year):
            return year
    return date_year or title_year


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


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


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
