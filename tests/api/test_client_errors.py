"""A client's mistake is a 4xx problem, never a 5xx or a dropped connection (over real HTTP).

Each case here once answered 500, reset the connection or came back as uvicorn's plain text.
"""

from __future__ import annotations

import http.client
import json
import socket
from urllib.parse import urlencode, urlsplit

import httpx
import pytest

from kg.settings import Settings
from tests.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PROBLEM = "application/problem+json"
TRIPLE_TERM = ("<http://example.org/s> <http://example.org/p> "
               "<<( <http://example.org/a> <http://example.org/b> <http://example.org/c> )>> .")


def assert_problem(r: httpx.Response, status: int) -> dict[str, object]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    body = r.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body  # type: ignore[no-any-return]


def raw_get(url: str, target: str) -> tuple[int, str, bytes]:
    """GET with a request line of any length (httpx refuses URL parts past 64 KiB)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request("GET", target)
        r = conn.getresponse()
        return r.status, r.getheader("content-type") or "", r.read()
    finally:
        conn.close()


def test_an_unknown_entity_format_names_the_offered_ones(light_server: str) -> None:
    body = assert_problem(httpx.get(light_server + "/entities/state/GTM", params={"format": "bogus"}), 406)
    assert "turtle" in str(body["detail"]) and "jsonld" in str(body["detail"])
    assert httpx.get(light_server + "/entities/state/GTM", params={"format": "ttl"}).status_code == 200
    assert httpx.get(light_server + "/entities/state/GTM", params={"format": "html"}).status_code == 200


@pytest.mark.parametrize("path", ["state/G%20TM", "state/%00", "state/%3Cx%3E"])
def test_a_path_that_is_no_iri_is_not_found(light_server: str, path: str) -> None:
    body = assert_problem(httpx.get(f"{light_server}/entities/{path}"), 404)
    assert " " not in str(body["instance"]), "instance is a URI reference"


@pytest.mark.parametrize("state", ["G TM", "", "https://example.org/id/state/GTM", "GTM\n"])
def test_a_search_state_filter_must_name_a_state(light_server: str, state: str) -> None:
    body = assert_problem(httpx.get(light_server + "/search", params={"q": "x", "state": state}), 400)
    assert "ISO 3166" in str(body["detail"])
    ok = httpx.get(light_server + "/search", params={"q": "x", "state": "https://policykg.org/id/state/GTM"})
    assert ok.status_code == 200


@pytest.mark.parametrize("media, body", [
    ("application/n-triples", TRIPLE_TERM),
    ("text/turtle", TRIPLE_TERM.replace("<<(", "<<").replace(")>>", ">>")),
    ("text/turtle", "<< <http://example.org/a> <http://example.org/b> 1 >> <http://example.org/p> 2 ."),
])
@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_rdf_12_triple_terms_are_refused(light_server: str, method: str, media: str, body: str) -> None:
    graph = "http://example.org/client-errors/triple-terms"
    r = httpx.request(method, light_server + "/store", params={"graph": graph}, content=body,
                      headers={**AUTH, "Content-Type": media})
    assert "triple terms" in str(assert_problem(r, 400)["detail"])
    assert httpx.get(light_server + "/store", params={"graph": graph}).status_code == 404, "nothing was written"


def test_a_json_ld_payload_is_an_object_or_array(light_server: str) -> None:
    r = httpx.put(light_server + "/store", params={"graph": "http://example.org/client-errors/jsonld"},
                  content="null", headers={**AUTH, "Content-Type": "application/ld+json"})
    assert_problem(r, 400)


def test_long_get_queries_up_to_the_limit_and_414_past_it(light_server: str, light_settings: Settings) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + "x" * 90_000
    status, media, _ = raw_get(light_server, "/sparql?" + urlencode({"query": query}))
    assert status == 200 and media.startswith("application/sparql-results+json"), "as by POST"
    assert httpx.post(light_server + "/sparql", data={"query": query}).status_code == 200
    for size in (light_settings.max_url_bytes + 1, 1_000_000):
        status, media, body = raw_get(light_server, "/sparql?query=" + "x" * size)
        assert (status, media) == (414, PROBLEM), body[:200]
        assert json.loads(body)["status"] == 414 and "POST" in json.loads(body)["detail"]


def _raw_exchange(url: str, head: bytes) -> bytes:
    """Send ``head`` as it is and read until the server closes (or 10 s pass)."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as conn:
        try:
            conn.sendall(head)
        except OSError:  # the server may close while a long head is still being sent
            pass
        received = b""
        try:
            while chunk := conn.recv(65536):
                received += chunk
        except OSError:
            pass
        return received


