"""The read step: every refusal names the file and says what is wrong with it; big files are not read."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from ingest.read import read_bytes, read_path
from kg.errors import BadInput, PayloadTooLarge, PolicyKGError, UnsupportedMediaType

TEXT = b"Resolution 1 (1946) of 25 January 1946 on the Military Staff Committee."


def blank_pdf() -> bytes:
    """A valid PDF with one page and no text layer (what a scan without OCR looks like)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(("name", "data", "error", "message"), [
    ("notes.txt", b"", BadInput, "notes.txt: the file is empty"),
    ("notes.md", b" \n\t\r\n", BadInput, "notes.md: the file is empty"),
    ("scan.pdf", b"", BadInput, "scan.pdf: the file is empty"),
    ("report.docx", b"", BadInput, "report.docx: the file is empty"),
    ("scan.pdf", blank_pdf(), BadInput, "scan.pdf: no text could be extracted (a scanned PDF"),
    ("page.html", b"<html><body><script>x()</script></body></html>", BadInput, "page.html: the file holds no text"),
    ("short.txt", b"Too short.", BadInput, "short.txt: too little text to be a document (10 characters"),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + TEXT, UnsupportedMediaType, "photo.jpg: unsupported file type .jpg"),
    ("README", TEXT, UnsupportedMediaType, "README: unsupported file type (no extension)"),
    ("latin.txt", b"\x81\x8d\x8f\x90\x9d" * 10, BadInput,
     "latin.txt: cannot read as text: the bytes are neither UTF-8 nor Windows-1252"),
    ("blob.txt", b"\x00\x01\x02\x03" * 20, BadInput, "blob.txt: binary content in a text document"),
    ("broken.pdf", b"%PDF-1.4 not really a PDF", BadInput,
     "broken.pdf: cannot read as PDF: the file is damaged or is not a PDF file"),
    ("broken.docx", b"PK\x03\x04 not really a zip" * 4, BadInput,
     "broken.docx: cannot read as Word (.docx): the file is damaged or is not a Word (.docx) file"),
])
def test_a_refusal_names_the_file_and_the_reason(name: str, data: bytes, error: type[PolicyKGError],
                                                 message: str) -> None:
    with pytest.raises(error) as caught:
        read_bytes(data, name=name)
    assert type(caught.value) is error and str(caught.value).startswith(message), str(caught.value)


@pytest.mark.parametrize(("name", "data", "text"), [
    ("plain.txt", TEXT, TEXT.decode()),
    ("bom.txt", b"\xef\xbb\xbf" + TEXT, TEXT.decode()),
    ("windows.txt", "Résolution adoptée à l'unanimité le 25 janvier 1946.".encode("cp1252"),
     "Résolution adoptée à l'unanimité le 25 janvier 1946."),
    ("notepad.txt", TEXT.decode().encode("utf-16"), TEXT.decode()),
])
def test_text_encodings_we_accept(name: str, data: bytes, text: str) -> None:
    assert read_bytes(data, name=name).text == text


def test_a_file_past_the_limit_is_refused_by_name_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:  # 4 GiB, sparse: reading it whole would take minutes and all the memory
        f.truncate(4 << 30)
    started = time.perf_counter()
    with pytest.raises(PayloadTooLarge, match=r"huge\.txt is larger than the 1000000-byte limit"):
        read_path(big, max_bytes=1_000_000)
    assert time.perf_counter() - started < 1.0
    small = tmp_path / "small.txt"
    small.write_bytes(TEXT)
    assert read_path(small, max_bytes=len(TEXT)).source == "small"
    with pytest.raises(PayloadTooLarge, match="small.txt"):
        read_path(small, max_bytes=len(TEXT) - 1)


def test_an_unsupported_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    unreadable = tmp_path / "secret.exe"
    unreadable.write_bytes(TEXT)
    unreadable.chmod(0)  # reading it would fail with "cannot open"; the type is refused first
    with pytest.raises(UnsupportedMediaType, match="secret.exe: unsupported file type .exe"):
        read_path(unreadable, max_bytes=1000)
