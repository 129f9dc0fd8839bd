"""SPARQL 1.1 Graph Store HTTP Protocol at ``/store``: ``?graph=IRI`` or ``?default``.

GET and HEAD are public. PUT (replace), POST (merge) and DELETE need the bearer token and
work on named graphs that policykg does not manage: the default graph is the union of the
named graphs, and document and reference graphs change only through ingest. Every write
is one store transaction that keeps the union up to date; it never touches document
graphs, so the search indexes stay as they are.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool
from pyoxigraph import DefaultGraph, Quad, Triple, parse

from api.deps import SettingsDep, WorkspaceDep, require_token
from api.negotiation import GRAPH_ALIASES, GRAPH_FORMATS, GRAPH_OFFERS, content, offered, pick_syntax
from api.problems import problem_responses
from api.sparql_protocol import media_type, read_body
from kg.errors import BadInput, BadQuery, Forbidden, NotFound, UnsupportedMediaType
from kg.formats import RDF_SYNTAXES, RdfSyntax, rdf_syntax
from kg.store.oxigraph import iri
from kg.workspace import Workspace

router = APIRouter(prefix="/store", tags=["graph store"])
GraphParam = Annotated[str | None, Query(description="IRI of a named graph", json_schema_extra={"format": "iri"},
                                         examples=["http://example.org/notes",
                                                   "https://policykg.org/graph/reference/themes"])]
DefaultParam = Annotated[str | None, Query(description="present (no value) to address the default graph")]
FormatParam = Annotated[str | None, Query(description="overrides Accept", json_schema_extra={"enum": GRAPH_FORMATS})]
RDF_MEDIA_TYPES = [s.media_type for s in RDF_SYNTAXES]
#: OpenAPI: the RDF a write sends (N-Quads and TriG only with triples in the default graph).
PAYLOAD: dict[str, Any] = {"requestBody": {"required": True, "content": {
    **content(RDF_MEDIA_TYPES), "text/turtle": {"schema": {"type": "string"},
                                                "example": '<http://example.org/a> <http://example.org/p> "note" .'}}}}
READ_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The graph, in the negotiated syntax", "content": content(RDF_MEDIA_TYPES)},
    **problem_responses(400, 404, 406, 422)}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    201: {"description": "The graph did not exist and now does"},
    204: {"description": "The graph existed and was changed"},
    **problem_responses(400, 403, 413, 415, 422)}
POST_RESPONSES: dict[int | str, dict[str, Any]] = {
    **WRITE_RESPONSES,
    201: {"description": "The graph did not exist and now does; without ?graph, a new graph named by Location",
          "headers": {"Location": {"description": "IRI of the graph created by a POST without ?graph",
                                   "schema": {"type": "string", "format": "iri"}}}}}


def has_triple_terms(quads: list[Quad]) -> bool:
    """Whether any quad holds an RDF 1.2 triple term (``<<( s p o )>>``, also what ``<< s p o >>`` reifies).

    >>> from pyoxigraph import NamedNode
    >>> n = NamedNode("http://example.org/n")
    >>> has_triple_terms([Quad(n, n, n)]), has_triple_terms([Quad(n, n, Triple(n, n, n))])
    (False, True)
    """
    return any(isinstance(q.subject, Triple) or isinstance(q.object, Triple) for q in quads)


def target_graph(graph: str | None, default: str | None) -> str | None:
    """The addressed graph: an IRI, or None for the default graph.

    >>> target_graph("http://example.org/g", None), target_graph(None, "")
    ('http://example.org/g', None)
    """
    if (graph is None) == (default is None):
        raise BadQuery("address exactly one graph: ?graph=<IRI> or ?default")
    return None if graph is None else iri(graph).value


def writable(workspace: Workspace, graph: str | None) -> str:
    if graph is None:
        raise Forbidden("the default graph is the union of the named graphs and cannot be written; "
                        "write a named graph (?graph=IRI)")
    if workspace.iris.is_managed_graph(graph):
        raise Forbidden(f"<{graph}> is managed by policykg (documents change through /documents; reference "
                        "data ships with the service) and cannot be written here")
    return graph


def parse_payload(body: bytes, syntax: RdfSyntax, base_iri: str | None) -> list[Quad]:
    """The payload's quads, or :class:`BadInput` with the parser's message."""
    try:
        return list(parse(body, format=syntax.oxigraph, base_iri=base_iri))
    except (SyntaxError, ValueError) as e:
        raise BadInput(f"the {syntax.name} payload does not parse: {' '.join(str(e).split())[:300]}") from None


async def read_graph_payload(request: Request, settings: SettingsDep,
                             graph: GraphParam = None) -> list[Quad]:
    """The request body parsed as RDF by its Content-Type (relative IRIs against the graph IRI)."""
    kind, _ = media_type(request.headers.get("content-type", ""))
    try:
        syntax = rdf_syntax(kind)
    except KeyError:
        raise UnsupportedMediaType(f"send RDF: Turtle, N-Triples, RDF/XML or JSON-LD, not {kind or 'no type'}") from None
    body = await read_body(request, settings.max_body_bytes)
    if syntax.name == "jsonld" and body.lstrip()[:1] not in (b"{", b"["):  # the parser would take a bare value
        raise BadInput("a JSON-LD document is a JSON object or array")
    # Parsing up to max_body_bytes of RDF takes seconds: off the event loop.
    quads = await run_in_threadpool(parse_payload, body, syntax, graph)
    if any(not isinstance(q.graph_name, DefaultGraph) for q in quads):
        raise BadInput("the payload names graphs; send one graph (the target is ?graph=)")
    if has_triple_terms(quads):
        raise BadInput("the payload holds RDF 1.2 triple terms (<<( )>> or << >>), which this store does not keep; "
                       "send RDF 1.1")
    return quads


PayloadDep = Annotated[list[Quad], Depends(read_graph_payload)]


@router.api_route("", methods=["GET", "HEAD"], summary="Read one graph (public)", response_class=Response,
                  responses=READ_RESPONSES)
def read(request: Request, workspace: WorkspaceDep, graph: GraphParam = None, default: DefaultParam = None,
         format: FormatParam = None) -> Response:
    name = target_graph(graph, default)
    if name is not None and not workspace.store.has_graph(name):
        raise NotFound(f"there is no graph <{name}>")
    formats = (format,) if format and offered(format, GRAPH_FORMATS) else ()
    syntax = rdf_syntax(pick_syntax(request.headers.get("accept"), formats, GRAPH_OFFERS,
                                    GRAPH_ALIASES))
    return Response(workspace.store.graph_dump(name, syntax.oxigraph), media_type=syntax.media_type,
                    headers={"Vary": "Accept"})


@router.put("", status_code=204, dependencies=[Depends(require_token)], summary="Replace a named graph",
            responses=WRITE_RESPONSES, openapi_extra=PAYLOAD)
def replace(workspace: WorkspaceDep, payload: PayloadDep, graph: GraphParam = None,
            default: DefaultParam = None) -> Response:
    name = writable(workspace, target_graph(graph, default))
    node = iri(name)
    with workspace.write_lock:
        existed = workspace.store.has_graph(name)
        workspace.store.replace_graphs({name: [Quad(q.subject, q.predicate, q.object, node) for q in payload]})
    return Response(status_code=204 if existed else 201)


@router.post("", status_code=204, dependencies=[Depends(require_token)],
             summary="Add triples to a named graph; without ?graph or ?default, create a new graph (201 + Location)",
             responses=POST_RESPONSES, openapi_extra=PAYLOAD)
def merge(workspace: WorkspaceDep, payload: PayloadDep, graph: GraphParam = None,
          default: DefaultParam = None) -> Response:
    if graph is None and default is None:  # GSP 5.5: the server names the new graph
        name = workspace.iris.user_graph(uuid.uuid4().hex)
        with workspace.write_lock:
            workspace.store.add_to_graph(name, payload)
        return Response(status_code=201, headers={"Location": name})
    name = writable(workspace, target_graph(graph, default))
    with workspace.write_lock:
        existed = workspace.store.has_graph(name)
        workspace.store.add_to_graph(name, payload)
    return Response(status_code=204 if existed else 201)


@router.delete("", status_code=204, dependencies=[Depends(require_token)], summary="Drop a named graph",
               responses=problem_responses(400, 403, 404, 422))
def drop(workspace: WorkspaceDep, graph: GraphParam = None, default: DefaultParam = None) -> Response:
    name = writable(workspace, target_graph(graph, default))
    with workspace.write_lock:
        if not workspace.store.has_graph(name):
            raise NotFound(f"there is no graph <{name}>")
        workspace.store.replace_graphs({}, drop=[name])
    return Response(status_code=204)
