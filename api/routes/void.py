"""The dataset description: VoID and DCAT at ``/.well-known/void`` (RFC 5785, as VoID recommends)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from pyoxigraph import serialize

from api.deps import DescriberDep
from api.negotiation import GRAPH_ALIASES, GRAPH_FORMATS, GRAPH_OFFERS, content, offered, pick_syntax
from api.problems import problem_responses
from api.sparql_protocol import endpoint_url
from kg.formats import RDF_SYNTAXES, rdf_syntax

router = APIRouter(tags=["dataset"])
#: Quad syntaxes answer in their triple counterpart (TriG as Turtle, N-Quads as N-Triples).
MEDIA_TYPES = [s.media_type for s in RDF_SYNTAXES if not s.has_graphs]
FormatParam = Annotated[str | None, Query(description="overrides Accept", json_schema_extra={"enum": GRAPH_FORMATS})]


@router.get("/.well-known/void", summary="VoID/DCAT description: counts, SPARQL endpoint, dump",
            response_class=Response, responses={
                200: {"description": "The description, in the negotiated RDF syntax",
                      "content": content(MEDIA_TYPES)},
                **problem_responses(406, 422)})
def void(request: Request, describer: DescriberDep, format: FormatParam = None) -> Response:
    formats = (format,) if format and offered(format, GRAPH_FORMATS) else ()
    syntax = rdf_syntax(pick_syntax(request.headers.get("accept"), formats, GRAPH_OFFERS,
                                    GRAPH_ALIASES))
    if syntax.has_graphs:
        syntax = rdf_syntax("turtle" if syntax.name == "trig" else "ntriples")
    triples = describer.triples(sparql_endpoint=endpoint_url(request, "/sparql"),
                                dump_url=endpoint_url(request, "/dump.nq.gz"))
    return Response(serialize(triples, format=syntax.oxigraph) or b"", media_type=syntax.media_type,
                    headers={"Vary": "Accept"})
