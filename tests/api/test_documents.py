"""POST /documents over real HTTP: no silent replacement, size and type refusals, races, a free event loop.

One real server on a fresh light store (reference data, no embedders) with a small document
size limit. Each test uses its own sample documents, so the tests do not depend on each other.
"""

from __future__ import annotations

import http.client
import io
import threading
import time
import zipfile
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import SAMPLE, TOKEN, running_server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
LIMIT = 1_000_000
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def docs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from kg.settings import Settings

    settings = Settings(store=tmp_path_factory.mktemp("documents-store"), api_token=TOKEN, embedders=(),
                        max_document_bytes=LIMIT, sparql_workers=0)
    with running_server(settings) as url:
        yield url


def sample(name: str) -> bytes:
    return (SAMPLE / f"{name}.txt").read_bytes()


def upload(url: str, name: str, content: bytes | Iterator[bytes], **headers: str) -> httpx.Response:
    return httpx.post(url + "/documents", params={"name": name}, content=content, headers={**AUTH, **headers},
                      timeout=120)


def documents(url: str) -> list[dict[str, str]]:
    return httpx.get(url + "/documents", timeout=30).json()["documents"]  # type: ignore[no-any-return]


def slow_docx(paragraphs: int) -> bytes:
    """A small .docx whose parsing takes seconds (many empty paragraphs) and which holds no text."""
    import docx

    seed = io.BytesIO()
    docx.Document().save(seed)
    out = io.BytesIO()
    with zipfile.ZipFile(seed) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * paragraphs, 1)
            dst.writestr(item.filename, data)
    return out.getvalue()


def test_the_same_content_under_another_name_is_a_conflict_naming_the_stored_document(docs_server: str) -> None:
    data = sample("pacam")
    first = upload(docs_server, "pacam.txt", data)
    assert first.status_code == 201 and first.json()["added"] == ["pacam"], first.text
    before = documents(docs_server)
    copy = upload(docs_server, "copy.txt", data)
    assert copy.status_code == 409 and copy.headers["content-type"] == PROBLEM, copy.text
    problem = copy.json()
    assert "copy.txt" in problem["detail"] and "'pacam'" in problem["detail"]
    assert problem["document"] == "pacam" and problem["iri"] == next(d["iri"] for d in before if d["source"] == "pacam")
    assert documents(docs_server) == before, "the stored document is still there, and no copy"
    again = upload(docs_server, "pacam.txt", data)
    assert again.status_code == 201 and again.json()["skipped"] == ["pacam"]


def test_an_oversized_upload_is_refused_from_its_content_length_before_the_body_is_sent(docs_server: str) -> None:
    address = urlsplit(docs_server)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=15)
    try:
        conn.putrequest("POST", "/documents?name=big.pdf")
        conn.putheader("Authorization", AUTH["Authorization"])
        conn.putheader("Content-Type", "application/pdf")
        conn.putheader("Content-Length", str(LIMIT + 1))
        conn.endheaders()  # and not one byte of the body: a server waiting for it would time out
        response = conn.getresponse()
        body = response.read().decode()
    finally:
        conn.close()
    assert response.status == 413 and response.getheader("content-type") == PROBLEM, body
    assert "big.pdf" in body and str(LIMIT) in body


def test_an_oversized_streamed_upload_is_refused_once_past_the_limit(docs_server: str) -> None:
    before = documents(docs_server)
    chunks = (b"Resolution text. " * 4096 for _ in range(40))  # ~2.8 MB, chunked: no Content-Length
    r = upload(docs_server, "big.txt", chunks)
    assert r.status_code == 413 and r.headers["content-type"] == PROBLEM, r.text
    assert "big.txt" in r.json()["detail"]
    assert documents(docs_server) == before


