"""Questions in plain en/es/pt/fr: answers from the graph, the passages behind them, and the SPARQL that ran."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from api.deps import AdmissionDep, ExecutorDep, SearcherDep, SettingsDep, TrustedDep, WorkspaceDep
from api.problems import problem_responses
from api.routes.sparql import deadline_for
from kg.ask.asker import MAX_QUESTION, Asker
from kg.linking.cache import LinkerCache
from kg.search import NOT_BLANK
from kg.sparql.run import QueryLimits

router = APIRouter(prefix="/ask", tags=["ask"])


def _linkers(request: Request) -> LinkerCache:
    """The app's linker cache, made on first use (building a linker waits for the first question)."""
    cache = getattr(request.app.state, "linkers", None)
    if not isinstance(cache, LinkerCache):
        cache = request.app.state.linkers = LinkerCache()
    return cache


@router.get("", summary="Answer a question: linked entities, intent, SPARQL, answers and their evidence",
            responses=problem_responses(400, 422, 503))
def ask(
    request: Request,
    workspace: WorkspaceDep,
    searcher: SearcherDep,
    settings: SettingsDep,
    executor: ExecutorDep,
    admission: AdmissionDep,
    trusted: TrustedDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION, pattern=NOT_BLANK,
                            description="The question, in English, Spanish, Portuguese or French",
                            examples=["Which later resolutions mention resolution 242 (1967)?",
                                      "¿Qué programas ayudan a Guatemala en ciberseguridad?"])],
    lang: Annotated[Literal["en", "es", "pt", "fr"] | None,
                    Query(description="The question's language; detected when absent")] = None,
    k: Annotated[int, Query(ge=1, le=50, description="Evidence passages")] = 10,
) -> dict[str, object]:
    from ingest.language import detect_language

    deadline = deadline_for(settings, trusted=trusted, asked=None)
    client = request.client.host if request.client else "unknown"
    with admission.slot(client, trusted=trusted) as queued:
        limits = QueryLimits(deadline, max_rows=settings.max_rows, wait_s=max(settings.query_queue_wait - queued, 0.001))
        asker = Asker(workspace, searcher, executor, detect=detect_language, limits=limits,
                      allowlist=settings.outbound_allowlist, linkers=_linkers(request))
        return asker.ask(q, lang=lang, k=k).as_dict()
