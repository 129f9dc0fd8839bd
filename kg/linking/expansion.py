"""Cross-lingual query expansion for the lexical leg of search, through the kg linker.

A question names states, organizations, themes and treaties in its own language ("Bahreïn",
"Irak", "Naciones Unidas", "no proliferación"); most documents name them in English. Each entity
the linker finds adds its own English label and its acronyms to the BM25 query, so the lexical
leg matches what the dense leg already matches across languages. The dense leg gets the
question unchanged (:class:`kg.search.Searcher`).

The policy (:class:`ExpansionPolicy`) was chosen by measurement on the dev questions (README,
"Query expansion"), preferring the simplest rule where several tied:

- only the links the linker is sure of: exact names, acronyms, demonyms. Fuzzy links are left
  out: on a question a near-miss of a name is as likely a different word as a typo, and an
  expansion term, unlike an ``/ask`` link, is never shown to anyone who could see it is wrong;
- only the entity's own English label (``rdfs:label``/``skos:prefLabel``), never its aliases: a
  theme's aliases are dozens of phrases that drown the question's words (Recall@10 for BM25
  alone fell from 0.81 to 0.70 with them);
- added even when the question already writes it: the names of the entities a question is
  about then weigh twice in BM25 (BM25 alone gained, hybrid search was unchanged), and skipping
  them lost Recall@10 on Portuguese questions that write "Libéria" for "Liberia".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.linking.cache import LinkerCache
from kg.linking.linker import Link, Linker

if TYPE_CHECKING:
    from kg.search import Searcher
    from kg.workspace import Workspace


@dataclass(frozen=True)
class ExpansionPolicy:
    """Which links expand a query, and with which of the entity's names."""

    #: the ways of linking trusted to expand (``Link.how``): "fuzzy" is left out by default
    ways: frozenset[str] = field(default_factory=lambda: frozenset({"label", "acronym", "demonym"}))
    #: the entity types that expand (``Link.type``)
    kinds: frozenset[str] = field(default_factory=lambda: frozenset({"State", "Organization", "Theme", "Treaty"}))
    #: add the entity's acronyms (all languages: "ONU", "OEA") besides its English label
    acronyms: bool = True


class LinkerExpansion:
    """``expansion(query)`` → the query plus the English names of the entities it mentions.

    ``linker`` returns the linker of the store as it is now (e.g. ``lambda: cache.get(workspace)``).
    """

    def __init__(self, linker: Callable[[], Linker], policy: ExpansionPolicy | None = None) -> None:
        self.linker = linker
        self.policy = policy or ExpansionPolicy()

    def expands(self, link: Link) -> bool:
        """Whether the policy lets this link expand the query."""
        return link.how in self.policy.ways and link.type in self.policy.kinds

    def terms(self, query: str) -> list[str]:
        """The names added to ``query``, in the order of the mentions, each once."""
        linker = self.linker()
        extra: list[str] = []
        for link in linker.link(query):
            if not self.expands(link):
                continue
            for name in linker.names.get(link.iri, ()):
                own = name.how == "label" and name.preferred and name.lang == "en"
                if not own and not (self.policy.acronyms and name.how == "acronym"):
                    continue
                if name.text not in extra:
                    extra.append(name.text)
        return extra

    def __call__(self, query: str) -> str:
        """The query for the lexical leg.

        >>> from kg.linking.names import Name
        >>> linker = Linker([Name("Bahrain", "s:BHR", "State", "label", "en", preferred=True),
        ...                  Name("Bahreïn", "s:BHR", "State", "label", "fr", preferred=True),
        ...                  Name("Kingdom of Bahrain", "s:BHR", "State", "label", "en")])
        >>> LinkerExpansion(lambda: linker)("la population de Bahreïn")
        'la population de Bahreïn Bahrain'
        """
        extra = self.terms(query)
        return " ".join([query, *extra]) if extra else query


def open_searcher(workspace: Workspace, *, linkers: LinkerCache | None = None) -> Searcher:
    """The searcher the service uses: with cross-lingual expansion unless settings turn it off.

    ``linkers``: a cache to share with ``/ask`` (one linker per store state, not two).
    """
    from kg.search import Searcher

    if not workspace.settings.query_expansion:
        return Searcher(workspace)
    cache = linkers or LinkerCache()
    return Searcher(workspace, expand=LinkerExpansion(lambda: cache.get(workspace)))
