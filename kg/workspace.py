"""A workspace: the store, its passage indexes and the vector cache under one directory.

The store is the source of truth. Indexes are derived from the passages in the store
and carry the store's fingerprint; when the two disagree (a crash between the store
commit and the index publish, or a write through SPARQL Update) the indexes are rebuilt
from the store, reusing cached vectors. So after any crash graph, passages and vectors agree.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import numpy as np
from pyoxigraph import Literal, NamedNode, Quad

from kg.embed import open_embedder
from kg.embed.base import Embedder
from kg.embed.cache import VectorCache
from kg.index.base import PassageRow
from kg.index.passage_set import PassageSet
from kg.settings import Settings
from kg.store import backend_name, open_store
from ontology.iri import Iris
from ontology.reference import TURTLE_FILES, reference_quads

log = logging.getLogger(__name__)
#: query vectors kept (``Workspace.encode_query``): enough for the questions in flight at once
QUERY_VECTORS_KEPT = 64

#: Passages come from document graphs only: a graph written through SPARQL Update or the
#: Graph Store Protocol never feeds the search indexes, so they cannot drift from the store.
PASSAGES_QUERY = """
PREFIX pkg: <{v}>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?p ?doc ?text ?start ?end ?section ?lang WHERE {{
  GRAPH ?g {{
    ?p a pkg:Passage ; pkg:partOf ?doc ; pkg:text ?text ; pkg:start ?start ; pkg:end ?end ;
       pkg:section ?section ; pkg:position ?pos .
    OPTIONAL {{ ?doc dcterms:language ?lang }}
  }}
  FILTER(STRSTARTS(STR(?g), {documents}))
}} ORDER BY ?doc ?pos
"""


def reference_version() -> str:
    from ontology import reference

    here = Path(reference.__file__).resolve().parent
    h = hashlib.sha256()
    for name in sorted([*TURTLE_FILES.values(), "states.py", "state-aliases.csv", "oas-member-states.csv", "reference.py"]):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def _value(term: object) -> str:
    """The lexical value of a bound term (IRI or literal); "" when unbound."""
    return "" if term is None else str(getattr(term, "value"))  # noqa: B009 (Term is a union)



class StoreSizes(NamedTuple):
    documents: int  # document graphs
    quads: int

class Workspace:
    """The store (from :func:`kg.store.open_store`), the passage indexes and the vector cache of ``settings.store``."""

    def __init__(self, settings: Settings, *, read_only: bool = False) -> None:
        self.settings = settings
        self.iris = Iris(settings.base_iri)
        root = settings.store
        self.read_only = read_only
        self.store = open_store(settings, read_only=read_only)
        if not self.store.transactional_writes:
            log.warning("the %s store does not write atomically: a crash during a write may leave a document's "
                        "graph half replaced (ingest it again to repair it)", backend_name(settings))
        self.index_root = root / "index"
        self.cache = VectorCache(root / "vectors.sqlite")
        self.write_lock = threading.Lock()
        self._embedders: dict[str, Embedder] = {}
        self._passages: PassageSet | None = None
        self._fingerprint: tuple[int, str] | None = None  # (store version, fingerprint)
        self._sizes: tuple[int, StoreSizes] | None = None  # (store version, sizes)
        self._query_vectors: dict[tuple[str, str], np.ndarray] = {}  # recent questions: /ask links, then searches
        self._query_lock = threading.Lock()
        if not read_only:
            self.ensure_reference()

    # reference data
    def ensure_reference(self) -> None:
        """Load or refresh the curated reference graphs when the shipped files changed."""
        version = reference_version()
        marker = self.store.select(
            "SELECT ?v WHERE { GRAPH ?g { ?s ?p ?v } }",
            g=NamedNode(self.iris.system_graph), s=NamedNode(self.iris.system_graph),
            p=NamedNode(self.iris.vocab("referenceVersion")))
        if marker and marker[0][0] is not None and getattr(marker[0][0], "value", None) == version:
            return
        graphs: dict[str, list[Quad]] = {}
        for q in reference_quads(self.iris):
            assert isinstance(q.graph_name, NamedNode)  # reference data lives in named graphs
            graphs.setdefault(q.graph_name.value, []).append(q)
        system = NamedNode(self.iris.system_graph)
        graphs[self.iris.system_graph] = [
            Quad(system, NamedNode(self.iris.vocab("referenceVersion")), Literal(version), system)]
        with self.write_lock:
            self.store.replace_graphs(graphs)
        log.info("reference graphs loaded (%s)", version)

    # embedders
    @property
    def loaded_embedders(self) -> tuple[str, ...]:
        """The embedders whose model is in memory (a model loads on first use, or at a service's warm-up)."""
        return tuple(self._embedders)

    def embedder(self, name: str) -> Embedder:
        if name not in self._embedders:
            self._embedders[name] = open_embedder(name, precision=self.settings.e5_precision,
                                                  threads=self.settings.encoder_threads)
        return self._embedders[name]

    # documents
    def document_graphs(self) -> list[str]:
        prefix = self.iris.document_graph("")
        return [g for g in self.store.named_graphs() if g.startswith(prefix)]

    def fingerprint(self) -> str:
        """What the indexes were derived from: the document graphs and the embedders.

        Recomputed only when the store's ``version`` moved (any write; on a remote store, a write
        by any replica, seen within ``store_poll_s``), so asking on every search costs little.
        """
        version = self.store.version
        if self._fingerprint is not None and self._fingerprint[0] == version:
            return self._fingerprint[1]
        h = hashlib.sha256()
        for g in self.document_graphs():
            h.update(g.encode())
        h.update(",".join(self.settings.embedders).encode())
        self._fingerprint = (version, h.hexdigest()[:16])
        return self._fingerprint[1]

    def sizes(self) -> StoreSizes:
        """How many document graphs and quads the store holds, counted again only when its ``version`` moved.

        Counting the quads walks the whole store (50 ms at a million quads, growing with it), and
        ``/health`` is what load balancers poll on every replica.
        """
        version = self.store.version
        if self._sizes is None or self._sizes[0] != version:
            self._sizes = (version, StoreSizes(len(self.document_graphs()), len(self.store)))
        return self._sizes[1]

    # passages and indexes
    def passage_rows(self) -> list[PassageRow]:
        rows = []
        for row in self.store.select(
                PASSAGES_QUERY.format(v=self.iris.ontology, documents=Literal(self.iris.document_graph("")))):
            p, doc, text, start, end, section, lang = row
            rows.append(PassageRow(_value(p), _value(doc), _value(text), int(_value(start)), int(_value(end)),
                                   _value(section), _value(lang) if lang is not None else "en"))
        return rows

    def rebuild_indexes(self, *, progress: Callable[[str], None] | None = None) -> PassageSet:
        """Derive every index from the passages in the store; publish atomically."""
        fingerprint = self.fingerprint()
        rows = self.passage_rows()
        vectors = {}
        for name in self.settings.embedders:
            if progress:
                progress(f"vectors {name}")
            embedder = self.embedder(name)
            matrix, _ = self.cache.encode(embedder, [r.text for r in rows])
            vectors[name] = (matrix, embedder.version)
        passages = PassageSet.build(rows, vectors, fingerprint=fingerprint,
                                    hnsw_threshold=self.settings.hnsw_threshold,
                                    ef_search=self.settings.hnsw_ef_search, ann=self.settings.ann_index,
                                    nprobe=self.settings.ivf_nprobe)
        if not self.read_only:  # a read-only workspace (eval, bench) rebuilds in memory only
            passages.save(self.index_root)
        self._passages = passages
        return passages

    def passages(self) -> PassageSet:
        """The current indexes, rebuilt first if they do not match the store."""
        if self._passages is not None and self._passages.fingerprint == self.fingerprint():
            return self._passages
        loaded = PassageSet.load(self.index_root, hnsw_threshold=self.settings.hnsw_threshold,
                                 ef_search=self.settings.hnsw_ef_search, ann=self.settings.ann_index,
                                 nprobe=self.settings.ivf_nprobe)
        if loaded is not None and loaded.fingerprint == self.fingerprint() and \
                set(loaded.dense) == set(self.settings.embedders):
            self._passages = loaded
            return loaded
        with self.write_lock:
            return self.rebuild_indexes()

    def encode_query(self, name: str, text: str) -> np.ndarray:
        """The query vector of ``text``; the last few are kept, as ``/ask`` embeds a question to link a program
        and then to search. Each caller gets its own copy."""
        key = (name, text)
        vector = self._query_vectors.get(key)
        if vector is None:
            vector = self.embedder(name).encode_queries([text])[0]
            with self._query_lock:
                self._query_vectors[key] = vector
                while len(self._query_vectors) > QUERY_VECTORS_KEPT:
                    self._query_vectors.pop(next(iter(self._query_vectors)))
        return vector.copy()

    def close(self) -> None:
        self.cache.close()
        self.store.close()
