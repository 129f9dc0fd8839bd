"""Limits that really stop work: the deadline kills the evaluation, other clients keep being served, rows are capped.

Runs against the light server (reference data only; anonymous deadline 2 s, row cap 5000).
"""

from __future__ import annotations

import statistics
import threading
import time

import httpx

from tests.conftest import TOKEN

FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~10^11 rows, no row until done
SIMPLE = "ASK { ?s a ?type }"


def test_a_query_built_to_run_forever_is_stopped_while_others_keep_answering(light_server: str, light_settings) -> None:  # type: ignore[no-untyped-def]
    outcome: dict[str, object] = {}

    def forever() -> None:
        started = time.perf_counter()
        r = httpx.get(light_server + "/sparql", params={"query": FOREVER}, timeout=60)
        outcome.update(status=r.status_code, type=r.headers.get("content-type"), body=r.json(),
                       seconds=time.perf_counter() - started)

    thread = threading.Thread(target=forever)
    thread.start()
    time.sleep(0.3)  # the long query is now running in a worker
    latencies = []
    # Another client: clients are told apart by address (one anonymous address runs one query at a time).
    other = httpx.HTTPTransport(local_address="127.0.0.2")
    with httpx.Client(base_url=light_server, timeout=30, transport=other) as other_client:
        while thread.is_alive():
            started = time.perf_counter()
            r = other_client.get("/sparql", params={"query": SIMPLE})
            latencies.append(time.perf_counter() - started)
            assert r.status_code == 200 and r.json()["boolean"] is True
            time.sleep(0.05)
    thread.join()
    deadline = light_settings.anonymous_query_timeout
    assert outcome["status"] == 503 and outcome["type"] == "application/problem+json"
    assert "deadline" in outcome["body"]["detail"]  # type: ignore[index]
    assert deadline <= outcome["seconds"] < deadline + 1.5, outcome["seconds"]  # type: ignore[operator]
    print(f"\nforever query stopped after {outcome['seconds']:.2f} s (deadline {deadline} s); "
          f"{len(latencies)} simple queries meanwhile: median {statistics.median(latencies) * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms")
    assert len(latencies) >= 5
    assert statistics.median(latencies) < 0.25 and max(latencies) < 1.5
    after = httpx.get(light_server + "/sparql", params={"query": SIMPLE}, timeout=30)
    assert after.status_code == 200, "the killed worker was replaced"


def test_the_client_may_lower_the_deadline_but_not_raise_it(light_server: str) -> None:
    started = time.perf_counter()
    r = httpx.get(light_server + "/sparql", params={"query": FOREVER, "timeout": "0.5"},
                  headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert r.status_code == 503 and time.perf_counter() - started < 1.8
    started = time.perf_counter()
    r = httpx.get(light_server + "/sparql", params={"query": FOREVER, "timeout": "30"}, timeout=60)
    assert r.status_code == 503 and time.perf_counter() - started < 3.5, "anonymous stays at its 2 s cap"
    bad = httpx.get(light_server + "/sparql", params={"query": SIMPLE, "timeout": "soon"}, timeout=30)
    assert bad.status_code == 400


def test_past_the_cap_an_answer_fails_unless_the_client_accepts_a_cut(light_server: str, light_settings) -> None:  # type: ignore[no-untyped-def]
    cap = light_settings.max_rows
    for query in ("SELECT * WHERE { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }"):
        refused = httpx.get(light_server + "/sparql", params={"query": query}, timeout=30)
        assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["row_cap"] == cap and "truncate=1" in refused.json()["detail"]
    r = httpx.get(light_server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "truncate": "1"},
                  headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == cap
    assert r.headers["x-result-truncated"] == "true" and r.headers["x-result-row-cap"] == str(cap)
    small = httpx.get(light_server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"}, timeout=30)
    assert "x-result-truncated" not in small.headers and small.headers["x-result-count"] == "3"
    graph = httpx.get(light_server + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "truncate": "true"},
                      headers={"Accept": "application/n-triples"}, timeout=30)
    assert graph.headers["x-result-truncated"] == "true" and len(graph.text.strip().splitlines()) == cap


def test_a_wrong_token_is_refused_not_treated_as_anonymous(light_server: str) -> None:
    r = httpx.get(light_server + "/sparql", params={"query": SIMPLE}, headers={"Authorization": "Bearer nope"},
                  timeout=30)
    assert r.status_code == 401 and r.headers["content-type"] == "application/problem+json"
