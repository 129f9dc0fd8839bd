"""Hybrid passage search."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import SearcherDep
from api.problems import problem_responses
from kg.search import NOT_BLANK, Filters

router = APIRouter(prefix="/search", tags=["search"])


@router.get("", summary="Ranked passages with their documents and entities",
            responses=problem_responses(400, 422))
def search(
    searcher: SearcherDep,
    q: Annotated[str, Query(min_length=1, max_length=2000, pattern=NOT_BLANK, description="The question or keywords",
                            examples=["nuclear non-proliferation", "¿Qué programas ayudan a redactar leyes?"])],
    k: Annotated[int, Query(ge=1, le=100)] = 10,
    mode: Annotated[Literal["bm25", "dense", "hybrid"] | None,
                    Query(description="hybrid (the default where a dense index exists), bm25 or dense")] = None,
    embedder: Annotated[Literal["minilm", "use-m3", "e5", "all"] | None,
                        Query(description="Dense embedder; 'all' fuses every indexed one (hybrid)")] = None,
    state: Annotated[str | None, Query(description="ISO 3166 alpha-3 code, or the IRI policykg mints for a "
                                                   "state; anything else is refused (400)",
                                       examples=["GTM"])] = None,
    type: Annotated[str | None, Query(description="resolution | program-sheet | other")] = None,
    year: int | None = None,
    lang: Literal["en", "es", "pt", "fr"] | None = None,
) -> dict[str, object]:
    filters = Filters(state=state, type=type, year=year, lang=lang)
    return searcher.search(q, k=k, mode=mode, embedder=embedder, filters=filters).as_dict()
