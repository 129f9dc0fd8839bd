"""The home page: one box for keywords and questions, filters as controls, results rendered on the server.

"Search" ranks passages (``kg.search``, as ``/search``); "Ask" answers from the graph
(``kg.ask``, as ``/ask``) and shows the passages and the SPARQL behind the answer. Both
work without JavaScript; a small script only re-submits when a filter changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pyoxigraph import Literal as RdfLiteral

from api.deps import AdmissionDep, ExecutorDep, SearcherDep, SettingsDep, WorkspaceDep
from api.routes.sparql import deadline_for
from api.web.highlight import Segment, mark_words
from api.web import messages
from api.web.i18n import LANGUAGES, Translator
from api.web.labels import labels, val
from api.web.templating import language_of, render_page
from kg.ask.result import AskResult
from kg.errors import PolicyKGError
from kg.search import Filters, SearchResult, is_blank
from kg.sparql.run import QueryLimits
from kg.workspace import Workspace

router = APIRouter(include_in_schema=False)
DOCUMENT_TYPES = ("resolution", "program-sheet", "law", "practice", "other")


@dataclass(frozen=True)
class StateOption:
    iso3: str
    label: str


def state_options(workspace: Workspace, lang: str) -> list[StateOption]:
    """The OAS member states, named in ``lang`` (one of ``LANGUAGES``), for the state filter."""
    pkg = workspace.iris.ontology
    rows = workspace.store.select(
        f"SELECT ?iso ?label WHERE {{ ?s <{pkg}oasMember> true ; <{pkg}iso3> ?iso ; "
        f"<http://www.w3.org/2004/02/skos/core#prefLabel> ?label FILTER(LANG(?label) = {RdfLiteral(lang)}) }}")
    options = {val(iso): val(label) for iso, label in rows if iso is not None and label is not None}
    return sorted((StateOption(k, v) for k, v in options.items()), key=lambda o: o.label)


def entity_href(workspace: Workspace, iri: str) -> str:
    local = workspace.iris.local_path(iri)
    return f"/entities/{local}" if local else iri


def document_href(workspace: Workspace, iri: str, passage: str | None = None) -> str:
    """A document's page, scrolled to a passage when one is given."""
    href = entity_href(workspace, iri)
    local = workspace.iris.local_path(passage) if passage else None
    return href + (f"#{local.rsplit('/', 1)[-1]}" if local else "")


@router.get("/", response_class=HTMLResponse)
def home(request: Request, workspace: WorkspaceDep, searcher: SearcherDep, settings: SettingsDep,
         executor: ExecutorDep, admission: AdmissionDep,
         q: Annotated[str | None, Query(max_length=2000)] = None,
         do: Literal["search", "ask"] = "search",
         type: Annotated[str | None, Query(max_length=40)] = None,
         year: Annotated[str | None, Query(max_length=8)] = None,
         state: Annotated[str | None, Query(max_length=80)] = None,
         doclang: Annotated[str | None, Query(max_length=5)] = None) -> HTMLResponse:
    lang = language_of(request)
    filters = Filters(state=state or None, type=type or None,
                      year=int(year) if year and year.strip().isdigit() else None,
                      lang=doclang if doclang in LANGUAGES else None)
    result: SearchResult | None = None
    answer: AskResult | None = None
    error: str | None = None
    status = 200
    if q is not None and not is_blank(q):
        try:
            if do == "ask":
                answer = _ask(request, workspace, searcher, settings, executor, admission, q)
            else:
                result = searcher.search(q, k=10, mode=None, filters=filters)
        except PolicyKGError as exc:  # bad filter or question: said on the page, as a 400
            error, status = str(exc), 400
    highlighted: list[list[Segment]] = []
    names: dict[str, str] = {}
    if result is not None:
        pkg = workspace.iris.ontology
        names = labels(workspace.store, {e.iri for hit in result.hits for e in hit.entities}
                       | {pkg + e.type for hit in result.hits for e in hit.entities if e.type}, lang)
        names.update({e.type: names[pkg + e.type] for hit in result.hits for e in hit.entities if e.type})
        highlighted = [mark_words(hit.passage.text, q or "") for hit in result.hits]
    evidence: list[list[Segment]] = []
    if answer is not None:
        evidence = [mark_words(e.text, q or "") for e in answer.evidence]
    title = q or Translator(lang, [messages.MESSAGES])("home.title")
    return render_page(request, "home.html", title=title, status_code=status, context={
        "q": q or "", "do": do, "filters": filters, "year": year or "", "result": result, "answer": answer,
        "highlighted": highlighted, "names": names, "evidence": evidence, "error": error,
        "types": DOCUMENT_TYPES, "doc_languages": LANGUAGES, "states": state_options(workspace, lang),
        "entity_href": lambda iri: entity_href(workspace, iri),
        "document_href": lambda iri, passage=None: document_href(workspace, iri, passage)})


def _ask(request: Request, workspace: Workspace, searcher: SearcherDep, settings: SettingsDep,
         executor: ExecutorDep, admission: AdmissionDep, question: str) -> AskResult:
    """The ``/ask`` route's work, for an anonymous reader (same admission, deadline and row cap)."""
    from api.routes.ask import _linkers
    from ingest.language import detect_language
    from kg.ask.asker import Asker

    client = request.client.host if request.client else "unknown"
    with admission.slot(client, trusted=False) as queued:
        limits = QueryLimits(deadline_for(settings, trusted=False, asked=None), max_rows=settings.max_rows,
                             wait_s=max(settings.query_queue_wait - queued, 0.001))
        asker = Asker(workspace, searcher, executor, detect=detect_language, limits=limits,
                      allowlist=settings.outbound_allowlist, linkers=_linkers(request))
        return asker.ask(question, k=10)
