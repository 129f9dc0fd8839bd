"""What a question says about *which* documents it wants: years, year ranges, document types.

Read in English, Spanish, Portuguese and French from how those languages state time
("in 1960", "entre 1978 y 1981", "après 1990", "1993-1995") and name kinds of documents
("resolutions", "lei", "loi", "programa"). A year that is part of an instrument reference
— ``242 (1967)``, ``UNSCR 1540 (2004)`` — names the cited instrument, not the time of the
answer, and is not a constraint. Pure; search uses the result to boost, ``/ask`` shows it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_YEAR = r"(1[89]\d\d|20\d\d)"
#: a year in parentheses after a number, or after "of": it dates a cited instrument
_CITED = re.compile(r"\d+\s*\(\s*" + _YEAR + r"\s*\)|\b(?:of|de|du)\s+\d{1,2}\s+\w+\s+" + _YEAR)
_RANGE = re.compile(
    r"\b(?:between|from|entre|de|desde|du|do|da)\s+" + _YEAR + r"\s+(?:and|to|y|a|e|et|à|hasta|até|au)\s+" + _YEAR
    + r"|\b" + _YEAR + r"\s*[-–]\s*" + _YEAR + r"\b")
_AFTER = re.compile(r"\b(?:after|since|despues\s+de|desde|apres|depuis|depois\s+de|desde\s+o|a\s+partir\s+de)\s+"
                    r"(?:(?:el|la|o|a|l'|the|le)\s+)?(?:ano\s+|year\s+|annee\s+|ano\s+de\s+)?" + _YEAR)
_BEFORE = re.compile(r"\b(?:before|until|antes\s+de|avant|jusqu'en|ate)\s+(?:(?:el|la|o|a|the|le)\s+)?" + _YEAR)
_ANY_YEAR = re.compile(r"(?<![\d/.,])" + _YEAR + r"(?![\d/])")

#: words naming a kind of document, by the ``pkg:documentType`` they ask for (accents folded)
TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "resolution": ("resolution", "resolutions", "resolucion", "resoluciones", "resolucao", "resolucoes"),
    "law": ("law", "laws", "act", "acts", "statute", "statutes", "code", "ley", "leyes", "lei", "leis",
            "loi", "lois", "codigo", "code"),
    "program-sheet": ("program", "programs", "programme", "programmes", "programa", "programas",
                      "initiative", "initiatives", "iniciativa", "iniciativas"),
}
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class YearRange:
    start: int | None  # inclusive; None: open
    end: int | None

    def holds(self, year: int) -> bool:
        return (self.start is None or year >= self.start) and (self.end is None or year <= self.end)


@dataclass(frozen=True)
class Constraints:
    years: tuple[YearRange, ...] = ()
    types: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    def as_dict(self) -> dict[str, object]:
        return {"years": [{"start": y.start, "end": y.end} for y in self.years], "types": list(self.types)}

    def year_matches(self, year: int | None) -> bool:
        return year is not None and any(r.holds(year) for r in self.years)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def read_constraints(question: str) -> Constraints:
    """Years and document types ``question`` asks about.

    >>> c = read_constraints("Which later resolutions mention resolution 242 (1967)?")
    >>> c.years, c.types
    ((), ('resolution',))
    >>> read_constraints("¿Qué Estados fueron admitidos entre 1978 y 1981?").years
    (YearRange(start=1978, end=1981),)
    >>> read_constraints("Quelles lois adoptées après 1990 ?").as_dict()
    {'years': [{'start': 1991, 'end': None}], 'types': ['law']}
    >>> read_constraints("Em 1960, que organização regional ...").years
    (YearRange(start=1960, end=1960),)
    """
    text = _fold(question)  # NFKD folding keeps one character per original letter here
    taken = [m.span() for m in _CITED.finditer(text)]

    def free(span: tuple[int, int]) -> bool:
        return not any(a < span[1] and span[0] < b for a, b in taken)

    years: list[YearRange] = []
    spans: list[tuple[int, int]] = []
    for pattern in (_RANGE, _AFTER, _BEFORE):
        for m in pattern.finditer(text):
            if free(m.span()):
                found = [int(g) for g in m.groups() if g]
                years.append(YearRange(found[0], found[1]) if pattern is _RANGE else
                             YearRange(found[0] + 1, None) if pattern is _AFTER else YearRange(None, found[0] - 1))
                taken.append(m.span())
                spans.append(m.span())
    for m in _ANY_YEAR.finditer(text):
        if free(m.span()):
            years.append(YearRange(int(m.group(1)), int(m.group(1))))
            spans.append(m.span())
    words = set(_WORD.findall(text))
    types = tuple(t for t, names in TYPE_WORDS.items() if words.intersection(names))
    return Constraints(tuple(dict.fromkeys(years)), types, tuple(spans))
