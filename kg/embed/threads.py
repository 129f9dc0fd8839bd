"""Pin math libraries to one thread: on two busy cores, two threads measured 3x slower."""

from __future__ import annotations

from threadpoolctl import threadpool_limits

_limiter: object | None = None


def pin_one_thread() -> None:
    """Limit BLAS/OpenMP pools (and torch, when loaded) to one thread for this process."""
    global _limiter
    if _limiter is None:
        _limiter = threadpool_limits(1)
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass
