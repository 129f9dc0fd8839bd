"""Pin math libraries to one thread: on two busy cores, two threads measured 3x slower.

PyTorch's own pool (the e5 and MiniLM encoders) may be given more where cores are set aside
for the service (:func:`set_encoder_threads`, ``POLICYKG_ENCODER_THREADS``).
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits

_limiter: object | None = None


def pin_one_thread() -> None:
    """Limit BLAS/OpenMP pools (and torch, when loaded) to one thread for this process."""
    global _limiter
    _limiter = threadpool_limits(1)  # each time: a library loaded since the last call (scipy's BLAS) gets it too
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass


def set_encoder_threads(threads: int) -> None:
    """One thread for BLAS/OpenMP pools (faiss, numpy), ``threads`` for PyTorch's intra-op pool.

    Two threads encode a query about 1.35x faster on two idle cores, and about ten times slower
    at the 95th percentile when one of them is busy (README, Scaling out): worth it only on cores
    nothing else uses.
    """
    pin_one_thread()
    if threads != 1:
        import torch

        torch.set_num_threads(threads)
