"""The ingest pipeline: read → segment/extract/resolve → graph → validate → embed → write.

All or nothing: every document of a run is prepared and validated before anything is
written; a document that fails (unreadable, shape violation) aborts the run with the
store untouched, unless ``skip_bad`` asks to store the others. The write is one store
transaction; the indexes are then derived from the store (see :mod:`kg.workspace`).

A document's IRIs come from its content hash, so one content is one document: a file
whose text is already stored (or earlier in the same run) under another name is never
stored a second time nor allowed to replace the first; it is reported as a duplicate of
the one that holds it. Which documents are added, replaced, skipped or duplicates is
decided again under the workspace's write lock, against the store as it is then, so
concurrent ingests never keep two versions of one document nor replace each other.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePath

from pyoxigraph import Literal, Quad

from ingest.document_graph import DocumentGraphBuilder
from ingest.extract import ExtractedDocument, Extractor
from ingest.gazetteer import Gazetteer, build_gazetteer
from ingest.kinds import DocumentKind, detect_kind
from ingest.read import UNREADABLE, RawDocument, collect_paths, read_path
from ingest.validate import ShapeValidator
from kg.errors import BadInput, Conflict, NotFound, ShapeViolation
from kg.cooperation_graph import refresh_cooperation
from kg.index.passage_set import PassageSet
from kg.practices.graph import refresh_practice_suggestions
from kg.workspace import Workspace

Progress = Callable[[str, int, int], None]

EXISTING_QUERY = """
PREFIX pkg: <{v}>
SELECT ?g ?doc ?source ?hash ?path WHERE {{
  GRAPH ?g {{ ?doc a pkg:Document ; pkg:source ?source ; pkg:contentHash ?hash OPTIONAL {{ ?doc pkg:sourcePath ?path }} }}
  FILTER(STRSTARTS(STR(?g), {documents})) }}
