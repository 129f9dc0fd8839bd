"""The dataset description: VoID and DCAT at ``/.well-known/void`` (RFC 5785, as VoID recommends)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pyoxigraph import serialize

from api.deps import DescriberDep
from api.negotiation import GRAPH_ALIASES, GRAPH_OFFERS, pick_syntax
from api.sparql_protocol import endpoint_url
from kg.formats import rdf_syntax

router = APIRouter(tags=["dataset"])


@router.get("/.well-known/void", summary="VoID/DCAT description: counts, SPARQL endpoint, dump")
def void(request: Request, describer: DescriberDep, format: str | None = None) -> Response:
    syntax = rdf_syntax(pick_syntax(request.headers.get("accept"), format, GRAPH_OFFERS, GRAPH_ALIASES))
    if syntax.has_graphs:
        syntax = rdf_syntax("turtle" if syntax.name == "trig" else "ntriples")
    triples = describer.triples(sparql_endpoint=endpoint_url(request, "/sparql"),
                                dump_url=endpoint_url(request, "/dump.nq.gz"))
    return Response(serialize(triples, format=syntax.oxigraph) or b"", media_type=syntax.media_type,
                    headers={"Vary": "Accept"})
