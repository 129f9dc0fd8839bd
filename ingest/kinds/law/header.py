"""A law's identity, read from its title block: title, long title, number, date and its kind, jurisdiction.

The title block is the text before the first article. Its first line(s) are the title
(``Firearms Act``; ``LEY FEDERAL CONTRA LA DELINCUENCIA ORGANIZADA``, written back in the case
the text itself uses for the name elsewhere), unless the first line is a number line (``LEI Nº
9.613, DE 3 DE MARÇO DE 1998.``: then that line, tidied, is the title and the date it prints is
the promulgation date). The U.S. Code prints no title line: ``Title 18—`` and ``CHAPTER 44—``
headings give ``18 U.S.C. Chapter 44 — Firearms`` and the number ``18 U.S.C. ch. 44 (§§ 921–934)``
from its first and last sections. The long title or *ementa* (``An Act to ...``, ``Dispõe
sobre ...``) is the description. Nothing is read from the file name. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.kinds.law.dates import DMY_PATTERN, FoundDate, find_own_date, iso_date
from ingest.kinds.law.jurisdiction import Jurisdiction, jurisdiction_from_cues
from ingest.kinds.law.numbers import LawNumber, find_number
from ingest.kinds.law.structure import Unit
from ontology.iri import slugify

BLOCK_MAX = 6000
#: Words that stay in lower case inside a title, and that leave a title line unfinished.
SMALL_WORDS = frozenset(
    "a an and as at by for in of on or the to with et de des du la le les pour sur en y e el los las del con contra "
    "para por sobre da das do dos no na nos nas o ao aos em".split())
_US_CODE = re.compile(r"\A\s*Title\s+(?P<title>\d+)\s*[—–-]\s*(?P<tname>[^\n]+)\n(?:[ \t]*\n)*[ \t]*CHAPTER\s+"
                      r"(?P<ch>\d+[A-Z]?)\s*[—–-]\s*(?P<cname>[^\n]+)")
_US_SECTION = re.compile(r"^§\s*(?P<num>\d+[a-zA-Z]*(?:[–-]\d+[a-zA-Z]*)?)\.", re.M)
#: How a long title or an ementa opens, in the four languages.
DESCRIPTION_OPENERS = re.compile(
    r"^(?:An\s+Act\b|A\s+Bill\b|Act\s+to\b|Loi\s+(?:visant|concernant|portant|relative|modifiant|de|sur|constituant)\b"
    r"|Décret\b|Por\s+(?:el|la)\s+(?:cual|que)\b|Ley\s+(?:que|por)\b|Que\s+(?:establece|regula|crea|expide)\b"
    r"|Disp[õo]e\b|Institui\b|Altera\b|Define\b|Estabelece\b|Regulamenta\b|Cria\b|Acrescenta\b|Revoga\b"
    r"|Autoriza\b|Aprova\b|Tipifica\b|Modifica\b)")
_NOTE_LINE = re.compile(r"^\s*\(")


@dataclass(frozen=True)
class LawHeader:
    """What a law's title block says about it. Spans are offsets into the document text."""

    title: str
    title_span: tuple[int, int]
    key: str  # language-neutral identity within its jurisdiction: the number's key, else the title's slug
    number: LawNumber | None
    date: FoundDate | None
    description: str | None
    jurisdiction: Jurisdiction | None
    block_end: int


