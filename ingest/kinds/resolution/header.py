"""The header of a Security Council resolution: its own number, year and adoption date.

Split from :mod:`ingest.kinds.resolution.segment` (which recognises and segments the texts);
the OCR helpers here are shared by both.
"""

from __future__ import annotations

import re

from ingest.instrument_tables import unsc_number_fits_year
from ingest.model import ResolutionHeader
from ingest.spans import trim_span as _strip_span

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
_OCR_DIGITS = str.maketrans({"S": "5", "I": "1", "l": "1", "O": "0", "o": "0", "Z": "2"})


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
