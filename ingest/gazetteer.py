"""A gazetteer of known entities: every label, alias, acronym and demonym → one canonical IRI.

Built from the reference graphs (states in four languages, organizations with their
acronyms), so adding an alias to the reference data is enough to have it recognised.
Matching is token-based longest-match: accents and case are folded, except for
acronyms and capitalised names, which must appear capitalised (so "us" is not USA and
"chad" in lower case is not the state).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad

from ingest.fuzzy_names import DEFAULT_RULE, FuzzyNames, FuzzyRule, merge
from ingest.model import Mention
from kg.store.base import GraphStore
from ontology.folding import fold as fold  # the comparison key of a token; re-exported for the sheet rules
from ontology.iri import Iris
from ontology.namespaces import RDFS, SKOS

TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Entry:
    text: str
    iri: str
    kind: str
    lang: str | None = None
    is_acronym: bool = False


def _needs_capital(entry: Entry) -> bool:
    return entry.text[:1].isupper()


class Gazetteer:
    """Finds the known entities a text names. Cost: linear in the text's tokens.

    Long State and Organization names also match OCR-damaged text by the general rule of
    :mod:`ingest.fuzzy_names` (``fuzzy=None`` turns it off).
    """

    def __init__(self, entries: Iterable[Entry], *, fuzzy: FuzzyRule | None = DEFAULT_RULE) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._index: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        keyed: list[tuple[tuple[str, ...], Entry]] = []
        for entry in self.entries:
            tokens = tuple(fold(t) for t in TOKEN.findall(entry.text))
            if not tokens:
                continue
            self._index.setdefault(tokens[0], []).append((tokens, entry))
            keyed.append((tokens, entry))
        for candidates in self._index.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self.fuzzy = FuzzyNames(keyed, fuzzy) if fuzzy is not None else None

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str, *, kinds: Sequence[str] | None = None) -> list[Mention]:
        """Non-overlapping mentions, longest match first, in text order.

        >>> g = Gazetteer([Entry("El Salvador", "s:SLV", "State"), Entry("Salvador", "x", "City"),
        ...                Entry("OAS", "o:oas", "Organization", is_acronym=True)])
        >>> [(m.text, m.iri) for m in g.find("El Salvador asked the OAS, not the oas.")]
        [('El Salvador', 's:SLV'), ('OAS', 'o:oas')]
        """
        tokens = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
        folded = [fold(t[0]) for t in tokens]
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            match = self._match_at(tokens, folded, i, kinds)
            if match is None:
                i += 1
                continue
            length, entry = match
            start, end = tokens[i][1], tokens[i + length - 1][2]
            found.append(Mention(entry.iri, entry.kind, start, end, text[start:end], "gazetteer"))
            i += length
        if self.fuzzy is not None and len(self.fuzzy):
            found = merge(found, self.fuzzy.find(text, tokens, folded, kinds=kinds))
        return found

    def _match_at(
        self,
        tokens: list[tuple[str, int, int]],
        folded: list[str],
        i: int,
        kinds: Sequence[str] | None,
    ) -> tuple[int, Entry] | None:
        for key, entry in self._index.get(folded[i], ()):
            n = len(key)
            if tuple(folded[i : i + n]) != key:
                continue
            if kinds is not None and entry.kind not in kinds:
                continue
            surface = tokens[i][0]
            if entry.is_acronym and " ".join(t[0] for t in tokens[i : i + n]).replace(" ", "") != entry.text.replace(" ", ""):
                continue
            if _needs_capital(entry) and not surface[:1].isupper():
                continue
            # A match must end on a word boundary: "Chile" must not match inside "Chilean".
            return n, entry
        return None

    def spacy_patterns(self) -> list[dict[str, object]]:
        """Phrase patterns for spaCy's EntityRuler; ``id`` carries the canonical IRI."""
        return [{"label": e.kind.upper(), "pattern": e.text, "id": e.iri} for e in self.entries]


LABEL_QUERY = """
PREFIX rdfs: <%s>
PREFIX skos: <%s>
PREFIX pkg: <%s>
SELECT ?entity ?kind ?label ?how WHERE {
  { VALUES ?kind { pkg:State pkg:Organization pkg:Theme } ?entity a ?kind . }
  UNION { ?entity a skos:Concept . FILTER NOT EXISTS { ?entity a pkg:EvidenceLevel } BIND(pkg:Theme AS ?kind) }
  { ?entity rdfs:label ?label BIND("label" AS ?how) }
  UNION { ?entity skos:prefLabel ?label BIND("label" AS ?how) }
  UNION { ?entity skos:altLabel ?label BIND("label" AS ?how) }
  UNION { ?entity pkg:demonym ?label BIND("label" AS ?how) }
  UNION { ?entity pkg:acronym ?label BIND("acronym" AS ?how) }
}
"""


def build_gazetteer(store: GraphStore, iris: Iris) -> Gazetteer:
    """A gazetteer of every State, Organization and Theme labelled in the store's default graph."""
    query = LABEL_QUERY % (RDFS, SKOS, iris.ontology)
    entries: dict[tuple[str, str], Entry] = {}
    for row in store.select(query):
        entity, kind, label, how = (str(getattr(term, "value")) for term in row)  # noqa: B009 (all bound)
        text = label.strip()
        if len(text) < 2:
            continue
        kind_local = kind.rsplit("#", 1)[-1]
        lang = getattr(row[2], "language", None)
        acronym = how == "acronym" or (text.isupper() and len(text) <= 6 and " " not in text)
        entries.setdefault((text, entity), Entry(text, entity, kind_local, lang, acronym))
    return Gazetteer(sorted(entries.values(), key=lambda e: (e.iri, e.text)))


def reference_gazetteer(iris: Iris) -> Gazetteer:
    """The gazetteer of the shipped reference data alone, without any store on disk."""
    from kg.store import scratch_store
    from ontology.reference import reference_quads

    graphs: dict[str, list[Quad]] = {}
    for q in reference_quads(iris):
        assert isinstance(q.graph_name, NamedNode)  # reference data lives in named graphs
        graphs.setdefault(q.graph_name.value, []).append(q)
    store = scratch_store()
    for graph, quads in graphs.items():
        store.add_to_graph(graph, quads)
    return build_gazetteer(store, iris)
