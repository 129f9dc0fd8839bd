"""Comparable entities: the programs, instruments, laws or states most like one, each with its reasons."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import WorkspaceDep
from api.problems import problem_responses
from api.routes.entities import entity_iri
from kg.similar import similar_entities

router = APIRouter(tags=["entities"])

Kind = Literal["program", "resolution", "law", "treaty", "instrument", "state", "organization"]


@router.get("/entities/{path:path}/similar", summary="Entities most similar to this one, with the shared items",
            responses=problem_responses(400, 404))
def similar(
    workspace: WorkspaceDep,
    path: Annotated[str, Path(description="the IRI's part after id/ (e.g. program/gelavex), or a whole IRI",
                              examples=["instrument/unsc-res-660-1990"])],
    k: Annotated[int, Query(ge=1, le=100)] = 10,
    type: Annotated[Kind | None, Query(description="compare within this class (default: the entity's own)")] = None,
) -> dict[str, object]:
    return similar_entities(workspace, entity_iri(workspace, path), k=k, kind=type).as_dict()
