"""Section and field labels recognised by their words, in English, Spanish, Portuguese and French.

A label is a short line (or the head of one) made only of label words: at least one word of a
kind's families (:data:`~ingest.sheets.labels.LABEL_FAMILIES`, weighing 2, and
:data:`~ingest.sheets.labels.LABEL_QUALIFIER_FAMILIES`, weighing 1), the rest fillers
(:data:`~ingest.sheets.labels.LABEL_FILLER_FAMILIES`). The heaviest kind wins. So "Key
Outcomes", "Países receptores" and "Organe d'exécution" are labels whatever sheet prints them,
and "OAS member states" or "Guatemala, Honduras" are not. Pure; cached per set of switched-off
lexicon entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.sheets.labels import entries, keyed, switched_off
from ingest.sheets.text import fold_same_length

MAX_LABEL_WORDS = 7
ENUMERATOR = re.compile(r"^(?:\d{1,2}|[ivx]{1,4}|[a-h])[.)]\s+")
_LABEL_TOKEN = re.compile(r"[a-z0-9]+")

#: When two kinds weigh the same, the first listed wins ("Funding Partners" are donors).
LABEL_KIND_PRECEDENCE: tuple[str, ...] = (
    "donor", "beneficiary", "period", "start", "end", "partner", "executing", "budget", "pillar", "link", "status",
    "contact", "summary", "objectives", "results", "activities", "background", "mandate",
)

#: Label kinds that head prose, and the segment kind their prose takes.
SECTION_KINDS: dict[str, str] = {"summary": "summary", "objectives": "objectives", "results": "results",
                                 "activities": "results", "background": "background", "mandate": "background"}
_OPEN_STARTS = frozenset({"of", "to", "for", "de", "del", "du", "des", "da", "do", "das", "dos", "para", "pour",
                          "por", "par", "con", "com", "with", "avec", "en", "in", "on", "y", "e", "et", "and"})
_OPEN_ENDS = frozenset({"of", "the", "and", "de", "del", "la", "las", "los", "el", "du", "des", "le", "les", "da",
                        "do", "das", "dos", "y", "e", "et"})


@dataclass(frozen=True)
class _Lexicon:
    kinds: tuple[tuple[str, re.Pattern[str], int], ...]  # (kind, one-word pattern, weight)
    fillers: re.Pattern[str]
    precedence: dict[str, int]


@cache
def _lexicon(off: frozenset[str]) -> _Lexicon:
    kinds: list[tuple[str, re.Pattern[str], int]] = []
    for table, weight in (("LABEL_FAMILIES", 2), ("LABEL_QUALIFIER_FAMILIES", 1)):
        for kind, families in keyed(table).items():
            if families:
                kinds.append((kind, re.compile("|".join(f"(?:{f})" for f in families)), weight))
    fillers = re.compile("|".join(f"(?:{f})" for f in entries("LABEL_FILLER_FAMILIES")) or "(?!)")
    return _Lexicon(tuple(kinds), fillers, {k: i for i, k in enumerate(LABEL_KIND_PRECEDENCE)})


def _token_variants(token: str) -> list[str]:
    """The token, and its readings with OCR confusions undone (1/l, 0/o, rn/m)."""
    out = [token]
    if any(c.isdigit() for c in token) and any(c.isalpha() for c in token):
        out.append(token.replace("1", "l").replace("0", "o"))
    if "rn" in token:
        out.append(token.replace("rn", "m"))
    out += [token[:i] + "rn" + token[i + 1:] for i, c in enumerate(token) if c == "m"][:3]
    return out


def _word_kinds(lex: _Lexicon, token: str) -> list[tuple[str, int]] | None:
    """The kinds a label word weighs for; ``[]`` for a filler; ``None`` when it is no label word."""
    for variant in _token_variants(token):
        found = [(kind, weight) for kind, pattern, weight in lex.kinds if pattern.fullmatch(variant)]
        if found:
            return found
        if lex.fillers.fullmatch(variant):
            return []
    return None


def label_kind(chunk: str) -> str | None:
    """The kind of label ``chunk`` is (a section or field kind), or ``None`` when it is not one.

    Every word must be a label word (a kind's word or a filler); at most seven words.

    >>> [label_kind(x) for x in ("Donor Countries", "Key Outcomes", "Organe d'exécution", "Países receptores",
    ...                           "Funding Partners", "Completion to", "Guatemala, Honduras", "OAS member states")]
    ['donor', 'results', 'executing', 'beneficiary', 'donor', 'end', None, None]
    """
    return _label_kind(chunk, switched_off())


@cache
def _label_kind(chunk: str, off: frozenset[str]) -> str | None:
    text = ENUMERATOR.sub("", fold_same_length(chunk).strip())
    tokens = _LABEL_TOKEN.findall(text)
    if not tokens or len(tokens) > MAX_LABEL_WORDS or re.search(r"[^\w\s,.:;'’&/()-]", text):
        return None
    if tokens[-1] in _OPEN_ENDS or tokens[0] in _OPEN_STARTS:
        return None  # "Financing of", "DE LOS FONDOS": a phrase broken off or a heading of another kind
    lex = _lexicon(off)
    weights: dict[str, int] = {}
    for token in tokens:
        kinds = _word_kinds(lex, token)
        if kinds is None:
            return None
        for kind, weight in kinds:
            weights[kind] = weights.get(kind, 0) + weight
    if not weights:
        return None
    return max(weights, key=lambda k: (weights[k], -lex.precedence.get(k, len(lex.precedence))))


def is_label_line(content: str) -> bool:
    """Whether a whole line is a label (a section heading or a bare field label), capitalised."""
    stripped = content.strip().rstrip(" .:")
    return stripped[:1].isupper() and label_kind(stripped) is not None


def heading_kind(content: str) -> str | None:
    """The segment kind of a line that is a section heading standing alone ("KEY RESULTS" → results)."""
    stripped = content.strip().rstrip(" .:")
    if not stripped[:1].isupper() and not ENUMERATOR.match(stripped):
        return None
    kind = label_kind(stripped)
    return SECTION_KINDS.get(kind) if kind else None
