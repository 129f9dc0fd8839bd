"""The served hybrid search at a million passages: the whole ``Searcher.search`` path, HNSW against exact.

What is synthetic, and labelled so: the passages past the store's own. Each is a recombination
of real sentences (two or three from one real passage, one from another, in random order), so
BM25 sees real multilingual postings and document frequencies; it belongs to the document of
the passage most of its sentences came from. Its vector is not embedded (embedding a million
passages with the real model is not feasible here): it is that passage's real vector leaning a
quarter of the way towards the foreign sentence's passage's, plus a little noise, re-normalised
(:func:`mixed_vectors`). Queries are real: the given questions (or fragments of
real passages), encoded by the real embedder on every search, as the service does.

Timed: ``Searcher.search`` (BM25 leg, ANN dense leg with context scores, dense-first fusion,
the hits' store lookups), one query at a time, for exact dense search and for each approximate
setting: HNSW at each ``efSearch`` and IVF at each ``nprobe``, each fetching each number of
candidates (``ann_candidates``); recall@10 is the overlap of each top-10 with the exact top-10.
Query vectors are encoded once beforehand for those rows, so they time the search; a last row
times the service's own setting as served, encoding each query. Also: each leg alone, build
times, the process's RSS and the indexes' bytes on disk.
Nothing is written to the store measured; measures, asserts nothing.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import faiss
import numpy as np

from evaluation.bench.memory import status_kb
from evaluation.bench.timing import percentile
from kg.embed.threads import set_encoder_threads
from kg.index.base import PassageRow
from kg.index.bm25 import Bm25Index
from kg.index.dense import HNSW_M, IVF_CODES, FaissIndex
from kg.index.passage_set import PassageSet
from kg.search import Searcher
from kg.settings import Settings
from kg.workspace import Workspace

K = 10
FOREIGN = 0.25  # how far a synthetic passage's vector leans towards its foreign sentence's passage
SENTENCE = re.compile(r"(?<=[.!?;:])\s+")
Say = Callable[[str], None]
T = TypeVar("T")


@dataclass(frozen=True)
class HybridRow:
    dense: str  # "exact" or "HNSW32 efSearch=…"
    p50_ms: float
    p95_ms: float
    recall_at_10: float  # of the hybrid top-10 against the hybrid top-10 with exact dense search


@dataclass(frozen=True)
class HybridScaleReport:
    passages: int
    source_passages: int
    embedder: str
    dimension: int
    queries: int
    query_source: str
    noise: float
    threads: int
    build_s: dict[str, float]  # passages, bm25, hnsw, ivf
    legs_p50_ms: dict[str, float]  # each leg alone, with the service's index and setting
    index_mb: dict[str, float]  # on disk: bm25, vectors, hnsw, ivf (each its own copy of the vectors; ivf's float16)
    rss_mb: dict[str, float]  # the bench process: before, after building, after searching; peak
    service_default: str  # the row label of the service's index and setting
    rows: list[HybridRow] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def sentences_of(rows: Sequence[PassageRow]) -> tuple[list[str], np.ndarray]:
    """Sentences of at least four words, and the row each came from.

    >>> s, of = sentences_of([PassageRow("p", "d", "One two three four. Short. Five six seven eight!", 0, 9, "", "en")])
    >>> s, of.tolist()
    (['One two three four.', 'Five six seven eight!'], [0, 0])
    """
    out: list[str] = []
    source: list[int] = []
    for i, row in enumerate(rows):
        for sentence in SENTENCE.split(row.text):
            if len(sentence.split()) >= 4:
                out.append(sentence)
                source.append(i)
    return out, np.array(source, dtype=np.int64)


def recombined_rows(rows: Sequence[PassageRow], size: int,
                    rng: np.random.Generator) -> tuple[list[PassageRow], np.ndarray, np.ndarray]:
    """``size`` rows: the real ones, then recombined ones; and for each row, the real row most of its sentences
    came from, and the real row of its one foreign sentence (itself for a real row).

    Copy ``c`` of real row ``r`` is row ``c·n + r``: it takes ``r``'s document, and ``r``'s offsets shifted
    ``c`` strides past the document's end, so each copy of a document reads in the real order and a
    passage's neighbours are the copies of its real neighbours (as the context score expects), not
    its own near-identical copies.

    >>> real = [PassageRow(f"p{i}", "d", f"Alpha beta gamma {i}. Delta eps zeta {i}.", 0, 9, "", "en")
    ...         for i in range(3)]
    >>> out, of, foreign = recombined_rows(real, 7, np.random.default_rng(0))
    >>> len(out), out[:3] == real, of[:3].tolist(), all(r.document == real[o].document for r, o in zip(out, of))
    (7, True, [0, 1, 2], True)
    >>> out[5].iri, out[5].start - out[2].start, out[5].text.count(".") >= 2
    ('p2#synthetic-1', 10, True)
    """
    sentences, sentence_row = sentences_of(rows)
    if not sentences:
        raise ValueError("the source passages hold no sentence of four words or more")
    first_of = np.searchsorted(sentence_row, np.arange(len(rows) + 1))  # sentences of row r: first_of[r]:first_of[r+1]
    n = len(rows)
    stride = max(r.end for r in rows) + 1
    out = list(rows[:size])
    source = np.empty(size, dtype=np.int64)
    source[: len(out)] = np.arange(len(out))
    foreign = source.copy()
    for i in range(len(out), size):
        r, copy = i % n, i // n
        own = sentences[first_of[r]: first_of[r + 1]] or [rows[r].text]
        picked = [own[j] for j in rng.choice(len(own), size=min(len(own), int(rng.integers(2, 4))), replace=False)]
        other = int(rng.integers(len(sentences)))
        picked.append(sentences[other])
        foreign[i] = sentence_row[other]
        rng.shuffle(picked)
        out.append(replace(rows[r], iri=f"{rows[r].iri}#synthetic-{copy}", text=" ".join(picked),
                           start=rows[r].start + copy * stride, end=rows[r].end + copy * stride))
        source[i] = r
    return out, source, foreign


def mixed_vectors(vectors: np.ndarray, source: np.ndarray, foreign: np.ndarray, rng: np.random.Generator, *,
                  noise: float, mix: float = FOREIGN) -> np.ndarray:
    """Row ``i`` is ``vectors[source[i]]`` moved ``mix`` of the way towards ``vectors[foreign[i]]``, plus noise
    of norm ``noise``, re-normalised; the real rows (the first ``len(vectors)``) exactly theirs.

    Mixing as the text was mixed keeps the copies of one passage apart from each other (each leans
    towards another passage), as distinct real passages are, rather than a tight clump of near-duplicates.
    """
    n, dim = vectors.shape
    out = np.empty((len(source), dim), dtype=np.float32)
    out[:n] = vectors[source[:n]]
    for start in range(n, len(source), 65_536):
        stop = min(start + 65_536, len(source))
        chunk = (1 - mix) * vectors[source[start:stop]] + mix * vectors[foreign[start:stop]]
        chunk += rng.standard_normal((stop - start, dim), dtype=np.float32) * (noise / np.sqrt(dim))
        chunk /= np.linalg.norm(chunk, axis=1, keepdims=True).clip(min=1e-12)
        out[start:stop] = chunk
    return out


class FixedWorkspace(Workspace):
    """A read-only workspace serving a passage set built in memory (the synthetic one), whatever the store holds;
    with ``encoded`` set, queries found there are not encoded again (to time the search apart from encoding)."""

    fixed: PassageSet
    encoded: dict[str, np.ndarray] | None = None

    def passages(self) -> PassageSet:
        return self.fixed

    def encode_query(self, name: str, text: str) -> np.ndarray:
        if self.encoded is not None and text in self.encoded:
            return self.encoded[text]
        # The embedder itself, not the workspace's cache of recent queries: each query timed is encoded.
        vector: np.ndarray = self.embedder(name).encode_queries([text])[0]
        return vector


def fragment_queries(rows: Sequence[PassageRow], count: int, rng: np.random.Generator) -> list[str]:
    """Questions made of 5 to 10 consecutive words of random real passages (when no question set is given)."""
    out: list[str] = []
    while len(out) < count:
        words = rows[int(rng.integers(len(rows)))].text.split()
        if len(words) >= 5:
            length = int(rng.integers(5, min(10, len(words)) + 1))
            start = int(rng.integers(len(words) - length + 1))
            out.append(" ".join(words[start: start + length]))
    return out


def _rss_mb() -> float:
    return round(status_kb(_pid()).get("VmRSS", 0) / 1024, 1)


def _peak_mb() -> float:
    return round(status_kb(_pid()).get("VmHWM", 0) / 1024, 1)


def _pid() -> int:
    import os

    return os.getpid()


def _dir_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1)


def _timed(fn: Callable[[str], T], queries: Sequence[str]) -> tuple[list[float], list[T]]:
    fn(queries[0])  # warm-up
    times: list[float] = []
    results: list[T] = []
    for q in queries:
        started = time.perf_counter()
        results.append(fn(q))
        times.append(time.perf_counter() - started)
    return times, results


def _ms(times: Sequence[float], p: float) -> float:
    return round(percentile(list(times), p) * 1000, 2)


def bench_hybrid_scale(settings: Settings, *, size: int, questions: Sequence[str] = (), queries: int = 200,
                       ef_search: Sequence[int] = (128, 512, 2048), nprobe: Sequence[int] = (32, 64, 128, 256),
                       candidates: Sequence[int] = (200, 500, 1000, 2000), noise: float = 0.1, seed: int = 0,
                       say: Say = lambda _: None) -> HybridScaleReport:
    """Scale ``settings.store``'s passages to ``size`` and time the hybrid search on them (see the module docstring).

    ``settings.store`` is copied (its graph, for the hits' lookups) and never written. Cost at 1M passages and
    384 dimensions: about 5 GB of memory, minutes of HNSW construction on two cores.
    """
    embedder = settings.default_embedder
    before = _rss_mb()
    with tempfile.TemporaryDirectory(prefix="policykg-hybrid-scale-") as tmp:
        work = Path(tmp)
        shutil.copytree(settings.store / "oxigraph", work / "oxigraph")
        real = PassageSet.load(settings.store / "index", hnsw_threshold=settings.hnsw_threshold)
        if real is None or embedder not in real.dense:
            raise ValueError(f"no index with embedder {embedder!r} under {settings.store}")
        ws = FixedWorkspace(settings.model_copy(update={"store": work, "embedders": (embedder,)}), read_only=True)
        try:
            return _measure(ws, real, embedder, size=size, questions=questions, queries=queries, ef_search=ef_search,
                            nprobe=nprobe, candidates=candidates, noise=noise, seed=seed, before=before, work=work,
                            say=say)
        finally:
            ws.close()


def _measure(ws: FixedWorkspace, real: PassageSet, embedder: str, *, size: int, questions: Sequence[str],
             queries: int, ef_search: Sequence[int], nprobe: Sequence[int], candidates: Sequence[int], noise: float,
             seed: int, before: float,
             work: Path, say: Say) -> HybridScaleReport:
    rng = np.random.default_rng(seed)
    settings = ws.settings
    say(f"{size} synthetic passages from {len(real.rows)} real ones")
    started = time.perf_counter()
    rows, source, foreign = recombined_rows(real.rows, size, rng)
    vectors = mixed_vectors(real.dense[embedder].vectors, source, foreign, rng, noise=noise)
    model_version = real.dense[embedder].model_version
    del real, source, foreign
    build = {"passages": round(time.perf_counter() - started, 1)}
    say("BM25 index")
    started = time.perf_counter()
    bm25 = Bm25Index.build([r.text for r in rows])
    build["bm25"] = round(time.perf_counter() - started, 1)
    approximate: dict[str, FaissIndex] = {}
    for kind in ("hnsw", "ivf"):
        say(f"{kind} index")
        started = time.perf_counter()
        approximate[kind] = FaissIndex(vectors, model_version=model_version,
                                       hnsw_threshold=min(settings.hnsw_threshold, size - 1), ann=kind,
                                       ef_search=settings.hnsw_ef_search, nprobe=settings.ivf_nprobe)
        build[kind] = round(time.perf_counter() - started, 1)
    del vectors
    served = approximate[settings.ann_index]
    ws.fixed = PassageSet(rows, bm25, {embedder: served}, fingerprint=ws.fingerprint())
    del rows
    built = _rss_mb()
    say("index bytes")
    bm25.save(work / "bm25")
    index_mb = {"bm25": _dir_mb(work / "bm25"), "vectors": round(served.vectors.nbytes / 1e6, 1)}
    shutil.rmtree(work / "bm25")
    for kind, index in approximate.items():
        faiss.write_index(index.faiss_index, str(work / "ann.faiss"))
        index_mb[kind] = round((work / "ann.faiss").stat().st_size / 1e6, 1)
        (work / "ann.faiss").unlink()

    asked = list(questions[:queries]) if questions else fragment_queries(ws.fixed.rows, queries, rng)
    searcher = Searcher(ws)

    def top10(q: str) -> list[str]:
        return [h.passage.iri for h in searcher.search(q, k=K, mode="hybrid", embedder=embedder).hits]

    say("query encoding")
    encode_times, vectors_of = _timed(lambda q: ws.encode_query(embedder, q), asked)
    ws.encoded = dict(zip(asked, vectors_of))
    say("hybrid, exact dense")
    # The same vectors, scored exactly: PassageSet.scored_rows' path below the threshold.
    exact_view = copy.copy(served)
    exact_view.approximate = False
    ws.fixed.dense[embedder] = exact_view
    exact_times, exact_hits = _timed(top10, asked)
    report_rows = [HybridRow("exact", _ms(exact_times, 50), _ms(exact_times, 95), 1.0)]

    def row(label: str, index: FaissIndex) -> HybridRow:
        say(f"hybrid, {label}")
        ws.fixed.dense[embedder] = index
        times, hits = _timed(top10, asked)
        recall = float(np.mean([len(set(h) & set(e)) / max(len(e), 1) for h, e in zip(hits, exact_hits)]))
        return HybridRow(label, _ms(times, 50), _ms(times, 95), round(recall, 4))

    hnsw, ivf = approximate["hnsw"], approximate["ivf"]
    lists = max(1, int(4 * np.sqrt(size)))  # as FaissIndex makes them
    for fetched in candidates:
        ws.settings = settings.model_copy(update={"ann_candidates": fetched})  # the Searcher reads it per search
        for ef in ef_search:
            hnsw.ef_search = ef
            report_rows.append(row(f"HNSW{HNSW_M} efSearch={ef}, {fetched} candidates", hnsw))
        for probes in nprobe:
            ivf.nprobe = probes
            report_rows.append(row(f"IVF{lists},{IVF_CODES} nprobe={probes}, {fetched} candidates", ivf))
    ws.settings = settings
    hnsw.ef_search, ivf.nprobe = settings.hnsw_ef_search, settings.ivf_nprobe
    default = (f"HNSW{HNSW_M} efSearch={settings.hnsw_ef_search}" if settings.ann_index == "hnsw"
               else f"IVF{lists},{IVF_CODES} nprobe={settings.ivf_nprobe}") + f", {settings.ann_candidates} candidates"
    ws.fixed.dense[embedder] = served
    say("each leg alone")
    passages, query_vector = ws.fixed, ws.encoded
    bm25_times, _ = _timed(lambda q: passages.bm25.search(q, 50), asked)
    dense_times, _ = _timed(lambda q: passages.scored_rows(embedder, query_vector[q], context=settings.context_weight,
                                                           depth=settings.ann_candidates), asked)
    say("hybrid as served: the service's index, each query encoded")
    ws.encoded = None
    served_row = row(f"{default}, query encoded (as served)", served)
    report_rows.append(served_row)
    if settings.encoder_threads == 1 and (os.cpu_count() or 1) >= 2:
        # The same, with the encoders' setting for cores set aside for the service (POLICYKG_ENCODER_THREADS=2).
        set_encoder_threads(2)
        try:
            report_rows.append(row(f"{default}, query encoded on 2 threads (POLICYKG_ENCODER_THREADS=2)", served))
        finally:
            set_encoder_threads(settings.encoder_threads)
    ws.encoded = query_vector
    legs = {"encode": _ms(encode_times, 50), "bm25": _ms(bm25_times, 50),
            f"dense ({settings.ann_index} + context)": _ms(dense_times, 50)}
    return HybridScaleReport(
        len(passages.rows), len(source_rows(passages.rows)), embedder, int(served.vectors.shape[1]), len(asked),
        "questions given" if questions else "fragments of real passages", noise, faiss.omp_get_max_threads(), build,
        legs, index_mb, {"before": before, "built": built, "searched": _rss_mb(), "peak": _peak_mb()},
        default, report_rows)


def source_rows(rows: Sequence[PassageRow]) -> list[PassageRow]:
    """The real rows among ``rows`` (the synthetic ones carry ``#synthetic-`` in their IRI)."""
    return [r for r in rows if "#synthetic-" not in r.iri]


def render_markdown(report: HybridScaleReport) -> str:
    """The report as Markdown tables (for the README)."""
    lines = [
        f"Hybrid search (`Searcher.search`: {report.embedder} query encoding, BM25, dense, dense-first fusion, hits) "
        f"over {report.passages:,} passages: {report.source_passages:,} real, the rest synthetic (real sentences "
        f"recombined; vectors are the real vectors of their sentences' passages mixed, {1 - FOREIGN}:{FOREIGN}, plus "
        f"noise of norm {report.noise}: not embedded). "
        f"{report.queries} queries ({report.query_source}), one at a time, {report.threads} threads.", "",
        "Each query's vector is encoded once beforehand, so the rows time the search itself, except the last "
        "(as served: the query encoded on every search).", "",
        "| dense leg | p50 ms | p95 ms | recall@10 vs exact hybrid |", "|---|---:|---:|---:|"]
    lines += [f"| {r.dense}{' (service default)' if r.dense == report.service_default else ''} | "
              f"{r.p50_ms} | {r.p95_ms} | {r.recall_at_10} |" for r in report.rows]
    lines += ["", "| leg alone (service default) | p50 ms |", "|---|---:|"]
    lines += [f"| {name} | {value} |" for name, value in report.legs_p50_ms.items()]
    lines += ["", f"Build s: {', '.join(f'{k} {v}' for k, v in report.build_s.items())}. "
              f"Index MB on disk: {', '.join(f'{k} {v}' for k, v in report.index_mb.items())}. "
              f"Bench process RSS MB: {', '.join(f'{k} {v}' for k, v in report.rss_mb.items())}."]
    return "\n".join(lines)


if __name__ == "__main__":  # python -m evaluation.bench_hybrid_scale STORE [size]
    import json
    import sys

    result = bench_hybrid_scale(Settings(store=Path(sys.argv[1])),
                                size=int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000,
                                say=lambda text: print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr,
                                                       flush=True))
    print(render_markdown(result))
    print(json.dumps(result.as_dict()))
