"""One linker per store state: rebuilt when documents or reference data change, else reused."""

from __future__ import annotations

import threading

from pyoxigraph import NamedNode

from kg.linking.linker import Linker
from kg.linking.names import read_names, read_symbols
from kg.workspace import Workspace


class LinkerCache:
    """``cache.get(workspace)`` → the linker of the store as it is now. Thread-safe.

    The key is the workspace fingerprint (its document graphs) plus the reference data version
    (``pkg:referenceVersion`` in the system graph): two cheap reads per call. Building costs two
    SELECTs over the labels (about a second on the whole corpus).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[str, str] | None = None
        self._linker: Linker | None = None

    def get(self, workspace: Workspace) -> Linker:
        key = (workspace.fingerprint(), self._reference_version(workspace))
        with self._lock:
            if self._linker is None or key != self._key:
                vocab = workspace.iris.ontology
                self._linker = Linker(read_names(workspace.store, vocab), read_symbols(workspace.store, vocab))
                self._key = key
            return self._linker

    @staticmethod
    def _reference_version(workspace: Workspace) -> str:
        system = NamedNode(workspace.iris.system_graph)
        rows = workspace.store.select("SELECT ?v WHERE { GRAPH ?g { ?g ?p ?v } }", g=system,
                                      p=NamedNode(workspace.iris.vocab("referenceVersion")))
        return str(getattr(rows[0][0], "value", "")) if rows else ""
