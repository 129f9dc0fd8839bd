"""Shared state reached through dependencies only: settings, workspace, searcher, ingestor."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from ingest.pipeline import Ingestor
from kg.errors import Forbidden, Unauthorized
from kg.search import Searcher
from kg.settings import Settings
from kg.workspace import Workspace


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_workspace(request: Request) -> Workspace:
    return request.app.state.workspace  # type: ignore[no-any-return]


def get_searcher(request: Request) -> Searcher:
    return request.app.state.searcher  # type: ignore[no-any-return]


def get_ingestor(request: Request) -> Ingestor:
    return request.app.state.ingestor  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_settings)]
WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]
SearcherDep = Annotated[Searcher, Depends(get_searcher)]
IngestorDep = Annotated[Ingestor, Depends(get_ingestor)]


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
