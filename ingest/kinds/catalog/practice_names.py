"""Where a program's description names a practice of its catalog ("... is a focused deterrence strategy").

A rule on names, not on records: a practice is named by its title folded, without a
parenthesis, its last word singular or plural, and without a generic head noun ("strategies",
"programs") when two words or more remain; the words in its parenthesis are a name too
("Juvenile Awareness Programs (Scared Straight)").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ontology.folding import fold

#: Head nouns a practice's title may drop when a description names it.
GENERIC_HEADS = ("strategy", "strategies", "program", "programs", "programme", "programmes", "practice",
                 "practices", "intervention", "interventions", "approach", "approaches", "initiative",
                 "initiatives")
MIN_NAME = 6  # characters: a shorter name would match by accident


def _number_variants(words: list[str]) -> set[str]:
    """The words as written, and with a plural last word made singular (a title is usually plural)."""
    last = words[-1]
    forms = {last}
    if last.endswith("ies"):
        forms.add(last[:-3] + "y")
    elif last.endswith("s") and not last.endswith("ss"):
        forms.add(last[:-1])
    return {" ".join(words[:-1] + [f]) for f in forms}


def practice_names(title: str) -> set[str]:
    """The folded names by which a text may name the practice titled ``title``.

    >>> sorted(practice_names("Focused Deterrence Strategies"))
    ['focused deterrence', 'focused deterrence strategies', 'focused deterrence strategy']
    >>> sorted(practice_names("Juvenile Awareness Programs (Scared Straight)"))[-2:]
    ['juvenile awareness programs', 'scared straight']
    """
    names: set[str] = set()
    inner = re.findall(r"\(([^()]*)\)", title)
    bare = re.sub(r"\([^()]*\)", " ", title)
    for part in [bare, *inner]:
        words = re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", fold(part))
        if not words:
            continue
        names |= _number_variants(words)
        if len(words) >= 3 and words[-1] in GENERIC_HEADS:
            names.add(" ".join(words[:-1]))
    return {n for n in names if len(n) >= MIN_NAME}


@dataclass(frozen=True)
class NameHit:
    practice: str  # the practice's key in the mapping given
    start: int
    end: int


def find_practice_names(text: str, practices: Mapping[str, str]) -> list[NameHit]:
    """Each practice (key → title) that ``text`` names, at its first and longest naming. Pure.

    >>> find_practice_names("The Ceasefire intervention is a focused deterrence strategy.",
    ...                     {"fd": "Focused Deterrence Strategies", "nw": "Neighborhood Watch"})
    [NameHit(practice='fd', start=32, end=59)]
    """
    folded = fold(text, keep_length=True)
    hits: list[NameHit] = []
    for key, title in practices.items():
        names = sorted(practice_names(title), key=len, reverse=True)
        found = [m for n in names for m in re.finditer(r"(?<![a-z0-9])" + re.escape(n) + r"(?![a-z0-9])", folded)]
        if found:
            best = min(found, key=lambda m: (m.start(), -(m.end() - m.start())))
            hits.append(NameHit(key, best.start(), best.end()))
    return sorted(hits, key=lambda h: h.start)
