"""OCR-damaged names, by one general rule: a long name matches text that differs from it by a
few characters ("Organization of Arnerican States", "United Nations Office on Drugs and Crirne").

No misspelling is listed anywhere. The rule compares word by word, so it reads OCR damage,
which changes characters inside words, and not a different name, which changes words:

* only State and Organization names of at least :attr:`FuzzyRule.min_chars` characters and two
  words take part; acronyms and short names match exactly or not at all;
* the text's words are aligned one to one with the name's; the whole must reach
  :attr:`FuzzyRule.min_score` (rapidfuzz ``ratio``), each differing word
  :attr:`FuzzyRule.min_word_score`, and at most half the words may differ;
* a differing word the gazetteer itself knows (``Georgia`` for ``Liberia``, ``Committee`` for
  ``Commission``) is a different name, never damage; so is the name's word with letters added
  ("South Africans", "Transjordan"), and a word cut short ("King" for "Kingdom") except where a
  line ends or a hyphen breaks it ("Leba-" for "Lebanon");
* a word of one to three letters may have one letter misread ("0f" for "of"), none added or lost;
* the words stand in one sentence (no ``;:!?()`` and no paragraph break between them).

The thresholds were chosen by measurement (``tests/ingest/test_fuzzy_names.py`` prints it).
On real text (the 812 Security Council resolutions, the laws and the program sheets of the
shared corpus, 863 files, 21,000 mentions) the rule adds 60 mentions and every one names the
right entity: 12 letter misreadings ("Sccurity Council", "Conference on Security and
Cooperation in Furope", "Leba-" + "non" at a line break ...) and 48 names whose signs differ
(curly apostrophes, a hyphen for a space, a stray comma or quote). A looser setting (ratio 80,
word ratio 60) also reads "Invites States" and "Nine States" as the United States and "South
Asia" as South Africa. On synthetic OCR damage (``rn``/``m``, ``l``/``1``, ``e``/``c``, ...) of
the 1,490 long names of the reference data: precision 0.995, recall 0.79 (0.91 with one
misread letter, 0.65 with two). Not found: names whose every distinctive word is damaged, and
short words that gain or lose a letter ("clo" for "do"): exact is better than wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ingest.model import Mention


class NamedEntry(Protocol):
    """What the rule needs of a gazetteer entry."""

    @property
    def text(self) -> str: ...
    @property
    def iri(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def is_acronym(self) -> bool: ...


@dataclass(frozen=True)
class FuzzyRule:
    """The thresholds of the rule (see the module docstring for what each one guards)."""

    min_chars: int = 10
    min_score: float = 85.0
    min_word_score: float = 70.0
    kinds: tuple[str, ...] = ("State", "Organization")
    #: A word in more names than this is not used to find candidates (it still counts in the score).
    max_anchor_names: int = 40


#: The thresholds measured best; ``Gazetteer`` uses them unless told otherwise.
DEFAULT_RULE = FuzzyRule()

_BREAK = re.compile(r"[;:!?()\[\]{}]|\n[ \t]*\n|\.\s")
_Token = tuple[str, int, int]  # surface text, start, end


@dataclass(frozen=True)
class _Name:
    entry: NamedEntry
    words: tuple[str, ...]
    joined: str
    dotted: bool  # the name itself has ". " inside ("U.S. Coast Guard")


class FuzzyNames:
    """The long names of a gazetteer, indexed by their words. Building costs ~10 ms per 1,000 names."""

    def __init__(self, entries: Iterable[tuple[tuple[str, ...], NamedEntry]], rule: FuzzyRule = DEFAULT_RULE) -> None:
        """*entries* are (folded tokens, entry) pairs, as the gazetteer indexes them."""
        self.rule = rule
        self.names: list[_Name] = []
        vocabulary: set[str] = set()
        for tokens, entry in entries:
            words = tuple(t for t in tokens if t[:1].isalnum())
            vocabulary.update(words)
            if (entry.is_acronym or entry.kind not in rule.kinds or len(words) < 2
                    or len(entry.text) < rule.min_chars):
                continue
            self.names.append(_Name(entry, words, " ".join(words), ". " in entry.text))
        self.vocabulary = frozenset(vocabulary)
        users: dict[str, set[int]] = {}
        for n, name in enumerate(self.names):
            for word in name.words:
                if len(word) >= 3:
                    users.setdefault(word, set()).add(n)
        self._anchors: dict[str, list[tuple[int, int]]] = {}
        for n, name in enumerate(self.names):
            for j, word in enumerate(name.words):
                if len(users.get(word, ())) <= rule.max_anchor_names and len(word) >= 3:
                    self._anchors.setdefault(word, []).append((n, j))

    def __len__(self) -> int:
        return len(self.names)

    def find(self, text: str, tokens: Sequence[_Token], folded: Sequence[str], *,
             kinds: Sequence[str] | None = None) -> list[Mention]:
        """Every window of *text* that the rule reads as a damaged long name, longest first, not
        overlapping one another. *tokens* and *folded* are the gazetteer's tokens of *text*.
        Pure; cost linear in the text's words times the names that share a word with them."""
        at = [k for k, f in enumerate(folded) if f[:1].isalnum()]
        words = [folded[k] for k in at]
        seen: set[tuple[int, int]] = set()
        scored: list[tuple[float, int, int, _Name]] = []
        for p, word in enumerate(words):
            for n, j in self._anchors.get(word, ()):
                start = p - j
                name = self.names[n]
                end = start + len(name.words)
                if start < 0 or end > len(words) or (start, n) in seen:
                    continue
                seen.add((start, n))
                if kinds is not None and name.entry.kind not in kinds:
                    continue
                score = self._score(words[start:end], name)
                if score is None or not _affixes_are_breaks(text, tokens, at[start:end], words[start:end], name.words):
                    continue
                first, last = tokens[at[start]], tokens[at[end - 1]]
                if name.entry.text[:1].isupper() and not first[0][:1].isupper():
                    continue
                if _BREAK.search(text, first[1], last[2]) and not name.dotted:
                    continue
                scored.append((score, first[1], last[2], name))
        scored.sort(key=lambda s: (s[1] - s[2], -s[0]))  # the longest name that passes, then the best score
        taken: list[tuple[int, int]] = []
        out: list[Mention] = []
        for _, start, end, name in scored:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            out.append(Mention(name.entry.iri, name.entry.kind, start, end, text[start:end], "fuzzy"))
        return sorted(out, key=lambda m: m.start)

    def _score(self, window: Sequence[str], name: _Name) -> float | None:
        """The window's score against *name*, or None when a guard refuses it."""
        rule = self.rule
        differing = 0
        for got, want in zip(window, name.words):
            if got == want:
                continue
            differing += 1
            if len(got) <= 3 or len(want) <= 3:
                if len(got) != len(want) or Levenshtein.distance(got, want) > 1:
                    return None  # a short word: one letter misread ("0f" for "of"), never added or lost
            elif (got in self.vocabulary or fuzz.ratio(got, want) < rule.min_word_score
                  or abs(len(got) - len(want)) > 2 and not want.startswith(got)):
                return None  # another word, or too many letters added or lost for a misreading
        if 2 * differing > len(name.words):
            return None  # more words changed than kept
        if differing == 0:
            return 100.0  # the same words, other signs between them ("Inter American", "Inter-\nAmerican")
        score = fuzz.ratio(" ".join(window), name.joined)
        return score if score >= rule.min_score else None


