"""Law numbers as official texts print them, and the language-neutral key each one normalises to.

One row of :data:`NUMBER_STYLES` per citation style of a statute book: Canada's annual and
revised statutes (``S.C. 2000, c. 17`` / ``L.C. 2000, ch. 17``; ``R.S.C., 1985, c. R-10`` /
``L.R.C. (1985), ch. R-10``), Brazil's federal numbering (``LEI Nº 9.613, DE 3 DE MARÇO DE
1998``), the Spanish-American ``Ley N° 26.734`` / ``LEY 1121 DE 2006``, the French ``Loi n°
2001-1062``, U.S. public laws (``Pub. L. 107–56``). The key is the same for every language
version of one act (``S.C.`` and ``L.C.`` both give ``sc-2000-c-17``), so separately ingested
versions meet on it. A style names a jurisdiction only when one state alone prints numbers
that way. The U.S. Code's ``18 U.S.C. ch. 96`` is composed from its headings instead (see
:mod:`ingest.kinds.law.header`). Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ontology.iri import slugify


class LawNumber(NamedTuple):
    """A law's number: ``printed`` tidied (spacing, number sign), ``key`` language-neutral."""

    printed: str
    key: str
    jurisdiction: str | None  # ISO3, when the style belongs to one state
    year: int | None
    start: int
    end: int


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _canada_annual(m: re.Match[str]) -> tuple[str, str]:
    return _squash(m.group()), f"sc-{m['year']}-c-{m['num']}"


def _canada_revised(m: re.Match[str]) -> tuple[str, str]:
    return _squash(m.group()), f"rsc-{m['year']}-c-{m['num'].lower()}"


def _numbered(m: re.Match[str]) -> tuple[str, str]:
    """"LEI No 10.826" → "Lei nº 10.826": the statute's own word, the number sign written one way."""
    word = m["word"].capitalize() if m["word"].isupper() else m["word"]
    word = "-".join(w.capitalize() if w.isupper() else w for w in word.split("-"))
    digits = re.sub(r"\D", "", m["num"])
    year = m.groupdict().get("year")
    key = f"{slugify(word)}-{digits}" + (f"-{year}" if year else "")
    return f"{word} nº {m['num']}", key


def _plain(m: re.Match[str]) -> tuple[str, str]:
    """"LEY 1121 DE 2006", "Loi n° 2001-1062", "Pub. L. 107–56": printed as is, keyed by word and number."""
    word = slugify(m["word"]).replace("public-law", "pl").replace("pub-l", "pl")
    return _squash(m.group()), f"{word}-{slugify(m['num'])}" + (f"-{m['year']}" if m.groupdict().get("year") else "")


class NumberStyle(NamedTuple):
    name: str
    pattern: re.Pattern[str]
    jurisdiction: str | None
    read: Callable[[re.Match[str]], tuple[str, str]]


