"""Data the reference rules read: instruments known by name, and the Council's numbering by year.

The named instruments come from the reference data (``ontology/instruments.ttl``, read by
:func:`ontology.instruments.load_instruments`): adding a convention or a language is an edit
of that file. This module turns each name into a pattern by general rules only (accents,
case, hyphens, line breaks, commas, articles, British/American spelling, "United Nations" or
"UN", numbers in words or digits), so no spelling variant needs listing.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from functools import cache

from ingest.lexicon_switch import LexiconSwitch
from ontology.instruments import load_instruments

_SP = r"[ \t\f\v\r]"  # white space within a line
#: Between two words of a name: white space with at most one line break (after an optional
#: comma), or a hyphen ("Non Proliferation" / "Non-Proliferation").
_GAP = rf"(?:,?{_SP}*\s{_SP}*|{_SP}*-{_SP}*(?:\n{_SP}*)?)"
#: A hyphen inside a name: "Inter-American", "Inter American", "Interamerican", "Inter-\nAmerican".
_JOIN = rf"(?:{_SP}*-{_SP}*(?:\n{_SP}*)?|{_SP}*\n?{_SP}*)"
_ARTICLES = frozenset({"the", "el", "la", "los", "las", "le", "les", "o", "os", "a", "as"})
_NUMBERS = {  # numbers written in words in en/es/pt/fr, 2 and up ("one"/"un"/"a" are articles too)
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "forty": 40, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
    "diez": 10, "cuarenta": 40, "dois": 2, "duas": 2, "quatro": 4, "sete": 7, "oito": 8, "nove": 9,
    "dez": 10, "quarenta": 40, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "quarante": 40,
}
_SPELLINGS = {  # British / American forms ("-ise/-ize" is handled by a rule)
    "programme": "program(?:me)?", "program": "program(?:me)?", "defence": "defen[cs]e", "defense": "defen[cs]e",
    "centre": "cent(?:re|er)", "center": "cent(?:re|er)",
}
_NAME_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def fold_name(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes and dashes made plain, one character
    for one (so offsets into the folded text are offsets into *text*).

    >>> fold_name("Convention interaméricaine contre la fabrication d’armes à feu – 1997")
    "convention interamericaine contre la fabrication d'armes a feu - 1997"
    """
    return text.translate(_FOLD)


