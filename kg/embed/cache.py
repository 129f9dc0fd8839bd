"""Passage vectors cached by content hash, so re-ingesting unchanged text costs nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from kg.embed.base import Embedder, Vectors


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class VectorCache:
    """An sqlite table (embedder version, text hash) → float32 vector. Safe across crashes."""

    def __init__(self, path: Path | None) -> None:
        target = ":memory:" if path is None else str(path)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(target, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (model TEXT, key TEXT, v BLOB, PRIMARY KEY (model, key))")

    def encode(self, embedder: Embedder, texts: Sequence[str]) -> tuple[Vectors, int]:
        """Vectors for ``texts`` (cached ones reused); returns them and how many were computed."""
        keys = [text_key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for key, blob in self._db.execute(
                f"SELECT key, v FROM vec WHERE model = ? AND key IN ({marks})", [embedder.version, *chunk]
            ):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            fresh = embedder.encode([texts[i] for i in missing])
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vec VALUES (?, ?, ?)",
                    [(embedder.version, keys[i], fresh[j].tobytes()) for j, i in enumerate(missing)],
                )
            for j, i in enumerate(missing):
                found[keys[i]] = fresh[j]
        out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
        for i, k in enumerate(keys):
            out[i] = found[k]
        return out, len(missing)

    def close(self) -> None:
        self._db.close()
