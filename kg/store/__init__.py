"""Graph store backends behind one protocol; :func:`open_store` picks one from settings."""

from __future__ import annotations

from pathlib import Path

from kg.store.base import GraphStore


def open_store(path: Path, *, read_only: bool = False) -> GraphStore:
    """Open (creating if needed) the embedded Oxigraph store under ``path``."""
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore(path, read_only=read_only)
