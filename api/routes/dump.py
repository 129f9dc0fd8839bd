"""The whole dataset for download: every named graph as gzipped N-Quads."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from api.deps import DumpsDep

router = APIRouter(tags=["dataset"])


@router.get("/dump.nq.gz", summary="Every named graph with its name, as gzipped N-Quads",
            response_class=FileResponse, responses={200: {
                "description": "N-Quads, gzipped", "content": {"application/gzip": {
                    "schema": {"type": "string", "format": "binary"}}}}})
def dump(dumps: DumpsDep) -> FileResponse:
    """Made once per store version (the first download after a write waits for it)."""
    return FileResponse(dumps.nquads_gz(), media_type="application/gzip", filename="policykg.nq.gz")
