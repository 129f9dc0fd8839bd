"""Sentence embedders behind one protocol; :func:`open_embedder` is the only code importing a backend."""

from __future__ import annotations

from kg.embed.base import Embedder


def open_embedder(name: str, *, precision: str = "auto") -> Embedder:
    """Load an embedder by name (``minilm``, ``use-m3`` or ``e5``). Weights come from installed packages.

    ``precision`` is the arithmetic of the e5 encoder (``auto``, ``float32`` or ``bfloat16``).
    """
    if name == "minilm":
        from kg.embed.minilm import MiniLMEmbedder

        return MiniLMEmbedder()
    if name == "use-m3":
        from kg.embed.usem3 import UseM3Embedder

        return UseM3Embedder()
    if name == "e5":
        from kg.embed.e5 import E5Embedder

        return E5Embedder(precision=precision)
    raise KeyError(f"unknown embedder {name!r}")
