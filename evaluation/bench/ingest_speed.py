"""Ingest speed per embedder: a sample folder into a fresh temporary store, against the encoding floor.

Each embedder gets its own empty store and settings that compute only its vectors, so the
run pays everything a first ingest pays (loading spaCy and the embedder, SHACL, the write,
the indexes). The floor is encoding the same passages again with the loaded embedder and no
cache: what no pipeline can beat. ``ingest_over_floor`` is the whole ingest over that floor.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evaluation.bench.timing import sig
from kg.settings import Settings

STEP_ORDER = ("read", "extract", "graph", "validate", "embed", "write", "index")
BATCH = 256  # as the pipeline encodes


@dataclass(frozen=True)
class IngestRow:
    embedder: str
    documents: int
    passages: int
    seconds: float  # Ingestor.ingest_paths, wall time
    documents_per_s: float
    passages_per_s: float
    steps: dict[str, float]  # seconds per pipeline step, in STEP_ORDER
    floor_s: float  # encoding the same passages, model loaded, no cache
    floor_passages_per_s: float
    ingest_over_floor: float
    embed_over_floor: float  # the embed step (model load and vector cache included) over the floor


@dataclass(frozen=True)
class IngestSpeed:
    corpus: str
    rows: tuple[IngestRow, ...]


def measure_ingest(corpus: Path, settings: Settings, *, embedders: Sequence[str],
                   workdir: Path | None = None) -> IngestSpeed:
    """Ingest ``corpus`` once per embedder into a new store under ``workdir`` (removed afterwards)."""
    rows = []
    for name in embedders:
        with tempfile.TemporaryDirectory(prefix=f"bench-ingest-{name}-", dir=workdir) as tmp:
            rows.append(_one(corpus, settings.model_copy(update={
                "store": Path(tmp), "embedders": (name,), "default_embedder": name, "api_token": None}), name))
    return IngestSpeed(str(corpus), tuple(rows))


def _one(corpus: Path, settings: Settings, name: str) -> IngestRow:
    from ingest.pipeline import Ingestor
    from kg.workspace import Workspace

    ws = Workspace(settings)
    try:
        started = time.perf_counter()
        report = Ingestor(ws).ingest_paths([corpus])
        seconds = time.perf_counter() - started
        texts = [r.text for r in ws.passage_rows()]
        embedder = ws.embedder(name)
        started = time.perf_counter()
        for i in range(0, len(texts), BATCH):
            embedder.encode(texts[i : i + BATCH])
        floor = time.perf_counter() - started
    finally:
        ws.close()
    steps = {("embed" if k.startswith("embed") else k): v for k, v in report.seconds.items()}
    steps = {k: sig(steps.get(k, 0.0)) for k in STEP_ORDER}
    documents = len(report.added) + len(report.replaced)
    return IngestRow(name, documents, report.passages, sig(seconds), sig(documents / seconds),
                     sig(report.passages / seconds), steps, sig(floor), sig(len(texts) / floor) if floor else 0.0,
                     sig(seconds / floor) if floor else 0.0, sig(steps["embed"] / floor) if floor else 0.0)
