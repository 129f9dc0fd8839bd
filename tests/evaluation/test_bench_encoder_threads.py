"""The encoder-threads bench times every pairing and gives the thread setting back."""

from __future__ import annotations

import torch

from evaluation.bench_encoder_threads import bench_encoder_threads, render_markdown

QUERIES = ("Which programs train cybersecurity incident response teams?", "¿Qué programa apoya la acción contra las minas?")


def test_one_and_two_threads_idle_and_busy() -> None:
    rows = bench_encoder_threads(QUERIES, embedder="minilm", rounds=1)
    assert [(r.threads, r.other_core) for r in rows] == [(1, "idle"), (2, "idle"), (1, "busy"), (2, "busy")]
    assert all(0 < r.p50_ms <= r.p95_ms for r in rows)
    assert torch.get_num_threads() == 1
    text = render_markdown(rows, embedder="minilm", queries=len(QUERIES))
    assert "| 2 | busy |" in text and "2 queries" in text
