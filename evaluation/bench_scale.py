"""Vector search at a million passages: exact vs HNSW vs IVF, each at several settings, in one run.

The vectors are synthetic, and labelled so: ``seeds`` unit vectors (the real passage vectors of a
store when one is given, else clustered Gaussian ones) are copied with Gaussian noise of norm
about ``noise`` and re-normalised until there are ``size`` of them, as :mod:`evaluation.bench.synthetic`
does for the served bench. Queries are further noisy copies of random seeds, so each has near
neighbours, as a real question has relevant passages.

For each index and setting: build time, latency of one query at a time (p50, p95; the service
searches one query per request), recall@10 against exact search over the same vectors, and the
index's own memory (its serialised size; the flat vectors are part of it). Measures, asserts nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import faiss
import numpy as np

from evaluation.bench.timing import percentile

K = 10


@dataclass(frozen=True)
class AnnRow:
    index: str  # e.g. "HNSW32 efSearch=64"
    build_s: float
    p50_ms: float
    p95_ms: float
    recall_at_10: float
    memory_mb: float


@dataclass(frozen=True)
class AnnReport:
    passages: int
    dimension: int
    queries: int
    seeds: str
    noise: float
    threads: int
    rows: list[AnnRow] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def synthetic_vectors(seeds: np.ndarray, size: int, rng: np.random.Generator, *, noise: float) -> np.ndarray:
    """``size`` unit float32 rows: the seeds, then noisy copies of them in turn (built in chunks).

    >>> v = synthetic_vectors(np.eye(3, dtype=np.float32), 7, np.random.default_rng(0), noise=0.1)
    >>> v.shape, bool(np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)), bool((v[:3] == np.eye(3)).all())
    ((7, 3), True, True)
    """
    out = np.empty((size, seeds.shape[1]), dtype=np.float32)
    n = min(len(seeds), size)
    out[:n] = seeds[:n]
    chunk = 100_000
    for start in range(n, size, chunk):
        stop = min(start + chunk, size)
        base = seeds[np.arange(start, stop) % len(seeds)]
        out[start:stop] = _noisy(base, rng, noise)
    return out


def _noisy(base: np.ndarray, rng: np.random.Generator, noise: float) -> np.ndarray:
    jitter = rng.standard_normal(base.shape).astype(np.float32) * (noise / np.sqrt(base.shape[1]))
    moved: np.ndarray = base + jitter
    moved /= np.linalg.norm(moved, axis=1, keepdims=True)
    return moved


def clustered_seeds(count: int, dimension: int, rng: np.random.Generator, *, clusters: int = 500) -> np.ndarray:
    """Unit vectors in ``clusters`` loose groups (as topics group passages), when no store gives real ones."""
    centres = rng.standard_normal((clusters, dimension)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    return _noisy(centres[rng.integers(clusters, size=count)], rng, 0.8)


def _timed_search(index: faiss.Index, queries: np.ndarray) -> tuple[list[float], np.ndarray]:
    times, found = [], np.empty((len(queries), K), dtype=np.int64)
    for i, q in enumerate(queries):
        started = time.perf_counter()
        _, ids = index.search(q.reshape(1, -1), K)
        times.append(time.perf_counter() - started)
        found[i] = ids[0]
    return times, found


def _recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f.tolist()) & set(t.tolist())) / K for f, t in zip(found, truth)]))


def _memory_mb(index: faiss.Index) -> float:
    return round(len(faiss.serialize_index(index)) / 1e6, 1)


def _row(name: str, index: faiss.Index, build_s: float, queries: np.ndarray, truth: np.ndarray,
         memory_mb: float) -> AnnRow:
    times, found = _timed_search(index, queries)
    return AnnRow(name, round(build_s, 1), round(percentile(times, 50) * 1000, 3), round(percentile(times, 95) * 1000, 3),
                  round(_recall(found, truth), 4), memory_mb)


def bench_ann(vectors: np.ndarray, queries: np.ndarray, *, seeds: str, noise: float,
              hnsw_m: int = 32, ef_construction: int = 80, ef_search: Sequence[int] = (32, 64, 128, 256),
              nlist: int | None = None, nprobe: Sequence[int] = (16, 32, 64, 128),
              say: Callable[[str], None] = lambda _: None) -> AnnReport:
    """Exact, HNSW (one graph, several ``efSearch``) and IVF-Flat (one index, several ``nprobe``) over ``vectors``."""
    n, dim = vectors.shape
    report = AnnReport(n, dim, len(queries), seeds, noise, faiss.omp_get_max_threads())
    say("exact")
    started = time.perf_counter()
    flat = faiss.IndexFlatIP(dim)
    flat.add(vectors)
    flat_build = time.perf_counter() - started
    _, truth = flat.search(queries, K)  # batched: the ground truth
    report.rows.append(_row("exact (flat)", flat, flat_build, queries, truth, round(vectors.nbytes / 1e6, 1)))
    del flat

    say(f"HNSW{hnsw_m} build")
    started = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(dim, hnsw_m, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = ef_construction
    hnsw.add(vectors)
    hnsw_build = time.perf_counter() - started
    hnsw_mb = _memory_mb(hnsw)
    for ef in ef_search:
        say(f"HNSW efSearch={ef}")
        hnsw.hnsw.efSearch = ef
        report.rows.append(_row(f"HNSW{hnsw_m} efC={ef_construction} efSearch={ef}", hnsw, hnsw_build, queries, truth,
                                hnsw_mb))
    del hnsw

    lists = nlist or int(4 * np.sqrt(n))
    say(f"IVF{lists} train + add")
    started = time.perf_counter()
    quantizer = faiss.IndexFlatIP(dim)
    ivf = faiss.IndexIVFFlat(quantizer, dim, lists, faiss.METRIC_INNER_PRODUCT)
    sample = vectors[np.random.default_rng(1).choice(n, size=min(n, 40 * lists), replace=False)]
    ivf.train(sample)
    ivf.add(vectors)
    ivf_build = time.perf_counter() - started
    ivf_mb = _memory_mb(ivf)
    for probes in nprobe:
        say(f"IVF nprobe={probes}")
        ivf.nprobe = probes
        report.rows.append(_row(f"IVF{lists},Flat nprobe={probes}", ivf, ivf_build, queries, truth, ivf_mb))
    return report


def run_scale(*, size: int = 1_000_000, queries: int = 200, dimension: int = 384, seeds: np.ndarray | None = None,
              noise: float = 0.3, seed: int = 0, say: Callable[[str], None] = lambda _: None,
              **options: object) -> AnnReport:
    """Build ``size`` synthetic vectors (from ``seeds``, else clustered ones of ``dimension``) and :func:`bench_ann`.

    Cost at 1M × 384: about 1.5 GB per copy of the vectors, minutes of HNSW construction on two cores.
    """
    rng = np.random.default_rng(seed)
    label = "real passage vectors" if seeds is not None else "clustered Gaussian"
    if seeds is None:
        seeds = clustered_seeds(min(size, 50_000), dimension, rng)
    say(f"{size} synthetic vectors")
    vectors = synthetic_vectors(np.ascontiguousarray(seeds, dtype=np.float32), size, rng, noise=noise)
    asked = _noisy(seeds[rng.integers(len(seeds), size=queries)], rng, noise)
    return bench_ann(vectors, np.ascontiguousarray(asked), seeds=label, noise=noise, say=say, **options)  # type: ignore[arg-type]


def render_markdown(report: AnnReport) -> str:
    """The report as a Markdown table (for the README)."""
    lines = [f"{report.passages:,} synthetic passages ({report.seeds} seeds, noise {report.noise}), {report.dimension} "
             f"dims, {report.queries} queries one at a time, {report.threads} threads", "",
             "| index | build s | p50 ms | p95 ms | recall@10 | memory MB |", "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {r.index} | {r.build_s} | {r.p50_ms} | {r.p95_ms} | {r.recall_at_10} | {r.memory_mb} |"
              for r in report.rows]
    return "\n".join(lines)


def scale_part(store: Path, ontology: str, *, ann: int, server_for: Callable[[Path, tuple[str, ...]], object],
               repeats: int, default_embedders: tuple[str, ...] = ("minilm",), store_url: str | None = None,
               say: Callable[[str], None] = lambda _: None) -> tuple[str, dict[str, object]]:
    """What ``policykg bench`` adds for scaling out: the ANN table at ``ann`` passages (0: none) and our
    ``/sparql`` against Oxigraph server on ``store`` (when the ``oxigraph`` program is installed), or,
    for a remote store (``store_url``), against that store's own endpoint.
    Returns the Markdown tables and their numbers."""
    import shutil as _shutil

    from evaluation.bench_server_overhead import bench_overhead
    from evaluation.bench_server_overhead import render_markdown as render_overhead

    texts: list[str] = []
    numbers: dict[str, object] = {}
    program = _shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if store_url is not None or Path(program).exists():
        overhead = bench_overhead(store, ontology, server_for=server_for, repeats=repeats,  # type: ignore[arg-type]
                                  program=program, default_embedders=default_embedders or ("minilm",),
                                  store_url=store_url, say=say)
        texts.append(render_overhead(overhead))
        numbers["server_overhead"] = overhead.as_dict()
    else:
        texts.append("(no `oxigraph` program: pip install 'oxigraph>=0.5,<0.6' to compare with Oxigraph server)")
    if ann > 0:
        report = run_scale(size=ann, say=say)
        texts.append(render_markdown(report))
        numbers["ann"] = report.as_dict()
    return "\n\n".join(texts), numbers


if __name__ == "__main__":  # python -m evaluation.bench_scale [size]
    import json

    result = run_scale(size=int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000,
                       say=lambda text: print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True))
    print(render_markdown(result))
    print(json.dumps(result.as_dict()))