class _FoldTable(dict[int, str]):
    """``str.translate`` table that maps every character to exactly one character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)
        out = base[0] if base and base[0].isascii() and all(unicodedata.combining(c) for c in base[1:]) else char
        lower = out.lower()
        self[code] = lower if len(lower) == 1 else out
        return self[code]


_FOLD = _FoldTable({ord(c): "'" for c in "’‘ʼ′`´"} | {ord(c): "-" for c in "‐‑‒–—−"})


def _word(low: str) -> str:
    if low in _NUMBERS:
        return f"(?:{low}|{_NUMBERS[low]})"
    if low in _SPELLINGS:
        return _SPELLINGS[low]
    for prefix in ("cyber", "ciber"):  # "cybersecurity", "cyber security", "cyber-security"
        if low.startswith(prefix) and len(low) > len(prefix) + 2:
            return prefix + _JOIN + re.escape(low[len(prefix):]).replace("iz", "i[sz]")
    return re.escape(low).replace("iz", "i[sz]")  # "organized" / "organised"


def name_pattern(name: str) -> str:
    """A regular expression, in lower case, that matches *name* as people write it in text
    folded by :func:`fold_name` (or in any text, compiled with ``re.IGNORECASE``).

    >>> rx = re.compile(name_pattern("United Nations Convention against Transnational Organized Crime"), re.I)
    >>> bool(rx.search("the UN Convention against Transnational\\nOrganised Crime"))
    True
    >>> rx = re.compile(name_pattern("Inter-American Convention against the Illicit Manufacturing of Firearms"), re.I)
    >>> [bool(rx.search(t)) for t in ("Interamerican Convention against Illicit Manufacturing of, Firearms",
    ...                                "Pan-Inter-American Convention against the Illicit Manufacturing of Firearms")]
    [True, False]
    >>> bool(re.search(name_pattern("FATF Forty Recommendations"), "the FATF 40 Recommendations", re.I))
    True
    """
    return r"(?<![\w-])" + "".join(_parts(name)) + r"(?!\w)"


def first_word_pattern(name: str) -> str:
    """The pattern of the first word of *name*: what a scanner looks for before trying the name.
    It ends on a word boundary unless a hyphen, which may be left out, follows the word.

    >>> first_word_pattern("Inter-American Convention against Terrorism")
    'inter'
    >>> re.match(first_word_pattern("FATF Recommendations"), "FATFs") is None
    True
    >>> bool(re.fullmatch(first_word_pattern("United Nations Convention against Corruption"), "U.N.", re.I))
    True
    """
    parts = _parts(name)
    return parts[0] if parts[1:2] == [_JOIN] else parts[0] + r"(?!\w)"


def _parts(name: str) -> list[str]:
    """One pattern per word, gap or sign of *name*; "United Nations" and an optional article with
    the gap after it count as one."""
    tokens = _NAME_TOKEN.findall(fold_name(name).strip())
    parts: list[str] = []
    i = 0
    while i < len(tokens):
        token = low = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token.isspace():
            parts.append(_GAP)
        elif low == "united" and nxt.isspace() and tokens[i + 2: i + 3] == ["nations"]:
            parts.append(rf"(?:united{_GAP}nations|u\.?{_SP}?n\.?(?!\w))")
            i += 3
            continue
        elif low in _ARTICLES and nxt.isspace() and i + 2 < len(tokens):
            parts.append(f"(?:{low}{_GAP})?")
            i += 2
            continue
        elif low == "l" and nxt == "'":  # French elided article
            parts.append(f"(?:l'{_SP}?)?")
            i += 2
            continue
        elif token[0].isalnum() or token[0] == "_":
            parts.append(_word(token))
        elif token == "-":
            parts.append(_JOIN)
        elif token in ",.()":
            parts.append(re.escape(token) + "?")
        elif token == "'":
            parts.append(f"'{_SP}?")
        else:
            parts.append(re.escape(token))
        i += 1
    return parts


@dataclass(frozen=True)
class NamedInstrument:
    """A convention, protocol, strategy, declaration or standard known by name.

    ``name`` is its official English title (the text of ``InstrumentRef.name``), ``names``
    every title, short title and variant in every language, ``acronyms`` its real acronyms
    (matched case-sensitively). Its IRI is ``Iris.instrument(slug)``.
    """

    slug: str
    name: str
    kind: str
    year: int | None
    is_treaty: bool
    names: tuple[str, ...]
    acronyms: tuple[str, ...] = ()

    @property
    def acronym(self) -> str | None:
        """The first acronym, if any."""
        return self.acronyms[0] if self.acronyms else None

    @property
    def patterns(self) -> tuple[str, ...]:
        """One pattern per name, longest name first (see :func:`name_pattern`)."""
        return tuple(name_pattern(n) for n in sorted(self.names, key=len, reverse=True))


@cache
def named_instruments() -> tuple[NamedInstrument, ...]:
    """Every instrument of the reference data, in its order. Cost: ~20 ms once, cached.

    >>> cifta = next(i for i in named_instruments() if i.acronym == "CIFTA")
    >>> cifta.name.startswith("Inter-American Convention against the Illicit Manufacturing"), cifta.year
    (True, 1997)
    """
    return tuple(
        NamedInstrument(slug=r.slug, name=r.label("en"), kind=r.kind, year=r.year, is_treaty=r.is_treaty,
                        names=tuple(dict.fromkeys(text for text, _ in (*r.labels, *r.aliases))), acronyms=r.acronyms)
        for r in load_instruments())


_SWITCH = LexiconSwitch("policykg.instruments.disabled")


def disabled_entries(ids: Iterable[str]) -> AbstractContextManager[None]:
    """Inside the block, the names ``ids`` (``"NAMED_INSTRUMENTS[slug]: name"``, a name or an
    acronym) are not looked for; the leave-one-out measure's hook.

    >>> att = instrument_named("Arms Trade Treaty")
    >>> ids = ["NAMED_INSTRUMENTS[arms-trade-treaty]: " + n for n in att.names + att.acronyms]
    >>> with disabled_entries(ids):
    ...     any(i.slug == "arms-trade-treaty" for i in active_instruments())
    False
    """
    return _SWITCH.disabled_entries(ids)


def active_instruments() -> tuple[NamedInstrument, ...]:
    """:func:`named_instruments` without the names and acronyms switched off (see :func:`disabled_entries`);
    an instrument left with neither is left out. Cached per set of switched-off names."""
    return _active(_SWITCH.off())


def active_key() -> frozenset[str]:
    """The key of caches derived from :func:`active_instruments`."""
    return _SWITCH.off()


@cache
def _active(off: frozenset[str]) -> tuple[NamedInstrument, ...]:
    if not off:
        return named_instruments()
    out = []
    for inst in named_instruments():
        table = f"NAMED_INSTRUMENTS[{inst.slug}]"
        names = tuple(n for n in inst.names if f"{table}: {n}" not in off)
        acronyms = tuple(a for a in inst.acronyms if f"{table}: {a}" not in off)
        if names or acronyms:
            out.append(inst if (names, acronyms) == (inst.names, inst.acronyms)
                       else replace(inst, names=names, acronyms=acronyms))
    return tuple(out)


def instrument_named(name: str) -> NamedInstrument | None:
    """The instrument whose official English title is *name* (an ``InstrumentRef.name``).

    >>> instrument_named("Arms Trade Treaty").slug, instrument_named("Not an instrument")
    ('arms-trade-treaty', None)
    """
    return _by_name().get(name)


def instrument_slug(name: str) -> str:
    """The slug of the instrument titled *name*; a name the table does not hold is its own slug source."""
    found = instrument_named(name)
    return found.slug if found is not None else name


@cache
def _by_name() -> dict[str, NamedInstrument]:
    return {i.name: i for i in named_instruments()}


def __getattr__(attr: str) -> tuple[NamedInstrument, ...]:
    """``NAMED_INSTRUMENTS``, read on first use (importing this module reads no file)."""
    if attr == "NAMED_INSTRUMENTS":
        return named_instruments()
    raise AttributeError(f"module {__name__!r} has no attribute {attr!r}")


# First Security Council resolution number of each year: the Council numbers chronologically,
# so a number that does not fit the year it is cited with is misread (OCR) or not the Council's.
_UNSC_FIRST_BY_YEAR: tuple[tuple[int, int], ...] = (
    (1946, 1), (1947, 16), (1948, 38), (1949, 67), (1950, 79), (1951, 90), (1952, 97),
    (1953, 99), (1954, 104), (1955, 106), (1956, 111), (1957, 122), (1958, 127), (1959, 132),
    (1960, 133), (1961, 161), (1962, 171), (1963, 177), (1964, 186), (1965, 200), (1966, 220),
    (1967, 233), (1968, 245), (1969, 263), (1970, 276), (1971, 292), (1972, 308), (1973, 325),
    (1974, 345), (1975, 367), (1976, 385), (1977, 403), (1978, 423), (1979, 444), (1980, 462),
    (1981, 485), (1982, 500), (1983, 529), (1984, 546), (1985, 560), (1986, 581), (1987, 594),
    (1988, 607), (1989, 628), (1990, 647), (1991, 684), (1992, 726), (1993, 800), (1994, 893),
    (1995, 973), (1996, 1036), (1997, 1092), (1998, 1148), (1999, 1223), (2000, 1285),
    (2001, 1335), (2002, 1388), (2003, 1456), (2004, 1522), (2005, 1583), (2006, 1650),
    (2007, 1738), (2008, 1795), (2009, 1860), (2010, 1905), (2011, 1964), (2012, 2033),
    (2013, 2090), (2014, 2133), (2015, 2200), (2016, 2266), (2017, 2337), (2018, 2398),
    (2019, 2452), (2020, 2504), (2021, 2561), (2022, 2618), (2023, 2672), (2024, 2722),
    (2025, 2768),
)
_YEARS = tuple(y for y, _ in _UNSC_FIRST_BY_YEAR)
_SLACK = 12


def unsc_number_fits_year(number: int, year: int) -> bool:
    """Whether Security Council resolution *number* can date from *year* (a few numbers slack).

    >>> unsc_number_fits_year(546, 1984), unsc_number_fits_year(46, 1984)
    (True, False)
    """
    if year < _YEARS[0] or number < 1:
        return False
    i = bisect_right(_YEARS, year) - 1
    first = _UNSC_FIRST_BY_YEAR[i][1]
    if year > _YEARS[-1]:  # past the table: between 35 and 80 resolutions a year
        ahead = year - _YEARS[-1]
        return first + 35 * ahead - _SLACK <= number < first + 80 * (ahead + 1) + _SLACK
    return first - _SLACK <= number < _UNSC_FIRST_BY_YEAR[i + 1][1] + _SLACK
