"""The state page: profile, comparable states, explained suggestions and the network (drawn by cytoscape from JSON).

Everything but the drawing is rendered on the server from the same functions as the JSON API
(``kg.profiles``, ``kg.cooperation_peers``, ``kg.cooperation``), so the page works without
JavaScript; ``/static/web/state.js`` draws ``GET /states/{iso3}/network`` with the vendored
cytoscape (no CDN: users may be offline).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from api.deps import WorkspaceDep
from api.web import state_messages
from api.web.home import entity_href
from api.web.templating import language_of, render_page
from kg.cooperation import cooperation
from kg.cooperation_peers import similar_states
from kg.network import load_network
from kg.profiles import state_profile

router = APIRouter(include_in_schema=False)


@router.get("/state/{iso3}", response_class=HTMLResponse)
def state_page(request: Request, workspace: WorkspaceDep,
               iso3: Annotated[str, Path(pattern="^[A-Za-z]{3}$")]) -> HTMLResponse:
    lang = language_of(request)
    net = load_network(workspace.store, workspace.iris)
    profile = state_profile(net, iso3, lang=lang)  # NotFound → the app's 404 problem
    peers = similar_states(net, iso3, k=8, lang=lang)
    suggestions = cooperation(net, state=iso3, k=10, lang=lang)

    def href(iri: str) -> str:
        return entity_href(workspace, iri)

    def sparql_href(query: str) -> str:
        return "/editor?" + urlencode({"query": query})

    sections = [("programs", profile.programs), ("instruments", profile.instruments), ("laws", profile.laws),
                ("partners", profile.partners), ("themes", profile.themes), ("practices", profile.practices)]
    return render_page(request, "state.html", title=profile.label, catalogs=[state_messages.MESSAGES],
                       context={"profile": profile, "peers": peers, "suggestions": suggestions, "sections": sections,
                                "href": href, "sparql_href": sparql_href, "label": lambda i: net.label(i, lang),
                                "network_url": f"/states/{profile.iso3}/network?lang={lang}"})
