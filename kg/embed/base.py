"""The embedder protocol: texts in, L2-normalised float32 rows out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    name: str
    dim: int
    version: str

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One L2-normalised row per passage text, in order. Deterministic for a given text."""
        ...

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        """As :meth:`encode`, for search queries: asymmetric models (e5) mark them differently."""
        ...
