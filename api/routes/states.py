"""A state's profile, its comparable states and its ego network (the JSON the state page draws)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Query

from api.deps import WorkspaceDep
from api.problems import problem_responses
from api.web.i18n import choose_language
from kg.cooperation_peers import similar_states
from kg.network import load_network
from kg.network_export import state_network
from kg.profiles import state_profile

router = APIRouter(tags=["cooperation"])

Lang = Literal["en", "es", "pt", "fr"]
Iso3 = Annotated[str, Path(pattern="^[A-Za-z]{3}$", description="ISO 3166 alpha-3 code", examples=["PRY"])]
LangQuery = Annotated[Lang | None, Query(description="labels' language (default: from Accept-Language, else en)")]
AcceptLanguage = Annotated[str | None, Header(include_in_schema=False)]


@router.get("/states/{iso3}", summary="A state's programs (with role), instruments, laws, partners, themes and "
                                      "documents, each with the facts and passages behind it",
            responses=problem_responses(404, 422))
def profile(workspace: WorkspaceDep, iso3: Iso3, lang: LangQuery = None,
            accept_language: AcceptLanguage = None) -> dict[str, object]:
    net = load_network(workspace.store, workspace.iris)
    return state_profile(net, iso3, lang=choose_language(lang, accept_language)).as_dict()


@router.get("/states/{iso3}/similar", summary="Comparable states (BM25-weighted typed neighbours), "
                                              "each with the shared items that explain it",
            responses=problem_responses(404, 422))
def similar(workspace: WorkspaceDep, iso3: Iso3, k: Annotated[int, Query(ge=1, le=100)] = 10,
            lang: LangQuery = None, accept_language: AcceptLanguage = None) -> dict[str, object]:
    net = load_network(workspace.store, workspace.iris)
    return similar_states(net, iso3, k=k, lang=choose_language(lang, accept_language)).as_dict()


@router.get("/states/{iso3}/network", summary="A state's ego network: its programs, laws and practices and what "
                                              "they link to (nodes and edges, for drawing)",
            responses=problem_responses(404, 422))
def network(workspace: WorkspaceDep, iso3: Iso3, lang: LangQuery = None,
            accept_language: AcceptLanguage = None) -> dict[str, object]:
    net = load_network(workspace.store, workspace.iris)
    return state_network(net, iso3, lang=choose_language(lang, accept_language)).as_dict()
