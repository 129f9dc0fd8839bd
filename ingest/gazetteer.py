"""Ingest's view of the kg linker: the names of States, Organizations and Themes, found as mentions.

There is one name index, :class:`kg.linking.linker.Linker`; a :class:`Gazetteer` is a linker built
over the names ingest links to (from the store's labels, aliases, acronyms and demonyms, via
:func:`kg.linking.names.read_names`, so adding an alias to the reference data is enough to have it
recognised), asked for exact names only. What remains here, and why:

* :class:`Entry`, the named list of those names: the program-sheet rules read organization traits
  from it, and the robustness run rebuilds a gazetteer without some of them;
* the OCR rule of :mod:`ingest.fuzzy_names` for long State and Organization names (measured on the
  corpus, stricter than the linker's question-typo fuzzy match, which ingest does not use: a fuzzy
  guess written into the graph is a wrong fact, "bélicas" is not Belize);
* the uppercase-acronym rule: a short all-capital label ("OEA") is matched as written, like an acronym.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad

from ingest.fuzzy_names import DEFAULT_RULE, FuzzyNames, FuzzyRule, merge
from ingest.model import Mention
from kg.linking.linker import TOKEN as TOKEN  # the tokens of a name; re-exported for the fuzzy rule's tests
from kg.linking.linker import Linker, fold_token
from kg.linking.names import Name, read_names
from kg.store.base import GraphStore
from ontology.folding import fold as fold  # the comparison key of a token; re-exported for the sheet rules
from ontology.iri import Iris

#: The types ingest links names to; law, treaty and program titles are found by their own rules.
KINDS = ("State", "Organization", "Theme")


@dataclass(frozen=True)
class Entry:
    text: str
    iri: str
    kind: str
    lang: str | None = None
    is_acronym: bool = False


def linker_of(entries: Iterable[Entry]) -> Linker:
    """The linker over ``entries``: acronyms as acronyms, every other name as a label."""
    return Linker([Name(e.text, e.iri, e.kind, "acronym" if e.is_acronym else "label", e.lang, preferred=True)
                   for e in entries])


class Gazetteer:
    """Finds the known entities a text names, through the kg linker. Cost: linear in the text's tokens.

    Long State and Organization names also match OCR-damaged text by the general rule of
    :mod:`ingest.fuzzy_names` (``fuzzy=None`` turns it off).
    """

    def __init__(self, entries: Iterable[Entry], *, fuzzy: FuzzyRule | None = DEFAULT_RULE) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.linker = linker_of(self.entries)
        keyed = [(key, e) for e in self.entries if (key := tuple(fold(t) for t in TOKEN.findall(e.text)))]
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
        found = [Mention(link.iri, link.type, link.start, link.end, link.mention, "gazetteer")
                 # exact names only: no typo matching, and no demonym rule (its lower-case matches in running
                 # es/fr text include ordinary words, "granadas", "bélicos"; measured: 11 of 53 added facts wrong)
                 for link in self.linker.link(text, kinds=kinds, fuzzy=False, demonyms=False)]
        if self.fuzzy is not None and len(self.fuzzy):
            tokens = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
            folded = [fold_token(t[0]) for t in tokens]
            found = merge(found, self.fuzzy.find(text, tokens, folded, kinds=kinds))
        return found


def build_gazetteer(store: GraphStore, iris: Iris) -> Gazetteer:
    """A gazetteer of every State, Organization and Theme named in the store's default graph."""
    entries: dict[tuple[str, str], Entry] = {}
    for n in read_names(store, iris.ontology):
        if n.kind not in KINDS:
            continue
        acronym = n.how == "acronym" or (n.text.isupper() and len(n.text) <= 6 and " " not in n.text)
        entries.setdefault((n.text, n.iri), Entry(n.text, n.iri, n.kind, n.lang, acronym))
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
