"""A single query takes E5QueryEncoder's low-latency path; its vector must agree with the batch path."""

from __future__ import annotations

import numpy as np
import pytest

from kg.embed.e5 import E5Embedder

# Our own queries, in the four languages of the service, short and long.
QUERIES = [
    "Which programs train border officials to detect smuggled firearms?",
    "¿Qué países recibieron asistencia técnica contra el lavado de activos?",
    "cooperação policial contra o tráfico de drogas na região",
    "Quelles mesures contre le financement du terrorisme ?",
    "port security",
    "S/RES/1540 (2004) art. 7º § 2339C",
]
# Past the model's 512 tokens: the single-query path must hand it to the windowed batch path.
LONG = " ".join(f"Article {i}. Each State shall report to the committee within {i} months." for i in range(1, 60))


@pytest.fixture(scope="module", params=["float32", "bfloat16"])
def e5(request: pytest.FixtureRequest) -> E5Embedder:
    return E5Embedder(precision=request.param)


def test_single_query_agrees_with_batch_path(e5: E5Embedder) -> None:
    batch = e5.encode_queries([*QUERIES, LONG])  # more than one text: the batch path
    for text, expected in zip([*QUERIES, LONG], batch):
        single = e5.encode_queries([text])
        assert single.shape == (1, 384) and single.dtype == np.float32
        assert np.isclose(np.linalg.norm(single), 1.0, atol=1e-5)
        assert float(single[0] @ expected) >= 0.998, text
    assert e5._query_encoder is not None


def test_single_query_differs_from_passage(e5: E5Embedder) -> None:
    # The query prefix must still be applied on the fast path.
    text = QUERIES[0]
    assert float(e5.encode_queries([text])[0] @ e5.encode([text])[0]) < 0.999
