"""The state–program–partner–instrument network for Gephi (GraphML) and Excel (CSV)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from api.deps import WorkspaceDep
from kg.network import load_network
from kg.network_export import network_data, to_csv, to_graphml

router = APIRouter(tags=["cooperation"])


@router.get("/export/network.graphml", summary="The network as GraphML (Gephi, yEd)",
            response_class=Response, responses={200: {"content": {"application/graphml+xml": {}}}})
def graphml(workspace: WorkspaceDep) -> Response:
    data = network_data(load_network(workspace.store, workspace.iris))
    return Response(to_graphml(data), media_type="application/graphml+xml",
                    headers={"Content-Disposition": 'attachment; filename="network.graphml"'})


@router.get("/export/network.csv", summary="The network's edges as CSV, both ends labelled",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def edges_csv(workspace: WorkspaceDep) -> Response:
    data = network_data(load_network(workspace.store, workspace.iris))
    return Response(to_csv(data, part="edges"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="network.csv"'})


@router.get("/export/network.nodes.csv", summary="The network's nodes as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def nodes_csv(workspace: WorkspaceDep) -> Response:
    data = network_data(load_network(workspace.store, workspace.iris))
    return Response(to_csv(data, part="nodes"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="network.nodes.csv"'})
