"""Downloadable dumps: every named graph as gzipped N-Quads, made once per store version."""

from __future__ import annotations

import gzip
import os
import shutil
import threading
import uuid
from pathlib import Path

from kg.store.base import GraphStore


def write_dump(store: GraphStore, target: Path, *, fmt: str = "nquads", compress: bool = True) -> Path:
    """Write the named graphs to ``target`` (gzip when ``compress``): temp file, then rename.

    A reader never sees a half-written file; the default graph (their union) is not repeated.
    """
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as raw:
            if compress:
                with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as out:
                    store.dump_to(out, fmt)  # type: ignore[arg-type]
            else:
                store.dump_to(raw, fmt)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


class DumpCache:
    """Keeps the N-Quads dump of the current store version under ``directory``. Thread-safe.

    The first request after a write pays for the dump (a full scan plus gzip); the rest get the file.
    """

    def __init__(self, store: GraphStore, directory: Path) -> None:
        self.store = store
        self.directory = directory
        shutil.rmtree(directory, ignore_errors=True)  # dumps of an earlier run may be stale
        directory.mkdir(parents=True)
        self._lock = threading.Lock()
        self._token = uuid.uuid4().hex[:8]
        self._previous: Path | None = None  # kept one version longer: a response may still be reading it

    def nquads_gz(self) -> Path:
        with self._lock:
            target = self.directory / f"policykg-v{self.store.version}-{self._token}.nq.gz"
            if not target.exists():
                write_dump(self.store, target)
                for old in self.directory.glob("policykg-*.nq.gz"):
                    if old not in (target, self._previous):
                        old.unlink(missing_ok=True)
                self._previous = target
            return target
