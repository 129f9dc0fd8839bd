"""``policykg export --network``: the state–program–partner–instrument network as GraphML or CSV."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from kg.settings import Settings

#: --format values with --network → what is written
NETWORK_FORMATS = ("graphml", "csv", "nodes-csv")


def export_network(settings: Settings, fmt: str, output: Path | None) -> str:
    """Write the network in ``fmt`` to ``output`` (stdout when None); a one-line summary for stderr."""
    from kg.network import read_network
    from kg.network_export import network_data, to_csv, to_graphml
    from kg.workspace import Workspace

    fmt = fmt or "graphml"
    if fmt not in NETWORK_FORMATS:
        raise typer.BadParameter(f"with --network use {', '.join(NETWORK_FORMATS)}", param_hint="--format")
    ws = Workspace(settings, read_only=True)
    try:
        data = network_data(read_network(ws.store, ws.iris))
    finally:
        ws.close()
    text = to_graphml(data) if fmt == "graphml" else to_csv(data, part="nodes" if fmt == "nodes-csv" else "edges")
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
    return f"{len(data.nodes)} nodes, {len(data.edges)} edges ({fmt})" + (f" to {output}" if output else "")
