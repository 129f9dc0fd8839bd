"""Security Council resolutions named by number in a question: "resolution 338 (1973)", "S/RES/660 (1990)",
"UNSCR 1540", "la resolución 1373", "résolution 678 (1990)", "resolução 687".

A number is read as a resolution only where the text says so (a resolution word or symbol before
it) or writes it the way resolutions are cited, ``number (year)``; a bare number is not a resolution.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from kg.linking.names import Symbol

_WORD = r"(?:resolu\w*|r[ée]solu\w*|UNSCR|SCR|S/RES/)"
_REF = re.compile(
    _WORD + r"\s*(?:n\.?\s*[°ºo]?\s*|no\.\s*|nº\s*)?(\d{1,4})(?:\s*\(\s*(\d{4})\s*\))?"
    r"|(?<![\w/])(\d{1,4})\s*\(\s*(\d{4})\s*\)", re.IGNORECASE)


class SymbolTable:
    """Resolutions by (number, year) and by number. Only Security Council symbols (``S/RES/``) are read."""

    def __init__(self, symbols: Sequence[Symbol]) -> None:
        self.by_pair: dict[tuple[int, int | None], Symbol] = {}
        self.by_number: dict[int, list[Symbol]] = {}
        for s in sorted(symbols, key=lambda s: s.iri):
            if not s.symbol.startswith("S/RES/"):
                continue
            self.by_pair.setdefault((s.number, s.year), s)
            self.by_number.setdefault(s.number, []).append(s)

    def find(self, text: str) -> Iterator[tuple[int, int, Symbol]]:
        """``(start, end, symbol)`` of each resolution reference in ``text``, in order.

        >>> t = SymbolTable([Symbol("r:242", "S/RES/242 (1967)", 242, 1967), Symbol("r:660", "S/RES/660 (1990)", 660, 1990)])
        >>> [(text[a:b], s.iri) for text in ["Which later resolutions mention resolution 242 (1967)?"] for a, b, s in t.find(text)]
        [('resolution 242 (1967)', 'r:242')]
        >>> [s.iri for _, _, s in t.find("¿Qué resoluciones citan la S/RES/660 (1990) y 242?")]
        ['r:660']
        """
        for m in _REF.finditer(text):
            number = int(m.group(1) or m.group(3))
            year_text = m.group(2) or m.group(4)
            year = int(year_text) if year_text else None
            found = self.by_pair.get((number, year)) if year is not None else None
            if found is None:
                candidates = self.by_number.get(number, [])
                # A number alone (or with a garbled year) names the one resolution with that number.
                if len(candidates) == 1 or (candidates and year is None):
                    found = candidates[0]
            if found is not None:
                yield m.start(), m.end(), found
