"""One short e5 query through the BERT encoder in a few fused ops, for search latency.

The batch path (``transformers``' ``BertModel``) runs 72 separate linears of ~20 rows per
forward, on bfloat16 weights in PyTorch's plain layout. Here the same weights are laid out
once in oneDNN's blocked format (measured ~20% faster per call at this size), Q, K and V are
one matmul (12 calls instead of 36), GELU is fused into its matmul, and attention is one SDPA
call with no padding mask (a single text has no padding). Measured on one thread for a
~20-token query: 9 ms instead of 17, vectors at cosine >= 0.9999 to the batch path's
(``tests/kg/test_e5_query_path.py`` checks >= 0.998).
"""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F


class _Linear:
    """``x @ w.T + b``, optionally followed by exact GELU, with the weight pre-laid-out when oneDNN can."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor, *, prepack: bool) -> None:
        self.bias = bias
        self.weight = weight
        self.packed: torch.Tensor | None = None
        if prepack:
            # Private oneDNN ops (the ones torch.compile's CPU freezing uses); torch is pinned,
            # and any failure falls back to F.linear, which gives the same numbers more slowly.
            try:
                packed = torch.ops.mkldnn._reorder_linear_weight(weight, 32)
                probe = torch.zeros(2, weight.shape[1], dtype=weight.dtype)
                torch.ops.mkldnn._linear_pointwise(probe, packed, bias, "none", [], "")
                self.packed = packed
            except (AttributeError, RuntimeError):
                self.packed = None

    def __call__(self, x: torch.Tensor, *, gelu: bool = False) -> torch.Tensor:
        if self.packed is not None:
            if gelu:
                out: torch.Tensor = torch.ops.mkldnn._linear_pointwise(x, self.packed, self.bias, "gelu", [], "none")
            else:
                out = torch.ops.mkldnn._linear_pointwise(x, self.packed, self.bias, "none", [], "")
            return out
        y = F.linear(x, self.weight, self.bias)
        return F.gelu(y) if gelu else y


class _Layer:
    def __init__(self, weights: dict[str, torch.Tensor], at: str, *, prepack: bool) -> None:
        def w(name: str) -> torch.Tensor:
            return weights[at + name]

        def linear(*names: str) -> _Linear:
            weight = torch.cat([w(n + ".weight") for n in names]).contiguous()
            bias = torch.cat([w(n + ".bias") for n in names]).contiguous()
            return _Linear(weight, bias, prepack=prepack)

        self.qkv = linear("attention.self.query", "attention.self.key", "attention.self.value")
        self.attention_out = linear("attention.output.dense")
        self.intermediate = linear("intermediate.dense")
        self.out = linear("output.dense")
        self.norm1 = (w("attention.output.LayerNorm.weight"), w("attention.output.LayerNorm.bias"))
        self.norm2 = (w("output.LayerNorm.weight"), w("output.LayerNorm.bias"))


class E5QueryEncoder:
    """Mean-pooled last hidden state of one window of token embeddings, same weights as ``model``."""

    def __init__(self, model: Any) -> None:
        config = model.config
        weights: dict[str, torch.Tensor] = {k: v.detach() for k, v in model.state_dict().items()}
        self.dtype = weights["embeddings.LayerNorm.weight"].dtype
        # oneDNN's blocked layout pays off for bfloat16; float32 matmuls already go to MKL directly.
        # Where oneDNN is missing, _Linear's probe fails and it falls back to F.linear.
        prepack = self.dtype == torch.bfloat16
        self.heads: int = config.num_attention_heads
        self.hidden: int = config.hidden_size
        self.eps: float = config.layer_norm_eps
        self.positions = weights["embeddings.position_embeddings.weight"]
        self.token_type = weights["embeddings.token_type_embeddings.weight"][0]
        self.norm = (weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"])
        self.layers = [_Layer(weights, f"encoder.layer.{i}.", prepack=prepack)
                       for i in range(config.num_hidden_layers)]

    def pooled(self, word_embeddings: torch.Tensor) -> torch.Tensor:
        """``word_embeddings``: (tokens, hidden), ``<s>`` and ``</s>`` included; returns (hidden,) float32."""
        tokens, hidden = word_embeddings.shape
        size = (hidden,)
        # Same order of additions as BertEmbeddings, so bfloat16 rounding matches the batch path.
        x = word_embeddings.to(self.dtype) + self.token_type
        x = F.layer_norm(x + self.positions[:tokens], size, *self.norm, self.eps)
        for layer in self.layers:
            q, k, v = layer.qkv(x).view(1, tokens, 3, self.heads, hidden // self.heads).permute(2, 0, 3, 1, 4)
            attended = F.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(tokens, hidden)
            x = F.layer_norm(x + layer.attention_out(attended), size, *layer.norm1, self.eps)
            x = F.layer_norm(x + layer.out(layer.intermediate(x, gelu=True)), size, *layer.norm2, self.eps)
        return x.float().mean(0)
