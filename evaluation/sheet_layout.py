"""Reading a program sheet's layout as the re-layout generator sees it: blocks, labels, prose lines.

Independent of the extractor: labels come from :mod:`evaluation.relayout_lexicon`, and a
line is a label line only when a capitalised lexicon label opens it and stands alone, before
a colon or before a column gap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from evaluation.relayout_lexicon import SECTION_LABELS
from ontology import folding

COLUMN_GAP = re.compile(r"\s{2,}|\t|:\s*")


def fold(text: str) -> str:
    """Accents removed, lower case, whitespace runs one space.

    >>> fold("  Países   Donantes ")
    'paises donantes'
    """
    return re.sub(r"\s+", " ", folding.fold(text)).strip()


@cache
def _labels() -> tuple[tuple[str, str, str], ...]:
    """(folded label, kind, label) for every label of the lexicon, longest first."""
    out = {(fold(label), kind, label) for kind, by_lang in SECTION_LABELS.items()
           for labels in by_lang.values() for label in labels}
    return tuple(sorted(out, key=lambda x: (-len(x[0]), x[0])))


@dataclass(frozen=True)
class LabelHit:
    kind: str
    start: int  # offsets in the line
    end: int


def find_label(line: str) -> LabelHit | None:
    """The lexicon label a line starts with, when the label stands alone, before a colon, or before a column gap.

    >>> find_label("Beneficiarios                Guatemala, Honduras")
    LabelHit(kind='beneficiaries', start=0, end=13)
    >>> find_label("Beneficiaries of the program were many."), find_label(" OBJECTIVES ").kind
    (None, 'objectives')
    >>> find_label("países beneficiários.") is None
    True
    """
    stripped = line.lstrip()
    if not stripped[:1].isupper():  # a label is capitalised; "países beneficiários." ends a sentence
        return None
    offset = len(line) - len(stripped)
    head = fold(stripped[:80])
    for folded, kind, _ in _labels():
        if not head.startswith(folded):
            continue
        # map the folded length back onto the line: folding keeps one character per letter here
        end = _prefix_end(stripped, len(folded))
        rest = stripped[end:]
        if not rest.strip(" .") or COLUMN_GAP.match(rest) or rest.startswith(":"):
            return LabelHit(kind, offset, offset + end)
    return None


def _prefix_end(text: str, folded_length: int) -> int:
    """The index in ``text`` where its folded prefix of ``folded_length`` characters ends."""
    for i in range(len(text) + 1):
        if len(fold(text[:i])) >= folded_length:
            return i
    return len(text)


def blocks(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of the runs of non-blank lines."""
    out, start = [], None
    for i, line in enumerate(lines):
        if line.strip():
            start = i if start is None else start
        elif start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(lines)))
    return out


def is_prose(line: str) -> bool:
    s = line.strip()
    return len(s) >= 40 and not re.search(r"\S\s{3,}\S", s) and find_label(line) is None


def dehyphenate(lines: Sequence[str]) -> str:
    """Prose lines joined into one paragraph; a hyphen at a line end joins the word halves.

    >>> dehyphenate(["la République domini-", "caine et l'Inter-", "American Board"])
    "la République dominicaine et l'Inter-American Board"
    """
    text = ""
    for line in lines:
        s = line.strip()
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and s[:1].isalpha():
            text = text[:-1] + s if s[:1].islower() else text + s
        else:
            text = f"{text} {s}" if text else s
    return text