"""
KNOWN_YEARS_QUERY = """
PREFIX pkg: <{v}>
SELECT ?n ?y WHERE {{ ?i a pkg:Resolution ; pkg:issuedBy ?by ; pkg:number ?n ; pkg:year ?y }}
"""


def batch_years(raws: Sequence[RawDocument], kinds: Sequence[DocumentKind]) -> dict[int, int]:
    """Number → year of the resolutions of a batch, read from their headers, for references without a year.

    ``kinds[i]`` is the kind of ``raws[i]``. Pure.

    >>> text = "Resolution 660 (1990)\\nof 2 August 1990\\n\\nThe Security Council,\\n"
    >>> raw = RawDocument("660", "660.txt", text, "text/plain", "0" * 64)
    >>> batch_years([raw], [detect_kind(text)])
    {660: 1990}
    """
    out = {}
    for raw, kind in zip(raws, kinds):
        header = kind.header(raw.text)
        if header is not None and header.year:
            out[header.number] = header.year
    return out


def _value(term: object) -> str | None:
    """The lexical value of a bound term (IRI or literal); None when unbound."""
    return None if term is None else str(getattr(term, "value"))  # noqa: B009 (Term is a union)


@dataclass(frozen=True)
class Duplicate:
    """A file not stored because the same text is already stored (or kept) under another name."""

    source: str
    path: str
    same_as: str  # source name of the document that holds the text
    same_as_path: str | None
    iri: str  # that document's IRI

    def describe(self) -> str:
        other = f"{self.same_as_path} (document {self.same_as!r})" if self.same_as_path else repr(self.same_as)
        return f"{self.path} has the same content as {other}; it is not stored a second time under another name"

    def as_dict(self) -> dict[str, object]:
        return {"document": self.source, "path": self.path, "same_as": self.same_as,
                "same_as_path": self.same_as_path, "iri": self.iri}


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    documents: list[dict[str, object]] = field(default_factory=list)
    passages: int = 0
    quads: int = 0
    vectors_computed: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def timed(self, step: str, started: float) -> None:
        self.seconds[step] = self.seconds.get(step, 0.0) + time.perf_counter() - started

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added, "replaced": self.replaced, "skipped": self.skipped,
            "failed": [{"document": d, "reason": r} for d, r in self.failed],
            "duplicates": [d.as_dict() for d in self.duplicates],
            "documents": self.documents, "passages": self.passages, "quads": self.quads,
            "vectors_computed": self.vectors_computed,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }


@dataclass(frozen=True)
class StoredDocument:
    graph: str
    iri: str
    source: str
    content_hash: str
    path: str | None = None  # the file it was read from, as given at ingest


@dataclass(frozen=True)
class Decision:
    """Where each document of a batch goes, against one view of the store."""

    todo: list[RawDocument]
    skipped: list[str]
    duplicates: list[Duplicate]


class Ingestor:
    """Ingests documents into one workspace. Holds the gazetteer and the NLP models."""

    def __init__(self, workspace: Workspace, *, use_ner: bool = True) -> None:
        self.ws = workspace
        self.iris = workspace.iris
        self.use_ner = use_ner
        self.builder = DocumentGraphBuilder(self.iris)
        self.validator = ShapeValidator(self.iris)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return build_gazetteer(self.ws.store, self.iris)

    @cached_property
    def extractor(self) -> Extractor:
        return Extractor(self.gazetteer, self.iris, use_ner=self.use_ner)

    def stored(self) -> dict[str, StoredDocument]:
        """The stored documents by source name. A snapshot: take the write lock to act on it."""
        out = {}
        for row in self.ws.store.select(
                EXISTING_QUERY.format(v=self.iris.ontology, documents=Literal(self.iris.document_graph("")))):
            g, doc, source, digest, path = (_value(term) for term in row)
            if g and doc and source and digest:
                out[source] = StoredDocument(g, doc, source, digest, path)
        return out

    def decide(self, raws: Sequence[RawDocument], stored: dict[str, StoredDocument]) -> Decision:
        """Skip what is stored unchanged; refuse a content that another name already holds. Pure.

        ``raws`` hold one document per source name. A content held by a stored document, or
        by an earlier document of ``raws``, under another name is a :class:`Duplicate` of it.
        """
        holders = {d.graph: d for d in stored.values()}
        todo, skipped, duplicates = [], [], []
        for raw in raws:
            old = stored.get(raw.source)
            graph = self.iris.document_graph(raw.content_id)
            holder = holders.get(graph)
            if old is not None and old.content_hash == raw.content_hash:
                skipped.append(raw.source)
            elif holder is not None and holder.source != raw.source:
                duplicates.append(Duplicate(raw.source, raw.path, holder.source, holder.path, holder.iri))
            else:
                todo.append(raw)
                holders[graph] = StoredDocument(graph, self.iris.document(raw.content_id), raw.source,
                                                raw.content_hash, raw.path)
        return Decision(todo, skipped, duplicates)

    def known_years(self) -> dict[int, int]:
        rows = self.ws.store.select(KNOWN_YEARS_QUERY.format(v=self.iris.ontology))
        return {int(_value(n) or 0): int(_value(y) or 0) for n, y in rows}

    def ingest_paths(self, paths: Sequence[Path], *, skip_bad: bool = False,
                     progress: Progress | None = None) -> IngestReport:
        report = IngestReport()
        started = time.perf_counter()
        raws: list[RawDocument] = []
        files = collect_paths(list(paths))
        for i, path in enumerate(files):
            try:
                raws.append(read_path(path, max_bytes=self.ws.settings.max_document_bytes))
            except UNREADABLE as e:
                report.failed.append((str(path), str(e)))
            if progress:
                progress("read", i + 1, len(files))
        report.timed("read", started)
        return self.ingest_documents(raws, report=report, skip_bad=skip_bad, progress=progress)

    def ingest_documents(self, raws: Sequence[RawDocument], *, report: IngestReport | None = None,
                         skip_bad: bool = False, progress: Progress | None = None) -> IngestReport:
        """Store the documents: all or nothing (one store transaction), then rebuild the indexes.

        Unchanged documents are skipped, changed ones replace their previous graph, and a
        content already held under another name is reported in ``duplicates``, not stored.
        Those decisions are taken under the write lock, so concurrent calls are safe.
        """
        report = report or IngestReport()
        if report.failed and not skip_bad:
            raise BadInput("nothing was stored; cannot read: " + "; ".join(r for _, r in report.failed))
        by_source: dict[str, RawDocument] = {}
        for raw in raws:
            other = by_source.get(raw.source)
            if other is not None and other.content_hash != raw.content_hash:
                raise Conflict(f"two different documents named {raw.source!r}: {other.path} and {raw.path}")
            by_source[raw.source] = raw
        todo = self._settle(self.decide(list(by_source.values()), self.stored()), report)  # a first look
        if not todo:
            return report

        started = time.perf_counter()
        kinds = [detect_kind(raw.text, filename=PurePath(raw.path).name) for raw in todo]
        known = self.known_years()
        known.update(batch_years(todo, kinds))
        extracted: list[ExtractedDocument] = []
        for i, (raw, kind) in enumerate(zip(todo, kinds)):
            extracted.append(self.extractor.extract(raw, known_years=known, kind=kind))
            if progress:
                progress("extract", i + 1, len(todo))
        report.timed("extract", started)

        started = time.perf_counter()
        graphs: dict[str, tuple[ExtractedDocument, list[Quad]]] = {}
        for doc in extracted:
            graphs[doc.raw.source] = (doc, self.builder.quads(doc))
        report.timed("graph", started)

        if self.ws.settings.shapes:
            started = time.perf_counter()
            violations = self.validator.validate({s: q for s, (_, q) in graphs.items()})
            report.timed("validate", started)
            bad = {v.document for v in violations}
            if bad and not skip_bad:
                detail = "; ".join(f"{v.document}: {v.message} ({v.focus})" for v in violations[:10])
                raise ShapeViolation(f"nothing was stored; {len(bad)} document(s) violate the shapes: {detail}")
            for source in bad:
                report.failed.append((source, "; ".join(v.message for v in violations if v.document == source)))
                del graphs[source]

        started = time.perf_counter()
        texts = [doc.raw.text[s.start:s.end] for doc, _ in graphs.values() for s in doc.segments]
        for name in self.ws.settings.embedders:
            embedder = self.ws.embedder(name)
            computed = 0
            for i in range(0, len(texts), 256):
                _, n = self.ws.cache.encode(embedder, texts[i : i + 256])
                computed += n
                if progress:
                    progress(f"embed {name}", min(i + 256, len(texts)), len(texts))
            report.vectors_computed[name] = computed
            report.seconds[f"embed {name}"] = time.perf_counter() - started
            started = time.perf_counter()

        started = time.perf_counter()
        with self.ws.write_lock:  # decide again against the store as it is now: concurrent ingests
            stored = self.stored()
            keep = {raw.source for raw in self._settle(self.decide([d.raw for d, _ in graphs.values()], stored),
                                                       report)}
            graphs = {s: g for s, g in graphs.items() if s in keep}
            if graphs:
                replacements = {self.iris.document_graph(d.raw.content_id): quads for d, quads in graphs.values()}
                self.ws.store.replace_graphs(replacements, drop=[stored[s].graph for s in graphs if s in stored])
                report.timed("write", started)
                started = time.perf_counter()
                passages = self.ws.rebuild_indexes()
                report.timed("index", started)
                started = time.perf_counter()
                self._refresh_suggestions(passages)
                report.timed("suggestions", started)
        for source, (doc, quads) in graphs.items():
            (report.replaced if source in stored else report.added).append(source)
            report.passages += len(doc.segments)
            report.quads += len(quads)
            report.documents.append({"source": source, "iri": self.iris.document(doc.raw.content_id),
                                     "type": doc.kind, "language": doc.language, "title": doc.title,
                                     "passages": len(doc.segments)})
        return report

    def _refresh_suggestions(self, passages: PassageSet) -> None:
        """Derived, like the indexes: suggested practice links and cooperation facts follow the documents
        (kg.practices.graph, kg.cooperation_graph)."""
        refresh_practice_suggestions(self.ws.store, self.iris, passages=passages,
                                     embedder=self.ws.settings.default_embedder)
        refresh_cooperation(self.ws.store, self.iris)

    @staticmethod
    def _settle(decision: Decision, report: IngestReport) -> list[RawDocument]:
        report.skipped.extend(decision.skipped)
        report.duplicates.extend(decision.duplicates)
        return decision.todo

    def ingest_upload(self, raw: RawDocument) -> IngestReport:
        """Ingest one document (as :meth:`ingest_documents`), refusing to store a content twice.

        Raises :class:`Conflict` naming the stored document, with nothing written, when the
        same content is stored under another name: storing it would replace that document.
        """
        report = self.ingest_documents([raw])
        if report.duplicates:
            dup = report.duplicates[0]
            raise Conflict(f"{raw.path}: the same content is already stored as document {dup.same_as!r} "
                           f"({dup.iri}); nothing was stored. Delete {dup.same_as!r} first to store it as "
                           f"{raw.source!r}", document=dup.same_as, iri=dup.iri)
        return report

    def delete(self, key: str) -> StoredDocument:
        """Remove one document (by source name, content id or IRI) and everything extracted from it."""
        with self.ws.write_lock:
            for doc in self.stored().values():
                if key in (doc.source, doc.iri, doc.iri.rsplit("/", 1)[-1]):
                    self.ws.store.replace_graphs({}, drop=[doc.graph])
                    self._refresh_suggestions(self.ws.rebuild_indexes())
                    return doc
        raise NotFound(f"no document {key!r}")

