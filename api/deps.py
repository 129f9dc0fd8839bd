"""Shared state reached through dependencies only: settings, workspace, searcher, ingestor.

Every dependency here is ``async def`` although none awaits anything: FastAPI runs a plain
``def`` dependency on its thread pool, one thread hop per dependency and request (about
0.1 ms each: with seven of them, most of a small ``/sparql`` query's overhead). None of them blocks.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from ingest.pipeline import Ingestor
from kg.dump import DumpCache
from kg.errors import Forbidden, Unauthorized, UriTooLong
from kg.search import Searcher
from kg.settings import Settings
from kg.sparql.admission import Admission
from kg.sparql.execute import QueryExecutor
from kg.void import DatasetDescriber
from kg.workspace import Workspace


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def get_workspace(request: Request) -> Workspace:
    return request.app.state.workspace  # type: ignore[no-any-return]


async def get_searcher(request: Request) -> Searcher:
    return request.app.state.searcher  # type: ignore[no-any-return]


async def get_ingestor(request: Request) -> Ingestor:
    return request.app.state.ingestor  # type: ignore[no-any-return]


async def get_executor(request: Request) -> QueryExecutor:
    return request.app.state.executor  # type: ignore[no-any-return]


async def get_admission(request: Request) -> Admission:
    return request.app.state.admission  # type: ignore[no-any-return]


async def get_describer(request: Request) -> DatasetDescriber:
    return request.app.state.describer  # type: ignore[no-any-return]


async def get_dumps(request: Request) -> DumpCache:
    return request.app.state.dumps  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_settings)]
WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]
SearcherDep = Annotated[Searcher, Depends(get_searcher)]
IngestorDep = Annotated[Ingestor, Depends(get_ingestor)]
ExecutorDep = Annotated[QueryExecutor, Depends(get_executor)]
AdmissionDep = Annotated[Admission, Depends(get_admission)]
DescriberDep = Annotated[DatasetDescriber, Depends(get_describer)]
DumpsDep = Annotated[DumpCache, Depends(get_dumps)]


async def check_url_length(request: Request) -> None:
    """Refuse (414) a URL longer than ``settings.max_url_bytes``, counting its path and query string as sent.

    An app-wide dependency, so it runs before any parameter is read. uvicorn is configured to
    read request heads well past the limit (``api.app.uvicorn_options``) so that the client
    gets this answer rather than a closed connection.
    """
    settings = await get_settings(request)  # not a sub-dependency: each costs every request some 20 µs
    size = len(request.scope.get("raw_path") or request.url.path.encode()) + len(request.scope.get("query_string", b""))
    if size > settings.max_url_bytes:
        raise UriTooLong(f"the request URL has {size} bytes; this service serves URLs up to {settings.max_url_bytes} "
                         "bytes (send a long SPARQL query by POST)")


async def require_token(request: Request, settings: SettingsDep) -> None:
    """Writes need ``Authorization: Bearer <POLICYKG_API_TOKEN>``; with no token configured they are off."""
    check_token(request, settings)


def check_token(request: Request, settings: Settings) -> None:
    """Refuse (403/401) a request without the configured write token."""
    if settings.api_token is None:
        raise Forbidden("writes are disabled: no POLICYKG_API_TOKEN is configured")
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("a bearer token is required")
    if not hmac.compare_digest(token.encode(), settings.api_token.encode()):
        raise Unauthorized("the bearer token is not valid")


async def client_is_trusted(request: Request) -> bool:
    """Reads are public; a client that sends the write token gets the longer query deadline.

    No ``Authorization`` header means anonymous; a wrong token is an error (401), not anonymity.
    """
    settings = await get_settings(request)  # as in check_url_length
    if "authorization" not in request.headers or settings.api_token is None:
        return False
    check_token(request, settings)
    return True


TrustedDep = Annotated[bool, Depends(client_is_trusted)]


@dataclass(frozen=True)
class QueryServices:
    """What the query route needs, gathered in one dependency (:func:`api.routes.sparql.query_call`)."""

    settings: Settings
    executor: QueryExecutor
    admission: Admission
    searcher: Searcher
    trusted: bool  # the client sent the write token (a longer deadline, no admission limits)


def query_services(request: Request, settings: Settings, *, trusted: bool) -> QueryServices:
    state = request.app.state
    return QueryServices(settings, state.executor, state.admission, state.searcher, trusted)
