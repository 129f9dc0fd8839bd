"""SPARQL 1.1 Protocol requests, normalised: the three request shapes become one :class:`ProtocolRequest`.

Queries: GET ``?query=``, POST ``application/x-www-form-urlencoded`` (``query=``), POST
``application/sparql-query`` (the body). Updates: POST form (``update=``) or POST
``application/sparql-update``. Dataset parameters (``default-graph-uri``/``named-graph-uri``
for queries, ``using-graph-uri``/``using-named-graph-uri`` for updates) come from the URL
or the form. Reading the protocol is kept apart from running the operation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import Depends, Request

from api.deps import SettingsDep
from api.negotiation import QUERY_FORMATS, content, offered
from api.problems import problem_responses
from kg.errors import BadQuery, PayloadTooLarge, UnsupportedMediaType
from kg.formats import RDF_SYNTAXES, RESULTS_SYNTAXES
from kg.store.oxigraph import iri

FORM = "application/x-www-form-urlencoded"
OPTIONS = ("timeout", "truncate")  # single-valued parameters (format= may repeat: SPARQLWrapper sends synonyms)


@dataclass(frozen=True)
class ProtocolRequest:
    """``operation`` is the query or update text, None when the request carries none."""

    operation: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    formats: tuple[str, ...]
    timeout: float | None
    params: frozenset[str]
    truncate: bool = False


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


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The request body, refused (413) as soon as it passes ``max_bytes``, chunked uploads included."""
    try:
        declared = int(request.headers.get("content-length") or 0)
    except ValueError:
        raise BadQuery("the Content-Length header is not a number") from None
    if declared > max_bytes:
        raise PayloadTooLarge(f"the request body is larger than {max_bytes} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise PayloadTooLarge(f"the request body is larger than {max_bytes} bytes")
    return bytes(body)


async def read_request(request: Request, max_bytes: int, *, field: str, direct_type: str,
                       dataset: tuple[str, str]) -> ProtocolRequest:
    params = parse_qs(request.scope.get("query_string", b"").decode(), keep_blank_values=True)  # as request.url.query
    if request.method == "POST":
        kind, charset = media_type(request.headers.get("content-type", ""))
        body = await read_body(request, max_bytes)
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
    for option in OPTIONS:  # in the URL or the form, once: a second value would be silently ignored
        if len(params.get(option, [])) > 1:
            raise BadQuery(f"give '{option}' once, not {len(params[option])} times (URL and form count together)")
    timeout = None
    if params.get("timeout"):
        try:
            timeout = float(params["timeout"][0])
        except ValueError:
            raise BadQuery(f"timeout must be a number of seconds, not {params['timeout'][0]!r}") from None
        if not timeout > 0 or not math.isfinite(timeout):
            raise BadQuery("timeout must be a positive, finite number of seconds")
    truncate = (params.get("truncate") or ["0"])[0].lower()
    if truncate not in ("0", "1", "true", "false", ""):
        raise BadQuery(f"truncate must be 1/true or 0/false, not {truncate!r}")
    for name in dataset:  # IRIs, whether or not an operation comes with them (else BadQuery)
        for value in params.get(name, []):
            iri(value)
    formats = tuple(params.get("format", []))
    known = {f.lower() for f in QUERY_FORMATS}
    for fmt in formats:  # every value must be one the schema lists; synonyms may repeat (SPARQLWrapper)
        if fmt.strip().lower() not in known:
            offered(fmt, QUERY_FORMATS)  # 406 naming what is offered
    if field == "query" and operations and params.get("update"):
        raise BadQuery("a request carries either a query or an update, not both")
    return ProtocolRequest(operations[0] if operations else None, tuple(params.get(dataset[0], [])),
                           tuple(params.get(dataset[1], [])), formats, timeout,
                           frozenset(params), truncate=truncate in ("1", "true"))


async def read_query_request(request: Request, settings: SettingsDep) -> ProtocolRequest:
    return await read_request(request, settings.max_body_bytes, field="query", direct_type="application/sparql-query",
                              dataset=("default-graph-uri", "named-graph-uri"))


async def read_update_request(request: Request, settings: SettingsDep) -> ProtocolRequest:
    return await read_request(request, settings.max_body_bytes, field="update",
                              direct_type="application/sparql-update",
                              dataset=("using-graph-uri", "using-named-graph-uri"))


QueryRequestDep = Annotated[ProtocolRequest, Depends(read_query_request)]
UpdateRequestDep = Annotated[ProtocolRequest, Depends(read_update_request)]


EXAMPLE_QUERY = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } LIMIT 5"
EXAMPLE_UPDATE = ('INSERT DATA { GRAPH <http://example.org/notes> { <http://example.org/a> <http://example.org/p> '
                  '"note" } }')


