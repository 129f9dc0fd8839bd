"""Search latency through the service's ``GET /search``: p50/p95 per mode and embedder over a question set.

The first query of each mode is a warm-up and is reported apart (``cold_ms``: it includes
loading the embedder on first use); the others are timed from request to parsed JSON. The
service's own ``elapsed_ms`` (search without HTTP and JSON) is reported beside.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from evaluation.bench.synthetic import SyntheticSet
from evaluation.bench.timing import median, ms, percentile, sig
from kg.errors import BackendUnavailable


@dataclass(frozen=True)
class LatencyRow:
    corpus: str  # "corpus" or "synthetic"
    passages: int
    mode: str
    embedder: str | None
    index: str  # bm25s, or faiss exact / faiss approximate (the ann_index setting: IVF or HNSW)
    questions: int
    cold_ms: float
    p50_ms: float
    p95_ms: float
    service_p50_ms: float  # the service's elapsed_ms: search alone, without HTTP and JSON


@dataclass(frozen=True)
class SearchReport:
    questions: int
    k: int
    rows: tuple[LatencyRow, ...]
    synthetic: SyntheticSet | None
    notes: tuple[str, ...]


def modes_for(embedders: Sequence[str]) -> list[tuple[str, str | None]]:
    """bm25, then dense and hybrid with each embedder.

    >>> modes_for(["minilm", "use-m3"])
    [('bm25', None), ('dense', 'minilm'), ('dense', 'use-m3'), ('hybrid', 'minilm'), ('hybrid', 'use-m3')]
    """
    return [("bm25", None), *(("dense", e) for e in embedders), *(("hybrid", e) for e in embedders)]


def measure_search(url: str, questions: Sequence[str], *, embedders: Sequence[str], k: int, corpus: str,
                   passages: int, hnsw_threshold: int) -> list[LatencyRow]:
    """One warm-up and one timed search per question, for each mode of :func:`modes_for`."""
    if not questions:
        return []
    dense_index = "faiss approximate" if passages > hnsw_threshold else "faiss exact"
    out = []
    with httpx.Client(base_url=url, timeout=None) as client:
        for mode, embedder in modes_for(embedders):
            params: dict[str, str | int] = {"k": k, "mode": mode}
            if embedder:
                params["embedder"] = embedder
            cold, _ = _search(client, {**params, "q": questions[0]})
            times, service = [], []
            for q in questions:
                seconds, elapsed_ms = _search(client, {**params, "q": q})
                times.append(seconds)
                service.append(elapsed_ms)
            index = "bm25s" if mode == "bm25" else dense_index if mode == "dense" else f"bm25s + {dense_index}"
            out.append(LatencyRow(corpus, passages, mode, embedder, index, len(times), ms(cold),
                                  ms(median(times)), ms(percentile(times, 95)), sig(median(service))))
    return out


def _search(client: httpx.Client, params: dict[str, str | int]) -> tuple[float, float]:
    started = time.perf_counter()
    response = client.get("/search", params=params)
    data = response.json()
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise BackendUnavailable(f"GET /search {params} answered {response.status_code}: {data}")
    return seconds, float(data["elapsed_ms"])
