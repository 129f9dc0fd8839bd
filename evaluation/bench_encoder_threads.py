"""Query encoding on one and two PyTorch threads, with the cores idle and with one of them busy.

Why it exists: ``POLICYKG_ENCODER_THREADS=2`` makes a query's encoding faster where the cores are
the service's own, and much slower in its tail where another process takes one of them (PyTorch's
OpenMP threads wait on each other). Both figures come from this one run, alternating nothing but
the thread count. Between queries a buffer larger than the last-level cache is touched, as a
search's index scan does in the service, so the weights are read from memory each time, as served.
The busy core is a child process spinning in a loop. Measures, asserts nothing.

Run: ``python -m evaluation.bench_encoder_threads [--embedder e5] [--gold ../shared/eval]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from evaluation.bench.timing import median, ms, percentile
from kg.embed import open_embedder
from kg.embed.base import Embedder
from kg.embed.threads import set_encoder_threads

#: Larger than the last-level caches of the machines this runs on (32 MiB here).
FLUSH_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class EncoderRow:
    threads: int
    other_core: str  # "idle" or "busy"
    p50_ms: float
    p95_ms: float


@contextmanager
def busy_core() -> Iterator[None]:
    """A child process spinning on one core for as long as the block runs."""
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)  # scheduled before the first timing
        yield
    finally:
        spinner.kill()
        spinner.wait()


def time_queries(embedder: Embedder, queries: Sequence[str], *, rounds: int) -> list[float]:
    """Seconds per query, each encoded alone after the cache was flushed; the first round is not counted."""
    flush = np.zeros(FLUSH_BYTES // 8)
    times: list[float] = []
    for r in range(rounds + 1):
        for q in queries:
            flush += 1
            started = time.perf_counter()
            embedder.encode_queries([f"{q} {r}"])  # a new text each round: no cache anywhere may answer it
            if r:
                times.append(time.perf_counter() - started)
    return times


def bench_encoder_threads(queries: Sequence[str], *, embedder: str = "e5", rounds: int = 3) -> list[EncoderRow]:
    """p50/p95 of encoding ``queries`` for 1 and 2 threads, other core idle then busy; the setting is given back."""
    model = open_embedder(embedder)
    rows: list[EncoderRow] = []
    try:
        for other in ("idle", "busy"):
            with busy_core() if other == "busy" else _nothing():
                for threads in (1, 2):
                    set_encoder_threads(threads)
                    times = time_queries(model, queries, rounds=rounds)
                    rows.append(EncoderRow(threads, other, ms(median(times)), ms(percentile(times, 95))))
    finally:
        set_encoder_threads(1)
    return rows


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def render_markdown(rows: Sequence[EncoderRow], *, embedder: str, queries: int) -> str:
    lines = [f"{embedder} query encoding, {queries} queries one at a time, cache flushed before each", "",
             "| encoder threads | other core | p50 ms | p95 ms |", "|---:|---|---:|---:|"]
    lines += [f"| {r.threads} | {r.other_core} | {r.p50_ms} | {r.p95_ms} |" for r in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", default="e5")
    parser.add_argument("--gold", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval",
                        help="folder whose questions.jsonl gives the queries")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with (args.gold / "questions.jsonl").open(encoding="utf-8") as f:
        queries = [json.loads(line)["question"] for line in f if line.strip()]
    rows = bench_encoder_threads(queries, embedder=args.embedder, rounds=args.rounds)
    print(render_markdown(rows, embedder=args.embedder, queries=len(queries)))


if __name__ == "__main__":
    main()
