"""Fair query capacity over real HTTP: two anonymous clients looping on cartesian products do not starve a third.

Clients are told apart by address, so each client here connects from its own loopback
address (127.0.0.2, 127.0.0.3, …) to the server on 127.0.0.1.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import TOKEN, running_server

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CHEAP = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
DEADLINE = 3.0


@pytest.fixture(scope="module")
def fair_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from kg.settings import Settings

    settings = Settings(store=Path(tmp_path_factory.mktemp("fair-store")), api_token=TOKEN, embedders=(),
                        anonymous_query_timeout=DEADLINE, query_queue_wait=1.0, sparql_workers=4)
    with running_server(settings) as url:
        yield url


def client_from(address: str) -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30)


def wait_ms(response: httpx.Response) -> float:
    timing = dict(part.strip().split(";dur=") for part in response.headers["server-timing"].split(","))
    return float(timing["wait"])


def test_a_cheap_query_is_not_starved_by_two_cartesian_loops(fair_server: str) -> None:
    stop = threading.Event()
    loop_statuses: list[int] = []

    def loop(address: str) -> None:
        with client_from(address) as client:
            while not stop.is_set():
                loop_statuses.append(client.get(fair_server + "/sparql", params={"query": CARTESIAN}).status_code)

    # Each looping client runs three loops in parallel: together more than the four workers.
    loops = [threading.Thread(target=loop, args=(a,), daemon=True) for a in ("127.0.0.2", "127.0.0.3") for _ in range(3)]
    for thread in loops:
        thread.start()
    time.sleep(1.0)  # the loops hold what they may now
    latencies, waits = [], []
    with client_from("127.0.0.4") as client:
        for _ in range(6):
            started = time.perf_counter()
            r = client.get(fair_server + "/sparql", params={"query": CHEAP})
            latencies.append(time.perf_counter() - started)
            assert r.status_code == 200, r.text
            waits.append(wait_ms(r))
            time.sleep(0.4)
    stop.set()
    for thread in loops:
        thread.join(timeout=DEADLINE + 10)
    print(f"\ncheap query under two cartesian loops: latency ms {[round(x * 1000) for x in latencies]}, "
          f"wait ms {waits}; loop answers {sorted(set(loop_statuses))}")
    assert 503 in loop_statuses, "the cartesian queries ran into their deadline"
    # Had the cheap query waited for a loop's worker, it would have waited up to that query's deadline.
    assert max(waits) < DEADLINE * 1000


def test_a_second_query_of_a_busy_anonymous_client_waits_then_gets_an_honest_503(fair_server: str) -> None:
    with client_from("127.0.0.5") as first, client_from("127.0.0.5") as second:
        holder = threading.Thread(target=lambda: first.get(fair_server + "/sparql", params={"query": CARTESIAN}))
        holder.start()
        time.sleep(0.5)
        r = second.get(fair_server + "/sparql", params={"query": CHEAP})
        holder.join(timeout=DEADLINE + 10)
    assert r.status_code == 503
    assert r.headers["content-type"] == "application/problem+json" and "Retry-After" in r.headers
    assert "did not run" in r.json()["detail"]
    with client_from("127.0.0.5") as again:  # its turn came back
        assert again.get(fair_server + "/sparql", params={"query": CHEAP}).status_code == 200


def test_a_token_holder_finds_a_worker_when_anonymous_clients_fill_theirs(fair_server: str) -> None:
    stop = threading.Event()

    def loop(address: str) -> None:
        with client_from(address) as client:
            while not stop.is_set():
                client.get(fair_server + "/sparql", params={"query": CARTESIAN})

    loops = [threading.Thread(target=loop, args=(f"127.0.1.{i}",), daemon=True) for i in range(1, 6)]
    for thread in loops:
        thread.start()
    time.sleep(1.0)
    with client_from("127.0.0.6") as client:
        r = client.get(fair_server + "/sparql", params={"query": CHEAP}, headers={"Authorization": f"Bearer {TOKEN}"})
    stop.set()
    for thread in loops:
        thread.join(timeout=DEADLINE + 10)
    assert r.status_code == 200, r.text
    assert wait_ms(r) < DEADLINE * 1000


def test_a_refused_query_is_answered_at_once_even_when_its_client_is_busy(fair_server: str) -> None:
    with client_from("127.0.0.7") as first, client_from("127.0.0.7") as second:
        holder = threading.Thread(target=lambda: first.get(fair_server + "/sparql", params={"query": CARTESIAN}))
        holder.start()
        time.sleep(0.5)
        refused = second.get(fair_server + "/sparql", params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> {} }"})
        malformed = second.get(fair_server + "/sparql", params={"query": "SELECT * WHERE " + "{" * 500})
        holder.join(timeout=DEADLINE + 10)
    assert refused.status_code == 403 and malformed.status_code == 400  # not a 503 after waiting for the slot
