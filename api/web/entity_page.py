"""The HTML face of ``/entities/{path}``: an entity page, or a document page for a ``pkg:Document``.

``api.routes.entities`` negotiates the format and calls :func:`render_entity` for HTML.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.web.document_view import passages_of
from api.web.entity_messages import MESSAGES
from api.web.entity_view import entity_view
from api.web.templating import language_of, render_page
from kg.practices.ratings import ratings_of
from kg.workspace import Workspace


def render_entity(request: Request, workspace: Workspace, iri: str) -> HTMLResponse:
    lang = language_of(request)
    page = request.query_params.get("page", "1")
    view = entity_view(workspace, iri, lang=lang, page=int(page) if page.isdigit() and int(page) > 0 else 1)

    def href(target: str) -> str:
        local = workspace.iris.local_path(target)
        return f"/entities/{local}" if local else target

    context = {"view": view, "href": href, "ratings": ratings_of(workspace.store, workspace.iris, iri, lang=lang)}
    if view.is_document:
        context["passages"] = passages_of(workspace, iri, lang=lang)
        return render_page(request, "document.html", title=view.title, context=context, catalogs=[MESSAGES])
    return render_page(request, "entity.html", title=view.title, context=context, catalogs=[MESSAGES])
