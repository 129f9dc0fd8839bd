"""Cross-lingual query expansion for the lexical leg of search, through the gazetteer.

A question names states, organizations and themes in its own language ("Bahreïn", "Irak",
"Naciones Unidas", "no proliferación"); most documents name them in English. Each mention
the gazetteer resolves adds the entity's English label and acronyms (a theme's English
preferred label) to the BM25 query, so the lexical
leg matches what the dense leg already matches across languages. The dense leg gets the
question unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ingest.gazetteer import Gazetteer, build_gazetteer
from kg.store.base import GraphStore
from ontology.iri import Iris
from ontology.namespaces import RDFS

if TYPE_CHECKING:
    from kg.search import Searcher
    from kg.workspace import Workspace

NAMES_QUERY = """
PREFIX rdfs: <%s>
PREFIX pkg: <%s>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?name WHERE {
  { VALUES ?kind { pkg:State pkg:Organization } ?e a ?kind .
    { ?e rdfs:label ?name FILTER(LANG(?name) = "en") } UNION { ?e pkg:acronym ?name } }
  UNION { ?e a pkg:Theme ; skos:prefLabel ?name FILTER(LANG(?name) = "en") }
}
"""


class QueryExpander:
    """``expander(query)`` → the query plus the English names of the entities it mentions."""

    def __init__(self, gazetteer: Gazetteer, names: dict[str, list[str]]) -> None:
        self.gazetteer = gazetteer
        self.names = names

    @classmethod
    def from_store(cls, store: GraphStore, iris: Iris) -> QueryExpander:
        """Read the names and the gazetteer from the store's default graph: two SELECTs, once."""
        names: dict[str, list[str]] = {}
        for entity, name in store.select(NAMES_QUERY % (RDFS, iris.ontology)):
            names.setdefault(str(getattr(entity, "value")), []).append(str(getattr(name, "value")))  # noqa: B009
        return cls(build_gazetteer(store, iris), names)

    def __call__(self, query: str) -> str:
        """Append the English names of recognised entities not already written in the query.

        >>> from ingest.gazetteer import Entry
        >>> x = QueryExpander(Gazetteer([Entry("Bahreïn", "s:BHR", "State")]), {"s:BHR": ["Bahrain"]})
        >>> x("la population de Bahreïn")
        'la population de Bahreïn Bahrain'
        """
        extra: list[str] = []
        lowered = query.lower()
        for mention in self.gazetteer.find(query, kinds=("State", "Organization", "Theme")):
            for name in self.names.get(mention.iri, ()):
                if name.lower() not in lowered and name not in extra:
                    extra.append(name)
        return " ".join([query, *extra]) if extra else query


def open_searcher(workspace: Workspace) -> Searcher:
    """The searcher the service uses: with cross-lingual expansion unless settings turn it off."""
    from kg.search import Searcher

    if not workspace.settings.query_expansion:
        return Searcher(workspace)
    return Searcher(workspace, expand=QueryExpander.from_store(workspace.store, workspace.iris))
