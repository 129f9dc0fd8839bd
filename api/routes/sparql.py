"""The SPARQL 1.1 query endpoint: read-only, deadline and row cap, every standard result format.

With no query, GET answers the Service Description (Turtle, other RDF syntaxes, or an HTML
form for browsers). Queries run in killable worker processes (:mod:`kg.sparql.worker`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from html import escape
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse
from pyoxigraph import serialize
from starlette.concurrency import run_in_threadpool

from api.deps import QueryServices, TrustedDep, check_url_length, client_is_trusted, get_settings, query_services
from api.negotiation import GRAPH_ALIASES, GRAPH_OFFERS, RESULT_ALIASES, RESULT_OFFERS, negotiate, pick_syntax
from api.sparql_protocol import QUERY_RESPONSES, ProtocolRequest, endpoint_url, read_query_request
from kg.errors import BadQuery, NotAcceptable
from kg.formats import rdf_syntax
from kg.settings import Settings
from kg.sparql.description import service_description
from kg.sparql.guard import check_query, query_form
from kg.sparql.passage_search import passage_search, prepare
from kg.sparql.execute import QueryAnswer
from kg.sparql.run import Dataset, Formats, QueryLimits, no_hits, run_query, run_query_now
from kg.sparql.search_block import has_search_blocks, rewrite_search_blocks
from kg.sparql.worker import QueryPool
from ontology.iri import Iris

router = APIRouter(prefix="/sparql", tags=["sparql"])
DESCRIPTION_OFFERS = [s for s in GRAPH_OFFERS if s not in ("application/json", "text/plain")] + ["text/html"]


def deadline_for(settings: Settings, *, trusted: bool, asked: float | None) -> float:
    """The query deadline: the configured one, lower for anonymous clients, lower still if the client asks.

    >>> deadline_for(Settings(query_timeout=10, anonymous_query_timeout=3), trusted=False, asked=None)
    3.0
    >>> deadline_for(Settings(query_timeout=10, anonymous_query_timeout=3), trusted=True, asked=4)
    4.0
    """
    limit = settings.query_timeout if trusted else min(settings.query_timeout, settings.anonymous_query_timeout)
    return float(min(limit, asked)) if asked else float(limit)


@dataclass(frozen=True)
class QueryCall:
    """One ``/sparql`` request as read, and what runs it."""

    req: ProtocolRequest
    services: QueryServices


async def query_call(request: Request, trusted: TrustedDep) -> QueryCall:
    """The route's one dependency: FastAPI spends some 20 µs on each dependency of a request, a fair share
    of a small query's time. (``trusted`` stays a dependency: the OpenAPI document reads it as the
    optional bearer scheme.)"""
    settings = await get_settings(request)
    return QueryCall(await read_query_request(request, settings), query_services(request, settings, trusted=trusted))


def _syntax(accept: str | None, formats: tuple[str, ...], offers: Mapping[str, str], aliases: Mapping[str, str], *,
            required: bool) -> str | None:
    try:
        return pick_syntax(accept, formats, offers, aliases)
    except NotAcceptable:
        if required:
            raise
        return None


@router.api_route("", methods=["GET", "POST"], summary="SPARQL 1.1 query (read-only)",
                  response_description="SPARQL results or RDF, by Accept or ?format=",
                  response_class=Response, responses=QUERY_RESPONSES)
async def sparql(call: Annotated[QueryCall, Depends(query_call)], request: Request) -> Response:
    req, services = call.req, call.services
    settings, executor, admission = services.settings, services.executor, services.admission
    trusted = services.trusted
    if req.operation is None:
        if "update" in req.params:
            raise BadQuery("updates go to /update (POST, with the bearer token)")
        if request.method == "GET":
            return describe_service(request, settings)
        raise BadQuery("exactly one 'query' parameter is required")
    accept = request.headers.get("accept")

    @cache  # asked here and again by run_query
    def formats(form: str | None) -> Formats:  # asked once the query passed the guard
        return Formats(_syntax(accept, req.formats, RESULT_OFFERS, RESULT_ALIASES, required=form in ("select", "ask")),
                       _syntax(accept, req.formats, GRAPH_OFFERS, GRAPH_ALIASES, required=form == "graph"))

    # A refused or malformed-looking query (a malformed search block too) is answered at once, not
    # after waiting for a slot; run_query checks again on its own path (a few ms even at the size
    # limit). Search blocks run inside the slot: they are part of the query's work.
    check_query(rewrite_search_blocks(req.operation, no_hits), allowlist=settings.outbound_allowlist)
    formats(query_form(req.operation))
    client = request.client.host if request.client else "unknown"
    limits = QueryLimits(deadline_for(settings, trusted=trusted, asked=req.timeout), max_rows=settings.max_rows,
                         truncate=req.truncate)
    dataset, base_iri = Dataset(req.default_graphs, req.named_graphs), endpoint_url(request, "/sparql")
    started = time.monotonic()
    answer = None
    if isinstance(executor, QueryPool) and not has_search_blocks(req.operation):
        # Room now and a worker idle: the answer is awaited on the event loop. The thread-pool hop of
        # the blocking path below cost a sub-millisecond query about a fifth of its time.
        with admission.slot_now(client, trusted=trusted) as placed:
            if placed:
                answer = await run_query_now(req.operation, pool=executor, limits=limits, dataset=dataset,
                                             base_iri=base_iri, allowlist=settings.outbound_allowlist,
                                             formats=formats)
    if answer is None:
        answer = await run_in_threadpool(_run_waiting, req.operation, services, client, limits, dataset, base_iri,
                                         formats)
    waited_ms = (time.monotonic() - started - answer.elapsed_s) * 1000
    headers = {"Vary": "Accept", "X-Result-Count": str(answer.count),
               "Server-Timing": f"wait;dur={max(waited_ms, 0):.1f}, exec;dur={answer.elapsed_s * 1000:.1f}"}
    if answer.truncated:  # only when the client asked for it (run_query refuses a cut answer otherwise)
        headers.update({"X-Result-Truncated": "true", "X-Result-Row-Cap": str(settings.max_rows)})
    return Response(answer.body, media_type=answer.media_type, headers=headers)


async def direct(request: Request) -> Response:
    """The route as :class:`api.direct_route.DirectRoute` serves it: the app's dependency, the route's, the route."""
    await check_url_length(request)
    return await sparql(await query_call(request, await client_is_trusted(request)), request)


def _run_waiting(query: str, services: QueryServices, client: str, limits: QueryLimits, dataset: Dataset,
                 base_iri: str, formats: Callable[[str | None], Formats]) -> QueryAnswer:
    """The query's path when it may have to wait (for a slot, a worker, a model load): on a pool thread."""
    if has_search_blocks(query):
        prepare(services.searcher)  # a first search loads the model: not on the query's deadline
    with services.admission.slot(client, trusted=services.trusted) as queued:
        return run_query(query, executor=services.executor, allowlist=services.settings.outbound_allowlist,
                         formats=formats, search=passage_search(services.searcher), dataset=dataset,
                         base_iri=base_iri,
                         limits=replace(limits, wait_s=max(services.settings.query_queue_wait - queued, 0.001)))