def _affixes_are_breaks(text: str, tokens: Sequence[_Token], at: Sequence[int], window: Sequence[str],
                        words: Sequence[str]) -> bool:
    """A text word that is the name's word with letters added at one end ("South Africans",
    "Transjordan") is another word, not damage; one with letters lost at its end ("Leba" for
    "Lebanon") is damage only where a line ends or a hyphen breaks the word."""
    for k, got, want in zip(at, window, words):
        if got == want:
            continue
        if got.startswith(want) or got.endswith(want):
            return False
        if want.startswith(got):
            after = text[tokens[k][2]:tokens[k][2] + 3]
            if not (after[:1] == "-" or after.lstrip(" \t\r")[:1] == "\n" or not after):
                return False
    return True


def merge(exact: Sequence[Mention], fuzzy: Sequence[Mention]) -> list[Mention]:
    """Exact mentions plus the fuzzy ones that overlap none, or that wholly contain the exact
    ones they overlap ("United Nations" inside "United Nations Office on Drugs and Crirne").

    >>> m = lambda s, e, iri: Mention(iri, "Organization", s, e, "", "x")
    >>> [x.iri for x in merge([m(0, 14, "un"), m(50, 53, "oas")], [m(0, 40, "unodc"), m(52, 70, "x")])]
    ['unodc', 'oas']
    """
    kept = list(exact)
    for f in fuzzy:
        overlapping = [e for e in kept if e.start < f.end and f.start < e.end]
        if all(f.start <= e.start and e.end <= f.end and (e.end - e.start) < (f.end - f.start) for e in overlapping):
            kept = [e for e in kept if e not in overlapping] + [f]
    return sorted(kept, key=lambda x: x.start)
