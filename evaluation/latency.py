"""Search latency over a question set, per mode, in one run: ``python -m evaluation.latency --store S --gold DIR``.

Measures, asserts nothing. The first query of each mode is a warm-up and is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def measure(store: Path, questions: list[str], *, modes: list[tuple[str, str | None]]) -> dict[str, dict[str, float]]:
    from kg.search import Searcher
    from kg.settings import Settings
    from kg.workspace import Workspace

    ws = Workspace(Settings(store=store))
    searcher = Searcher(ws)
    out = {}
    for mode, embedder in modes:
        searcher.search(questions[0], k=10, mode=mode, embedder=embedder)
        times = []
        for q in questions:
            started = time.perf_counter()
            searcher.search(q, k=10, mode=mode, embedder=embedder)
            times.append((time.perf_counter() - started) * 1000)
        out[f"{mode}" + (f":{embedder}" if embedder else "")] = {
            "n": len(times), "p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 95), 1)}
    ws.close()
    return out


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--gold", type=Path, required=True, help="folder with questions.jsonl")
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for line in (args.gold / "questions.jsonl").read_text().splitlines() if line.strip()]
    modes = [("bm25", None), ("dense", "minilm"), ("dense", "use-m3"), ("hybrid", "minilm"), ("hybrid", "use-m3")]
    print(json.dumps({"cores": os.cpu_count(), "questions": len(questions),
                      "latency": measure(args.store, questions, modes=modes)}, indent=2))


if __name__ == "__main__":
    main()
