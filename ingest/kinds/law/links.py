"""What a law says about other instruments: which it implements, and which laws it amends, repeals or cites.

"Implements" is never inferred from a citation alone: only a sentence that says so counts
(:data:`IMPLEMENTING_CUES`: "An Act to implement", "Implementation Act", "mettre en œuvre",
"en cumplimiento de", "regulamenta", "dar efecto", "give effect to"...). The instrument
references themselves are found by :mod:`ingest.references` for every kind; this module only
marks the spans in which a reference is implemented.

Law → law links come from law numbers printed in the text (:func:`ingest.kinds.law.numbers.find_numbers`):
the words just before the number decide the relation (:data:`ACTIVE_CUES`: "altera", "revoga",
"amends", "abroge", "se reforma"...) and its direction (:data:`PASSIVE_CUE`: "Redação dada pela
Lei nº X" means X amended this law). Pure functions.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.kinds.law.numbers import find_numbers

IMPLEMENTING_CUES = re.compile(
    r"\b(?:to\s+implement|implement(?:s|ing)\s+the|Implementation\s+Act|give\s+effect\s+to"
    r"|mettre\s+en\s+(?:o|œ)uvre|mise\s+en\s+(?:o|œ)uvre|donner\s+effet"
    r"|en\s+cumplimiento\s+de|dar\s+cumplimiento\s+a|implementar|implementa\s+la|dar\s+efecto"
    r"|regulamenta|d[áa]\s+cumprimento|dar\s+cumprimento|implementa[çc][ãa]o\s+d[ao]|promulga\s+a\s+Conven[çc][ãa]o)\b",
    re.I)
_SENTENCE_BREAK = re.compile(r"[.;:]\s|\n\s*\n|\n(?=\s*(?:\(|\[|[A-Z]\S*\s))")
#: The words before a law number that say what this law does to it.
ACTIVE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("repeals", re.compile(r"\b(?:revoga|revogam-se|repeal(?:s|ed|ing)?|abroge|abrogeant|abroga|abrogan|deroga|derogan|"
                           r"se\s+abroga|se\s+derogan?)\b[^.;\n]{0,60}$", re.I)),
    ("amends", re.compile(r"\b(?:altera|alteram|modifica|modifican|reforma|reforman|se\s+reforman?|amend(?:s|ing)?"
                          r"|modifiant|modifie|acrescenta)\b[^.;\n]{0,60}$", re.I)),
)
#: "... given by / included by / repealed by Law X": X changed this law ("Vide Lei nº X", "see", only cites it).
PASSIVE_CUE = re.compile(r"\b(?:Reda[çc][ãa]o\s+dada|Inclu[íi]d[oa]|Acrescentad[oa]|Revogad[oa]|Alterad[oa]|Renumerad[oa]"
                         r"|amended\s+by|added\s+by|repealed\s+by|reformad[oa]|adicionad[oa]|derogad[oa])"
                         r"\s+(?:pel[ao]s?|por|by)\s*(?:la\s+|el\s+)?$", re.I)


class LawLink(NamedTuple):
    """``subject predicate object`` between two laws: ``self`` stands for the law being read."""

    subject: str  # "self" or the other law's (jurisdiction, key) as "ISO3 key"
    predicate: str  # amends | repeals | cites
    object: str
    start: int
    end: int


def implementing_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` that say the law implements something.

    >>> t = "An Act to implement the Chemical Weapons Convention\\n\\nOther text. Nothing here."
    >>> [t[a:b] for a, b in implementing_spans(t)]
    ['An Act to implement the Chemical Weapons Convention']
    """
    spans: list[tuple[int, int]] = []
    for m in IMPLEMENTING_CUES.finditer(text):
        start = max((b.end() for b in _SENTENCE_BREAK.finditer(text, max(0, m.start() - 400), m.start())), default=
                    max(0, m.start() - 400))
        after = _SENTENCE_BREAK.search(text, m.end(), m.end() + 600)
        end = (after.start() + (text[after.start()] in ".;:")) if after else min(len(text), m.end() + 600)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return [(a, min(b, len(text))) for a, b in spans]


def law_links(text: str, *, own_key: str | None, own_jurisdiction: str | None) -> list[LawLink]:
    """Every other law this text names by number, with the relation the words before it state.

    A number without a jurisdiction of its own (``Ley N° 123``) is taken to be of the law's own
    jurisdiction. The law's own number is not a link.

    >>> t = "altera o Decreto-Lei nº 2.848, de 7 de dezembro de 1940; (Redação dada pela Lei nº 12.683, de 2012)"
    >>> [(l.subject, l.predicate, l.object) for l in law_links(t, own_key="lei-1-2000", own_jurisdiction="BRA")]
    [('self', 'amends', 'BRA decreto-lei-2848-1940'), ('BRA lei-12683-2012', 'amends', 'self')]
    """
    out: list[LawLink] = []
    for n in find_numbers(text):
        if n.key == own_key:
            continue
        jurisdiction = n.jurisdiction or own_jurisdiction
        if jurisdiction is None:
            continue
        other = f"{jurisdiction} {n.key}"
        before = text[max(0, n.start - 80):n.start]
        if PASSIVE_CUE.search(before):
            out.append(LawLink(other, "amends", "self", n.start, n.end))
            continue
        predicate = next((name for name, cue in ACTIVE_CUES if cue.search(before)), "cites")
        out.append(LawLink("self", predicate, other, n.start, n.end))
    return out
