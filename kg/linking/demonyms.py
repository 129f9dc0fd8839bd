"""Demonyms and adjectives of states, derived by rule from the states' names in four languages.

"angoleño", "angolano", "angolais" → Angola; "haïtien" → Haiti; "brasileira" → Brazil. A word
names a state when it is the stem of one of the state's one-word names (its final vowels
dropped, at least four letters left) followed by a demonym ending of en/es/pt/fr. Stems of every
language meet endings of every language ("mexicain" is the Spanish stem "mexic" plus the French
"-ain"). When stems of two states fit, the longer stem wins ("nigerian" → Nigeria, not Niger).
No demonym is listed by hand here; curated ones come from the graph (``pkg:demonym``).
"""

from __future__ import annotations

from collections.abc import Iterable

from ontology.folding import fold

#: Endings of demonyms and adjectives, accents folded, longest first when matched.
ENDINGS = tuple(sorted({
    # en
    "an", "ans", "ian", "ians", "ean", "eans", "ese", "ish", "i", "is",
    # es
    "eno", "ena", "enos", "enas", "ano", "ana", "anos", "anas", "ense", "enses", "ino", "ina", "inos", "inas",
    "es", "esa", "eses", "esas", "o", "a", "os", "as", "ita", "itas", "ieno", "iana", "iano", "ianos", "ianas",
    # pt
    "eiro", "eira", "eiros", "eiras", "ensa", "enho", "enha",
    # fr
    "ais", "aise", "aises", "ois", "oise", "oises", "ien", "ienne", "iens", "iennes", "ain", "aine", "ains", "aines",
    "in", "ine", "ins", "ines", "een", "eenne", "eens", "eennes",
}, key=len, reverse=True))
MIN_STEM = 4
#: Endings that are also plural or verb endings of ordinary words ("reuniones" is not of Réunion, French "servi"
#: not of Serbia): in a word written in lower case they count only with the accent es/pt demonyms carry
#: ("israelí", "japonés"); English writes its demonyms capitalised ("Iraqi", "Somali").
ACCENTED = {"i": "í", "is": "ís", "es": "és"}
_VOWELS = "aeiouy"


def stems(name: str) -> list[tuple[str, int]]:
    """The stems of a one-word state name with their priority: the folded name itself (3), without its
    last vowel (2), without all its final vowels (1); stems under four letters are dropped.

    >>> stems("Nigeria"), stems("Perú"), stems("Cuba"), stems("Costa Rica")
    ([('nigeria', 3), ('nigeri', 2), ('niger', 1)], [('peru', 3)], [('cuba', 3)], [])
    """
    folded = fold(name)
    if not folded.isalpha():
        return []
    out = [(folded, 3)]
    if folded[-1] in _VOWELS:
        out.append((folded[:-1], 2))
        if folded.rstrip(_VOWELS) != folded[:-1]:
            out.append((folded.rstrip(_VOWELS), 1))
    return [(s, p) for s, p in out if len(s) >= MIN_STEM]


class DemonymRule:
    """``rule(word)`` → the IRI of the state the word is a demonym or adjective of, or None. Pure after building."""

    def __init__(self, state_names: Iterable[tuple[str, str]]) -> None:
        """``state_names``: (name, state IRI) pairs, every language mixed."""
        self.stems: dict[str, dict[str, int]] = {}
        self.names: set[str] = set()
        for name, iri in state_names:
            self.names.add(fold(name))
            for s, priority in stems(name):
                known = self.stems.setdefault(s, {})
                known[iri] = max(priority, known.get(iri, 0))

    def __call__(self, word: str) -> str | None:
        """The state ``word`` derives from.

        >>> rule = DemonymRule([("Angola", "s:AGO"), ("Haïti", "s:HTI"), ("Brasil", "s:BRA"), ("Niger", "s:NER"),
        ...                     ("Nigeria", "s:NGA"), ("Canada", "s:CAN")])
        >>> [rule(w) for w in ("angoleño", "Angolais", "haïtien", "brasileira", "nigerian", "canadienne", "angola")]
        ['s:AGO', 's:AGO', 's:HTI', 's:BRA', 's:NGA', 's:CAN', None]
        >>> rule = DemonymRule([("Réunion", "s:REU"), ("Sérvia", "s:SRB"), ("Israel", "s:ISR"), ("Somalia", "s:SOM")])
        >>> [rule(w) for w in ("reuniones", "servi", "israelí", "Israeli", "Somali", "somali")]
        [None, None, 's:ISR', 's:ISR', 's:SOM', None]
        """
        folded = fold(word)
        if not folded.isalpha() or folded in self.names:  # a name is not its own demonym
            return None
        best: tuple[int, int, str] | None = None
        for ending in ENDINGS:
            if len(folded) - len(ending) < MIN_STEM or not folded.endswith(ending):
                continue
            if ending in ACCENTED and not word[:1].isupper() and not word.lower().endswith(ACCENTED[ending]):
                continue
            head = folded[: len(folded) - len(ending)]
            known = self.stems.get(head, {})
            if not known:
                continue
            top = max(known.values())
            leaders = [iri for iri, p in known.items() if p == top]
            if len(leaders) == 1 and (best is None or (len(head), top) > best[:2]):
                best = (len(head), top, leaders[0])
        return best[2] if best else None