@pytest.mark.parametrize(("name", "body", "status", "detail"), [
    ("empty.txt", b"", 400, "empty.txt: the request body is empty"),
    ("blank.txt", b"\n\n  \n", 400, "blank.txt: the file is empty"),
    ("short.txt", b"Too short.", 400, "short.txt: too little text"),
    ("photo.jpg", b"\xff\xd8\xff\xe0 a JPEG of a resolution", 415, "photo.jpg: unsupported file type .jpg"),
    ("folder/notes", b"Some notes without an extension in their name.", 415, "notes: unsupported file type"),
    ("latin.txt", b"\x81\x8d\x8f\x90\x9d" * 10, 400, "latin.txt: cannot read as text"),
    ("blob.md", b"\x00\x01\x02\x03" * 20, 400, "blob.md: binary content"),
    ("broken.pdf", b"%PDF-1.4 not really a PDF", 400, "broken.pdf: cannot read as PDF: the file is damaged"),
    ("broken.docx", b"PK\x03\x04 not really a zip" * 4, 400, "broken.docx: cannot read as Word (.docx)"),
    ("", sample("mispa"), 422, "name"),
])
def test_a_bad_upload_is_a_clear_problem_naming_the_file_and_changes_nothing(
        docs_server: str, name: str, body: bytes, status: int, detail: str) -> None:
    before = documents(docs_server)
    r = upload(docs_server, name, body)
    assert r.status_code == status and r.headers["content-type"] == PROBLEM, r.text
    assert detail in r.json()["detail"]
    assert documents(docs_server) == before


def race(url: str, uploads: list[tuple[str, bytes]]) -> list[httpx.Response]:
    """Send every upload at the same moment, each from its own thread."""
    start = threading.Barrier(len(uploads))
    responses: list[httpx.Response | None] = [None] * len(uploads)

    def send(i: int) -> None:
        start.wait()
        responses[i] = upload(url, *uploads[i])

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(uploads))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert all(r is not None for r in responses)
    return [r for r in responses if r is not None]


def test_concurrent_versions_of_one_document_leave_exactly_one(docs_server: str) -> None:
    versions = ["cicad-savia", "cicte-aviation-security", "mapp-oea-colombia"]
    responses = race(docs_server, [("race.txt", sample(v)) for v in versions])
    assert [r.status_code for r in responses] == [201] * len(versions), [r.text for r in responses]
    outcomes = sorted(k for r in responses for k in ("added", "replaced") if r.json()[k] == ["race"])
    assert outcomes == ["added"] + ["replaced"] * (len(versions) - 1)
    assert [d["source"] for d in documents(docs_server)].count("race") == 1


def test_concurrent_uploads_of_one_content_under_several_names_store_it_once(docs_server: str) -> None:
    data = sample("firearms-marking-lac")
    responses = race(docs_server, [(f"twin-{i}.txt", data) for i in range(3)])
    assert sorted(r.status_code for r in responses) == [201, 409, 409], [r.text for r in responses]
    kept = next(r.json()["added"][0] for r in responses if r.status_code == 201)
    assert all(f"'{kept}'" in r.json()["detail"] for r in responses if r.status_code == 409)
    assert [d["source"] for d in documents(docs_server) if d["source"].startswith("twin-")] == [kept]


def test_parsing_an_upload_leaves_the_event_loop_free(docs_server: str) -> None:
    data = slow_docx(150_000)
    assert len(data) < LIMIT
    httpx.get(docs_server + "/openapi.json", timeout=30)  # built once, then served from memory by the loop
    result: list[httpx.Response] = []
    sender = threading.Thread(target=lambda: result.append(upload(docs_server, "slow.docx", data)))
    started = time.perf_counter()
    sender.start()
    worst = 0.0
    while sender.is_alive():
        asked = time.perf_counter()
        httpx.get(docs_server + "/openapi.json", timeout=30)
        worst = max(worst, time.perf_counter() - asked)
        time.sleep(0.02)
    took = time.perf_counter() - started
    assert result[0].status_code == 400 and "slow.docx" in result[0].json()["detail"]
    assert took > 1.0, f"the upload took {took:.2f} s: too fast to show anything"
    assert worst < took / 2, f"the loop answered in up to {worst:.2f} s during a {took:.2f} s upload"


def test_the_upload_is_declared_in_the_openapi_document(docs_server: str) -> None:
    post = httpx.get(docs_server + "/openapi.json", timeout=30).json()["paths"]["/documents"]["post"]
    kinds = set(post["requestBody"]["content"])
    assert {"text/plain", "application/pdf", "text/html",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"} <= kinds
    assert "201" in post["responses"]
    for status in ("400", "401", "409", "413", "415", "422"):
        assert list(post["responses"][status]["content"]) == [PROBLEM], status
    assert [p["name"] for p in post["parameters"]] == ["name"]
