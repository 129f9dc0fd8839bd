"""One generation of passage indexes: the passage table, BM25, and one vector index per embedder.

Saved to a fresh ``gen-*`` directory and published by atomically repointing the
``current`` symlink, so readers see the old generation or the new one, never a mix.
The manifest records the fingerprint of the store state the generation was built from;
a mismatch at open time (a crash between the store commit and the index publish)
means the indexes must be rebuilt from the store.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np

from kg.index.analyzer import ANALYZER_VERSION
from kg.index.base import PassageRow
from kg.index.bm25 import Bm25Index
from kg.index.context import Floats, PassageNeighbours
from kg.index.dense import DEFAULT_ANN, DEFAULT_EF_SEARCH, DEFAULT_NPROBE, Ann, FaissIndex
from kg.index.row_scores import RowScores

CURRENT = "current"


class PassageSet:
    def __init__(self, rows: Sequence[PassageRow], bm25: Bm25Index, dense: Mapping[str, FaissIndex],
                 fingerprint: str) -> None:
        self.rows = list(rows)
        self.bm25 = bm25
        self.dense = dict(dense)
        self.fingerprint = fingerprint
        self.row_of = {r.iri: i for i, r in enumerate(self.rows)}
        self._by_document: dict[str, list[int]] = {}
        for i, r in enumerate(self.rows):
            self._by_document.setdefault(r.document, []).append(i)
        self.neighbours = PassageNeighbours(self.rows)
        self._context_norms: dict[tuple[str, float], Floats] = {}

    def dense_scores(self, name: str, query: np.ndarray, *, context: float,
                     allowed: np.ndarray | None = None, depth: int = 200, also: np.ndarray | None = None) -> Floats:
        """One score per row for ``query`` in embedder ``name``'s space: the better of the passage's
        cosine and its context cosine (:mod:`kg.index.context`, weight ``context``; 0 for none);
        -inf for rows not in ``allowed`` and, past the HNSW threshold, for rows that are neither
        among the ``depth`` nearest, nor in ``also`` (e.g. the lexical leg's hits, which fusion
        needs scored), nor their neighbours. Read-only.
        """
        index = self.dense[name]
        if index.approximate:
            return self.scored_rows(name, query, context=context, allowed=allowed, depth=depth,
                                    also=also).dense(len(self.rows))
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(-1)
        scores: Floats = (index.vectors @ q).astype(np.float64)
        if context > 0 and len(scores):
            key = (name, context)
            if key not in self._context_norms:
                self._context_norms[key] = self.neighbours.norms(index.vectors, context)
            in_context = self.neighbours.context_scores(scores, self._context_norms[key], context)
            scores = np.fmax(scores, in_context)
        scores[np.isnan(scores)] = -np.inf
        if allowed is not None:
            masked = np.full(len(scores), -np.inf)
            masked[allowed] = scores[allowed]
            scores = masked
        return scores

    def scored_rows(self, name: str, query: np.ndarray, *, context: float, allowed: np.ndarray | None = None,
                    depth: int = 200, also: np.ndarray | None = None) -> RowScores:
        """:meth:`dense_scores`, the scored rows alone: past the threshold, no step touches every row."""
        index = self.dense[name]
        if not index.approximate:
            return RowScores.of(self.dense_scores(name, query, context=context, allowed=allowed))
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(-1)
        return self._ann_scores(index, q, context=context, allowed=allowed, depth=depth, also=also)

    def _ann_scores(self, index: FaissIndex, q: np.ndarray, *, context: float, allowed: np.ndarray | None,
                    depth: int, also: np.ndarray | None) -> RowScores:
        """:meth:`scored_rows` past the threshold (an approximate index): every step touches the few thousand
        scored rows only, never all rows (at a million rows, whole-array passes cost milliseconds each)."""
        near = index.nearest_rows(q, depth, allowed=allowed)
        if also is not None:
            near = np.concatenate([near, np.asarray(also, dtype=np.int64)])
        rows = self.neighbours.around(near)
        # The neighbours' neighbours are scored too, so every row in ``rows`` gets its full context score,
        # as the exact path gives it (a few hundred more dot products).
        outer = self.neighbours.around(rows)
        own: Floats = (index.vectors[outer] @ q).astype(np.float64)
        mine = own[np.searchsorted(outer, rows)]
        if context > 0 and len(rows):
            norms = self.neighbours.norms_of(index.vectors, context, rows)
            mine = np.fmax(mine, self.neighbours.context_scores_among(outer, own, rows, norms, context))
        if allowed is not None:  # after the context: an allowed passage's neighbours count, allowed or not
            keep = np.isin(rows, allowed)
            rows, mine = rows[keep], mine[keep]
        return RowScores.kept(rows, mine)

    @classmethod
    def build(cls, rows: Sequence[PassageRow], vectors: Mapping[str, tuple[np.ndarray, str]],
              *, fingerprint: str, hnsw_threshold: int, ef_search: int = DEFAULT_EF_SEARCH, ann: Ann = DEFAULT_ANN,
              nprobe: int = DEFAULT_NPROBE) -> PassageSet:
        bm25 = Bm25Index.build([r.text for r in rows])
        dense = {name: FaissIndex(v, model_version=version, hnsw_threshold=hnsw_threshold, ef_search=ef_search,
                                  ann=ann, nprobe=nprobe)
                 for name, (v, version) in vectors.items()}
        return cls(rows, bm25, dense, fingerprint)

    @classmethod
    def empty(cls) -> PassageSet:
        return cls([], Bm25Index(None, 0), {}, fingerprint="")

    def is_document(self, iri: str) -> bool:
        """Whether ``iri`` is the IRI of a document with passages in this generation."""
        return iri in self._by_document

    def rows_of_documents(self, documents: Sequence[str]) -> np.ndarray:
        out: list[int] = []
        for d in documents:
            out.extend(self._by_document.get(d, ()))
        return np.array(sorted(out), dtype=np.int64)

    def save(self, root: Path) -> Path:
        """Write a new generation under ``root`` and make it current. Atomic for readers."""
        root.mkdir(parents=True, exist_ok=True)
        gen = root / f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        tmp = gen.with_name(gen.name + ".tmp")
        tmp.mkdir()
        with open(tmp / "passages.jsonl", "w", encoding="utf-8") as f:
            for r in self.rows:
                f.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")
        self.bm25.save(tmp)
        for name, index in self.dense.items():
            index.save(tmp, name)
        (tmp / "manifest.json").write_text(json.dumps({
            "fingerprint": self.fingerprint, "rows": len(self.rows), "analyzer": ANALYZER_VERSION,
            "embedders": {n: i.model_version for n, i in self.dense.items()},
        }, indent=2))
        os.replace(tmp, gen)
        link = root / CURRENT
        tmp_link = root / f".{CURRENT}-{uuid.uuid4().hex[:8]}"
        os.symlink(gen.name, tmp_link)
        os.replace(tmp_link, link)
        for old in root.glob("gen-*"):
            if old != gen:
                shutil.rmtree(old, ignore_errors=True)
        return gen

    @classmethod
    def load(cls, root: Path, *, hnsw_threshold: int, ef_search: int = DEFAULT_EF_SEARCH, ann: Ann = DEFAULT_ANN,
             nprobe: int = DEFAULT_NPROBE) -> PassageSet | None:
        """The current generation, or None when there is none or it cannot be read."""
        directory = root / CURRENT
        manifest_path = directory / "manifest.json"
        if not manifest_path.exists():
            return None
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("analyzer") != ANALYZER_VERSION:
            return None
        rows = []
        with open(directory / "passages.jsonl", encoding="utf-8") as f:
            for line in f:
                rows.append(PassageRow(**json.loads(line)))
        bm25 = Bm25Index.load(directory)
        dense = {name: FaissIndex.load(directory, name, hnsw_threshold=hnsw_threshold, ef_search=ef_search, ann=ann,
                                       nprobe=nprobe)
                 for name in manifest["embedders"]}
        return cls(rows, bm25, dense, manifest["fingerprint"])