_NS = r"(?:N\s?[º°o]\.?|N\.?\s?[º°]|No\.|n\.?\s?[º°o]\.?|Nro\.|núm\.|n[úu]mero)"  # the number sign, all ways
_PT_DATE = r",?\s+(?:DE|de)\s+\d{1,2}[º°o]?\s+(?:DE|de)\s+[^\W\d_]+\s+(?:DE|de)\s+(?P<year>\d{4})"
#: Every style, most specific first; the first match in a title block is the law's own number.
NUMBER_STYLES: tuple[NumberStyle, ...] = (
    NumberStyle("canada-annual", re.compile(
        r"\b(?:S\.C\.|L\.C\.)\s*(?P<year>\d{4}),\s*(?:c|ch)\.\s*(?P<num>\d+)\b"), "CAN", _canada_annual),
    NumberStyle("canada-revised", re.compile(
        r"\b(?:R\.S\.C\.|L\.R\.C\.)\s*,?\s*\(?(?P<year>\d{4})\)?\s*,\s*(?:c|ch)\.\s*(?P<num>[A-Z]{1,2}-\d+(?:\.\d+)*)"),
        "CAN", _canada_revised),
    # Brazil: a dotted federal number and the day the President signed it, written out in words
    NumberStyle("brazil-federal", re.compile(
        rf"\b(?P<word>LEI(?: COMPLEMENTAR)?|DECRETO-LEI|DECRETO|MEDIDA PROVIS[ÓO]RIA|Lei(?: Complementar)?|Decreto-Lei"
        rf"|Decreto|Medida Provis[óo]ria)\s+{_NS}?\s*(?P<num>\d{{1,3}}(?:\.\d{{3}})+|\d{{1,3}}){_PT_DATE}"),
        "BRA", _numbered),
    # a later law cited by number and year only: "(Redação dada pela Lei nº 12.683, de 2012)"
    NumberStyle("brazil-short", re.compile(
        rf"\b(?P<word>Lei(?: Complementar)?|Decreto-Lei)\s+{_NS}\s*(?P<num>\d{{1,3}}(?:\.\d{{3}})+),\s+de\s+(?P<year>\d{{4}})\b"),
        "BRA", _numbered),
    NumberStyle("es-numbered", re.compile(
        rf"\b(?P<word>LEY|Ley|DECRETO(?: LEGISLATIVO| LEY| SUPREMO)?|Decreto(?: Legislativo| Ley| Supremo)?)"
        rf"\s+{_NS}\s*(?P<num>\d{{1,3}}(?:[.,]\d{{3}})+|\d{{1,6}}(?:-\d{{1,4}})?)\b"), None, _numbered),
    NumberStyle("es-year", re.compile(r"\b(?P<word>LEY|Ley)\s+(?P<num>\d{2,5})\s+(?:DE|de)\s+(?P<year>\d{4})\b"),
                None, _plain),
    NumberStyle("fr-numbered", re.compile(r"\b(?P<word>LOI|Loi)\s+n\s?[°o]\s*(?P<num>\d{2,4}-\d{1,5})\b"), None, _plain),
    NumberStyle("us-public-law", re.compile(r"\b(?P<word>Public Law|Pub\.\s?L\.)\s*(?P<num>\d{2,3}\s?[–-]\s?\d{1,4})\b"),
                "USA", _plain),
)


def find_number(block: str, *, offset: int = 0) -> LawNumber | None:
    """The first law number printed in ``block`` (a title block), in any style of :data:`NUMBER_STYLES`.

    >>> find_number("Firearms Act\\nS.C. 1995, c. 39\\n")[:3]
    ('S.C. 1995, c. 39', 'sc-1995-c-39', 'CAN')
    >>> find_number("Loi sur les armes à feu\\nL.C. 1995, ch. 39\\n").key
    'sc-1995-c-39'
    >>> find_number("L.R.C. (1985), ch. R-10").key == find_number("R.S.C., 1985, c. R-10").key
    True
    >>> find_number("LEI No 10.826, DE 22 DE DEZEMBRO DE 2003.")[:3]
    ('Lei nº 10.826', 'lei-10826-2003', 'BRA')
    >>> find_number("LEY N° 26.734\\nSancionada: Diciembre 22 de 2011")[:2]
    ('Ley nº 26.734', 'ley-26734')
    """
    found: list[tuple[int, NumberStyle, re.Match[str]]] = []
    for style in NUMBER_STYLES:
        m = style.pattern.search(block)
        if m is not None:
            found.append((m.start(), style, m))
    if not found:
        return None
    _, style, m = min(found, key=lambda f: f[0])
    printed, key = style.read(m)
    year = m.groupdict().get("year")
    return LawNumber(printed, key, style.jurisdiction, int(year) if year else None,
                     m.start() + offset, m.end() + offset)


def find_numbers(text: str) -> list[LawNumber]:
    """Every law number printed anywhere in ``text``, in text order (references to other laws).

    >>> [n.key for n in find_numbers("altera a Lei nº 9.613, de 3 de março de 1998, e o S.C. 2001, c. 41")]
    ['lei-9613-1998', 'sc-2001-c-41']
    """
    out: list[LawNumber] = []
    taken: list[tuple[int, int]] = []
    for style in NUMBER_STYLES:
        for m in style.pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            printed, key = style.read(m)
            year = m.groupdict().get("year")
            out.append(LawNumber(printed, key, style.jurisdiction, int(year) if year else None, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(out, key=lambda n: n.start)
