"""The hybrid search bench at scale, on a tiny store (3 sample sheets, use-m3 only) scaled to 2,000 passages."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import cast

import numpy as np
import pytest
import torch
import typer

from evaluation.bench_hybrid_scale import (bench_hybrid_scale, mixed_vectors, recombined_rows, render_markdown,
                                           sentences_of)
from kg.index.base import PassageRow
from kg.settings import Settings
from tests.evaluation.tiny_store import tiny_store

SHEETS = ("cicte-cybersecurity-program.txt", "cicad-savia.txt", "aicma-mine-action.txt")
QUESTIONS = ("Which programs train cybersecurity incident response teams?",
             "¿Qué programa apoya la acción contra las minas?",
             "drug demand reduction in municipalities")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return tiny_store(tmp_path_factory.mktemp("hybrid-scale"), SHEETS)[0]


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synthetic_passages_are_real_sentences_recombined() -> None:
    real = [PassageRow(f"https://x/p{i}", f"https://x/d{i % 2}", f"Sentence one of passage {i}. "
                       f"Sentence two of passage {i}! Sentence three of passage {i}?", 0, 10, "body", "en")
            for i in range(5)]
    rows, source, foreign = recombined_rows(real, 200, np.random.default_rng(1))
    pool = set(sentences_of(real)[0])
    assert rows[:5] == real and len(rows) == 200 and len({r.iri for r in rows}) == 200
    assert source[:5].tolist() == foreign[:5].tolist() == list(range(5))
    for row, of, other in zip(rows[5:], source[5:], foreign[5:]):
        parts = [p + "?" if not p.endswith(("?", ".", "!")) else p for p in
                 row.text.replace(". ", ".|").replace("! ", "!|").replace("? ", "?|").split("|")]
        assert set(parts) <= pool and len(parts) >= 2
        assert sum(f"passage {of}" in p for p in parts) >= min(2, len(parts) - 1)  # most from its source passage
        assert row.document == real[of].document and any(f"passage {other}" in p for p in parts)
    vectors = np.eye(5, 8, dtype=np.float32)
    mixed = mixed_vectors(vectors, source, foreign, np.random.default_rng(0), noise=0.05)
    assert np.array_equal(mixed[:5], vectors)
    assert np.allclose(np.linalg.norm(mixed, axis=1), 1, atol=1e-5)
    assert (mixed[5:] @ vectors.T).argmax(axis=1).tolist() == source[5:].tolist()  # nearest its own passage
    leaning = [(m @ vectors[o]) for m, s, o in zip(mixed[5:], source[5:], foreign[5:]) if s != o]
    assert leaning and min(leaning) > 0.2  # and towards the foreign sentence's


def two_thread_rows(default: str) -> list[str]:
    """The row timing the search as served with two encoder threads, where the machine has two cores."""
    return [f"{default}, query encoded on 2 threads (POLICYKG_ENCODER_THREADS=2)"] if (os.cpu_count() or 1) >= 2 else []


def test_hybrid_bench_times_the_whole_search_and_writes_nothing(tiny) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(tiny.store)
    report = bench_hybrid_scale(tiny, size=2000, questions=QUESTIONS, ef_search=(4, 256), nprobe=(1, 178),
                                candidates=(200,))
    assert snapshot(tiny.store) == before, "the bench must not write the store it measures"
    assert report.passages == 2000 and 0 < report.source_passages < 2000 and report.queries == len(QUESTIONS)
    default = f"IVF178,SQfp16 nprobe={tiny.ivf_nprobe}, {tiny.ann_candidates} candidates"  # the service's default
    assert [r.dense for r in report.rows] == [
        "exact", "HNSW32 efSearch=4, 200 candidates", "HNSW32 efSearch=256, 200 candidates",
        "IVF178,SQfp16 nprobe=1, 200 candidates", "IVF178,SQfp16 nprobe=178, 200 candidates",
        f"{default}, query encoded (as served)", *two_thread_rows(default)]
    assert torch.get_num_threads() == tiny.encoder_threads  # the two-thread row gives the setting back
    assert report.service_default == default
    assert report.rows[0].recall_at_10 == 1.0
    assert report.rows[2].recall_at_10 >= 0.9  # a walk wider than the corpus' neighbourhoods is all but exact
    assert report.rows[4].recall_at_10 == 1.0  # every list scanned: exact
    assert report.rows[3].recall_at_10 < 1.0  # one list of 178: not
    assert all(0 <= r.recall_at_10 <= 1 and 0 < r.p50_ms <= r.p95_ms for r in report.rows)
    assert set(report.legs_p50_ms) == {"encode", "bm25", "dense (ivf + context)"}
    assert all(v > 0 for v in report.legs_p50_ms.values())
    assert report.index_mb["hnsw"] >= report.index_mb["vectors"] > 0 and report.index_mb["bm25"] > 0
    assert report.index_mb["ivf"] >= report.index_mb["vectors"] / 2  # the lists hold the vectors as float16
    assert report.rss_mb["peak"] >= report.rss_mb["built"] > 0
    text = render_markdown(report)
    assert "| exact |" in text and "efSearch=256" in text and "2,000 passages" in text


def test_fragment_queries_without_questions(tiny) -> None:  # type: ignore[no-untyped-def]
    served = tiny.model_copy(update={"ann_index": "ivf", "ivf_nprobe": 8, "ann_candidates": 30})
    report = bench_hybrid_scale(served, size=500, queries=5, ef_search=(64,), nprobe=(8,), candidates=(30, 400))
    assert report.queries == 5 and report.query_source == "fragments of real passages"
    default = "IVF89,SQfp16 nprobe=8, 30 candidates"
    assert len(report.rows) == 6 + len(two_thread_rows(default)) and report.service_default == default
    assert report.rows[5].dense == f"{default}, query encoded (as served)"
    assert report.rows[5].recall_at_10 == report.rows[2].recall_at_10
    assert report.rows[4].dense == "IVF89,SQfp16 nprobe=8, 400 candidates"
    assert report.rows[4].recall_at_10 >= report.rows[2].recall_at_10  # more candidates: closer to exact


def make_app(settings: Settings) -> typer.Typer:
    from api.cli_bench import register
    from tests.evaluation.cli_app import make_app as make_cli_app

    # register asks for a getter of Settings; make_app hands back the object it is given, these Settings.
    return make_cli_app(cast(Callable[[typer.Typer, Callable[[], object]], None], register), settings)


def test_bench_command_hybrid(tiny) -> None:  # type: ignore[no-untyped-def]
    import json

    from typer.testing import CliRunner

    skip = [arg for part in ("sparql", "search", "ingest", "ask", "cooperation") for arg in ("--skip", part)]
    result = CliRunner().invoke(make_app(tiny), ["bench", "--json", "--hybrid", "600", *skip])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["hybrid_scale"]
    assert data["passages"] == 600 and data["rows"][0]["dense"] == "exact"
    assert data["index_mb"]["hnsw"] > 0 and data["rss_mb"]["peak"] > 0
    refused = CliRunner().invoke(make_app(tiny), ["bench", "--hybrid", "-5", *skip])
    assert refused.exit_code == 2
