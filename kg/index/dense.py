"""Inner-product vector search with faiss: exact below a size threshold, HNSW past it."""

from __future__ import annotations

import json
from pathlib import Path

import faiss
import numpy as np

from kg.embed.base import Embedder, Vectors
from kg.index.base import Scored, top_k


class FaissIndex:
    def __init__(self, vectors: Vectors, *, model_version: str, hnsw_threshold: int) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.model_version = model_version
        dim = self.vectors.shape[1] if self.vectors.ndim == 2 else 0
        self.hnsw = len(self.vectors) > hnsw_threshold
        self._index: faiss.Index
        if self.hnsw:
            graph = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            graph.hnsw.efSearch = 128
            self._index = graph
        else:
            self._index = faiss.IndexFlatIP(max(dim, 1))
        if len(self.vectors):
            self._index.add(self.vectors)

    def search_vector(self, query: np.ndarray, k: int, *, allowed: np.ndarray | None = None) -> list[Scored]:
        if not len(self.vectors):
            return []
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        if allowed is not None and (not self.hnsw or len(allowed) < 50_000):
            # A filtered search scores just the allowed rows: exact, and cheaper than over-fetching.
            scores = np.full(len(self.vectors), -np.inf)
            scores[allowed] = self.vectors[allowed] @ q[0]
            return top_k(scores, k, None)
        fetch = k if allowed is None else min(len(self.vectors), k * 20)
        distances, ids = self._index.search(q, fetch)
        hits = [Scored(int(i), float(d)) for i, d in zip(ids[0], distances[0]) if i >= 0]
        if allowed is not None:
            keep = set(allowed.tolist())
            hits = [h for h in hits if h.row in keep]
        return hits[:k]

    def search(self, query: str, k: int, *, allowed: np.ndarray | None = None, embedder: Embedder) -> list[Scored]:
        return self.search_vector(embedder.encode_queries([query])[0], k, allowed=allowed)

    def save(self, directory: Path, name: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.save(directory / f"vectors-{name}.npy", self.vectors)
        (directory / f"vectors-{name}.json").write_text(json.dumps(
            {"model": self.model_version, "rows": len(self.vectors), "hnsw": self.hnsw}))

    @classmethod
    def load(cls, directory: Path, name: str, *, hnsw_threshold: int) -> FaissIndex:
        meta = json.loads((directory / f"vectors-{name}.json").read_text())
        vectors = np.load(directory / f"vectors-{name}.npy")
        return cls(vectors, model_version=meta["model"], hnsw_threshold=hnsw_threshold)
