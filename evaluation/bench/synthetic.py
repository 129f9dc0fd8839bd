"""A synthetic store: the real graph with its passages scaled up to a given count, clearly labelled.

The real passages come first, unchanged. Every further copy of a passage gets the IRI
``<passage>#synthetic-<n>``, its text with about a sixth of its words dropped at random,
and each of its vectors with Gaussian noise of norm about ``noise`` added, then
re-normalised. The graph is copied as is, so the service's document and entity lookups
answer as they would, and the index generation carries the store's fingerprint, so the
service serves it without rebuilding it.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from kg.index.base import PassageRow
from kg.index.passage_set import PassageSet

DROP = 1 / 6


@dataclass(frozen=True)
class SyntheticSet:
    passages: int
    source_passages: int
    noise: float  # norm of the noise added to each copied vector (vectors have norm 1)
    build_s: float  # scaling up, indexing and saving


def build_synthetic_store(source: Path, target: Path, *, size: int, hnsw_threshold: int, noise: float = 0.1,
                          seed: int = 0) -> SyntheticSet:
    """Write at ``target`` a store holding ``source``'s graph and ``size`` synthetic passages.

    ``source`` must hold a current index generation. Cost: ``size`` × (dimension of every
    embedder) float32 in memory, and a BM25 index over ``size`` texts.
    """
    started = time.perf_counter()
    real = PassageSet.load(source / "index", hnsw_threshold=hnsw_threshold)
    if real is None or not real.rows:
        raise ValueError(f"no passage index under {source}")
    rng = np.random.default_rng(seed)
    rows = scaled_rows(real.rows, size, rng)
    vectors = {name: (scaled_vectors(index.vectors, size, rng, noise=noise), index.model_version)
               for name, index in real.dense.items()}
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / "oxigraph", target / "oxigraph")
    PassageSet.build(rows, vectors, fingerprint=real.fingerprint, hnsw_threshold=hnsw_threshold).save(target / "index")
    return SyntheticSet(size, len(real.rows), noise, round(time.perf_counter() - started, 2))


def scaled_rows(rows: list[PassageRow], size: int, rng: np.random.Generator) -> list[PassageRow]:
    """``size`` rows: the real ones, then perturbed copies in turn.

    >>> row = PassageRow("p1", "d", "a b c d e f", 0, 11, "body", "en")
    >>> out = scaled_rows([row], 3, np.random.default_rng(0))
    >>> [r.iri for r in out], out[0] == row, len(out[1].text.split()) < 6
    (['p1', 'p1#synthetic-1', 'p1#synthetic-2'], True, True)
    """
    out = list(rows[:size])
    n = len(rows)
    for i in range(len(out), size):
        row = rows[i % n]
        words = row.text.split()
        keep = rng.random(len(words)) >= DROP
        if len(words) > 1 and keep.all():
            keep[rng.integers(len(words))] = False
        text = " ".join(w for w, k in zip(words, keep) if k) or row.text
        out.append(replace(row, iri=f"{row.iri}#synthetic-{i // n}", text=text))
    return out


def scaled_vectors(vectors: np.ndarray, size: int, rng: np.random.Generator, *, noise: float) -> np.ndarray:
    """``size`` unit rows: the real ones, then noisy copies in turn.

    >>> v = np.eye(2, dtype=np.float32)
    >>> out = scaled_vectors(v, 5, np.random.default_rng(0), noise=0.1)
    >>> out.shape, bool(np.allclose(out[:2], v)), bool(np.allclose(np.linalg.norm(out, axis=1), 1, atol=1e-5))
    ((5, 2), True, True)
    """
    n, dim = vectors.shape
    out = np.empty((size, dim), dtype=np.float32)
    out[: min(n, size)] = vectors[:size]
    for start in range(n, size, 8192):
        stop = min(size, start + 8192)
        chunk = vectors[np.arange(start, stop) % n] + rng.standard_normal((stop - start, dim), dtype=np.float32) * (
            noise / np.sqrt(dim))
        chunk /= np.linalg.norm(chunk, axis=1, keepdims=True).clip(min=1e-12)
        out[start:stop] = chunk
    return out
