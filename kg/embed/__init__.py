"""Sentence embedders behind one protocol; :func:`open_embedder` is the only code importing a backend."""

from __future__ import annotations

from kg.embed.base import Embedder


def open_embedder(name: str) -> Embedder:
    """Load an embedder by name (``minilm`` or ``use-m3``). Weights come from installed packages."""
    if name == "minilm":
        from kg.embed.minilm import MiniLMEmbedder

        return MiniLMEmbedder()
    if name == "use-m3":
        from kg.embed.usem3 import UseM3Embedder

        return UseM3Embedder()
    raise KeyError(f"unknown embedder {name!r}")
