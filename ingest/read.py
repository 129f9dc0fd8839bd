"""Read step: a file becomes text plus identity (source name, content hash, language).

A file that cannot be read raises :class:`kg.errors.BadInput` naming the path and the
reason; nothing of it reaches the store.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kg.errors import BadInput

SUFFIXES = (".txt", ".text", ".md", ".pdf", ".html", ".htm", ".docx")


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


def _plain_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("not UTF-8 or Windows-1252 text")


READERS = {
    ".txt": ("text/plain", _plain_text),
    ".text": ("text/plain", _plain_text),
    ".md": ("text/markdown", _plain_text),
    ".pdf": ("application/pdf", _pdf_text),
    ".html": ("text/html", _html_text),
    ".htm": ("text/html", _html_text),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _docx_text),
}


def read_bytes(data: bytes, *, name: str) -> RawDocument:
    """Read a document given as bytes with its file name (the name picks the reader).

    >>> read_bytes(b"Resolution 1 (1946) of 25 January 1946", name="S_RES_0001.txt").source
    'S_RES_0001'
    """
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        raise BadInput(f"{name}: unsupported file type {suffix or '(none)'}; supported: {', '.join(SUFFIXES)}")
    media_type, reader = READERS[suffix]
    try:
        text = reader(data)
    except Exception as e:  # any parser failure is the file's fault, reported with its name
        raise BadInput(f"{name}: cannot read as {media_type}: {e}") from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "\x00" in text:
        raise BadInput(f"{name}: binary content in a text document")
    if len(text.strip()) < 20:
        raise BadInput(f"{name}: no text could be extracted (scanned PDF without a text layer?)")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return RawDocument(Path(name).stem, name, text, media_type, digest)


def read_path(path: Path) -> RawDocument:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BadInput(f"{path}: cannot open: {e.strerror or e}") from None
    doc = read_bytes(data, name=path.name)
    return RawDocument(doc.source, str(path), doc.text, doc.media_type, doc.content_hash)


def collect_paths(paths: list[Path]) -> list[Path]:
    """Every readable file under the given files and folders, in a stable order."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                              and not f.name.startswith(".") and f.name.lower() != "readme.md"))
        elif p.exists():
            out.append(p)
        else:
            raise BadInput(f"{p}: no such file or folder")
    return out
