"""SPARQL 1.1 Protocol query endpoint: the three request shapes are normalised, then one function runs."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from fastapi import APIRouter, Request, Response

from api.deps import SettingsDep, WorkspaceDep
from api.negotiation import negotiate
from kg.errors import BadQuery
from kg.formats import RDF_SYNTAXES, RESULTS_SYNTAXES, rdf_syntax, results_syntax
from kg.sparql.guard import run_guarded
from kg.sparql.results import serialize_graph, serialize_results

router = APIRouter(prefix="/sparql", tags=["sparql"])
RESULT_TYPES = [s.media_type for s in RESULTS_SYNTAXES] + ["application/json", "application/xml"]
GRAPH_TYPES = [s.media_type for s in RDF_SYNTAXES if not s.has_graphs] + ["application/json"]


@dataclass(frozen=True)
class ProtocolRequest:
    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str | None


async def read_protocol_request(request: Request) -> ProtocolRequest:
    params = {k: v for k, v in parse_qs(request.url.query, keep_blank_values=True).items()}
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if content_type == "application/sparql-query":
            params.setdefault("query", []).append(body.decode("utf-8"))
        elif content_type == "application/x-www-form-urlencoded":
            for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        else:
            raise BadQuery("POST needs Content-Type application/sparql-query or application/x-www-form-urlencoded")
    queries = params.get("query", [])
    if len(queries) != 1:
        raise BadQuery("exactly one 'query' parameter is required")
    fmt = (params.get("format") or [None])[0]
    return ProtocolRequest(queries[0], tuple(params.get("default-graph-uri", [])),
                           tuple(params.get("named-graph-uri", [])), fmt)


@router.api_route("", methods=["GET", "POST"], summary="SPARQL 1.1 query (read-only)")
async def sparql(request: Request, workspace: WorkspaceDep, settings: SettingsDep) -> Response:
    from starlette.concurrency import run_in_threadpool

    req = await read_protocol_request(request)
    result = await run_in_threadpool(
        run_guarded, workspace.store, req.query, deadline_s=settings.query_timeout, max_rows=settings.max_rows,
        default_graphs=req.default_graphs, named_graphs=req.named_graphs)
    accept = request.headers.get("accept")
    headers = {"X-Result-Truncated": "true"} if result.truncated else {}
    if result.form == "graph":
        media = rdf_syntax(req.format).media_type if req.format else negotiate(accept, GRAPH_TYPES)
        syntax = rdf_syntax("jsonld" if media == "application/json" else media)
        return Response(serialize_graph(result, syntax), media_type=syntax.media_type, headers=headers)
    media = results_syntax(req.format).media_type if req.format else negotiate(accept, RESULT_TYPES)
    media = {"application/json": "application/sparql-results+json",
             "application/xml": "application/sparql-results+xml"}.get(media, media)
    syntax = results_syntax(media)
    return Response(serialize_results(result, syntax), media_type=syntax.media_type, headers=headers)
