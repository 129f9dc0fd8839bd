"""The only place domain errors become HTTP responses: ``application/problem+json`` (RFC 9457)."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

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
    errors.UriTooLong: 414,
    errors.UnsupportedMediaType: 415,
    errors.Conflict: 409,
    errors.ResultTooLarge: 422,
    errors.QueryTimeout: 503,
    errors.BackendUnavailable: 503,
}
#: The body of every 4xx and 5xx response (``components/schemas/Problem`` of the OpenAPI document).
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details. Extension members may follow, e.g. the line and column of a SPARQL "
                   "syntax error.",
    "type": "object",
    "properties": {
        "type": {"type": "string", "format": "uri-reference", "description": "always about:blank"},
        "title": {"type": "string", "description": "short summary of the problem type"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string", "description": "what went wrong with this request"},
        "instance": {"type": "string", "format": "uri-reference", "description": "the request's path"},
    },
    "required": ["type", "title", "status", "detail"],
    "additionalProperties": True,
}
#: What each status means, as the OpenAPI document says it.
MEANING = {
    400: "Bad request: a parameter, query or payload that does not parse or makes no sense",
    401: "Unauthorized: no bearer token, or a wrong one",
    403: "Forbidden: writes are disabled, the target is managed by policykg, or the query reaches out",
    404: "Not found",
    406: "Not acceptable: no offered format fits Accept or format=",
    409: "Conflict",
    413: "Payload too large",
    414: "URI too long: the request URL is longer than the service serves (send a SPARQL query by POST)",
    415: "Unsupported media type: the Content-Type is not one this operation reads",
    422: "Invalid request: a parameter does not match this schema",
    503: "The query ran past its deadline, or the backend is unavailable; retry later or simplify",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for problem statuses (route decorators' ``responses=``).

    >>> r = problem_responses(404)[404]
    >>> r["description"], list(r["content"])
    ('Not found', ['application/problem+json'])
    """
    return {status: {"description": MEANING[status],
                     "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            for status in statuses}


def _instance(request: Request) -> str:
    """The request path as a valid URI reference (the decoded path may hold spaces).

    >>> from starlette.requests import Request
    >>> _instance(Request({"type": "http", "path": "/entities/G TM", "headers": []}))
    '/entities/G%20TM'
    """
    return quote(request.url.path, safe="/!$&'()*+,;=:@")


def allowed_methods(request: Request) -> str:
    """The methods some route serves at this request's path, for the ``Allow`` header of a 405."""
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.router.routes):
        match, _ = route.matches(request.scope)
        if match is not Match.NONE:
            methods.update(route.methods or ())
    if "GET" in methods:
        methods.add("HEAD")  # api.middleware.HeadAsGet
    return ", ".join(sorted(methods))


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
        return problem(status, exc.title, str(exc), instance=_instance(request), headers=headers,
                       extensions=exc.extensions)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()]
        return problem(422, "Invalid request", "; ".join(parts), instance=_instance(request))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:  # every method served at this path, not just those of the first route
            headers["Allow"] = allowed_methods(request)
        return problem(exc.status_code, str(exc.detail), str(exc.detail), instance=_instance(request),
                       headers=headers or None)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return problem(500, "Internal error", "an unexpected error occurred; it has been logged",
                       instance=_instance(request))
