"""The judge's own reading of instrument mentions in gold values: symbols, numbers and names.

Independent of the extractor on purpose (no ``ingest`` import): a gold mandate such as
``"Inter-American Convention against Terrorism (2002), AG/RES. 1840 (XXXII-O/02)"`` is read
into resolution symbols (body, number, year or session) and plain names with their
parenthesised alternatives (acronyms, short names); an extracted instrument is read from its
IRI (``unsc-res-1373-2001``, ``oas-ag-res-2866-xliv-o-14``, as :mod:`ontology.iri` mints them)
and from the labels, acronyms and numbers the graph gives it.

>>> read_instrument("UN Security Council Resolution 1373 (2001)").symbols
(Symbol(body='unsc', number=1373, year=2001, session=None),)
>>> m = read_instrument("Inter-American Convention against Terrorism (2002), AG/RES. 1840 (XXXII-O/02)")
>>> m.symbols
(Symbol(body='oas-ag', number=1840, year=2002, session='XXXII-O/02'),)
>>> m.names
('Inter-American Convention against Terrorism',)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from evaluation.names import norm

_AG = re.compile(r"\bAG\s*/\s*RES\.?\s*(\d{1,5})(?:\s*\(\s*([IVXLC]+\s*-\s*[EO]\s*/\s*(\d{2}))\s*\))?", re.I)
_UNSC = re.compile(r"\bS\s*/\s*RES\s*/\s*(\d{1,5})(?:\s*\(\s*((?:19|20)\d\d)\s*\))?", re.I)
_UNGA = re.compile(r"\bA\s*/\s*RES\s*/\s*(\d{1,3})\s*/\s*(\d{1,4})", re.I)
_SC_WORDS = (r"(?:UN\s+|United\s+Nations\s+)?Security\s+Council|Consejo\s+de\s+Seguridad|Conselho\s+de\s+Seguran[cç]a|"
             r"Conseil\s+de\s+s[ée]curit[ée]|UNSC")
_RESOLUTION_WORD = r"(?:[Rr]esolution|[Rr]esoluci[oó]n|[Rr]esolu[cç][aã]o|[Rr][ée]solution)"
#: "Security Council resolution 1373 (2001)", "UNSCR 1540", "resolution 1540 (2004) of the Security Council"
_UNSC_WORDS = re.compile(
    rf"(?:(?:{_SC_WORDS})\s+{_RESOLUTION_WORD}|\bUNSCR)\s*(?:No\.?\s*)?(\d{{1,5}})(?:\s*\(\s*((?:19|20)\d\d)\s*\))?"
    rf"|{_RESOLUTION_WORD}\s*(?:No\.?\s*)?(\d{{1,5}})(?:\s*\(\s*((?:19|20)\d\d)\s*\))?"
    rf"\s*(?:of|del?|do|du)\s+(?:the\s+|la\s+|o\s+)?"
    rf"(?:{_SC_WORDS})")
_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d$")
_IRI_UNSC = re.compile(r"/instrument/unsc-res-(\d+)(?:-((?:19|20)\d\d))?$")
_IRI_AG = re.compile(r"/instrument/oas-ag-res-(\d+)(?:-([a-z]+-[eo]-\d{2}))?$")
#: Names shorter than this (folded) only match by equality, never by containment.
MIN_CONTAINED = 20


@dataclass(frozen=True)
class Symbol:
    """A resolution: its body (``unsc``, ``oas-ag``, ``unga``), number, and year or session when known."""

    body: str
    number: int
    year: int | None = None
    session: str | None = None

    def same(self, other: Symbol) -> bool:
        """Same body and number; year and session must agree when both sides know them.

        >>> s = Symbol("unsc", 1540, 2004)
        >>> s.same(Symbol("unsc", 1540)), s.same(Symbol("unsc", 1540, 2005))
        (True, False)
        """
        if (self.body, self.number) != (other.body, other.number):
            return False
        if self.year and other.year and self.year != other.year:
            return False
        return not (self.session and other.session and _session_key(self.session) != _session_key(other.session))


@dataclass(frozen=True)
class InstrumentMention:
    """What a gold mandate names: resolution symbols, and names (with their alternatives)."""

    text: str
    symbols: tuple[Symbol, ...]
    names: tuple[str, ...]  # the full names, without trailing parentheses
    alternatives: tuple[str, ...]  # parenthesised short names and acronyms ("CIFTA", "Chicago Convention")


def _session_key(session: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", session.upper())


def _year_of_session(two_digits: str) -> int:
    n = int(two_digits)
    return 2000 + n if n < 50 else 1900 + n


def find_symbols(text: str) -> list[tuple[Symbol, int, int]]:
    """Every resolution symbol in ``text`` with its span, in text order.

    >>> [(s.body, s.number, s.year) for s, _, _ in find_symbols("S/RES/1540 (2004) and AG/RES. 2866 (XLIV-O/14)")]
    [('unsc', 1540, 2004), ('oas-ag', 2866, 2014)]
    """
    found: list[tuple[Symbol, int, int]] = []
    for m in _AG.finditer(text):
        session = re.sub(r"\s+", "", m.group(2)) if m.group(2) else None
        year = _year_of_session(m.group(3)) if m.group(3) else None
        found.append((Symbol("oas-ag", int(m.group(1)), year, session), m.start(), m.end()))
    for m in _UNSC.finditer(text):
        found.append((Symbol("unsc", int(m.group(1)), int(m.group(2)) if m.group(2) else None), m.start(), m.end()))
    for m in _UNGA.finditer(text):
        found.append((Symbol("unga", int(m.group(2)), None, m.group(1)), m.start(), m.end()))
    for m in _UNSC_WORDS.finditer(text):
        number, written = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if not any(s <= m.start() < e or m.start() <= s < m.end() for _, s, e in found):
            found.append((Symbol("unsc", int(number), int(written) if written else None), m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def read_instrument(text: str) -> InstrumentMention:
    """A gold mandate as symbols plus names; a part that is only a symbol gives no name."""
    symbols = find_symbols(text)
    rest, last = [], 0
    for _, start, end in symbols:
        rest.append(text[last:start])
        last = end
    rest.append(text[last:])
    names: list[str] = []
    alternatives: list[str] = []
    for piece in re.split(r"[,;]|\s+(?:and|y|e|et)\s+(?=[A-Z])", " ".join(rest)):
        name = piece.strip(" .:-–—")
        while True:
            m = _TRAILING_PAREN.search(name)
            if m is None:
                break
            inner = m.group(1).strip()
            if inner and not _YEAR_ONLY.match(inner):
                alternatives.append(inner)
            name = name[:m.start()].strip()
        if sum(c.isalpha() for c in name) >= 4 and not re.fullmatch(r"(?i)annex\s+\w+", name):
            names.append(name)
    return InstrumentMention(text, tuple(s for s, _, _ in symbols), tuple(dict.fromkeys(names)),
                             tuple(dict.fromkeys(alternatives)))


def symbol_of_iri(iri: str) -> Symbol | None:
    """The resolution an instrument IRI stands for, when it follows the minting scheme.

    >>> symbol_of_iri("https://policykg.org/id/instrument/oas-ag-res-2866-xliv-o-14")
    Symbol(body='oas-ag', number=2866, year=2014, session='XLIV-O/14')
    """
    m = _IRI_UNSC.search(iri)
    if m:
        return Symbol("unsc", int(m.group(1)), int(m.group(2)) if m.group(2) else None)
    m = _IRI_AG.search(iri)
    if m:
        session = None
        year = None
        if m.group(2):
            roman, kind, yy = m.group(2).split("-")
            session, year = f"{roman.upper()}-{kind.upper()}/{yy}", _year_of_session(yy)
        return Symbol("oas-ag", int(m.group(1)), year, session)
    return None


def instrument_matches(gold: InstrumentMention, iri: str, *, labels: Iterable[str] = (),
                       acronyms: Iterable[str] = ()) -> bool:
    """Whether an extracted instrument (its IRI, labels, acronyms) is one the gold value names.

    A shared symbol (body and number; year/session when both know it), a label read as a
    symbol, a folded name or alternative equal to a label or acronym, or, for names of at
    least :data:`MIN_CONTAINED` characters, one contained in the other.

    >>> g = read_instrument("Convention on International Civil Aviation (Chicago Convention), Annex 17")
    >>> instrument_matches(g, "x:chicago", labels=["Chicago Convention"])
    True
    >>> instrument_matches(g, "x:y", labels=["Annex 17"])
    False
    """
    labels, acronyms = list(labels), list(acronyms)
    extracted = [s for s in [symbol_of_iri(iri)] if s is not None]
    extracted += [s for label in labels for s, _, _ in find_symbols(label)]
    if any(g.same(e) for g in gold.symbols for e in extracted):
        return True
    wanted = {norm(x) for x in (*gold.names, *gold.alternatives)} - {""}
    have = {norm(x) for x in (*labels, *acronyms)} - {""}
    have |= {norm(_TRAILING_PAREN.sub("", x)) for x in labels} - {""}
    if wanted & have:
        return True
    long_wanted = [w for w in {norm(n) for n in gold.names} if len(w) >= MIN_CONTAINED]
    long_have = [h for h in have if len(h) >= MIN_CONTAINED]
    return any(f" {w} " in f" {h} " or f" {h} " in f" {w} " for w in long_wanted for h in long_have)
