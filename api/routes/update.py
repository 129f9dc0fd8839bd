"""The SPARQL 1.1 Update endpoint: POST only, bearer token, user named graphs only.

Documents change through ``/documents`` (the ingest pipeline keeps their graphs, passages
and vectors together), so updates may not write document or reference graphs, nor the
default graph, which is the union of the named graphs (see :mod:`kg.sparql.update`).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from api.deps import SettingsDep, WorkspaceDep, require_token
from api.sparql_protocol import UPDATE_RESPONSES, UpdateRequestDep, endpoint_url
from kg.errors import BadQuery
from kg.sparql.sandbox import without_network
from kg.sparql.update import plan_update, with_protocol_dataset

router = APIRouter(prefix="/update", tags=["sparql"], dependencies=[Depends(require_token)])


@router.post("", summary="SPARQL 1.1 Update (bearer token; named graphs outside policykg's own)",
             responses=UPDATE_RESPONSES)
def update(req: UpdateRequestDep, request: Request, workspace: WorkspaceDep, settings: SettingsDep) -> dict[str, object]:
    if req.operation is None:
        if "query" in req.params:
            raise BadQuery("queries go to /sparql")
        raise BadQuery("exactly one 'update' parameter is required")
    text = with_protocol_dataset(req.operation, using=req.default_graphs, using_named=req.named_graphs)
    base = endpoint_url(request, "/update")
    plan = plan_update(text, writable=lambda g: not workspace.iris.is_managed_graph(g),
                       allowlist=settings.outbound_allowlist, base_iri=base)
    def run() -> None:
        workspace.store.update(text, touched=plan.touched, base_iri=base)

    with workspace.write_lock:  # off the network unless outbound IRIs are allow-listed (kg.sparql.sandbox)
        run() if settings.outbound_allowlist or not workspace.store.local_engine else without_network(run)
    return {"graphs": list(plan.touched), "quads": len(workspace.store)}
