"""Whose law is it: the state a law's own title block points to, never its file name.

Three kinds of evidence, strongest first:

1. the number style, when one state alone prints numbers so (``S.C. 2000, c. 17`` is
   Canadian; see :mod:`ingest.kinds.law.numbers`), or the U.S. Code's ``Title 18`` headings;
2. the enacting formula, the legislature or the official gazette named in the title block
   (:data:`JURISDICTION_CUES`: "the Senate and House of Commons of Canada", "o Congresso
   Nacional decreta", "Diario Oficial de la Federación"...);
3. the gazetteer: the state the title block names (``EL CONGRESO DE COLOMBIA DECRETA``), the
   enacting-formula line first, else the state named most often.

A cue is listed only when it belongs to one state; "Diario Oficial" or "Congreso de la
República" alone (used by several) are left to the gazetteer. Pure functions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from ingest.model import Mention


class Cue(NamedTuple):
    iso3: str
    pattern: re.Pattern[str]


#: Formulas, legislatures and gazettes that belong to one state (case and spacing tolerant).
JURISDICTION_CUES: tuple[Cue, ...] = tuple(Cue(iso3, re.compile(pattern, re.I)) for iso3, pattern in (
    ("CAN", r"Senate\s+and\s+House\s+of\s+Commons\s+of\s+Canada"),
    ("CAN", r"S[ée]nat\s+et\s+de\s+la\s+Chambre\s+des\s+communes\s+du\s+Canada"),
    ("CAN", r"\bCanada\s+Gazette\b|\bGazette\s+du\s+Canada\b"),
    ("USA", r"Senate\s+and\s+House\s+of\s+Representatives\s+of\s+the\s+United\s+States"),
    ("USA", r"^\s*Title\s+\d+\s*[—–-].*\n(?:\s*\n)*\s*CHAPTER\s+\w+\s*[—–-]"),  # the U.S. Code's headings
    ("BRA", r"Congresso\s+Nacional\s+decreta"),
    ("BRA", r"Di[áa]rio\s+Oficial\s+da\s+Uni[ãa]o"),
    ("MEX", r"Diario\s+Oficial\s+de\s+la\s+Federaci[óo]n"),
    ("MEX", r"Congreso\s+(?:General\s+)?de\s+los\s+Estados\s+Unidos\s+Mexicanos"),
    ("ARG", r"Bolet[íi]n\s+Oficial\s+de\s+la\s+Rep[úu]blica\s+Argentina"),
    ("PER", r"\bEl\s+Peruano\b"),
    ("HTI", r"\bLe\s+Moniteur\b"),
))
#: An enacting formula's line: the state it names is the legislator's.
ENACTING_LINE = re.compile(
    r"^.*\b(?:enacts|édicte|decreta|DECRETA|decrète|sanciona|SANCIONA|sancionan|SANCIONAN|ha\s+dado\s+la\s+(?:ley|siguiente)"
    r"|in\s+Congress\s+assembled|Faço\s+saber)\b.*$", re.M)


class Jurisdiction(NamedTuple):
    iso3: str
    start: int  # the evidence span, offsets into the text the block was cut from
    end: int
    how: str  # number | formula | gazetteer


def jurisdiction_from_cues(block: str, *, offset: int = 0) -> Jurisdiction | None:
    """The state a formula, legislature or gazette of :data:`JURISDICTION_CUES` names, earliest first.

    >>> jurisdiction_from_cues("O PRESIDENTE DA REPÚBLICA Faço saber que o Congresso Nacional decreta")[:1]
    ('BRA',)
    >>> jurisdiction_from_cues("Title 18— CRIMES\\nCHAPTER 10— BIOLOGICAL WEAPONS\\n").iso3
    'USA'
    """
    found = [(m.start(), cue.iso3, m.end()) for cue in JURISDICTION_CUES if (m := cue.pattern.search(block))]
    if not found:
        return None
    start, iso3, end = min(found)
    return Jurisdiction(iso3, start + offset, end + offset, "formula")


def jurisdiction_from_mentions(block: str, mentions: Sequence[Mention], *, state_prefix: str,
                               offset: int = 0) -> Jurisdiction | None:
    """The state the title block names: on the enacting-formula line if any, else the most named one.

    ``mentions`` are the gazetteer's State mentions in ``block`` (offsets into the block).
    """
    states = [m for m in mentions if m.iri.startswith(state_prefix)]
    if not states:
        return None
    for line in ENACTING_LINE.finditer(block):
        on_line = [m for m in states if line.start() <= m.start < line.end()]
        if on_line:
            m = on_line[0]
            return Jurisdiction(m.iri[len(state_prefix):], m.start + offset, m.end + offset, "gazetteer")
    counts = Counter(m.iri for m in states)
    top, n = counts.most_common(1)[0]
    if len(counts) > 1 and list(counts.values()).count(n) > 1:
        return None  # two states named as often: the block does not say whose law it is
    first = next(m for m in states if m.iri == top)
    return Jurisdiction(top[len(state_prefix):], first.start + offset, first.end + offset, "gazetteer")
