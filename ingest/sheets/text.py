"""Text helpers for program sheets: folding that keeps offsets, re-joined hyphenation, sentences.

All functions are pure and keep exact character offsets into the text they are given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ingest.sheets.labels import entries
from ingest.spans import trim_span
from ontology.folding import fold


def fold_same_length(text: str) -> str:
    """Lower case, accents removed, one character for one: offsets stay valid (:func:`ontology.folding.fold`).

    >>> fold_same_length("Países Doadores")
    'paises doadores'
    """
    return fold(text, keep_length=True)


def fold_key(text: str) -> str:
    """The comparison key of a label or heading: folded, single spaces, no trailing punctuation.

    >>> fold_key("  Órgãos, setores,\\n sociedade civil etc. ")
    'orgaos, setores, sociedade civil etc'
    """
    folded = re.sub(r"\s+", " ", fold_same_length(text)).strip()
    return folded.strip(" .:;,")


@cache
def cue_regex(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled alternation of cue patterns (matched on folded text); a space matches any whitespace run.

    >>> bool(cue_regex(("is a component",)).search("is a\\n  component"))
    True
    """
    if not patterns:
        return re.compile(r"(?!)")  # every entry switched off: a cue that never matches
    return re.compile("|".join(f"(?:{_spaces_loose(p)})" for p in patterns))


def _spaces_loose(pattern: str) -> str:
    out, depth = [], 0
    for i, c in enumerate(pattern):
        if c == "[" and (i == 0 or pattern[i - 1] != "\\"):
            depth += 1
        elif c == "]" and depth and pattern[i - 1] != "\\":
            depth -= 1
        out.append(r"\s+" if c == " " and not depth else c)
    return "".join(out)


def find_cues(folded: str, patterns: tuple[str, ...], start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of every cue of ``patterns`` in ``folded[start:end]``.

    >>> find_cues("financed by canada", (r"financ\\w*",))
    [(0, 8)]
    """
    stop = len(folded) if end is None else end
    return [(m.start(), m.end()) for m in cue_regex(patterns).finditer(folded, start, stop)]


_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])")
_WORD_REST = re.compile(r"[^\W\d_]+")


def rejoin_same_length(text: str) -> str:
    """Words hyphenated across lines re-joined in place, the freed characters after the word as spaces:
    same length, so every offset outside those words is unchanged (for cue search).

    >>> rejoin_same_length("financial intel-\\n  ligence unit")
    'financial intelligence     unit'
    """
    if "-" not in text:
        return text
    chars = list(text)
    for m in _HYPHEN_BREAK.finditer(text):
        rest = _WORD_REST.match(text, m.end())
        if rest is None:
            continue
        word = rest.group()
        chars[m.start():rest.end()] = list(word) + [" "] * (m.end() - m.start())
    return "".join(chars)


@dataclass(frozen=True)
class TextView:
    """The text with words hyphenated across lines re-joined, and the way back to offsets.

    >>> v = TextView.of("la République domini-\\ncaine et")
    >>> v.clean
    'la République dominicaine et'
    >>> v.original_span(14, 25)
    (14, 27)
    """

    clean: str
    offsets: tuple[int, ...]  # clean index → original index; one extra entry for the end

    @classmethod
    def of(cls, text: str) -> TextView:
        parts: list[str] = []
        offsets: list[int] = []
        pos = 0
        for m in _HYPHEN_BREAK.finditer(text):
            parts.append(text[pos:m.start()])
            offsets.extend(range(pos, m.start()))
            pos = m.end()
        parts.append(text[pos:])
        offsets.extend(range(pos, len(text)))
        offsets.append(len(text))
        return cls("".join(parts), tuple(offsets))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of the clean ``[start, end)``."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def clean_index(self, original: int) -> int:
        """The clean index of an original offset (the next kept character when it was dropped)."""
        import bisect

        return bisect.bisect_left(self.offsets, original)


_SENTENCE_END = re.compile(r"[.!?](?:[\"”’)\]]*)(?=\s+[\"“(\[]?[A-ZÀ-ÖØ-Þ0-9•\-])|[.!?](?=\s*$)|\n[ \t]*\n")
_ABBREV_TAIL = re.compile(r"(?:^|[\s(])(?P<word>[A-Za-zº.]+)\.$")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as trimmed spans; abbreviations ("St.", "U.S.") do not end one.

    >>> t = "In St. Kitts and Nevis a course was held. The U.S. Coast Guard helped."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['In St. Kitts and Nevis a course was held.', 'The U.S. Coast Guard helped.']
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    piece = start
    for m in _SENTENCE_END.finditer(text, start, stop):
        if m.group().startswith((".",)) and _is_abbreviation(text, piece, m.start() + 1):
            continue
        spans.append((piece, m.end()))
        piece = m.end()
    spans.append((piece, stop))
    return [s for s in (trim(text, a, b) for a, b in spans) if s[1] > s[0]]


def _is_abbreviation(text: str, start: int, dot_end: int) -> bool:
    m = _ABBREV_TAIL.search(text, max(start, dot_end - 12), dot_end)
    if not m:
        return False
    word = m["word"].rstrip(".")
    return word in entries("ABBREVIATIONS") \
        or (len(word.replace(".", "")) <= 2 and word[:1].isupper() and "." in m["word"][:-1]) \
        or (len(word) == 1 and word.isupper())


trim = trim_span  # the one span-trimming rule of the ingest steps


def clause_bounds(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """The clause around ``pos`` inside the sentence ``[start, end)``: cut at ";" and dashes."""
    lo = max((m.end() for m in re.finditer(r";|\s[—–]\s", text[start:pos])), default=0) + start
    m = re.search(r";|\s[—–]\s", text[pos:end])
    return lo, pos + m.start() if m else end


_LANGUAGE_MARKERS: dict[str, tuple[str, ...]] = {
    "en": ("the", "and", "of", "to", "with", "which"),
    "es": ("el", "los", "del", "y", "las", "con"),
    "pt": ("os", "do", "da", "e", "dos", "com", "não", "em"),
    "fr": ("le", "les", "des", "et", "du", "avec"),
}


def guess_language(text: str) -> str:
    """``en``, ``es``, ``pt`` or ``fr`` by counting function words; cheap and good enough for layout.

    >>> guess_language("El programa apoya a los Estados del Caribe y de Centroamérica.")
    'es'
    """
    words = re.findall(r"[^\W\d_]+", text.lower())
    counts = {lang: sum(words.count(w) for w in markers) for lang, markers in _LANGUAGE_MARKERS.items()}
    return max(counts, key=lambda lang: counts[lang])


def line_spans(text: str) -> list[tuple[int, int]]:
    """Every line as ``[start, end)`` without its newline.

    >>> line_spans("a\\nbc\\n")
    [(0, 1), (2, 4), (5, 5)]
    """
    spans = []
    pos = 0
    for m in re.finditer(r"\r?\n", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``a`` overlaps any of ``spans``."""
    return any(a[0] < e and s < a[1] for s, e in spans)
