"""Graph store backends behind one protocol (:mod:`kg.store.base`); this module is the only one that builds one.

:func:`open_store` picks the backend named by ``Settings.store_backend`` from :data:`BACKENDS`
and imports its module only then, so a backend that configuration does not pick is never
imported. :func:`open_snapshot` opens, in another process, a :class:`~kg.store.base.Snapshot`
with the backend that made it, and :func:`scratch_store` gives an empty in-memory store.

Two backends: ``oxigraph`` (embedded, on disk; the default) and ``sparql-http`` (any SPARQL 1.1
Protocol + Update server, :mod:`kg.store.sparql_http`), picked by setting ``POLICYKG_STORE_URL``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.store.base import GraphStore, Snapshot

if TYPE_CHECKING:
    from kg.settings import Settings

__all__ = ["BACKENDS", "Backend", "GraphStore", "backend_name", "open_snapshot", "open_store", "scratch_store"]


@dataclass(frozen=True)
class Backend:
    """How to open one backend: from settings and, if it offers snapshots, from a snapshot's path."""

    opens: Callable[[Settings, bool], GraphStore]  # (settings, read_only)
    opens_snapshot: Callable[[Path], GraphStore] | None = None


def _oxigraph(settings: Settings, read_only: bool) -> GraphStore:
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore(settings.store / "oxigraph", read_only=read_only)


def _oxigraph_snapshot(path: Path) -> GraphStore:
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore(path, read_only=True)


def _sparql_http(settings: Settings, read_only: bool) -> GraphStore:
    import httpx

    from kg.store.sparql_http import SparqlHttpStore

    if not settings.store_url:
        raise ValueError("the sparql-http store backend needs POLICYKG_STORE_URL (its SPARQL query endpoint)")
    auth: httpx.Auth | None = None
    if settings.store_user:
        password = settings.store_password or ""
        auth = (httpx.DigestAuth(settings.store_user, password) if settings.store_auth == "digest"
                else httpx.BasicAuth(settings.store_user, password))
    return SparqlHttpStore(settings.store_url, update_url=settings.store_update_url,
                           graph_store_url=settings.store_graph_store_url,
                           union_native=settings.store_union_default_graph, auth=auth, poll_s=settings.store_poll_s,
                           timeout_param=settings.store_timeout_param)


#: backend name (``Settings.store_backend``) → how to open it; registration is this table, nothing else.
BACKENDS: Mapping[str, Backend] = {"oxigraph": Backend(_oxigraph, _oxigraph_snapshot),
                                   "sparql-http": Backend(_sparql_http)}


def backend_name(settings: Settings) -> str:
    """The backend ``settings`` pick: a store URL means the remote one, whatever ``store_backend`` says."""
    return "sparql-http" if settings.store_url else settings.store_backend


def open_store(settings: Settings, *, read_only: bool = False) -> GraphStore:
    """Open (creating it if needed) the store ``settings`` configure. Costs what opening the backend costs.

    >>> import tempfile; from kg.settings import Settings
    >>> with tempfile.TemporaryDirectory() as d:
    ...     store = open_store(Settings(store=Path(d)))
    ...     print(len(store), store.snapshots, store.union_default_graph.value)
    ...     store.close()
    0 True maintained
    """
    name = backend_name(settings)
    try:
        backend = BACKENDS[name]
    except KeyError:
        raise ValueError(f"unknown store backend {name!r}; known: {', '.join(BACKENDS)}") from None
    return backend.opens(settings, read_only)


def open_snapshot(snapshot: Snapshot) -> GraphStore:
    """Open ``snapshot`` read-only with the backend that made it (in a query worker process)."""
    backend = BACKENDS.get(snapshot.backend)
    if backend is None or backend.opens_snapshot is None:
        raise ValueError(f"the store backend {snapshot.backend!r} offers no snapshots")
    return backend.opens_snapshot(snapshot.path)


def scratch_store() -> GraphStore:
    """A new, empty store in memory (the embedded engine): scratch work, doctests and tests. No snapshots.

    >>> store = scratch_store()
    >>> len(store), store.snapshots
    (0, False)
    """
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore(None)
