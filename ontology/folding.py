"""Accent folding: the one rule, for the whole code base, by which "Colômbia" meets "Colombia".

Slugs and IRIs (:func:`ontology.iri.slugify`), index terms (:mod:`kg.index.analyzer`), the
gazetteer's token keys, the program-sheet rules (which need offsets kept) and the judge's name
comparisons (:mod:`evaluation.names`) all fold through :func:`fold`. It lives here, in the lowest
layer that needs it, so every other layer (evaluation included) may import it.
"""

from __future__ import annotations

import unicodedata


def fold(text: str, *, keep_length: bool = False, keep_case: bool = False) -> str:
    """``text`` in lower case with its accents removed. Pure; linear in the text.

    By default every character becomes its compatibility decomposition with everything that
    is not ASCII dropped, so the result is plain ASCII ("ﬁ" becomes "fi", "’" and "—" vanish):
    the key for slugs, index terms and name comparisons.

    With ``keep_length`` every character becomes exactly one character: its ASCII base letter
    when it has one, else itself (in lower case when that is one character), so offsets into
    the result are offsets into ``text``. ``keep_case`` leaves the case alone.

    >>> fold("Colômbia, Côte d’Ivoire")
    'colombia, cote divoire'
    >>> fold("Côte d’Ivoire", keep_length=True)
    'cote d’ivoire'
    >>> fold("Países", keep_case=True)
    'Paises'
    """
    if keep_length:
        return text.translate(_SAME_CASE if keep_case else _LOWER)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return folded if keep_case else folded.lower()


class _OneForOne(dict[int, str]):
    """``str.translate`` table, filled on demand: each character to exactly one character."""

    def __init__(self, *, lower: bool) -> None:
        super().__init__()
        self.lower = lower

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = char if char.isascii() else unicodedata.normalize("NFKD", char)[:1]
        out = base if base.isascii() else char
        if self.lower:
            out = out.lower()[:1] or out
        self[code] = out
        return out


_LOWER = _OneForOne(lower=True)
_SAME_CASE = _OneForOne(lower=False)
