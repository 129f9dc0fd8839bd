"""Inner-product vector search with faiss: exact below a size threshold, approximate (HNSW or IVF) past it.

The approximate index and its search width trade latency for recall: HNSW's ``efSearch`` (how
wide the graph walk is; faiss walks at least as wide as the hits asked for) or IVF's
``nprobe`` (how many of its ``4·√n`` lists are scanned). The service's defaults were chosen by
``policykg bench --hybrid 1000000`` (README, "Scaling out").

The IVF lists hold the vectors as float16 (faiss ``SQfp16``): scanning them reads half the bytes of
float32, and the scan only picks the nearest rows, which are then scored from the float32 vectors
held here. At a million rows and ``nprobe`` 256 the scan took 3.3 ms instead of 5.6 ms, and picked
the same 500 nearest rows (recall against exact 0.9915 for both).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import faiss
import numpy as np
import numpy.typing as npt

from kg.embed.base import Embedder, Vectors
from kg.index.base import Scored, top_k

HNSW_M = 32  # graph degree
DEFAULT_EF_SEARCH = 128
DEFAULT_NPROBE = 256
IVF_CODES = "SQfp16"  # how the IVF lists hold the vectors, as faiss' index factory names it
Ann = Literal["hnsw", "ivf"]
DEFAULT_ANN: Ann = "ivf"


class FaissIndex:
    def __init__(self, vectors: Vectors, *, model_version: str, hnsw_threshold: int,
                 ef_search: int = DEFAULT_EF_SEARCH, ann: Ann = DEFAULT_ANN, nprobe: int = DEFAULT_NPROBE) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.model_version = model_version
        dim = self.vectors.shape[1] if self.vectors.ndim == 2 else 0
        #: past ``hnsw_threshold`` rows: the kind of approximate index ("hnsw" or "ivf"); "exact" below
        self.kind: str = ann if len(self.vectors) > hnsw_threshold else "exact"
        self.approximate = self.kind != "exact"
        self._index: faiss.Index
        self._graph: faiss.IndexHNSWFlat | None = None
        self._lists: faiss.IndexIVFScalarQuantizer | None = None
        if self.kind == "hnsw":
            graph = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            graph.hnsw.efSearch = ef_search
            self._index = self._graph = graph
        elif self.kind == "ivf":
            self._index = self._lists = self._trained_ivf(dim, nprobe)
        else:
            self._index = faiss.IndexFlatIP(max(dim, 1))
        if len(self.vectors):
            self._index.add(self.vectors)

    def _trained_ivf(self, dim: int, nprobe: int) -> faiss.IndexIVFScalarQuantizer:
        n = len(self.vectors)
        lists = max(1, int(4 * np.sqrt(n)))
        # The quantizer stays referenced by the IVF index (faiss does not own it from Python otherwise).
        self._quantizer = faiss.IndexFlatIP(dim)
        ivf = faiss.IndexIVFScalarQuantizer(self._quantizer, dim, lists, faiss.ScalarQuantizer.QT_fp16,
                                            faiss.METRIC_INNER_PRODUCT)
        sample = np.random.default_rng(1).choice(n, size=min(n, 40 * lists), replace=False)
        ivf.train(self.vectors[np.sort(sample)])
        ivf.nprobe = nprobe
        return ivf

    @property
    def hnsw(self) -> bool:
        return self.kind == "hnsw"

    @property
    def ef_search(self) -> int:
        """HNSW's ``efSearch`` (0 for another index)."""
        return int(self._graph.hnsw.efSearch) if self._graph is not None else 0

    @ef_search.setter
    def ef_search(self, value: int) -> None:
        if self._graph is not None:
            self._graph.hnsw.efSearch = value

    @property
    def nprobe(self) -> int:
        """IVF's ``nprobe`` (0 for another index)."""
        return int(self._lists.nprobe) if self._lists is not None else 0

    @nprobe.setter
    def nprobe(self, value: int) -> None:
        if self._lists is not None:
            self._lists.nprobe = value

    @property
    def faiss_index(self) -> faiss.Index:
        """The faiss index itself (to measure or save it)."""
        return self._index

    def search_vector(self, query: np.ndarray, k: int, *, allowed: np.ndarray | None = None) -> list[Scored]:
        """The ``k`` nearest rows (of ``allowed``), best first, each with its inner product."""
        if not len(self.vectors):
            return []
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        if self._filters_exactly(allowed):
            return self._allowed_top(q, k, allowed)
        ids, distances = self._scan(q, k, allowed)
        if self._lists is not None:  # the float16 scan's scores are close, not exact: score from the vectors
            distances = self.vectors[ids] @ q[0]
            order = np.argsort(-distances, kind="stable")
            ids, distances = ids[order], distances[order]
        return [Scored(int(i), float(d)) for i, d in zip(ids, distances)]

    def nearest_rows(self, query: np.ndarray, k: int, *, allowed: np.ndarray | None = None) -> npt.NDArray[np.int64]:
        """The rows of :meth:`search_vector`, in no particular order and unscored (for a caller that scores them)."""
        if not len(self.vectors):
            return np.zeros(0, dtype=np.int64)
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        if self._filters_exactly(allowed):
            return np.array([s.row for s in self._allowed_top(q, k, allowed)], dtype=np.int64)
        return self._scan(q, k, allowed)[0]

    def _filters_exactly(self, allowed: np.ndarray | None) -> bool:
        # A filtered search scores just the allowed rows: exact, and cheaper than over-fetching.
        return allowed is not None and (not self.approximate or len(allowed) < 50_000)

    def _allowed_top(self, q: np.ndarray, k: int, allowed: np.ndarray | None) -> list[Scored]:
        scores = np.full(len(self.vectors), -np.inf)
        scores[allowed] = self.vectors[allowed] @ q[0]
        return top_k(scores, k, None)

    def _scan(self, q: np.ndarray, k: int,
              allowed: np.ndarray | None) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """The faiss index's ``k`` best rows (of ``allowed``) and their scores as it computes them."""
        fetch = k if allowed is None else min(len(self.vectors), k * 20)
        distances, ids = self._index.search(q, fetch)
        found = ids[0] >= 0
        if allowed is not None:
            found &= np.isin(ids[0], allowed)
        return ids[0][found][:k].astype(np.int64), distances[0][found][:k]

    def search(self, query: str, k: int, *, allowed: np.ndarray | None = None, embedder: Embedder) -> list[Scored]:
        return self.search_vector(embedder.encode_queries([query])[0], k, allowed=allowed)

    def save(self, directory: Path, name: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.save(directory / f"vectors-{name}.npy", self.vectors)
        (directory / f"vectors-{name}.json").write_text(json.dumps(
            {"model": self.model_version, "rows": len(self.vectors), "index": self.kind}))

    @classmethod
    def load(cls, directory: Path, name: str, *, hnsw_threshold: int, ef_search: int = DEFAULT_EF_SEARCH,
             ann: Ann = DEFAULT_ANN, nprobe: int = DEFAULT_NPROBE) -> FaissIndex:
        meta = json.loads((directory / f"vectors-{name}.json").read_text())
        vectors = np.load(directory / f"vectors-{name}.npy")
        return cls(vectors, model_version=meta["model"], hnsw_threshold=hnsw_threshold, ef_search=ef_search, ann=ann,
                   nprobe=nprobe)
