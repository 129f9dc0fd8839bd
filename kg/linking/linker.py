"""The linker: which graph entities a question names, where, and how sure we are.

Four ways a mention is found, tried in this order on the tokens not yet taken:

1. resolution references ("resolution 242 (1967)", ``S/RES/660 (1990)``) — :mod:`kg.linking.symbols`;
2. exact names, accents and case folded, longest first; acronyms must be written as the graph
   writes them ("OAS", not "oas") and one-word names capitalised ("Chad", not "chad");
3. demonyms and adjectives of states, by rule (:mod:`kg.linking.demonyms`);
4. typos and OCR noise: a span of one to three words within a small edit distance of a name of a
   state, organization, program or treaty (rapidfuzz ratio).

Where one name fits entities of several types, the type the caller expects wins (``expect``).
Ingest asks for fewer ways: ``kinds`` restricts the types linked (so a law's title, not asked for,
takes no span and the themes inside it are still found), ``fuzzy=False`` keeps to exact names, and
``demonyms=False`` leaves out the demonym rule, whose lower-case matches in running Spanish and French
text include ordinary words ("granadas" is grenades, not Grenada's): a fact in the graph needs more
than a question's reading does.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from kg.linking.demonyms import DemonymRule
from kg.linking.names import TYPES, Name, Symbol
from kg.linking.symbols import SymbolTable
from ontology.folding import fold

TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
#: how sure each way of finding a mention is (a fuzzy match scales this by its similarity)
CONFIDENCE = {"symbol": 1.0, "label": 1.0, "acronym": 0.95, "demonym": 0.85, "fuzzy": 0.9}
FUZZY_KINDS = frozenset({"State", "Organization", "Program", "Treaty", "NationalLaw"})
FUZZY_MIN_CHARS = 6
FUZZY_CUTOFF = 87.0
MAX_WORDS = 12
DEMONYM_CACHE = 200_000  # words; a few MB


@lru_cache(maxsize=1 << 17)
def fold_token(token: str) -> str:
    """A token's comparison key. Cached: ingest folds every token of the corpus, and words repeat."""
    return fold(token)


@dataclass(frozen=True)
class Link:
    """A mention of an entity: the text and its span in the question, the entity, and the confidence."""

    mention: str
    start: int
    end: int
    iri: str
    label: str
    type: str
    confidence: float
    how: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _rank(kind: str) -> int:
    """How specific a type is (lower first); a type the graph does not list comes last."""
    return TYPES.index(kind) if kind in TYPES else len(TYPES)


@dataclass(frozen=True)
class _Entry:
    key: tuple[str, ...]
    name: Name


