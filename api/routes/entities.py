"""Entity descriptions: Turtle, JSON-LD, N-Triples for machines, an HTML page for browsers."""

from __future__ import annotations

from html import escape
from typing import Annotated, Any, cast

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize

from api.deps import WorkspaceDep
from api.negotiation import content, negotiate, offered
from api.problems import problem_responses
from kg.errors import NotFound
from kg.formats import RDF_SYNTAXES, rdf_syntax
from kg.practices.ratings import ratings_of
from kg.workspace import Workspace
from ontology.namespaces import RDF, RDFS, SKOS

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
    if media == "text/html":
        return HTMLResponse(render_html(workspace, iri, outgoing, incoming))
    syntax = rdf_syntax("jsonld" if media == "application/json" else media)
    body = serialize(outgoing + incoming, format=syntax.oxigraph) or b""
    return Response(body, media_type=syntax.media_type)


def _link(workspace: Workspace, term: Object) -> str:
    if isinstance(term, NamedNode):
        local = workspace.iris.local_path(term.value)
        href = f"/entities/{local}" if local else term.value
        return f'<a href="{escape(href)}">{escape(term.value)}</a>'
    if isinstance(term, Literal):
        lang = f' <small>@{escape(term.language)}</small>' if term.language else ""
        return f"{escape(term.value)}{lang}"
    return escape(str(term))


def render_html(workspace: Workspace, iri: str, outgoing: list[Triple], incoming: list[Triple]) -> str:
    labels = [t.object.value for t in outgoing if t.predicate.value in (RDFS + "label", SKOS + "prefLabel")
              and isinstance(t.object, Literal) and t.object.language in ("en", None, "")]
    title = labels[0] if labels else iri
    types = [t.object.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1] for t in outgoing if t.predicate.value == RDF + "type"
             and not isinstance(t.object, Triple)]
    rows = "".join(f"<tr><td>{_link(workspace, t.predicate)}</td><td>{_link(workspace, t.object)}</td></tr>"
                   for t in outgoing)
    back = "".join(f"<tr><td>{_link(workspace, t.subject)}</td><td>{_link(workspace, t.predicate)}</td></tr>"
                   for t in incoming)
    ratings = _ratings_html(workspace, iri)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} · policykg</title>
<style>body{{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}}
td{{vertical-align:top;padding:.2rem .6rem;border-bottom:1px solid #ddd;word-break:break-word}}</style></head>
<body><p><a href="/">policykg</a></p><h1>{escape(title)}</h1><p><code>{escape(iri)}</code> · {escape(", ".join(sorted(set(types))))}</p>
<p>Also as <a href="?format=turtle">Turtle</a> · <a href="?format=jsonld">JSON-LD</a> · <a href="?format=ntriples">N-Triples</a></p>
{ratings}<h2>Statements</h2><table>{rows}</table><h2>Referenced by</h2><table>{back}</table></body></html>"""


def _ratings_html(workspace: Workspace, iri: str) -> str:
    """A practice's evidence ratings as a table (level, outcome, basis, catalog and source); "" for none."""
    ratings = ratings_of(workspace.store, workspace.iris, iri)
    if not ratings:
        return ""
    rows = "".join(
        f'<tr><td><a href="/entities/{escape(workspace.iris.local_path(r.level) or "")}">'
        f"<strong>{escape(r.level_label)}</strong></a></td>"
        f"<td>{escape(r.outcome or 'the practice as a whole')}</td><td>{escape(r.basis or '')}</td>"
        f"<td>{escape(r.rated_by or '')}</td><td>{_link(workspace, Literal(r.source)) if r.source else ''}</td></tr>"
        for r in ratings)
    return ("<h2>Evidence ratings</h2><table><tr><th>level</th><th>outcome</th><th>evidence</th><th>rated by</th>"
            f"<th>source</th></tr>{rows}</table>")
