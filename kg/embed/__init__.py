"""Sentence embedders behind one protocol; :func:`open_embedder` is the only code importing a backend."""

from __future__ import annotations

from kg.embed.base import Embedder


def open_embedder(name: str, *, precision: str = "auto", threads: int = 1) -> Embedder:
    """Load an embedder by name (``minilm``, ``use-m3`` or ``e5``). Weights come from installed packages.

    ``precision`` is the arithmetic of the e5 encoder (``auto``, ``float32`` or ``bfloat16``);
    ``threads`` the size of PyTorch's pool in this process (:func:`kg.embed.threads.set_encoder_threads`).
    """
    from kg.embed.threads import set_encoder_threads

    embedder = _load(name, precision)
    set_encoder_threads(threads)  # after the load: each backend pins one thread as it loads
    return embedder


def _load(name: str, precision: str) -> Embedder:
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
