"""Read step: a file becomes text plus identity (source name, content hash, language).

A file that cannot be read raises an error naming the file and the reason, and nothing
of it reaches the store: :class:`kg.errors.UnsupportedMediaType` for an extension with no
reader, :class:`kg.errors.PayloadTooLarge` for a file past the size limit (checked before
the file is read), :class:`kg.errors.BadInput` for an empty, undecodable or damaged file.
"""

from __future__ import annotations

import hashlib
import io
import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.catalogs.errors import CatalogError
from ingest.catalogs.mapping import CatalogMapping, load_mapping_beside
from ingest.catalogs.reader import CATALOG_SUFFIXES, is_catalog_file, read_catalog
from kg.errors import BadInput, PayloadTooLarge, PolicyKGError, UnsupportedMediaType

log = logging.getLogger(__name__)
#: What reading a file can raise; each names the file. Ingest reports these per file.
UNREADABLE: tuple[type[PolicyKGError], ...] = (BadInput, PayloadTooLarge, UnsupportedMediaType)
MIN_TEXT = 20  # characters: less than this is not a document
SUFFIXES = (".txt", ".text", ".md", ".pdf", ".html", ".htm", ".docx", *CATALOG_SUFFIXES)


@dataclass(frozen=True)
class RawDocument:
    source: str  # file name without extension: the document's identity across re-ingests
    path: str
    text: str
    media_type: str
    content_hash: str  # sha256 of the extracted text

    @property
    def content_id(self) -> str:
        return self.content_hash[:16]


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n\n".join(page.extract_text() or "" for page in reader.pages)


