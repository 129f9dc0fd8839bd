"""Page furniture of a program sheet: page numbers, running headers and dates, found and blanked.

A PDF extraction prints, on every page, a header ("OAS | Program Fact Sheet   May 2018"), a
footer ("Page 2 of 3", "- 2 -") and maybe the organisation banner again. None of it is
content, and it can fall anywhere, in the middle of a section or of a sentence.
:func:`mask_furniture` returns the text with those lines blanked (spaces, same length, so every
offset stays valid); where a page break cut a sentence, the blank lines around it are folded
into one line break so the paragraph reads on. Pure; linear in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ingest.sheets.labels import entries, switched_off
from ingest.sheets.label_words import is_label_line
from ingest.sheets.lines import CONNECTOR_END, TERMINAL
from ingest.sheets.text import fold_key, line_spans, trim

_GAP = re.compile(r"\s{2,}|\t")
_MAX_HEADER_WORDS = 14


@cache
def _patterns(off: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    page_word, of_word = (entries("PAGE_PHRASES") + ("", ""))[:2]
    page = re.compile(rf"(?:(?:{page_word or '(?!)'})\.?\s*)?[-–—]?\s*\d{{1,3}}\s*[-–—]?"
                      rf"(?:\s*(?:{of_word or '(?!)'})\s*\d{{1,3}})?")
    months = "|".join(entries("MONTHS")) or "(?!)"
    date = re.compile(rf"(?:\d{{1,2}}(?:st|nd|rd|th|er|º)?\s+(?:de\s+)?)?(?:{months})\.?,?\s+(?:de\s+)?(?:19|20)\d\d"
                      r"|\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d\d|(?:19|20)\d\d[/.-]\d{1,2}[/.-]\d{1,2}")
    kinds = re.compile("|".join(rf"\b(?:{p})\b" for p in entries("DOCUMENT_KIND_PHRASES")) or "(?!)")
    home = frozenset(fold_key(n) for n in entries("HOME_ORG_NAMES"))
    return page, date, kinds, home


def is_page_number(line: str) -> bool:
    """"Page 2 of 3", "pág. 2/3", "- 2 -", "2".

    >>> [is_page_number(x) for x in ("Page 2 of 3", "Página 1 de 3", "- 2 -", "p. 2/3", "12", "2016", "Page one")]
    [True, True, True, True, True, False, False]
    """
    page = _patterns(switched_off())[0]
    return bool(page.fullmatch(fold_key(line)))


def is_date(text: str) -> bool:
    """A printed date alone: "May 2018", "noviembre de 2015", "3 mars 2012", "12/05/2018".

    >>> [is_date(x) for x in ("May 2018", "noviembre de 2015", "3 mars 2012", "2018", "May the program")]
    [True, True, True, False, False]
    """
    return bool(_patterns(switched_off())[1].fullmatch(fold_key(text)))


def is_running_header(line: str) -> bool:
    """A publisher-and-document line ("OAS | Program Fact Sheet"), maybe with a date after a column gap.

    >>> [is_running_header(x) for x in ("OAS | Program Fact Sheet        May 2018", "OEA | Ficha do Programa",
    ...                                 "Publisher | Unit   2017", "Jamaica | Dominica | Trinidad and Tobago",
    ...                                 "ORGANIZATION OF AMERICAN STATES")]
    [True, True, True, False, False]
    """
    _, date, kinds, home = _patterns(switched_off())
    chunks = [c for c in _GAP.split(line.strip()) if c.strip()]
    if not chunks:
        return False
    dated = len(chunks) > 1 and (is_date(chunks[-1]) or bool(re.fullmatch(r"(?:19|20)\d\d", chunks[-1].strip())))
    if dated:
        chunks = chunks[:-1]
    head = " ".join(chunks)
    if len(head.split()) > _MAX_HEADER_WORDS or head.rstrip()[-1:] in ".;:":
        return False
    parts = [fold_key(p) for p in head.split("|")]
    if len(parts) < 2:
        return False
    return dated or any(p in home or kinds.search(p) for p in parts)


def furniture_lines(text: str) -> list[tuple[int, int]]:
    """The trimmed spans of the furniture lines of ``text``.

    Page numbers, running headers, dates alone or after a banner, and the repeats of a
    banner or header line printed on every page (its first print in the sheet's title block
    is content: the banner names the organization).

    >>> t = "ORGANIZATION OF AMERICAN STATES\\nX Program\\n\\nRESULTS\\n\\nIt worked.\\n\\nPage 1 of 2\\n" \\
    ...     "ORGANIZATION OF AMERICAN STATES\\n\\nMore work.\\n"
    >>> [t[a:b] for a, b in furniture_lines(t)]
    ['Page 1 of 2', 'ORGANIZATION OF AMERICAN STATES']
    """
    lines = [trim(text, a, b) for a, b in line_spans(text)]
    keys = [_repeat_key(text[a:b]) for a, b in lines]
    counts = Counter(k for k in keys if k)
    body_started = False
    seen: set[str] = set()
    out: list[tuple[int, int]] = []
    for (a, b), key in zip(lines, keys):
        if a == b:
            continue
        content = text[a:b]
        if is_page_number(content) or is_running_header(content) or _banner_with_date(content):
            out.append((a, b))
        elif key and counts[key] > 1 and _header_like(content) and (body_started or key in seen):
            out.append((a, b))
        elif is_date(content) and (not out or _near(text, out[-1][1], a)):
            out.append((a, b))
        else:
            body_started = body_started or is_label_line(content) or len(content) > 110
        if key:
            seen.add(key)
    return out


def _repeat_key(content: str) -> str:
    key = re.sub(r"\d+", "#", fold_key(content))
    return key if 0 < len(key.split()) <= _MAX_HEADER_WORDS and not is_label_line(content) else ""


def _header_like(content: str) -> bool:
    """Banner-like: capitals, or a separator bar, or a date; never a sentence."""
    if content.rstrip()[-1:] in ".;:":
        return False
    letters = [c for c in content if c.isalpha()]
    caps = bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters) and len(content.split()) > 1
    chunks = [c for c in _GAP.split(content.strip()) if c]
    return caps or "|" in content or (len(chunks) > 1 and is_date(chunks[-1]))


def _banner_with_date(content: str) -> bool:
    """"ORGANIZACIÓN DE LOS ESTADOS AMERICANOS        noviembre de 2015": a banner, a column gap, a date."""
    chunks = [c for c in _GAP.split(content.strip()) if c]
    return len(chunks) == 2 and is_date(chunks[1]) and _header_like(chunks[0]) and not is_label_line(chunks[0])


def _near(text: str, end: int, start: int) -> bool:
    return text[end:start].count("\n") <= 2


def mask_furniture(text: str) -> str:
    """``text`` with its furniture lines blanked; same length, every offset unchanged. Idempotent.

    >>> t = ("The course was based on\\n\\nPage 1 of 2\\nOAS | Program Fact Sheet   May 2018\\n\\n"
    ...      "recommended practices.\\n")
    >>> m = mask_furniture(t)
    >>> len(m) == len(t), " ".join(m.split())
    (True, 'The course was based on recommended practices.')
    >>> m.count("\\n")
    2
    """
    spans = furniture_lines(text)
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    masked = "".join(chars)
    for a, b in spans:
        _fold_break(masked, chars, a, b)
    return "".join(chars)


def _fold_break(masked: str, chars: list[str], a: int, b: int) -> None:
    """Between the content lines around a blanked line: one line break when a sentence runs on, else two."""
    lo = len(masked[:a].rstrip())
    hi = len(masked) - len(masked[b:].lstrip()) if masked[b:].strip() else len(masked)
    if lo == 0 or hi >= len(masked):
        return
    before_line = masked[masked.rfind("\n", 0, lo) + 1:lo].strip()
    after = masked[hi:hi + 1]
    runs_on = after.islower() or before_line[-1:] == "," or bool(CONNECTOR_END.search(before_line)) \
        or (len(before_line) >= 40 and not _GAP.search(before_line) and before_line[-1:] not in TERMINAL + ")”\"")
    keep = 1 if runs_on else 2
    for i in range(lo, hi):
        if chars[i] == "\n" and keep > 0:
            keep -= 1
        elif chars[i] in "\r\n":
            chars[i] = " "
