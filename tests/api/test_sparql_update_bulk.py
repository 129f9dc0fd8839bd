"""A large SPARQL Update over real HTTP: planned in linear time, all of it stored; and the body-size limit."""

from __future__ import annotations

import http.client
import time
from urllib.parse import urlsplit

import httpx

from tests.conftest import TOKEN
from tests.kg.test_update_plan_scale import bulk_insert

AUTH = {"Authorization": f"Bearer {TOKEN}"}
UPDATE = {**AUTH, "Content-Type": "application/sparql-update"}
GRAPH = "http://example.org/bulk-over-http"


def count(url: str, query: str) -> int:
    r = httpx.get(url + "/sparql", params={"query": query}, timeout=60)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_a_4000_triple_insert_data_arrives_whole(light_server: str) -> None:
    text = bulk_insert(4_000, GRAPH)
    start = time.perf_counter()
    r = httpx.post(light_server + "/update", content=text, headers=UPDATE, timeout=120)
    elapsed = time.perf_counter() - start
    print(f"\nPOST /update, INSERT DATA of 4,000 triples ({len(text):,} bytes): {elapsed:.2f} s")
    try:
        assert r.status_code == 200 and r.json()["graphs"] == [GRAPH], r.text
        assert count(light_server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}") == 4_000
        assert count(light_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/p> ?o }") == 4_000, \
            "and in the union default graph"
        assert elapsed < 20  # the target is under 2 s; the machine is shared, so only a gross regression fails
    finally:
        assert httpx.post(light_server + "/update", content=f"DROP SILENT GRAPH <{GRAPH}>", headers=UPDATE,
                          timeout=60).status_code == 200


def test_an_oversized_update_is_refused_from_its_content_length(light_server: str, light_settings) -> None:  # type: ignore[no-untyped-def]
    """``max_body_bytes`` applies to /update: refused (413) before the body is read (api/sparql_protocol.py)."""
    address = urlsplit(light_server)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=15)
    try:
        conn.putrequest("POST", "/update")
        conn.putheader("Authorization", AUTH["Authorization"])
        conn.putheader("Content-Type", "application/sparql-update")
        conn.putheader("Content-Length", str(light_settings.max_body_bytes + 1))
        conn.endheaders()  # and not one byte of the body: a server waiting for it would time out
        response = conn.getresponse()
        body = response.read().decode()
    finally:
        conn.close()
    assert response.status == 413 and str(light_settings.max_body_bytes) in body, body


def test_a_chunked_body_past_the_limit_is_refused_while_it_streams(light_server: str, light_settings) -> None:  # type: ignore[no-untyped-def]
    """No Content-Length: the answer must come once the limit is passed, not after the whole body."""
    import select
    import socket

    limit = light_settings.max_body_bytes
    host, port = urlsplit(light_server).hostname, urlsplit(light_server).port
    piece = b"# " + b"x" * 65_533 + b"\n"
    chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    sent, answer = 0, b""
    with socket.create_connection((host, port), timeout=30) as conn:
        conn.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        while sent < limit * 3:
            if select.select([conn], [], [], 0)[0]:
                answer = conn.recv(4096)
                break
            try:
                conn.sendall(chunk)
            except OSError:  # the server closed the connection after answering
                break
            sent += len(piece)
        if not answer:
            conn.settimeout(10)
            answer = conn.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < limit * 2, f"the server read {sent} bytes before answering"
