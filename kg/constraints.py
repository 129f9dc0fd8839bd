"""What a question says about *which* documents it wants: years, year ranges, document types.

Read in English, Spanish, Portuguese and French from how those languages state time
("in 1960", "entre 1978 y 1981", "après 1990", "1993-1995") and name kinds of documents
("resolutions", "lei", "loi", "programa"). A year that is part of an instrument reference
— ``242 (1967)``, ``UNSCR 1540 (2004)`` — names the cited instrument, not the time of the
answer, and is not a constraint. Pure; search uses the result to boost, ``/ask`` shows it.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

_YEAR = r"(1[89]\d\d|20\d\d)"
#: a year in parentheses after a number, or after "of": it dates a cited instrument
_CITED = re.compile(r"\d+\s*\(\s*" + _YEAR + r"\s*\)|\b(?:of|de|du)\s+\d{1,2}\s+\w+\s+" + _YEAR)
_RANGE = re.compile(
    r"\b(?:between|from|entre|de|desde|du|do|da)\s+" + _YEAR + r"\s+(?:and|to|y|a|e|et|à|hasta|até|au)\s+" + _YEAR
    + r"|\b" + _YEAR + r"\s*[-–]\s*" + _YEAR + r"\b")
_AFTER = re.compile(r"\b(after|since|despues\s+de|desde|apres|depuis|depois\s+de|desde\s+o|a\s+partir\s+de)\s+"
                    r"(?:(?:el|la|o|a|l'|the|le)\s+)?(?:ano\s+|year\s+|annee\s+|ano\s+de\s+)?" + _YEAR)
_BEFORE = re.compile(r"\b(before|until|antes\s+de|avant|jusqu'en|ate)\s+(?:(?:el|la|o|a|the|le)\s+)?" + _YEAR)
#: cue words that keep the year itself: "since 2010" includes 2010, "after 2010" does not
_INCLUSIVE = re.compile(r"since|desde|depuis|a\s+partir|until|ate|jusqu")
_ANY_YEAR = re.compile(r"(?<![\d/.,])" + _YEAR + r"(?![\d/])")

#: month names of the four languages, accents folded, by month number
MONTHS: dict[str, int] = {name: i + 1 for names in (
    "january february march april may june july august september october november december",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro",
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
) for i, name in enumerate(names.split())} | {"setiembre": 9, "sept": 9, "dec": 12}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
#: a day, month and year: "31 December 2025", "31 de diciembre de 2025", "1er janvier 2026",
#: "December 31, 2025", "2025-12-31"; a month and year alone ("December 2025") covers the month
_DATE = re.compile(
    r"\b(\d{1,2})(?:er|o|st|nd|rd|th)?\s+(?:de\s+)?" + _MONTH + r"\s+(?:de\s+|del\s+)?" + _YEAR + r"\b"
    r"|\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"\b"
    r"|\b" + _YEAR + r"-(\d\d)-(\d\d)\b"
    r"|\b" + _MONTH + r"\s+(?:de\s+|del\s+)?" + _YEAR + r"\b")
#: the word before a date says which side of it the question wants
_DATE_BEFORE = re.compile(r"(?:before|antes\s+de(?:l)?|avant(?:\s+le)?)\s+(?:the\s+|el\s+|o\s+|a\s+)?$")
_DATE_UNTIL = re.compile(r"(?:by|until|till|no\s+later\s+than|hasta(?:\s+el)?|ate(?:\s+(?:o|a|ao|a\s+data\s+de))?|"
                         r"jusqu'(?:au|a|en)(?:\s+le)?|au\s+plus\s+tard\s+le|a\s+mas\s+tardar\s+el)\s+(?:the\s+)?$")
_DATE_AFTER = re.compile(r"(?:after|despues\s+del?|apres(?:\s+le)?|depois\s+d[eoa])\s+(?:the\s+|el\s+)?$")
_DATE_SINCE = re.compile(r"(?:since|from|desde(?:\s+el)?|depuis(?:\s+le)?|a\s+partir\s+d[eoa]l?)\s+(?:the\s+|el\s+|o\s+)?$")

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
class DateRange:
    """Days, both ends inclusive, ISO ``YYYY-MM-DD``; None: open."""

    start: str | None
    end: str | None


@dataclass(frozen=True)
class Constraints:
    years: tuple[YearRange, ...] = ()
    types: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    #: full dates ("before 31 December 2025"): a deadline or a day, not a year the answers are of
    dates: tuple[DateRange, ...] = ()
    #: whether an answer whose year the graph does not know may answer a question asking for years; the asker
    #: says no when no document of those years is stored (then only a known year is evidence of fitting)
    undated_answers: bool = field(default=True, compare=False)

    def as_dict(self) -> dict[str, object]:
        return {"years": [{"start": y.start, "end": y.end} for y in self.years], "types": list(self.types),
                "dates": [{"start": d.start, "end": d.end} for d in self.dates]}

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
    {'years': [{'start': 1991, 'end': None}], 'types': ['law'], 'dates': []}
    >>> read_constraints("Em 1960, que organização regional ...").years
    (YearRange(start=1960, end=1960),)

    A full date is a day, not a year the answers are of ("before 31 December 2025" is a deadline):

    >>> c = read_constraints("Which states must report before 31 December 2025?")
    >>> c.years, c.dates
    ((YearRange(start=None, end=2025),), (DateRange(start=None, end='2025-12-30'),))
    >>> read_constraints("¿Qué informes se presentaron después del 1 de marzo de 2004?").dates
    (DateRange(start='2004-03-02', end=None),)
    """
    text = _fold(question)  # NFKD folding keeps one character per original letter here
    dates, taken = _read_dates(text)
    cited = [m.span() for m in _CITED.finditer(text)]
    taken += [c for c in cited if not any(a < c[1] and c[0] < b for a, b in taken)]

    def free(span: tuple[int, int]) -> bool:
        return not any(a < span[1] and span[0] < b for a, b in taken)

    years: list[YearRange] = []
    spans: list[tuple[int, int]] = []
    for pattern in (_RANGE, _AFTER, _BEFORE):
        for m in pattern.finditer(text):
            if free(m.span()):
                found = [int(g) for g in m.groups() if g and g.isdigit()]
                shift = 0 if pattern is _RANGE or _INCLUSIVE.match(m.group(1)) else 1
                years.append(YearRange(found[0], found[1]) if pattern is _RANGE else
                             YearRange(found[0] + shift, None) if pattern is _AFTER else
                             YearRange(None, found[0] - shift))
                taken.append(m.span())
                spans.append(m.span())
    # A date bounds the years too, at the year's grain ("before 31 December 2025": 2025 or earlier).
    years += [YearRange(int(d.start[:4]) if d.start else None, int(d.end[:4]) if d.end else None) for d in dates]
    for m in _ANY_YEAR.finditer(text):
        if free(m.span()):
            years.append(YearRange(int(m.group(1)), int(m.group(1))))
            spans.append(m.span())
    words = set(_WORD.findall(text))
    types = tuple(t for t, names in TYPE_WORDS.items() if words.intersection(names))
    return Constraints(tuple(dict.fromkeys(years)), types, tuple(spans), tuple(dict.fromkeys(dates)))


