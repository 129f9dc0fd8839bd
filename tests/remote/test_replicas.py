"""Stateless replicas: two policykg servers on one Oxigraph server, each with its own derived indexes.

A document written through replica A shows in search on replica B once B has looked at the store's
version again (at most ``store_poll_s`` after the write) and refreshed its indexes from the store
(encoding only the new passages). The bound asserted here, ``VISIBLE_WITHIN_S``, is the one the
README states; the measured time is printed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from kg.settings import Settings
from tests.conftest import SAMPLE, TOKEN, running_server
from tests.remote.servers import Endpoints, oxigraph_server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
POLL_S = 0.5
#: store_poll_s plus an index refresh of a few documents (minilm), with room for a loaded CI machine
VISIBLE_WITHIN_S = 30.0


def replica_settings(remote: Endpoints, directory: Path) -> Settings:
    """A replica's settings: the shared remote store, and a local directory of its own for derived indexes."""
    return Settings(store=directory, api_token=TOKEN, embedders=("minilm",), default_embedder="minilm",
                    **{**remote.settings(), "store_poll_s": POLL_S})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoints]:
    with oxigraph_server(tmp_path_factory.mktemp("replica-server")) as endpoints:
        yield endpoints


@pytest.fixture(scope="module")
def replicas(remote: Endpoints, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    with ExitStack() as stack:
        a, b = (stack.enter_context(running_server(replica_settings(remote, tmp_path_factory.mktemp(f"replica-{n}"))))
                for n in "ab")
        yield a, b


def sources(url: str, q: str) -> set[str]:
    answer = httpx.get(url + "/search", params={"q": q, "k": 10}, timeout=120)
    assert answer.status_code == 200, answer.text
    return {h["document"]["source"] for h in answer.json()["hits"]}


def until(check: object, seconds: float) -> float:
    """Seconds until ``check()`` held; fails after ``seconds``."""
    started = time.monotonic()
    while not check():  # type: ignore[operator]
        assert time.monotonic() - started < seconds, f"not visible within {seconds:g} s"
        time.sleep(0.1)
    return time.monotonic() - started


def test_a_write_through_one_replica_shows_in_search_on_the_other(replicas: tuple[str, str]) -> None:
    a, b = replicas
    assert "mispa" not in sources(b, "public security ministers meeting")
    added = httpx.post(a + "/documents", params={"name": "mispa.txt"}, content=(SAMPLE / "mispa.txt").read_bytes(),
                       headers=AUTH, timeout=300)
    assert added.status_code == 201, added.text
    took = until(lambda: "mispa" in sources(b, "public security ministers meeting"), VISIBLE_WITHIN_S)
    print(f"\nadd visible on the other replica after {took:.2f} s")
    assert httpx.get(b + "/documents", timeout=30).json()["documents"][0]["source"] == "mispa"

    gone = httpx.delete(b + "/documents/mispa", headers=AUTH, timeout=120)
    assert gone.status_code == 200, gone.text
    took = until(lambda: "mispa" not in sources(a, "public security ministers meeting"), VISIBLE_WITHIN_S)
    print(f"delete visible on the other replica after {took:.2f} s")


def test_each_replica_keeps_only_derived_state(replicas: tuple[str, str], remote: Endpoints, tmp_path: Path) -> None:
    """Nothing a replica keeps locally is needed: a third one, on an empty directory, serves the same answers."""
    a, _ = replicas
    added = httpx.post(a + "/documents", params={"name": "gelavex.txt"}, content=(SAMPLE / "gelavex.txt").read_bytes(),
                       headers=AUTH, timeout=300)
    assert added.status_code == 201, added.text
    expected = sources(a, "money laundering experts group")
    assert "gelavex" in expected
    with running_server(replica_settings(remote, tmp_path)) as c:
        assert sources(c, "money laundering experts group") == expected