def _html_text(data: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer"]):
        tag.decompose()
    return soup.get_text("\n")


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    return "\n\n".join(p.text for p in document.paragraphs)


class NotText(ValueError):
    """Bytes that no text encoding we accept can decode; the message is ours, safe to show."""


def _plain_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte order mark (Windows "Unicode")
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotText("the bytes are not valid UTF-16 text despite its byte order mark") from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NotText("the bytes are neither UTF-8 nor Windows-1252 text")


@dataclass(frozen=True)
class Reader:
    media_type: str
    label: str  # what the file should be, in messages
    read: Callable[[bytes], str]
    catalog: bool = False  # the decoded text is a catalog's records, read through a field mapping


READERS = {
    ".txt": Reader("text/plain", "text", _plain_text),
    ".text": Reader("text/plain", "text", _plain_text),
    ".md": Reader("text/markdown", "Markdown", _plain_text),
    ".pdf": Reader("application/pdf", "PDF", _pdf_text),
    ".html": Reader("text/html", "HTML", _html_text),
    ".htm": Reader("text/html", "HTML", _html_text),
    ".docx": Reader("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (.docx)",
                    _docx_text),
    ".jsonl": Reader("application/jsonl", "JSON Lines catalog", _plain_text, catalog=True),
    ".ndjson": Reader("application/jsonl", "JSON Lines catalog", _plain_text, catalog=True),
    ".json": Reader("application/json", "JSON catalog", _plain_text, catalog=True),
    ".csv": Reader("text/csv", "CSV catalog", _plain_text, catalog=True),
}


def reader_for(name: str) -> Reader:
    """The reader a file name's extension picks; :class:`UnsupportedMediaType` naming the file if none.

    >>> reader_for("report.PDF").media_type
    'application/pdf'
    """
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        raise UnsupportedMediaType(f"{name}: unsupported file type {suffix or '(no extension)'}; "
                                   f"supported: {', '.join(SUFFIXES)}")
    return READERS[suffix]


def read_bytes(data: bytes, *, name: str, mapping: CatalogMapping | None = None) -> RawDocument:
    """Read a document given as bytes with its file name (the name picks the reader). Pure.

    Every refusal names the file: unsupported type (:class:`UnsupportedMediaType`), empty,
    undecodable or damaged (:class:`BadInput`). A catalog (``.jsonl``, ``.json``, ``.csv``) is
    read through ``mapping``, or else a bundled or the default one
    (:mod:`ingest.catalogs.mapping`); a record it cannot take refuses the whole file.

    >>> read_bytes(b"Resolution 1 (1946) of 25 January 1946", name="S_RES_0001.txt").source
    'S_RES_0001'
    >>> read_bytes(b"", name="notes.txt")
    Traceback (most recent call last):
    kg.errors.BadInput: notes.txt: the file is empty
    """
    reader = reader_for(name)
    if not data.strip():
        raise BadInput(f"{name}: the file is empty")
    try:
        text = reader.read(data)
        if reader.catalog:
            text = read_catalog(text, name=name, mapping=mapping)
    except (NotText, CatalogError) as e:
        raise BadInput(f"{name}: cannot read as {reader.label}: {e}") from None
    except Exception as e:  # any parser failure is the file's fault; its text stays in the log
        log.info("cannot read %s as %s: %s: %s", name, reader.label, type(e).__name__, e)
        raise BadInput(f"{name}: cannot read as {reader.label}: the file is damaged or is not a "
                       f"{reader.label} file") from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "\x00" in text:
        raise BadInput(f"{name}: binary content in a {reader.label} document (is the extension right?)")
    length = len(text.strip())
    if length == 0 and reader.media_type == "application/pdf":
        raise BadInput(f"{name}: no text could be extracted (a scanned PDF without a text layer?)")
    if length == 0:
        raise BadInput(f"{name}: the file holds no text")
    if length < MIN_TEXT:
        raise BadInput(f"{name}: too little text to be a document ({length} characters; at least {MIN_TEXT})")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return RawDocument(Path(name).stem, name, text, reader.media_type, digest)


def too_large(name: str, max_bytes: int, *, size: int | None = None) -> PayloadTooLarge:
    """The error for a document past the size limit (the same words for HTTP and the CLI).

    >>> str(too_large("big.txt", 10, size=12))
    'big.txt is larger than the 10-byte limit for a document (12 bytes; POLICYKG_MAX_DOCUMENT_BYTES)'
    """
    known = f"{size} bytes; " if size is not None else ""
    return PayloadTooLarge(f"{name} is larger than the {max_bytes}-byte limit for a document "
                           f"({known}POLICYKG_MAX_DOCUMENT_BYTES)", limit=max_bytes)


def read_path(path: Path, *, max_bytes: int) -> RawDocument:
    """Read one file; its extension and size are checked before any of it is read.

    Never reads more than ``max_bytes + 1`` bytes, so a huge file costs nothing.
    """
    reader_for(path.name)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise too_large(str(path), max_bytes, size=size)
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise BadInput(f"{path}: cannot open: {e.strerror or e}") from None
    if len(data) > max_bytes:  # it grew, or stat does not tell (a pipe)
        raise too_large(str(path), max_bytes)
    try:
        mapping = load_mapping_beside(path) if path.suffix.lower() in CATALOG_SUFFIXES else None
    except CatalogError as e:
        raise BadInput(f"{path}: {e}") from None
    doc = read_bytes(data, name=path.name, mapping=mapping)
    return RawDocument(doc.source, str(path), doc.text, doc.media_type, doc.content_hash)


def collect_paths(paths: list[Path]) -> list[Path]:
    """Every readable file under the given files and folders, in a stable order.

    In a folder, a data file (``.jsonl``, ``.json``, ``.csv``) is taken only when it is a catalog
    (:func:`~ingest.catalogs.reader.is_catalog_file`): other data files are not documents.
    A file named on its own is always taken, so one that is no catalog is refused by name.
    """
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                              and not f.name.startswith(".") and f.name.lower() != "readme.md"
                              and (f.suffix.lower() not in CATALOG_SUFFIXES or is_catalog_file(f))))
        elif p.exists():
            out.append(p)
        else:
            raise BadInput(f"{p}: no such file or folder")
    return out
