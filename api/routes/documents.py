"""Documents: list (public), add and delete (bearer token).

Adding reads the body in an async dependency that refuses an oversized upload (413) from
its Content-Length before reading it, or as soon as a streamed body passes the limit; the
handler itself is plain ``def``, so parsing PDF/DOCX and ingesting run in the threadpool.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from api.deps import IngestorDep, SettingsDep, require_token
from ingest.read import READERS, SUFFIXES, read_bytes, reader_for, too_large
from kg.errors import BadInput

router = APIRouter(prefix="/documents", tags=["documents"])
PROBLEM = "application/problem+json"


def _problem(description: str) -> dict[str, object]:
    return {"description": description, "content": {PROBLEM: {}}}


UPLOAD_BODY = {
    "required": True,
    "description": "The file's bytes. Its type comes from the extension of ?name= "
                   f"({', '.join(SUFFIXES)}), whatever the Content-Type says.",
    "content": {media: {"schema": {"type": "string", "format": "binary"}}
                for media in sorted({r.media_type for r in READERS.values()} | {"application/octet-stream"})},
}
UPLOAD_RESPONSES: dict[int | str, dict[str, object]] = {
    201: {"description": "The ingest report: the document is added, replaced (same name, new content) "
                         "or skipped (stored unchanged)"},
    400: _problem("The file is empty, undecodable or damaged; the detail names it"),
    401: _problem("No or a wrong bearer token"),
    403: _problem("Writes are disabled (no token configured)"),
    409: _problem("The same content is already stored under another name (named in the detail, "
                  "`document` and `iri`); nothing was stored"),
    413: _problem("The file is larger than POLICYKG_MAX_DOCUMENT_BYTES; refused before it is read"),
    415: _problem("The extension of ?name= has no reader"),
    422: _problem("A missing or invalid ?name=, or the document violates the shapes; nothing was stored"),
}


@dataclass(frozen=True)
class Upload:
    name: str  # the file name, without any folder part
    data: bytes


async def read_upload(request: Request, settings: SettingsDep,
                      name: Annotated[str, Query(min_length=1, max_length=255,
                                                 description="File name; its extension picks the reader")]) -> Upload:
    """The uploaded file, read only if its type is supported and its size within the limit."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    if not name:
        raise BadInput("?name= must be a file name such as report.pdf, not a folder")
    reader_for(name)
    limit = settings.max_document_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(name, limit, size=int(declared))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(name, limit)
        chunks.append(chunk)
    if size == 0:
        raise BadInput(f"{name}: the request body is empty; send the file's bytes")
    return Upload(name, b"".join(chunks))


@router.get("", summary="The ingested documents")
def list_documents(ingestor: IngestorDep) -> dict[str, object]:
    docs = sorted(ingestor.stored().values(), key=lambda d: d.source)
    return {"documents": [{"source": d.source, "iri": d.iri, "graph": d.graph, "contentHash": d.content_hash}
                          for d in docs]}


@router.post("", status_code=201, dependencies=[Depends(require_token)],
             summary="Ingest one document (raw body; its file name in ?name=)",
             openapi_extra={"requestBody": UPLOAD_BODY}, responses=UPLOAD_RESPONSES)
def add_document(upload: Annotated[Upload, Depends(read_upload)], ingestor: IngestorDep) -> dict[str, object]:
    raw = read_bytes(upload.data, name=upload.name)
    return ingestor.ingest_upload(raw).as_dict()


@router.delete("/{key}", dependencies=[Depends(require_token)], summary="Delete a document and its facts")
def delete_document(key: str, ingestor: IngestorDep) -> dict[str, object]:
    doc = ingestor.delete(key)
    return {"deleted": doc.source, "iri": doc.iri, "graph": doc.graph}
