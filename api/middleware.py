"""Protocol details every route gets: HEAD wherever GET is, and gzip for large answers."""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Answers already compressed (the dumps) are sent as they are.
_COMPRESSED_SUFFIXES = (".gz",)


class HeadAsGet:
    """Answer HEAD as the route's GET would, without the body (RFC 9110 §9.3.2).

    Headers, Content-Length included, are those of the GET answer. Routes that declare HEAD
    themselves get the same treatment, which is what they do anyway.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


class GzipLargeAnswers:
    """gzip answers of at least ``minimum_size`` bytes for clients that accept it, except files already compressed."""

    def __init__(self, app: ASGIApp, *, minimum_size: int = 1024) -> None:
        self.app = app
        # Level 6 (zlib's default), not Starlette's 9: half the CPU time for answers 2-5 % larger
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size, compresslevel=6)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].endswith(_COMPRESSED_SUFFIXES):
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)
