"""Which rule and lexicon entries were fitted to one development sheet: the registry behind leave-one-out.

An entry (a field label, a cue pattern, a named instrument's pattern, a curated gazetteer
alias) *fires* in a document when it occurs in the document's text the way the extractor
would look for it: a phrase after folding (accents, case, spacing), a cue regex over folded
text, a name or acronym as gazetteer tokens (longest match first, capitalised entries only
capitalised). Occurring is a proxy for firing, computed here without running the extractor:
an entry may occur and still not change what the extractor concludes.

An entry that fires in exactly one development document is that document's *special case*:
the leave-one-out measure scores a sheet with its special cases switched off, and the list
itself tells the extraction developer what was fitted to which sheet.

The extractor's tables come in as data (:class:`LexiconTable`, supplied by whoever wraps the
extractor); the gazetteer entries are read here from the reference graphs
(:func:`gazetteer_entries`), so nothing in this module imports ``ingest``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from evaluation.names import ReferenceName
from ontology.folding import fold

log = logging.getLogger(__name__)

#: How a table's entries are looked for.
PHRASE = "phrase"  # folded phrase between word boundaries
REGEX_FOLDED = "regex-folded"  # regex over folded text, a space matching any whitespace run
REGEX = "regex"  # regex over the original text
REGEX_I = "regex-i"  # the same, case-insensitive
NAME = "name"  # gazetteer tokens, folded; capitalised entries must appear capitalised
ACRONYM = "acronym"  # gazetteer tokens, exactly as written

#: Entry families, each switched off through its own hook in the extractor.
FAMILIES = ("labels", "instruments", "gazetteer")
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class LexiconTable:
    """One table of the extractor's rules: its name (``FIELD_LABELS[donor]``), how entries match, the entries."""

    name: str
    match: str
    entries: tuple[str, ...]
    family: str = "labels"


@dataclass(frozen=True)
class RuleEntry:
    family: str
    table: str
    text: str
    match: str
    iri: str | None = None

    @property
    def id(self) -> str:
        """``TABLE: entry`` — the id the extractor's hook is asked to switch off."""
        return f"{self.table}: {self.text}"


@dataclass(frozen=True)
class SpecialCases:
    document: str
    entries: tuple[RuleEntry, ...]


@dataclass(frozen=True)
class Fitting:
    documents: tuple[str, ...]  # the development documents looked at
    entries: int
    never: int  # entries that fire in none of them
    once: int  # ... in exactly one (special cases)
    several: int
    special: tuple[SpecialCases, ...]  # per document, in ``documents`` order

    def special_for(self, document: str) -> tuple[RuleEntry, ...]:
        for s in self.special:
            if s.document == document:
                return s.entries
        return ()


def _loose(pattern: str) -> str:
    """A space outside a character class matches any whitespace run."""
    out, depth = [], 0
    for i, c in enumerate(pattern):
        if c == "[" and (i == 0 or pattern[i - 1] != "\\"):
            depth += 1
        elif c == "]" and depth and pattern[i - 1] != "\\":
            depth -= 1
        out.append(r"\s+" if c == " " and not depth else c)
    return "".join(out)


def gazetteer_entries(names: Iterable[ReferenceName]) -> list[RuleEntry]:
    """The curated names the extractor's gazetteer is built from, as entries.

    Left out: the official state names (ISO 3166 and the OAS member table, in four languages),
    which are general by construction, and ISO codes; kept: state aliases and demonyms, and
    every organization label, alias and acronym.
    """
    out = []
    for n in names:
        if n.predicate in ("iso2", "iso3") or n.kind not in ("State", "Organization") or len(n.text) < 2:
            continue
        if n.kind == "State" and n.predicate in ("label", "prefLabel"):
            continue
        acronym = n.predicate == "acronym" or (n.text.isupper() and len(n.text) <= 6 and " " not in n.text)
        out.append(RuleEntry("gazetteer", f"gazetteer {n.kind} {n.predicate}", n.text, ACRONYM if acronym else NAME,
                             n.iri))
    return list(dict.fromkeys(out))


def table_entries(tables: Iterable[LexiconTable]) -> list[RuleEntry]:
    return [RuleEntry(t.family, t.name, e, t.match) for t in tables for e in t.entries if e]


