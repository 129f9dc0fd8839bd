"""Liveness and a few counts."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import WorkspaceDep

router = APIRouter(tags=["health"])


@router.get("/health", summary="Service status and counts")
def health(workspace: WorkspaceDep) -> dict[str, object]:
    passages, sizes = workspace.passages(), workspace.sizes()
    return {"status": "ok", "documents": sizes.documents, "quads": sizes.quads,
            "passages": len(passages.rows), "embedders": sorted(passages.dense)}
