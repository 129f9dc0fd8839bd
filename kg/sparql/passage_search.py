"""The search a query's search blocks run (:mod:`kg.sparql.search_block`): the service's hybrid search."""

from __future__ import annotations

from kg.search import Filters, Searcher
from kg.sparql.search_block import PassageSearch, SearchCall, SearchRow

__all__ = ["passage_search", "prepare"]


def passage_search(searcher: Searcher) -> PassageSearch:
    """A :data:`~kg.sparql.search_block.PassageSearch` over ``searcher``. Read-only; one search per call.

    The hits, scores and ranks are exactly those of :meth:`Searcher.search` with the same
    inputs (``search:language`` is its ``lang`` filter), so a block and ``/search`` agree.
    """
    def run(call: SearchCall) -> list[SearchRow]:
        result = searcher.search(call.text, k=call.k, mode=call.mode, embedder=call.embedder,
                                 filters=Filters(lang=call.language))
        return [SearchRow(h.passage.iri, h.document.iri, h.score, h.rank) for h in result.hits]

    return run


def prepare(searcher: Searcher) -> None:
    """Open the passage indexes and load the default embedder now (idempotent; seconds the first time).

    Called before a query with search blocks starts its deadline, so that the deadline measures
    the search, not a one-time model load. A block naming another embedder loads it within the
    deadline.
    """
    ws = searcher.ws
    if ws.passages().dense and ws.settings.default_embedder in ws.passages().dense:
        ws.embedder(ws.settings.default_embedder)