@pytest.mark.parametrize("part", ["header", "url"])
def test_a_request_head_past_the_bound_is_a_431_problem(light_server: str, light_settings: Settings,
                                                        part: str) -> None:
    past = 4 * light_settings.max_url_bytes + 64 * 1024 + 1  # api.app.uvicorn_options
    target, header = ("/health", "x" * past) if part == "header" else ("/sparql?query=" + "x" * past, "1")
    answer = _raw_exchange(light_server, f"GET {target} HTTP/1.1\r\nHost: t\r\nX-Long: {header}\r\n\r\n".encode())
    status_line, _, rest = answer.partition(b"\r\n")
    head, _, body = rest.partition(b"\r\n\r\n")
    assert status_line == b"HTTP/1.1 431 Request Header Fields Too Large", answer[:300]
    assert b"content-type: application/problem+json" in head and b"connection: close" in head
    assert json.loads(body)["status"] == 431
    assert httpx.get(light_server + "/health").status_code == 200, "the server serves on"


def test_heads_below_the_bound_are_served_on_one_connection(light_server: str, light_settings: Settings) -> None:
    """Three heads of half the bound on one keep-alive connection: the count restarts with each request."""
    half = (4 * light_settings.max_url_bytes + 64 * 1024) // 2
    with httpx.Client() as client:
        for _ in range(3):
            r = client.get(light_server + "/health", headers={"X-Padding": "y" * half})
            assert r.status_code == 200


@pytest.mark.parametrize("method, path, allow", [
    ("DELETE", "/search", "GET, HEAD"),
    ("PATCH", "/store", "DELETE, GET, HEAD, POST, PUT"),
    ("GET", "/update", "POST"),
    ("PUT", "/sparql", "GET, HEAD, POST"),
])
def test_405_says_what_is_allowed(light_server: str, method: str, path: str, allow: str) -> None:
    r = httpx.request(method, light_server + path)
    assert_problem(r, 405)
    assert r.headers["allow"] == allow


@pytest.mark.parametrize("params", [
    {"query": "ASK {}", "format": "bogus"},
    {"query": "ASK {}", "format": ""},
    {"query": "ASK {}", "default-graph-uri": "not an iri"},
    {"named-graph-uri": "not an iri"},  # without a query too (the service description)
    {"query": "ASK {}", "timeout": "nan"},
    {"query": "ASK {}", "timeout": "1e999"},
])
def test_sparql_protocol_parameters_are_checked(light_server: str, params: dict[str, str]) -> None:
    r = httpx.get(light_server + "/sparql", params=params, headers={"Accept": "text/turtle"})
    assert r.status_code in (400, 406) and r.headers["content-type"] == PROBLEM, r.text


def test_an_option_given_twice_is_refused(light_server: str) -> None:
    r = httpx.post(light_server + "/sparql", params={"timeout": "3"}, data={"query": "ASK {}", "timeout": "4"})
    assert "once" in str(assert_problem(r, 400)["detail"])
    # format= may repeat (SPARQLWrapper sends synonyms): the first counts; each must be known
    r = httpx.post(light_server + "/sparql", params={"format": "csv"}, data={"query": "ASK {}", "format": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    r = httpx.post(light_server + "/sparql", params={"format": "nonsense"}, data={"query": "ASK {}", "format": "csv"})
    assert_problem(r, 406)


def test_a_blank_search_is_refused_by_the_schema(light_server: str) -> None:
    assert_problem(httpx.get(light_server + "/search", params={"q": " \t\x1c"}), 422)
