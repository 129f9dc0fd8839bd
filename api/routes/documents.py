"""Documents: list (public), add and delete (bearer token)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from api.deps import IngestorDep, SettingsDep, require_token
from ingest.read import read_bytes
from kg.errors import BadInput

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("", summary="The ingested documents")
def list_documents(ingestor: IngestorDep) -> dict[str, object]:
    docs = sorted(ingestor.stored().values(), key=lambda d: d.source)
    return {"documents": [{"source": d.source, "iri": d.iri, "graph": d.graph, "contentHash": d.content_hash}
                          for d in docs]}


@router.post("", status_code=201, dependencies=[Depends(require_token)],
             summary="Ingest one document (raw body; its file name in ?name=)")
async def add_document(request: Request, ingestor: IngestorDep, settings: SettingsDep,
                       name: Annotated[str, Query(min_length=1, max_length=255,
                                                  description="File name; its extension picks the reader")]) -> dict[str, object]:
    body = await request.body()
    if len(body) > settings.max_body_bytes:
        raise BadInput(f"the document is larger than {settings.max_body_bytes} bytes")
    if not body:
        raise BadInput("the request body is empty")
    raw = read_bytes(body, name=name.rsplit("/", 1)[-1])
    report = await run_in_threadpool(ingestor.ingest_documents, [raw])
    return report.as_dict()


@router.delete("/{key}", dependencies=[Depends(require_token)], summary="Delete a document and its facts")
def delete_document(key: str, ingestor: IngestorDep) -> dict[str, object]:
    doc = ingestor.delete(key)
    return {"deleted": doc.source, "iri": doc.iri, "graph": doc.graph}