class FiringProbe:
    """Finds which entries occur in a text. Cost: one regex per phrase/cue entry, one token scan for names."""

    def __init__(self, entries: Sequence[RuleEntry]) -> None:
        self.entries = tuple(entries)
        self._patterns: list[tuple[RuleEntry, re.Pattern[str], bool]] = []  # (entry, regex, over folded text)
        self._names: dict[str, list[tuple[tuple[str, ...], RuleEntry]]] = {}
        for e in self.entries:
            if e.match in (NAME, ACRONYM):
                tokens = tuple(fold(t, keep_length=True) for t in _TOKEN.findall(e.text))
                if tokens:
                    self._names.setdefault(tokens[0], []).append((tokens, e))
                continue
            try:
                if e.match == PHRASE:
                    words = re.sub(r"\s+", " ", fold(e.text, keep_length=True)).strip()
                    regex = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words.split(" "))) + r"(?!\w)")
                    self._patterns.append((e, regex, True))
                elif e.match == REGEX_FOLDED:
                    self._patterns.append((e, re.compile(_loose(e.text)), True))
                else:
                    flags = re.IGNORECASE if e.match == REGEX_I else 0
                    self._patterns.append((e, re.compile(_loose(e.text), flags), False))
            except re.error as err:
                log.warning("entry %s is not a valid pattern (%s); it is never counted as firing", e.id, err)
        for candidates in self._names.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def fired(self, text: str) -> frozenset[RuleEntry]:
        """The entries that occur in ``text``.

        >>> probe = FiringProbe([RuleEntry("labels", "T", "Países donantes", PHRASE),
        ...                      RuleEntry("labels", "C", r"recursos (?:provienen|vem)", REGEX_FOLDED),
        ...                      RuleEntry("gazetteer", "g", "CIP", ACRONYM, "x:cip"),
        ...                      RuleEntry("gazetteer", "g", "Inter-American Committee on Ports", NAME, "x:cip")])
        >>> sorted(e.text for e in probe.fired("PAISES DONANTES: ... sus recursos\\n provienen del cip y del CIP"))
        ['CIP', 'Países donantes', 'recursos (?:provienen|vem)']
        """
        folded = fold(text, keep_length=True)
        found = {e for e, regex, on_folded in self._patterns if regex.search(folded if on_folded else text)}
        return frozenset(found | self._tokens(text))

    def _tokens(self, text: str) -> set[RuleEntry]:
        tokens = [m.group() for m in _TOKEN.finditer(text)]
        folded = [fold(t, keep_length=True) for t in tokens]
        found: set[RuleEntry] = set()
        i = 0
        while i < len(tokens):
            length = 0
            for key, e in self._names.get(folded[i], ()):
                n = len(key)
                if length and n < length:
                    break
                if tuple(folded[i:i + n]) != key:
                    continue
                if e.match == ACRONYM and "".join(tokens[i:i + n]) != e.text.replace(" ", ""):
                    continue
                if e.match == NAME and e.text[:1].isupper() and not tokens[i][:1].isupper():
                    continue
                length = n
                found.add(e)
            i += length or 1
        return found


def compute_fitting(entries: Sequence[RuleEntry], texts: Mapping[str, str]) -> Fitting:
    """Where each entry fires among the development ``texts`` (document → text); pure.

    >>> entries = [RuleEntry("labels", "T", "Donors", PHRASE), RuleEntry("labels", "T", "Pays donateurs", PHRASE),
    ...            RuleEntry("labels", "T", "Budget", PHRASE)]
    >>> f = compute_fitting(entries, {"a": "Donors: Canada", "b": "Donors\\nPays donateurs"})
    >>> (f.once, f.several, f.never), [e.text for e in f.special_for("b")]
    ((1, 1, 1), ['Pays donateurs'])
    """
    probe = FiringProbe(entries)
    fired = {doc: probe.fired(text) for doc, text in texts.items()}
    where: dict[RuleEntry, list[str]] = {e: [] for e in probe.entries}
    for doc, hits in fired.items():
        for e in hits:
            where[e].append(doc)
    special = tuple(SpecialCases(doc, tuple(e for e in probe.entries if where[e] == [doc])) for doc in texts)
    counts = [len(docs) for docs in where.values()]
    return Fitting(tuple(texts), len(counts), counts.count(0), counts.count(1), sum(1 for c in counts if c > 1),
                   special)
