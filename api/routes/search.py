"""Hybrid passage search."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from api.deps import AdmissionDep, ExecutorDep, SearcherDep, SettingsDep
from api.problems import problem_responses
from api.routes.sparql import deadline_for
from kg.search import NOT_BLANK, Filters
from kg.sparql.first_column import first_column_iris
from kg.sparql.run import QueryLimits

router = APIRouter(prefix="/search", tags=["search"])


@router.get("", summary="Ranked passages with their documents and entities",
            responses=problem_responses(400, 403, 422, 503))
def search(
    request: Request,
    searcher: SearcherDep,
    settings: SettingsDep,
    executor: ExecutorDep,
    admission: AdmissionDep,
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
    type: Annotated[str | None, Query(description="resolution | program-sheet | law | practice | other")] = None,
    year: int | None = None,
    lang: Literal["en", "es", "pt", "fr"] | None = None,
    sparql: Annotated[str | None, Query(
        min_length=1, pattern=NOT_BLANK,
        description="A read-only SELECT whose first variable yields documents (all their passages compete), "
                    "passages, or entities (the passages that pkg:mentions them); only those passages are ranked. "
                    "Checked, timed and capped as on /sparql.",
        examples=["PREFIX pkg: <https://policykg.org/ontology#> SELECT ?doc { ?doc pkg:about/pkg:year 1990 }"])] = None,
) -> dict[str, object]:
    filters = Filters(state=state, type=type, year=year, lang=lang)
    within = None
    if sparql is not None:  # /search is public: its query runs as an anonymous client's does on /sparql
        client = request.client.host if request.client else "unknown"
        with admission.slot(client, trusted=False) as queued:
            within = first_column_iris(
                sparql, executor=executor, allowlist=settings.outbound_allowlist,
                limits=QueryLimits(deadline_for(settings, trusted=False, asked=None), max_rows=settings.max_rows,
                                   wait_s=max(settings.query_queue_wait - queued, 0.001)))
    return searcher.search(q, k=k, mode=mode, embedder=embedder, filters=filters, within=within).as_dict()