#: Parameters by name: their JSON Schema and what they do.
Described = dict[str, tuple[dict[str, Any], str]]


def _parameter(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    repeated = schema.get("type") == "array"
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description,
            **({"style": "form", "explode": True} if repeated else {})}


def openapi_operations() -> dict[tuple[str, str], dict[str, Any]]:
    """The OpenAPI parameters and request bodies of the three request shapes, by (path, method).

    FastAPI cannot see them: :func:`read_request` reads the raw request. ``format=`` takes a
    media type or a short name; which ones fit depends on the query form (the others get 406).

    >>> ops = openapi_operations()
    >>> sorted(ops[("/sparql", "post")]["requestBody"]["content"])
    ['application/sparql-query', 'application/x-www-form-urlencoded']
    """
    iris: dict[str, Any] = {"type": "array", "items": {"type": "string", "format": "iri"}}
    text: dict[str, Any] = {"type": "string", "minLength": 1}
    fmt: dict[str, Any] = {"type": "string", "enum": QUERY_FORMATS}
    timeout: dict[str, Any] = {"type": "number", "exclusiveMinimum": 0,
                               "description": "seconds; lowers the deadline, never raises it past the configured one"}
    truncate: dict[str, Any] = {"type": "string", "pattern": "^([01]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])?$"}
    query_dataset: Described = {
        "default-graph-uri": (iris, "IRI of a graph whose union is the default graph (repeatable)"),
        "named-graph-uri": (iris, "IRI of a named graph of the query's dataset (repeatable)"),
        "format": (fmt, "response format; overrides Accept (a browser's fallback); give it once"),
        "timeout": (timeout, "query deadline in seconds; give it once"),
        "truncate": (truncate, "1/true: accept an answer cut at the row cap (else a larger one is refused)")}
    update_dataset: Described = {
        "using-graph-uri": (iris, "IRI of a graph whose union is the default graph (repeatable)"),
        "using-named-graph-uri": (iris, "IRI of a named graph of the update's dataset (repeatable)")}

    def url(params: Described) -> list[dict[str, Any]]:
        return [_parameter(name, schema, description) for name, (schema, description) in params.items()]

    def body(field: str, direct: str, params: Described, example: str) -> dict[str, Any]:
        form = {"type": "object", "required": [field],
                "properties": {field: text, **{name: schema for name, (schema, _) in params.items()}}}
        return {"required": True, "content": {
            direct: {"schema": {**text, "description": f"the {field}, UTF-8; dataset and options in the URL"},
                     "example": example},
            FORM: {"schema": form, "example": {field: example},
                   "encoding": {name: {"style": "form", "explode": True}
                                for name, (schema, _) in params.items() if schema is iris}}}}

    query = {**_parameter("query", text, "the SPARQL query; without it GET answers the service description"),
             "example": EXAMPLE_QUERY}
    return {
        ("/sparql", "get"): {"parameters": [query, *url(query_dataset)]},
        ("/sparql", "post"): {"parameters": url(query_dataset),
                              "requestBody": body("query", "application/sparql-query", query_dataset, EXAMPLE_QUERY)},
        ("/update", "post"): {"parameters": url(update_dataset),
                              "requestBody": body("update", "application/sparql-update", update_dataset,
                                                  EXAMPLE_UPDATE)},
    }


def _responses() -> tuple[dict[int | str, dict[str, Any]], dict[int | str, dict[str, Any]]]:
    media = [s.media_type for s in RESULTS_SYNTAXES] + [s.media_type for s in RDF_SYNTAXES] + ["text/html"]
    query = {200: {"description": "SELECT/ASK results or CONSTRUCT/DESCRIBE RDF by Accept or format=; without a "
                                  "query (GET), the service description as RDF or an HTML form",
                   "content": content(media)},
             **problem_responses(400, 403, 406, 413, 415, 422, 503)}
    query[422]["description"] = "The answer has more rows than the cap (truncate=1 accepts it cut)"
    return query, problem_responses(400, 403, 413, 415)


#: OpenAPI ``responses`` of ``/sparql`` and ``/update`` (401 comes with the bearer scheme, see ``api.openapi``).
QUERY_RESPONSES, UPDATE_RESPONSES = _responses()
