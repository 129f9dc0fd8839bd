"""Entity descriptions: Turtle, JSON-LD, N-Triples for machines, an HTML page for browsers."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pyoxigraph import Literal, NamedNode, Triple, serialize

from api.deps import WorkspaceDep
from api.negotiation import negotiate
from kg.errors import NotFound
from kg.formats import rdf_syntax
from ontology.namespaces import RDF, RDFS, SKOS

router = APIRouter(tags=["entities"])
OFFERS = ["text/html", "text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml",
          "application/json"]
MAX_INCOMING = 200


def describe(workspace, iri: str) -> tuple[list[Triple], list[Triple]]:  # type: ignore[no-untyped-def]
    node = NamedNode(iri)
    outgoing = {Triple(node, p, o) for p, o in workspace.store.select("SELECT ?p ?o WHERE { ?s ?p ?o }", s=node)}
    incoming = {Triple(s, p, node) for s, p in workspace.store.select(
        f"SELECT ?s ?p WHERE {{ ?s ?p ?o }} LIMIT {MAX_INCOMING}", o=node)}
    return sorted(outgoing, key=str), sorted(incoming, key=str)


@router.get("/id/{path:path}", include_in_schema=False)
def dereference(path: str) -> RedirectResponse:
    """Instance IRIs dereference (303 See Other) to their description."""
    return RedirectResponse(f"/entities/{path}", status_code=303)


@router.get("/entities/{path:path}", summary="Describe an entity (content-negotiated)")
def entity(path: str, request: Request, workspace: WorkspaceDep, format: str | None = None) -> Response:
    iri = path if path.startswith("http") else workspace.iris.instance_base + path
    outgoing, incoming = describe(workspace, iri)
    if not outgoing and not incoming:
        raise NotFound(f"nothing is known about <{iri}>")
    media = rdf_syntax(format).media_type if format else negotiate(request.headers.get("accept"), OFFERS)
    if media == "text/html":
        return HTMLResponse(render_html(workspace, iri, outgoing, incoming))
    syntax = rdf_syntax("jsonld" if media == "application/json" else media)
    body = serialize(outgoing + incoming, format=syntax.oxigraph) or b""
    return Response(body, media_type=syntax.media_type)


def _link(workspace, term) -> str:  # type: ignore[no-untyped-def]
    if isinstance(term, NamedNode):
        local = workspace.iris.local_path(term.value)
        href = f"/entities/{local}" if local else term.value
        return f'<a href="{escape(href)}">{escape(term.value)}</a>'
    if isinstance(term, Literal):
        lang = f' <small>@{escape(term.language)}</small>' if term.language else ""
        return f"{escape(term.value)}{lang}"
    return escape(str(term))


def render_html(workspace, iri: str, outgoing: list[Triple], incoming: list[Triple]) -> str:  # type: ignore[no-untyped-def]
    labels = [t.object.value for t in outgoing if t.predicate.value in (RDFS + "label", SKOS + "prefLabel")
              and isinstance(t.object, Literal) and t.object.language in ("en", None, "")]
    title = labels[0] if labels else iri
    types = [t.object.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1] for t in outgoing if t.predicate.value == RDF + "type"]
    rows = "".join(f"<tr><td>{_link(workspace, t.predicate)}</td><td>{_link(workspace, t.object)}</td></tr>"
                   for t in outgoing)
    back = "".join(f"<tr><td>{_link(workspace, t.subject)}</td><td>{_link(workspace, t.predicate)}</td></tr>"
                   for t in incoming)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} · policykg</title>
<style>body{{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}}
td{{vertical-align:top;padding:.2rem .6rem;border-bottom:1px solid #ddd;word-break:break-word}}</style></head>
<body><p><a href="/">policykg</a></p><h1>{escape(title)}</h1><p><code>{escape(iri)}</code> · {escape(", ".join(sorted(set(types))))}</p>
<p>Also as <a href="?format=turtle">Turtle</a> · <a href="?format=jsonld">JSON-LD</a> · <a href="?format=ntriples">N-Triples</a></p>
<h2>Statements</h2><table>{rows}</table><h2>Referenced by</h2><table>{back}</table></body></html>"""
