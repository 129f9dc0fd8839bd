"""The only place domain errors become HTTP responses: ``application/problem+json`` (RFC 9457)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg import errors

log = logging.getLogger(__name__)
PROBLEM = "application/problem+json"
STATUS = {
    errors.BadQuery: 400,
    errors.BadInput: 400,
    errors.ShapeViolation: 422,
    errors.Unauthorized: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.NotAcceptable: 406,
    errors.PayloadTooLarge: 413,
    errors.UnsupportedMediaType: 415,
    errors.Conflict: 409,
    errors.QueryTimeout: 503,
    errors.BackendUnavailable: 503,
}


def problem(status: int, title: str, detail: str, *, instance: str | None = None,
            headers: dict[str, str] | None = None,
            extensions: dict[str, str | int | float | bool] | None = None) -> JSONResponse:
    body: dict[str, object] = {**(extensions or {}), "type": "about:blank", "title": title, "status": status,
                               "detail": detail}
    if instance:
        body["instance"] = instance
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(errors.PolicyKGError)
    async def domain_error(request: Request, exc: errors.PolicyKGError) -> JSONResponse:
        status = next((code for cls, code in STATUS.items() if isinstance(exc, cls)), 500)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if isinstance(exc, errors.BackendUnavailable):
            headers = {"Retry-After": "2"}
        return problem(status, exc.title, str(exc), instance=request.url.path, headers=headers,
                       extensions=exc.extensions)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()]
        return problem(422, "Invalid request", "; ".join(parts), instance=request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, str(exc.detail), str(exc.detail), instance=request.url.path)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return problem(500, "Internal error", "an unexpected error occurred; it has been logged",
                       instance=request.url.path)
