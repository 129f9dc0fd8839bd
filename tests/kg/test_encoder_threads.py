"""POLICYKG_ENCODER_THREADS sizes PyTorch's pool, whichever embedder loads last; BLAS/OpenMP stay at one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import torch
from threadpoolctl import threadpool_info

from kg.embed import open_embedder
from kg.settings import Settings


@pytest.fixture
def restore_threads() -> Iterator[None]:
    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


@pytest.mark.usefixtures("restore_threads")
def test_the_setting_sizes_torch_pool_after_each_load() -> None:
    open_embedder("minilm", threads=2)
    assert torch.get_num_threads() == 2
    open_embedder("use-m3", threads=2)  # a backend that pins one thread as it loads
    assert torch.get_num_threads() == 2
    open_embedder("minilm")
    assert torch.get_num_threads() == 1


@pytest.mark.usefixtures("restore_threads")
def test_other_math_pools_stay_at_one_thread() -> None:
    open_embedder("minilm", threads=2)
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)


def test_the_setting_is_bounded() -> None:
    with pytest.raises(ValueError):
        Settings(encoder_threads=0)
    assert Settings(encoder_threads=2).encoder_threads == 2
