"""Ranked, explained cooperation suggestions: "A could help B on X"."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query

from api.deps import WorkspaceDep
from api.problems import problem_responses
from api.web.i18n import choose_language
from kg.cooperation import cooperation as suggest
from kg.network import load_network

router = APIRouter(tags=["cooperation"])


@router.get("/cooperation", summary="Who could help whom on what, each with graph paths, passages and SPARQL",
            responses=problem_responses(404, 422))
def cooperation(
    workspace: WorkspaceDep,
    state: Annotated[str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO3 of the state helped "
                                       "(or of the helper with direction=gives); all states when absent")] = None,
    theme: Annotated[str | None, Query(pattern="^[A-Za-z0-9:/._-]{1,300}$",
                                       description="a theme IRI or its slug (e.g. cybersecurity)")] = None,
    k: Annotated[int, Query(ge=1, le=100)] = 10,
    direction: Annotated[Literal["receives", "gives"], Query()] = "receives",
    lang: Annotated[Literal["en", "es", "pt", "fr"] | None, Query()] = None,
    accept_language: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> dict[str, object]:
    net = load_network(workspace.store, workspace.iris)
    return suggest(net, state=state, theme=theme, k=k, direction=direction,
                   lang=choose_language(lang, accept_language)).as_dict()
