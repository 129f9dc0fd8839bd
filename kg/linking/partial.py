"""Partial names, by rule: a mention whose content words all belong to one entity's name.

"the UNSCR 1540 implementation program" names "UNSCR 1540 (2004) Implementation Program" although
the exact linker, which needs the whole name, does not see it (the year is missing). A span of the
question links here when

* its content words (stopwords of en/es/pt/fr dropped, accents and case folded) are at least two,
  and at least one of them is not a generic word ("program", "red", "réseau", "security"…
  everything that is in the names of more than a few entities);
* every one of them is a word of a name of the entity (label, alias or acronym), and of no other
  entity's name — a span that fits two entities ("the security program") links neither;
* they make up at least half of the content words of one of the entity's names ("money laundering" is
  a topic, not yet "Group of Experts for the Control of Money Laundering");
* it starts and ends on a content word, and is the longest such span at its start.

Only the kinds given (Programs by default) are matched: their names are long and descriptive, so
people shorten them; a state or a resolution is named whole or by its own symbol.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kg.index.analyzer import STOPWORDS
from kg.linking.names import Name
from ontology.folding import fold

TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
#: French elisions and possessive 's come out as one-letter tokens ("l'Espagne" → l, ', espagne)
EXTRA_STOPWORDS = frozenset("l d s n qu against contra contre".split())
#: a word in the names of more than this many entities is generic: it cannot carry a partial name alone
GENERIC_ABOVE = 2
MAX_SPAN = 10
#: the share of a name's content words a partial mention must have
MIN_COVERAGE = 0.5
#: how sure a partial-name link is: below an exact label (1.0), above the semantic links
CONFIDENCE = 0.9


@dataclass(frozen=True)
class PartialHit:
    """A span of the question (character offsets) whose content words fit one entity's name alone."""

    start: int
    end: int
    iri: str
    words: int  # content words matched


class PartialNames:
    """Matches spans against the word sets of entity names. Built once per linker; ``find`` is pure.

    >>> names = [Name("UNSCR 1540 (2004) Implementation Program", "p:1540", "Program", "label", "en"),
    ...          Name("Cyber Security Program", "p:cyber", "Program", "label", "en"),
    ...          Name("Aviation Security Program", "p:avsec", "Program", "label", "en")]
    >>> partial = PartialNames(names)
    >>> [(h.iri, h.words) for h in partial.find("Who funds the UNSCR 1540 implementation program?")]
    [('p:1540', 4)]
    >>> partial.find("Who funds the security program?"), [h.iri for h in partial.find("the aviation security programme")]
    ([], ['p:avsec'])
    >>> partial.find("Which states have laws on security?")
    []
    """

    def __init__(self, names: Iterable[Name], *, kinds: Sequence[str] = ("Program",)) -> None:
        self.words: dict[str, set[str]] = {}  # folded word → the entities with it in a name
        self.names: dict[str, list[set[str]]] = {}  # entity → the content words of each of its names
        for n in names:
            if n.kind not in kinds or n.how == "demonym":
                continue
            words = _content(n.text)
            self.names.setdefault(n.iri, []).append(words)
            for w in words:
                self.words.setdefault(w, set()).add(n.iri)
        self.generic = frozenset(w for w, iris in self.words.items() if len(iris) > GENERIC_ABOVE)

    def find(self, text: str) -> list[PartialHit]:
        """Non-overlapping spans in text order, each fitting exactly one entity. Cost: at most ``MAX_SPAN``
        set intersections per token."""
        tokens = [(fold(m.group()), m.start(), m.end()) for m in TOKEN.finditer(text)]
        out: list[PartialHit] = []
        i = 0
        while i < len(tokens):
            hit = self._longest(tokens, i)
            if hit is None:
                i += 1
                continue
            j, iri, count = hit
            out.append(PartialHit(tokens[i][1], tokens[j][2], iri, count))
            i = j + 1
        return out

    def _longest(self, tokens: list[tuple[str, int, int]], i: int) -> tuple[int, str, int] | None:
        first = tokens[i][0]
        if _stop(first) or first not in self.words:
            return None
        candidates = set(self.words[first])
        content = [first]
        best = None
        for j in range(i + 1, min(len(tokens), i + MAX_SPAN)):
            word = tokens[j][0]
            if not word.isalnum():
                break  # punctuation ends a name's mention ("?", ",")
            if _stop(word):
                continue
            candidates &= self.words.get(word, set())
            if not candidates:
                break
            content.append(word)
            if len(candidates) == 1 and any(w not in self.generic for w in content):
                iri = next(iter(candidates))
                if any(len(words & set(content)) >= MIN_COVERAGE * len(words) for words in self.names[iri]):
                    best = (j, iri, len(content))
        return best


def _stop(word: str) -> bool:
    return word in STOPWORDS or word in EXTRA_STOPWORDS


def _content(text: str) -> set[str]:
    return {w for w in (fold(t) for t in TOKEN.findall(text)) if w.isalnum() and not _stop(w)}
