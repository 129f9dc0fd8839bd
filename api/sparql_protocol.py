"""SPARQL 1.1 Protocol requests, normalised: the three request shapes become one :class:`ProtocolRequest`.

Queries: GET ``?query=``, POST ``application/x-www-form-urlencoded`` (``query=``), POST
``application/sparql-query`` (the body). Updates: POST form (``update=``) or POST
``application/sparql-update``. Dataset parameters (``default-graph-uri``/``named-graph-uri``
for queries, ``using-graph-uri``/``using-named-graph-uri`` for updates) come from the URL
or the form. Reading the protocol is kept apart from running the operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import Depends, Request

from api.deps import SettingsDep
from kg.errors import BadQuery, PayloadTooLarge, UnsupportedMediaType

FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class ProtocolRequest:
    """``operation`` is the query or update text, None when the request carries none."""

    operation: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str | None
    timeout: float | None
    params: frozenset[str]


def endpoint_url(request: Request, path: str) -> str:
    """The absolute URL of one of this service's paths, as the client reached it (base IRI of operations)."""
    return str(request.base_url).rstrip("/") + path


def _decode(body: bytes, charset: str | None) -> str:
    if charset and charset.lower().replace("-", "") != "utf8":
        raise UnsupportedMediaType(f"the request body must be UTF-8, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadQuery(f"the request body is not valid UTF-8 (byte {e.start})") from None


def media_type(header: str) -> tuple[str, str | None]:
    """The media type of a Content-Type header and its charset parameter.

    >>> media_type("application/sparql-query; charset=UTF-16")
    ('application/sparql-query', 'UTF-16')
    """
    kind, *parameters = [p.strip() for p in header.split(";")]
    charset = None
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"')
    return kind.lower(), charset


async def read_request(request: Request, max_bytes: int, *, field: str, direct_type: str,
                       dataset: tuple[str, str]) -> ProtocolRequest:
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "POST":
        kind, charset = media_type(request.headers.get("content-type", ""))
        if int(request.headers.get("content-length") or 0) > max_bytes:
            raise PayloadTooLarge(f"the request body is larger than {max_bytes} bytes")
        body = await request.body()
        if len(body) > max_bytes:
            raise PayloadTooLarge(f"the request body is larger than {max_bytes} bytes")
        if kind == direct_type:
            if field in params:
                raise BadQuery(f"a {direct_type} request carries the {field} in its body, not also in the URL")
            params[field] = [_decode(body, charset)]
        elif kind == FORM:
            for key, values in parse_qs(_decode(body, charset), keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            raise UnsupportedMediaType(f"POST needs Content-Type {direct_type} or {FORM}, not {kind or 'none'}")
    operations = params.get(field, [])
    if len(operations) > 1:
        raise BadQuery(f"exactly one '{field}' parameter is allowed, got {len(operations)}")
    timeout = None
    if params.get("timeout"):
        try:
            timeout = float(params["timeout"][0])
        except ValueError:
            raise BadQuery(f"timeout must be a number of seconds, not {params['timeout'][0]!r}") from None
        if timeout <= 0:
            raise BadQuery("timeout must be positive")
    return ProtocolRequest(operations[0] if operations else None, tuple(params.get(dataset[0], [])),
                           tuple(params.get(dataset[1], [])), (params.get("format") or [None])[0], timeout,
                           frozenset(params))


async def read_query_request(request: Request, settings: SettingsDep) -> ProtocolRequest:
    return await read_request(request, settings.max_body_bytes, field="query", direct_type="application/sparql-query",
                              dataset=("default-graph-uri", "named-graph-uri"))


async def read_update_request(request: Request, settings: SettingsDep) -> ProtocolRequest:
    return await read_request(request, settings.max_body_bytes, field="update",
                              direct_type="application/sparql-update",
                              dataset=("using-graph-uri", "using-named-graph-uri"))


QueryRequestDep = Annotated[ProtocolRequest, Depends(read_query_request)]
UpdateRequestDep = Annotated[ProtocolRequest, Depends(read_update_request)]
