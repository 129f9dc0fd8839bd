"""Shared state reached through dependencies only: settings, workspace, searcher, ingestor."""

from __future__ import annotations

import hmac
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


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_workspace(request: Request) -> Workspace:
    return request.app.state.workspace  # type: ignore[no-any-return]


def get_searcher(request: Request) -> Searcher:
    return request.app.state.searcher  # type: ignore[no-any-return]


def get_ingestor(request: Request) -> Ingestor:
    return request.app.state.ingestor  # type: ignore[no-any-return]


def get_executor(request: Request) -> QueryExecutor:
    return request.app.state.executor  # type: ignore[no-any-return]


def get_admission(request: Request) -> Admission:
    return request.app.state.admission  # type: ignore[no-any-return]


def get_describer(request: Request) -> DatasetDescriber:
    return request.app.state.describer  # type: ignore[no-any-return]


def get_dumps(request: Request) -> DumpCache:
    return request.app.state.dumps  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_settings)]
WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]
SearcherDep = Annotated[Searcher, Depends(get_searcher)]
IngestorDep = Annotated[Ingestor, Depends(get_ingestor)]
ExecutorDep = Annotated[QueryExecutor, Depends(get_executor)]
AdmissionDep = Annotated[Admission, Depends(get_admission)]
DescriberDep = Annotated[DatasetDescriber, Depends(get_describer)]
DumpsDep = Annotated[DumpCache, Depends(get_dumps)]


def check_url_length(request: Request, settings: SettingsDep) -> None:
    """Refuse (414) a URL longer than ``settings.max_url_bytes``, counting its path and query string as sent.

    An app-wide dependency, so it runs before any parameter is read. uvicorn is configured to
    read request heads well past the limit (``api.app.uvicorn_options``) so that the client
    gets this answer rather than a closed connection.
    """
    size = len(request.scope.get("raw_path") or request.url.path.encode()) + len(request.scope.get("query_string", b""))
    if size > settings.max_url_bytes:
        raise UriTooLong(f"the request URL has {size} bytes; this service serves URLs up to {settings.max_url_bytes} "
                         "bytes (send a long SPARQL query by POST)")


def require_token(request: Request, settings: SettingsDep) -> None:
    """Writes need ``Authorization: Bearer <POLICYKG_API_TOKEN>``; with no token configured they are off."""
    if settings.api_token is None:
        raise Forbidden("writes are disabled: no POLICYKG_API_TOKEN is configured")
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("a bearer token is required")
    if not hmac.compare_digest(token.encode(), settings.api_token.encode()):
        raise Unauthorized("the bearer token is not valid")


def client_is_trusted(request: Request, settings: SettingsDep) -> bool:
    """Reads are public; a client that sends the write token gets the longer query deadline.

    No ``Authorization`` header means anonymous; a wrong token is an error (401), not anonymity.
    """
    if "authorization" not in request.headers or settings.api_token is None:
        return False
    require_token(request, settings)
    return True


TrustedDep = Annotated[bool, Depends(client_is_trusted)]