def describe_service(request: Request, settings: Settings) -> Response:
    try:
        media = negotiate(request.headers.get("accept"), DESCRIPTION_OFFERS)
    except NotAcceptable:
        raise BadQuery("no query given; GET without a query returns the service description as RDF or HTML") from None
    endpoint = endpoint_url(request, "/sparql")
    if media == "text/html":
        ontology = Iris(settings.base_iri).ontology
        return HTMLResponse(FORM_PAGE.format(endpoint=escape(endpoint), ontology=escape(ontology)),
                            headers={"Vary": "Accept"})
    syntax = rdf_syntax(GRAPH_OFFERS[media])
    triples = service_description(query_endpoint=endpoint, update_endpoint=endpoint_url(request, "/update"),
                                  dataset_description=endpoint_url(request, "/.well-known/void"),
                                  federated=bool(settings.outbound_allowlist))
    body = serialize(triples, format=syntax.oxigraph) or b""
    return Response(body, media_type=syntax.media_type, headers={"Vary": "Accept"})


FORM_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SPARQL · policykg</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
textarea{{width:100%;height:14rem;font-family:monospace}}</style></head><body>
<p><a href="/">policykg</a> · <a href="/.well-known/void">dataset description</a> · <a href="/dump.nq.gz">dump</a></p>
<h1>SPARQL endpoint</h1><p><code>{endpoint}</code> — SPARQL 1.1 Protocol, read-only. The default graph is the
union of all named graphs (one per source document, plus reference data).</p>
<form method="get" action="/sparql"><textarea name="query">PREFIX pkg: &lt;{ontology}&gt;
SELECT ?program ?body WHERE {{ ?program a pkg:Program ; pkg:implementedBy ?body }} LIMIT 25</textarea>
<p><label>Results as <select name="format"><option>json</option><option>xml</option><option>csv</option>
<option>tsv</option><option>turtle</option><option>jsonld</option><option>ntriples</option></select></label>
<button>Run</button></p></form></body></html>"""