def read_law_header(text: str, units: list[Unit]) -> LawHeader | None:
    """The law's identity from the text before its first article; None when no title can be read.

    >>> t = "Port Safety Act\\nS.C. 2004, c. 9\\nAssented to 2004-05-06\\nAn Act respecting ports\\n\\n[Short title]\\n1 This Act ..."
    >>> h = read_law_header(t, [Unit("article", "1", t.index("[Short"), len(t))])
    >>> h.title, h.key, h.number.printed, h.date.iso, h.date.kind, h.description, h.jurisdiction.iso3
    ('Port Safety Act', 'sc-2004-c-9', 'S.C. 2004, c. 9', '2004-05-06', 'assent', 'An Act respecting ports', 'CAN')
    """
    first_article = next((u.start for u in units if u.kind == "article"), len(text))
    block_end = min(first_article, BLOCK_MAX)
    block = text[:block_end]
    us = _US_CODE.match(block)
    if us is not None:
        return _us_code_header(text, us, block_end)
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", block)]
    if not lines:
        return None
    number = find_number(block)
    title_start, title_end = lines[0]
    date = find_own_date(block)
    first_line = block[title_start:title_end].strip()
    if number is not None and number.start <= title_start + 3:
        digits_end = block.find(number.printed.split()[-1], number.start) + len(number.printed.split()[-1])
        title = number.printed + block[digits_end:title_end].rstrip(" .").lower()
        if date is None:
            date = _date_on_line(block, number.start, title_end)
    else:
        title_end = _title_lines_end(block, lines)
        first_line = re.sub(r"\s+", " ", block[title_start:title_end]).strip()
        title = _readable_case(first_line, text)
    jurisdiction = None
    if number is not None and number.jurisdiction is not None:
        jurisdiction = Jurisdiction(number.jurisdiction, number.start, number.end, "number")
    else:
        jurisdiction = jurisdiction_from_cues(block)
    key = number.key if number is not None else slugify(title)
    return LawHeader(title, (title_start, title_end), key, number, date, _description(block, lines[1:7]),
                     jurisdiction, block_end)


def _us_code_header(text: str, m: re.Match[str], block_end: int) -> LawHeader:
    sections = [s["num"] for s in _US_SECTION.finditer(text)]
    span = ""
    if sections:
        span = f" (§ {sections[0]})" if len(sections) == 1 else f" (§§ {sections[0]}–{sections[-1]})"
    printed = f"{m['title']} U.S.C. ch. {m['ch']}{span}"
    number = LawNumber(printed, f"usc-{m['title']}-ch-{m['ch'].lower()}", "USA", None, m.start("title"), m.end("ch"))
    title = f"{m['title']} U.S.C. Chapter {m['ch']} — {_smart_case(m['cname'].strip())}"
    jurisdiction = Jurisdiction("USA", m.start(), m.end(), "number")
    return LawHeader(title, (m.start("title") - 6 if m.start("title") >= 6 else 0, m.end()), number.key, number,
                     None, None, jurisdiction, block_end)


def _title_lines_end(block: str, lines: list[tuple[int, int]]) -> int:
    """The end of the title: the first line, and the next ones while a line ends unfinished (``... CON``)."""
    end = lines[0][1]
    for (_, e), (s2, e2) in zip(lines, lines[1:4]):
        words = block[:e].split()
        if not words or (words[-1].lower().strip(",") not in SMALL_WORDS and not words[-1].endswith(",")):
            break
        if block[e:s2].count("\n") > 1:  # a blank line closes the title
            break
        end = e2
    return end


def _date_on_line(block: str, start: int, end: int) -> FoundDate | None:
    """The date a number line prints (``..., DE 3 DE MARÇO DE 1998``): the day the law was promulgated."""
    m = re.search(DMY_PATTERN, block[start:end], re.I)
    if m is None:
        return None
    iso = iso_date(m["day"], m["month"], m["year"])
    return FoundDate(iso, "promulgation", start + m.start(), start + m.end()) if iso else None


def _description(block: str, lines: list[tuple[int, int]]) -> str | None:
    for s, e in lines:
        line = block[s:e].strip()
        if _NOTE_LINE.match(line):
            continue
        if DESCRIPTION_OPENERS.match(line):
            return line
    return None


def _readable_case(title: str, text: str) -> str:
    """A title printed in capitals, in the case the text uses for the same name elsewhere, else smart-cased.

    >>> _readable_case("LEY FEDERAL DE PUERTOS", "... la Ley Federal de Puertos dispone ...")
    'Ley Federal de Puertos'
    >>> _readable_case("CÓDIGO PENAL", "nothing")
    'Código Penal'
    """
    if not title.isupper():
        return title
    words = title.split()
    pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", re.I)
    for m in pattern.finditer(text):
        found = re.sub(r"\s+", " ", m.group())
        if not found.isupper() and found[:1].isupper():
            return found
    return _smart_case(title)


def _smart_case(title: str) -> str:
    """``PEONAGE, SLAVERY, AND TRAFFICKING IN PERSONS`` → ``Peonage, Slavery, and Trafficking in Persons``."""
    if not title.isupper():
        return title
    out = []
    for i, word in enumerate(title.split()):
        low = word.lower()
        out.append(low if i and low.strip(",;:") in SMALL_WORDS else low[:1].upper() + low[1:])
    return " ".join(out)
