"""Entity descriptions: Turtle, JSON-LD, N-Triples for machines, an HTML page for browsers (``api.web``)."""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import RedirectResponse
from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize

from api.deps import WorkspaceDep
from api.negotiation import content, negotiate, offered
from api.problems import problem_responses
from kg.errors import NotFound
from kg.formats import RDF_SYNTAXES, rdf_syntax
from kg.workspace import Workspace

router = APIRouter(tags=["entities"])
OFFERS = ["text/html", "text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml",
          "application/json"]
MAX_INCOMING = 200
#: ``format=`` values: html, or an RDF syntax by name, extension or media type (as in ``kg.formats``).
FORMATS = ["html", "text/html", *sorted({key for s in RDF_SYNTAXES for key in (s.name, s.extension, s.media_type)})]
SYNTAX_MEDIA_TYPES = sorted({"text/html", *(s.media_type for s in RDF_SYNTAXES)})
Subject = NamedNode | BlankNode | Triple
Object = NamedNode | BlankNode | Literal | Triple


def media_for(fmt: str | None, accept: str | None) -> str:
    """The media type to answer with: ``format=`` when given, else by Accept; :class:`NotAcceptable` if none fits.

    >>> media_for("ttl", None), media_for(None, "application/json"), media_for("html", "text/turtle")
    ('text/turtle', 'application/json', 'text/html')
    """
    if fmt is None:
        return negotiate(accept, OFFERS)
    offered(fmt, FORMATS)
    return "text/html" if fmt in ("html", "text/html") else rdf_syntax(fmt).media_type


def entity_iri(workspace: Workspace, path: str) -> str:
    """The IRI a path names (a local path under the instance base, or a whole IRI); :class:`NotFound` if none."""
    iri = path if path.startswith("http") else workspace.iris.instance_base + path
    try:
        NamedNode(iri)
    except ValueError:
        raise NotFound(f"nothing is known about {iri!r}: it is not a valid IRI") from None
    return iri


def describe(workspace: Workspace, iri: str) -> tuple[list[Triple], list[Triple]]:
    node = NamedNode(iri)
    # A triple pattern binds all its variables: a predicate is an IRI, a subject and an object any term.
    out_rows = cast(list[tuple[NamedNode, Object]], workspace.store.select("SELECT ?p ?o WHERE { ?s ?p ?o }", s=node))
    in_rows = cast(list[tuple[Subject, NamedNode]], workspace.store.select(
        f"SELECT ?s ?p WHERE {{ ?s ?p ?o }} LIMIT {MAX_INCOMING}", o=node))
    outgoing = {Triple(node, p, o) for p, o in out_rows}
    incoming = {Triple(s, p, node) for s, p in in_rows}
    return sorted(outgoing, key=str), sorted(incoming, key=str)


@router.get("/id/{path:path}", include_in_schema=False)
def dereference(path: str) -> RedirectResponse:
    """Instance IRIs dereference (303 See Other) to their description."""
    return RedirectResponse(f"/entities/{path}", status_code=303)


RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The entity's statements and back-references, as HTML or RDF",
          "content": content(SYNTAX_MEDIA_TYPES)},
    **problem_responses(404, 406, 422)}


@router.get("/entities/{path:path}", summary="Describe an entity (content-negotiated)", response_class=Response,
            responses=RESPONSES)
def entity(path: Annotated[str, Path(description="the IRI's part after id/ (e.g. state/GTM), or a whole IRI",
                                     examples=["state/GTM", "theme/peacebuilding"])],
           request: Request, workspace: WorkspaceDep,
           format: Annotated[str | None, Query(description="overrides Accept", json_schema_extra={"enum": FORMATS})]
           = None) -> Response:
    media = media_for(format, request.headers.get("accept"))
    iri = entity_iri(workspace, path)
    outgoing, incoming = describe(workspace, iri)
    if not outgoing and not incoming:
        raise NotFound(f"nothing is known about <{iri}>")
    if media == "text/html":  # the page comes from the web layer (api/web), in the reader's language
        from api.web.entity_page import render_entity

        return render_entity(request, workspace, iri)
    syntax = rdf_syntax("jsonld" if media == "application/json" else media)
    body = serialize(outgoing + incoming, format=syntax.oxigraph) or b""
    return Response(body, media_type=syntax.media_type)
