"""Dates as legislation prints them, in en/fr/es/pt, and the kind of event each one dates.

A law's own date is read from its title block (see :mod:`ingest.kinds.law.header`), never from
a reform note: the rules here are data (:data:`DATE_RULES`), one row per way official texts
print "this act was assented to / promulgated / published on ...". Pure functions.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ontology.folding import fold

#: Month names (folded) to their number, in the four languages; "marco" is "março" folded.
MONTHS: dict[str, int] = {}
for _names in (
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"),
    ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
     "novembre", "decembre"),
    ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
     "noviembre", "diciembre"),
    ("janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
     "novembro", "dezembro"),
):
    for _n, _name in enumerate(_names, start=1):
        MONTHS[_name] = _n
MONTHS["setiembre"] = 9  # the Southern Cone spelling

_ISO = r"(?P<iso>\d{4}-\d{2}-\d{2})"
_DMY = r"(?P<day>\d{1,2})(?:º|°|o|er|st|nd|rd|th)?(?:\s+de|\s+of)?\s+(?P<month>[^\W\d_]{3,10})\.?,?(?:\s+de)?\s+(?P<year>\d{4})"
_MDY = r"(?P<month2>[A-Z][a-z]{2,8})\.?\s+(?P<day2>\d{1,2}),\s+(?P<year2>\d{4})"
_ANY = rf"(?:{_ISO}|{_DMY}|{_MDY})"


class DateRule(NamedTuple):
    kind: str  # assent | promulgation | publication | enactment
    pattern: re.Pattern[str]


#: How a title block states the law's own date. Order matters only between rules that match the
#: same line; "last reform published" lines are refused by :data:`NOT_OWN_DATE`.
DATE_RULES: tuple[DateRule, ...] = (
    DateRule("assent", re.compile(rf"\[?\b(?:Assented\s+to|Sanctionn[ée]e\s+le)\s+{_ANY}", re.I)),
    DateRule("publication", re.compile(
        rf"\bpublicad[oa]s?\s+en\s+(?:el|la)\s+(?:Diario|Peri[oó]dico|Gaceta|Registro)\s+Oficial[^\n]{{0,60}}?"
        rf"\b(?:el|del?)\s+{_ANY}", re.I)),
    DateRule("publication", re.compile(
        rf"\bpublicad[oa]\s+no\s+Di[áa]rio\s+Oficial[^\n]{{0,60}}?\bde\s+{_ANY}", re.I)),
    DateRule("publication", re.compile(
        rf"\bpubli[ée]e?\s+au\s+(?:Journal|Moniteur)\s+officiel[^\n]{{0,60}}?\b(?:du|le)\s+{_ANY}", re.I)),
    DateRule("promulgation", re.compile(rf"\b(?:promulgad[oa]|promulgu[ée]e?|sancionad[oa])\s+(?:el|le|em)\s+{_ANY}",
                                        re.I)),
    DateRule("enactment", re.compile(rf"\b(?:Approved|Enacted)\s+(?:on\s+)?{_ANY}")),
)
#: A line that dates a later change, not the law itself.
NOT_OWN_DATE = re.compile(r"\b(?:[úu]ltima\s+reforma|reformad[oa]|last\s+amended|derni[èe]re\s+modification"
                          r"|reda[çc][ãa]o\s+dada|alterad[oa])\b", re.I)


class FoundDate(NamedTuple):
    iso: str
    kind: str
    start: int
    end: int


def iso_date(day: str | int, month: str | int, year: str | int) -> str | None:
    """``YYYY-MM-DD`` from a day, a month (number or name in en/fr/es/pt) and a year; None if invalid.

    >>> iso_date("3", "MARÇO", "1998"), iso_date(29, "June", 2000), iso_date(31, "feb", 2000)
    ('1998-03-03', '2000-06-29', None)
    """
    m = month if isinstance(month, int) else MONTHS.get(fold(month).rstrip("."), 0)
    if not m and isinstance(month, str):  # "Aug." / "févr."
        m = next((n for name, n in MONTHS.items() if len(month) >= 3 and name.startswith(fold(month)[:3])), 0)
    d, y = int(day), int(year)
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1000 <= y <= 2999):
        return None
    if d > (29 if m == 2 else 30 if m in (4, 6, 9, 11) else 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def match_date(m: re.Match[str]) -> str | None:
    """The ISO date a match of a pattern built on ``_ANY`` (or ``_DMY``) holds."""
    groups = m.groupdict()
    if groups.get("iso"):
        y, mo, d = groups["iso"].split("-")
        return iso_date(d, int(mo), y)
    if groups.get("day"):
        return iso_date(groups["day"], groups["month"], groups["year"])
    if groups.get("day2"):
        return iso_date(groups["day2"], groups["month2"], groups["year2"])
    return None


def find_own_date(block: str, *, offset: int = 0) -> FoundDate | None:
    """The first date of ``block`` (a law's title block) that a :data:`DATE_RULES` row reads as its own.

    >>> find_own_date("Firearms Act\\nS.C. 1995, c. 39\\nAssented to 1995-12-05\\n")
    FoundDate(iso='1995-12-05', kind='assent', start=30, end=52)
    >>> find_own_date("Nueva Ley publicada en el Diario Oficial de la Federación el 7 de mayo de 2004\\n").kind
    'publication'
    >>> find_own_date("Última reforma publicada en el Diario Oficial de la Federación el 7 de mayo de 2004") is None
    True
    """
    best: FoundDate | None = None
    for rule in DATE_RULES:
        for m in rule.pattern.finditer(block):
            line_start = block.rfind("\n", 0, m.start()) + 1
            iso = match_date(m)
            if iso is None or NOT_OWN_DATE.search(block[line_start:m.start()]):
                continue
            if best is None or m.start() + offset < best.start:
                best = FoundDate(iso, rule.kind, m.start() + offset, m.end() + offset)
            break
    return best


DMY_PATTERN = _DMY