def _read_dates(text: str) -> tuple[list[DateRange], list[tuple[int, int]]]:
    """The full dates of a folded question as day ranges, and their spans (the words before them included).
    A date right after "of"/"de"/"du" with no time word before it dates a cited instrument
    ("resolution 1540 of 28 April 2004") and is left to ``_CITED``."""
    out: list[DateRange] = []
    spans: list[tuple[int, int]] = []
    for m in _DATE.finditer(text):
        g = m.groups()
        if g[0]:
            first = last = _day(int(g[2]), MONTHS[g[1]], int(g[0]))
        elif g[3]:
            first = last = _day(int(g[5]), MONTHS[g[3]], int(g[4]))
        elif g[6]:
            first = last = _day(int(g[6]), int(g[7]), int(g[8]))
        else:
            year, month = int(g[10]), MONTHS[g[9]]
            first, last = _day(year, month, 1), _day(year, month, calendar.monthrange(year, month)[1])
        if first is None or last is None:
            spans.append(m.span())  # not a day, and not a year either: read nothing from it
            continue
        before = text[max(0, m.start() - 40):m.start()]
        day = timedelta(days=1)
        for cue, found in ((_DATE_BEFORE, DateRange(None, (first - day).isoformat())),
                           (_DATE_UNTIL, DateRange(None, last.isoformat())),
                           (_DATE_AFTER, DateRange((last + day).isoformat(), None)),
                           (_DATE_SINCE, DateRange(first.isoformat(), None))):
            cued = cue.search(before)
            if cued:
                out.append(found)
                spans.append((m.start() - len(cued.group()), m.end()))
                break
        else:
            if re.search(r"\b(?:of|de|du)\s+$", before):
                continue  # dates a cited instrument
            out.append(DateRange(first.isoformat(), last.isoformat()))
            spans.append(m.span())
    return out, spans


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # "31 February", a page number next to a month
        return None
