"""The only place an app is built. Heavy resources open in the lifespan, not at import."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI

from api.problems import install_problem_handlers
from kg.settings import Settings

log = logging.getLogger(__name__)


def make_lifespan(settings: Settings):  # type: ignore[no-untyped-def]
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from ingest.pipeline import Ingestor
        from kg.dump import DumpCache
        from kg.linking.cache import LinkerCache
        from kg.linking.expansion import open_searcher
        from kg.sparql.admission import Admission
        from kg.sparql.execute import open_executor
        from kg.void import DatasetDescriber
        from kg.workspace import Workspace

        workspace = Workspace(settings)
        workspace.passages()  # build or check the indexes before the first request
        app.state.settings = settings
        app.state.workspace = workspace
        app.state.linkers = LinkerCache()  # one linker per store state, for query expansion and /ask alike
        app.state.searcher = open_searcher(workspace, linkers=app.state.linkers)
        if settings.warm_up:  # the port opens once this is done: a load balancer's probe then means ready
            log.info("warmed up in %.0f ms (model, query encoder, linker)", app.state.searcher.warm_up())
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

    The parser is httptools (``api.http_protocol``), with the request head (request line and
    headers) bounded at four times ``max_url_bytes`` plus 64 KiB of headers: URLs up to the limit
    are served (a long SPARQL query by GET), longer ones reach the app and get a 414 problem; only
    a head past the bound is refused by the server itself (431, also a problem).

    >>> uvicorn_options(Settings(max_url_bytes=1000))["http"].max_head_bytes
    69536
    """
    from api.http_protocol import bounded_protocol

    return {"http": bounded_protocol(4 * settings.max_url_bytes + 64 * 1024)}


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
    from api.routes import cooperation, export, states

    for module in (states, cooperation, export):  # state profiles, suggestions, the network export (issue 16)
        app.include_router(module.router, responses=problem_responses(414))
    from pathlib import Path

    from fastapi.staticfiles import StaticFiles

    from api.routes import docs

    app.include_router(docs.router)  # Swagger UI and ReDoc from api/static/vendor: they work offline
    from api.web.routes import ROUTERS

    for web_router in ROUTERS:  # the pages (api/web): home, SPARQL editor…
        app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    install_problem_handlers(app)
    install_openapi(app, settings)
    from api.direct_route import DirectRoute
    from api.middleware import GzipLargeAnswers, HeadAsGet

    # Innermost: /sparql queries skip the router and dependency solving; the middlewares below still apply.
    app.add_middleware(DirectRoute, path="/sparql", methods=frozenset({"GET", "POST"}), handler=sparql.direct)
    app.add_middleware(GzipLargeAnswers, minimum_size=1024)
    app.add_middleware(HeadAsGet)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        # Reads only: no credentials, and Authorization is not an allowed header, so a page on
        # another origin can query (YASGUI) but never send the write token.
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_credentials=False,
                           allow_methods=["GET", "HEAD", "POST"], allow_headers=["Accept", "Content-Type"],
                           expose_headers=["X-Result-Truncated", "X-Result-Row-Cap", "X-Result-Count"])

    return app

