"""One hot route served straight from the middleware stack, past FastAPI's router and dependency solving.

A sub-millisecond ``/sparql`` lookup spent about a tenth of its time in FastAPI's per-request
machinery (the router's walk, the exit stack, solving dependencies, wrapping the endpoint)
although the route reads its request itself (:func:`api.routes.sparql.query_call`). Placed as
the innermost middleware, :class:`DirectRoute` answers ``GET``/``POST`` on that one path with
the same functions the registered route calls, so the answer is the same, and the outer
middlewares (CORS, HEAD, gzip, server errors) still apply. The route stays registered: the
OpenAPI document, other methods (405) and other paths go through FastAPI as before.

Errors become responses through the app's own exception handlers, found as Starlette's
``ExceptionMiddleware`` finds them (by the exception's class, nearest first); an exception no
specific handler takes propagates to the server-error middleware, as it would from a route.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

Handler = Callable[[Request], Awaitable[Response]]


def route_path(scope: Scope) -> str:
    """The path as routes see it: without the app's ``root_path`` prefix (Starlette's own rule)."""
    path: str = scope["path"]
    root = scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


class DirectRoute:
    """Answer ``methods`` on ``path`` with ``handler``; pass everything else to ``app``."""

    def __init__(self, app: ASGIApp, *, path: str, methods: frozenset[str], handler: Handler) -> None:
        self.app = app
        self.path = path
        self.methods = methods
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in self.methods or route_path(scope) != self.path:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await self.handler(request)
        except Exception as exc:
            handle = _handler_for(scope, exc)
            if handle is None:
                raise
            response = await handle(request, exc)
        await response(scope, receive, send)


def _handler_for(scope: Scope, exc: Exception) -> Callable[[Request, Exception], Awaitable[Response]] | None:
    """The app's handler for ``exc`` by class, nearest first; the catch-all ``Exception`` one is the server-error
    middleware's to call, as for any route."""
    handlers = scope["app"].exception_handlers
    for cls in type(exc).__mro__:
        if cls is Exception:
            return None
        if cls in handlers:
            return handlers[cls]  # type: ignore[no-any-return]
    return None
