"""Marking parts of a text: query words in a search hit, spans (mentions, evidence) in a document.

Pure functions from text to segments; templates print the segments, escaping each, so no
text from a document or a query ever reaches a page unescaped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

#: words too common to be worth marking, in the four languages
STOPWORDS = frozenset("""a an and are as at be by de del do does el en et for from has in is it la las le les los
na no o of on or os para por que qué quels quelles se the to un una une which what who y des du em com""".split())


@dataclass(frozen=True)
class Segment:
    text: str
    mark: bool = False
    href: str | None = None  # a marked span may link somewhere (a mention to its entity)
    title: str | None = None


def fold(text: str) -> str:
    """Lower case without accents, one character per character (so offsets stay valid).

    >>> fold("Añó É")
    'ano e'
    """
    return "".join(unicodedata.normalize("NFD", c)[0].lower() if c.isalpha() else c.lower() for c in text)


def query_words(query: str) -> list[str]:
    """The words of a query worth marking (3 letters or more, not stopwords), folded.

    >>> query_words("¿Qué programas ayudan a Guatemala?")
    ['programas', 'ayudan', 'guatemala']
    """
    words = re.findall(r"\w+", fold(query))
    return [w for w in dict.fromkeys(words) if len(w) >= 3 and w not in STOPWORDS]


def mark_words(text: str, query: str) -> list[Segment]:
    """``text`` cut into segments, the query's words (and words they start) marked.

    >>> [s.text for s in mark_words("Nuclear non-proliferation laws", "proliferation law") if s.mark]
    ['proliferation', 'laws']
    """
    words = query_words(query)
    if not words:
        return [Segment(text)]
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\w*")
    return spans_to_segments(text, ((m.start(), m.end(), None, None) for m in pattern.finditer(fold(text))))


def spans_to_segments(text: str, spans: Iterable[tuple[int, int, str | None, str | None]]) -> list[Segment]:
    """``text`` cut at the spans ``(start, end, href, title)``; overlapping spans keep the first (by start).

    >>> [(s.text, s.mark) for s in spans_to_segments("abcdef", [(1, 3, None, None), (2, 5, None, None)])]
    [('a', False), ('bc', True), ('def', False)]
    """
    out: list[Segment] = []
    cursor = 0
    for start, end, href, title in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = max(start, 0), min(end, len(text))
        if start < cursor or start >= end:
            continue
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], True, href, title))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
    return out


def find_names(text: str, names: dict[str, tuple[str, str]]) -> list[tuple[int, int, str | None, str | None]]:
    """Spans of ``text`` where a name occurs as a whole word (accent- and case-insensitive).

    ``names`` maps a name to ``(href, title)``; longer names win where names overlap.

    >>> find_names("Aid to Guatemala and GTM", {"guatemala": ("/g", "Guatemala"), "gtm": ("/g", "Guatemala")})
    [(7, 16, '/g', 'Guatemala'), (21, 24, '/g', 'Guatemala')]
    """
    folded = fold(text)
    spans: list[tuple[int, int, str | None, str | None]] = []
    taken = [False] * len(text)
    for name in sorted(names, key=len, reverse=True):
        key = fold(name).strip()
        if len(key) < 3:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(key) + r"(?!\w)", folded):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
            href, title = names[name]
            spans.append((m.start(), m.end(), href, title))
    return sorted(spans)
