"""The HTTP/1.1 parser the service runs on: uvicorn's httptools protocol, with a bound on the request head.

httptools (llhttp, in C) parses a request in a fraction of h11's time: on a sub-millisecond
``/sparql`` lookup that is a tenth of the whole request (measured in the README's scaling-out
section). But llhttp sets no limit on the request line and headers, and uvicorn keeps them all
in memory: one client could send an endless header. h11 bounds that with a buffer. Here the
head is counted as it is parsed, and past ``max_head_bytes`` the request is answered
``431 Request Header Fields Too Large`` as ``application/problem+json``, and the connection
closed. Below the bound, a long URL still reaches the app, which answers it 414 (``api.deps``);
and a request target past the 64 KiB that ``httptools.parse_url`` takes is split here instead.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


#: The longest request target ``httptools.parse_url`` takes (its offsets are 16-bit).
_PARSE_URL_MAX = 65_535


class _HeadTooLarge(Exception):
    """Raised from a parser callback to stop parsing: llhttp then reports a callback error."""


class BoundedHeadProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol refusing a request head (request line and headers) past ``max_head_bytes``."""

    max_head_bytes: ClassVar[int] = 64 * 1024

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_bytes = 0
        self._refused = False

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_bytes = 0

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)  # ": " and CRLF
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._head_bytes = 0  # a body is not part of the head: the app bounds it (max_body_bytes)
        url = self.url
        if len(url) <= _PARSE_URL_MAX:
            super().on_headers_complete()
            return
        # httptools.parse_url refuses targets past 64 KiB, and a GET SPARQL query may be longer (max_url_bytes):
        # uvicorn gets a short stand-in, and the scope it built is given the real path before the app reads it
        # (the request's task is only scheduled by then).
        self.url = b"/"
        super().on_headers_complete()
        self.url = url
        target = urlsplit(url)
        path = target.path.decode("ascii")
        if "%" in path:
            path = unquote(path)
        self.scope["path"] = self.root_path + path
        self.scope["raw_path"] = self.root_path.encode("ascii") + target.path
        self.scope["query_string"] = target.query

    def send_400_response(self, msg: str) -> None:
        if not self._refused:  # our refusal stopped the parser, which uvicorn reads as a malformed request
            super().send_400_response(msg)

    def _count(self, size: int) -> None:
        self._head_bytes += size
        if self._head_bytes > self.max_head_bytes and not self._refused:
            self._refused = True
            self._refuse()
            raise _HeadTooLarge

    def _refuse(self) -> None:
        self.logger.warning("a request head passed %d bytes: answered 431 and closed", self.max_head_bytes)
        detail = f"the request line and headers pass {self.max_head_bytes} bytes"
        body = json.dumps({"type": "about:blank", "title": "Request Header Fields Too Large", "status": 431,
                           "detail": detail}).encode()
        head = (b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: application/problem+json\r\n"
                b"content-length: " + str(len(body)).encode() + b"\r\nconnection: close\r\n\r\n")
        self.transport.write(head + body)
        self.transport.close()


def bounded_protocol(max_head_bytes: int) -> type[BoundedHeadProtocol]:
    """The protocol class for uvicorn's ``http=`` option, with its bound (uvicorn builds one instance per connection)."""
    return type("BoundedHeadProtocol", (BoundedHeadProtocol,), {"max_head_bytes": max_head_bytes})