class Linker:
    """Links mentions in a text to entities. Built once per store state; ``link`` is pure and thread-safe."""

    def __init__(self, names: Sequence[Name], symbols: Sequence[Symbol] = ()) -> None:
        self.types: dict[str, str] = {}
        self.labels: dict[str, dict[str, str]] = {}
        #: every name of each entity, its own labels first (query expansion picks from these)
        self.names: dict[str, list[Name]] = {}
        for n in sorted(names, key=lambda n: not n.preferred):  # stable: a preferred label is an entity's label
            self.names.setdefault(n.iri, []).append(n)
            current = self.types.get(n.iri)
            if current is None or _rank(n.kind) < _rank(current):
                self.types[n.iri] = n.kind
            if n.how == "label" and n.lang is not None:
                self.labels.setdefault(n.iri, {}).setdefault(n.lang, n.text)
            elif n.how == "label":
                self.labels.setdefault(n.iri, {}).setdefault("", n.text)
        for s in symbols:
            self.types[s.iri] = "Resolution"
            self.labels[s.iri] = {"": s.symbol}
        self.symbols = SymbolTable(symbols)
        self.has_symbols = bool(symbols)
        self.index: dict[str, list[_Entry]] = {}
        fuzzy: dict[int, dict[str, list[Name]]] = {}
        for n in names:
            key = tuple(fold(t) for t in TOKEN.findall(n.text))
            if not key or len(key) > MAX_WORDS:
                continue
            self.index.setdefault(key[0], []).append(_Entry(key, n))
            if n.how == "label" and n.kind in FUZZY_KINDS and len(" ".join(key)) >= FUZZY_MIN_CHARS:
                fuzzy.setdefault(len(key), {}).setdefault(" ".join(key), []).append(n)
        for entries in self.index.values():
            entries.sort(key=lambda e: -len(e.key))
        self.fuzzy = fuzzy
        self.demonyms = DemonymRule((n.text, n.iri) for n in names if n.kind == "State" and n.how == "label")
        #: the rule's answer per word: ingest asks it of every longer word of every passage, and a corpus
        #: repeats its words (the rule is pure, so a shared cache keeps ``link`` thread-safe)
        self._demonym_of: dict[str, str | None] = {}

    def label(self, iri: str, lang: str) -> str:
        """The entity's name in ``lang``, else in English, else any; the IRI's last segment when it has none."""
        names = self.labels.get(iri, {})
        return names.get(lang) or names.get("en") or names.get("") or next(iter(names.values()), iri.rsplit("/", 1)[-1])

    def link(self, text: str, *, expect: Sequence[str] = (), kinds: Collection[str] | None = None,
             fuzzy: bool = True, demonyms: bool = True) -> list[Link]:
        """Non-overlapping mentions in text order. Cost: linear in the tokens, plus one fuzzy lookup per
        untaken span of up to three words.

        >>> names = [Name("Angola", "s:AGO", "State", "label", "en"), Name("OAS", "o:oas", "Organization", "acronym"),
        ...          Name("Guatemala", "s:GTM", "State", "label", "en"), Name("AICMA", "p:aicma", "Program", "acronym"),
        ...          Name("AICMA", "o:aicma", "Organization", "acronym")]
        >>> [(l.mention, l.iri, l.how) for l in Linker(names).link("Quels programmes angolais de l'OAS ? Guatamala, oas")]
        [('angolais', 's:AGO', 'demonym'), ('OAS', 'o:oas', 'acronym'), ('Guatamala', 's:GTM', 'fuzzy')]
        >>> [l.iri for l in Linker(names).link("AICMA", expect=["Organization"])], [l.iri for l in Linker(names).link("AICMA")]
        (['o:aicma'], ['p:aicma'])
        >>> [(l.mention, l.type) for l in Linker(names).link("AICMA, OAS, Guatamala", kinds=["Organization"], fuzzy=False)]
        [('AICMA', 'Organization'), ('OAS', 'Organization')]
        """
        tokens = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
        folded = [fold_token(t[0]) for t in tokens]
        taken = [False] * len(tokens)
        found: list[Link] = []
        with_symbols = self.has_symbols and (kinds is None or "Resolution" in kinds)
        for start, end, symbol in self.symbols.find(text) if with_symbols else ():
            found.append(Link(text[start:end], start, end, symbol.iri, symbol.symbol, "Resolution", 1.0, "symbol"))
            for i, (_, a, b) in enumerate(tokens):
                if a < end and start < b:
                    taken[i] = True
        i = 0
        while i < len(tokens):
            match = None if taken[i] else self._exact(tokens, folded, taken, i, expect, kinds)
            if match is None:
                i += 1
                continue
            n, name = match
            found.append(self._link(text, tokens, i, n, name, name.how if name.how != "demonym" else "label", 1.0))
            taken[i:i + n] = [True] * n
            i += n
        for i, (word, _, _) in enumerate(tokens):
            if demonyms and not taken[i] and len(word) >= 5 and (kinds is None or "State" in kinds):
                iri = self._demonym(word)
                if iri is not None:
                    found.append(self._link(text, tokens, i, 1, Name(word, iri, "State", "demonym"), "demonym", 1.0))
                    taken[i] = True
        if fuzzy:
            found += self._fuzzy(text, tokens, folded, taken, expect, kinds)
        return sorted(found, key=lambda link: link.start)

    def _demonym(self, word: str) -> str | None:
        if word in self._demonym_of:
            return self._demonym_of[word]
        iri = self.demonyms(word)
        if len(self._demonym_of) < DEMONYM_CACHE:
            self._demonym_of[word] = iri
        return iri

    def _exact(self, tokens: list[tuple[str, int, int]], folded: list[str], taken: list[bool], i: int,
               expect: Sequence[str], kinds: Collection[str] | None) -> tuple[int, Name] | None:
        best: list[Name] = []
        size = 0
        for entry in self.index.get(folded[i], ()):
            n = len(entry.key)
            if size and n < size:
                break
            if tuple(folded[i:i + n]) != entry.key or any(taken[i:i + n]):
                continue
            if kinds is not None and self.types.get(entry.name.iri, entry.name.kind) not in kinds:
                continue
            surface = "".join(t[0] for t in tokens[i:i + n])
            if entry.name.how == "acronym" and surface != entry.name.text.replace(" ", ""):
                continue  # acronyms as written: "OAS", never "oas"
            if n == 1 and entry.name.how == "label" and entry.name.kind != "Theme" and \
                    entry.name.text[:1].isupper() and not tokens[i][0][:1].isupper():
                continue  # a one-word proper name in lower case is an ordinary word ("chad", "jordan")
            best.append(entry.name)
            size = n
        if not best:
            return None
        best.sort(key=lambda m: (self.types.get(m.iri, m.kind) not in expect, _rank(self.types.get(m.iri, m.kind)),
                                 m.how != "label", m.iri))
        return size, best[0]

    def _fuzzy(self, text: str, tokens: list[tuple[str, int, int]], folded: list[str], taken: list[bool],
               expect: Sequence[str], kinds: Collection[str] | None) -> list[Link]:
        out: list[Link] = []
        i = 0
        while i < len(tokens):
            hit = None
            for n in (3, 2, 1):
                span = folded[i:i + n]
                if len(span) < n or any(taken[i:i + n]) or not all(w.isalpha() for w in span):
                    continue
                query = " ".join(span)
                choices = self.fuzzy.get(n)
                if len(query) < FUZZY_MIN_CHARS or not choices or not tokens[i][0][:1].isupper():
                    continue  # a typo'd name still starts with a capital; lower-case words are not names
                best = process.extractOne(query, list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
                names = sorted((m for m in choices[best[0]] if kinds is None or self.types.get(m.iri, m.kind) in kinds),
                               key=lambda m: (m.kind not in expect, m.iri)) if best is not None else []
                if best is not None and names:
                    hit = (n, names[0], float(best[1]) / 100)
                    break
            if hit is None:
                i += 1
                continue
            n, name, similarity = hit
            out.append(self._link(text, tokens, i, n, name, "fuzzy", similarity))
            taken[i:i + n] = [True] * n
            i += n
        return out

    def _link(self, text: str, tokens: list[tuple[str, int, int]], i: int, n: int, name: Name, how: str,
              scale: float) -> Link:
        start, end = tokens[i][1], tokens[i + n - 1][2]
        kind = self.types.get(name.iri, name.kind)
        return Link(text[start:end], start, end, name.iri, self.label(name.iri, "en"), kind,
                    round(CONFIDENCE[how] * scale, 3), how)
