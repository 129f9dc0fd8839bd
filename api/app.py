"""The only place an app is built. Heavy resources open in the lifespan, not at import."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse

from api.problems import install_problem_handlers
from kg.settings import Settings


def make_lifespan(settings: Settings):  # type: ignore[no-untyped-def]
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from ingest.pipeline import Ingestor
        from kg.dump import DumpCache
        from ingest.query_expansion import open_searcher
        from kg.sparql.admission import Admission
        from kg.sparql.execute import open_executor
        from kg.void import DatasetDescriber
        from kg.workspace import Workspace

        workspace = Workspace(settings)
        workspace.passages()  # build or check the indexes before the first request
        app.state.settings = settings
        app.state.workspace = workspace
        app.state.searcher = open_searcher(workspace)
        app.state.ingestor = Ingestor(workspace)
        app.state.executor = open_executor(settings, workspace.store)
        app.state.admission = Admission(
            per_client=settings.anonymous_queries_per_client, wait_s=settings.query_queue_wait,
            anonymous_total=max(settings.sparql_workers - 1, 1))
        app.state.describer = DatasetDescriber(workspace)
        app.state.dumps = DumpCache(workspace.store, settings.store / "dumps")
        try:
            yield
        finally:
            app.state.executor.close()
            workspace.close()

    return lifespan


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """What uvicorn must be told for the app's limits to hold (``policykg serve`` and the test server use it).

    h11 reads a request head (request line and headers) only up to a buffer size, 16 KiB by
    default, and answers a longer one with a plain-text 400, or drops the connection while
    the client is still sending. The buffer is set to four times ``max_url_bytes`` plus
    64 KiB of headers: URLs up to the limit are served (a long SPARQL query by GET), longer
    ones reach the app and get a 414 problem; only a head past the buffer meets h11's answer.
    h11 is named because httptools, when installed, would not apply this buffer.

    >>> uvicorn_options(Settings(max_url_bytes=1000))
    {'http': 'h11', 'h11_max_incomplete_event_size': 69536}
    """
    return {"http": "h11", "h11_max_incomplete_event_size": 4 * settings.max_url_bytes + 64 * 1024}


def create_app(settings: Settings) -> FastAPI:
    from api.deps import check_url_length
    from api.openapi import install_openapi
    from api.problems import problem_responses
    from api.routes import ask, documents, dump, entities, graph_store, health, search, similar, sparql, update, void

    app = FastAPI(title="policykg", version="0.1.0", lifespan=make_lifespan(settings), docs_url=None, redoc_url=None,
                  dependencies=[Depends(check_url_length)],
                  description="Knowledge graph and semantic search over public-security programs, "
                              "resolutions and laws of the Americas.")
    # similar before entities: /entities/{path}/similar must not be read as an entity's path
    for module in (sparql, update, graph_store, void, dump, search, ask, similar, entities, documents, health):
        app.include_router(module.router, responses=problem_responses(414))
    from pathlib import Path

    from fastapi.staticfiles import StaticFiles

    from api.routes import docs

    app.include_router(docs.router)  # Swagger UI and ReDoc from api/static/vendor: they work offline
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    install_problem_handlers(app)
    install_openapi(app, settings)
    from api.middleware import GzipLargeAnswers, HeadAsGet

    app.add_middleware(GzipLargeAnswers, minimum_size=1024)
    app.add_middleware(HeadAsGet)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        # Reads only: no credentials, and Authorization is not an allowed header, so a page on
        # another origin can query (YASGUI) but never send the write token.
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_credentials=False,
                           allow_methods=["GET", "HEAD", "POST"], allow_headers=["Accept", "Content-Type"],
                           expose_headers=["X-Result-Truncated", "X-Result-Row-Cap", "X-Result-Count"])

    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    def home() -> str:
        return HOME

    return app


HOME = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>policykg</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
input{width:70%;font-size:1rem;padding:.3rem} li{margin:.6rem 0}</style></head><body>
<h1>policykg</h1><p>Search the programs, resolutions and laws. <a href="/docs">API</a> · <a href="/health">health</a></p>
<form id="f"><input id="q" placeholder="e.g. ¿Qué programas ayudan a redactar leyes de no proliferación?">
<select id="mode"><option>hybrid</option><option>bm25</option><option>dense</option></select>
<button>Search</button></form><ol id="hits"></ol>
<script>
const esc = s => s.replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
document.getElementById('f').onsubmit = async e => {
  e.preventDefault();
  const q = document.getElementById('q').value, mode = document.getElementById('mode').value;
  const r = await fetch('/search?' + new URLSearchParams({q, mode, k: 10}));
  const data = await r.json(), ol = document.getElementById('hits');
  if (!r.ok) { ol.innerHTML = '<li>' + esc(data.detail || 'error') + '</li>'; return; }
  ol.innerHTML = data.hits.map(h => '<li><b>' + esc(h.document.title) + '</b> <small>' + esc(h.document.source) +
    ' · ' + esc(h.passage.section) + '</small><br>' + esc(h.passage.text.slice(0, 400)) + '<br><small>' +
    h.entities.map(en => '<a href="' + esc(en.iri.replace(/^.*?\\/id\\//, '/entities/')) + '">' + esc(en.label) + '</a>').join(' · ') +
    '</small></li>').join('');
};
</script></body></html>"""
