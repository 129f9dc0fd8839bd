"""Killable SPARQL evaluation: a pool of worker processes reading snapshots of the store.

pyoxigraph cannot cancel a running query, and a query holds a core for as long as it runs.
So queries run in separate processes (``python -m kg.sparql.worker``), each opening a
*snapshot* of the store read-only: the pool asks the store for one (:meth:`GraphStore.snapshot`;
only a store whose ``snapshots`` capability says so, e.g. Oxigraph on disk: a RocksDB checkpoint,
hard links, milliseconds), again whenever the store's ``version`` moved on, so a query sees
every write that returned before it started; the worker opens it with the backend that made it
(:func:`kg.store.open_snapshot`). At the deadline the worker is
killed (SIGKILL) and replaced, and the request gets :class:`~kg.errors.QueryTimeout`.
While one worker grinds through a cartesian product, the others and the serving process
keep answering. Unless the operator allow-lists outbound IRIs, each worker forbids itself
network sockets at start (:mod:`kg.sparql.sandbox`). Each worker may also get an address-space cap, so a query that tries
to materialise too much dies instead of the machine swapping.

The wire between pool and worker is a pair of pipes carrying pickled tuples
(:class:`multiprocessing.connection.Connection` framing); the worker process imports only
the store backend and this package's result writers.
"""

from __future__ import annotations

import asyncio
import logging
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

from kg import errors
from kg.sparql.execute import QueryAnswer, QueryJob, execute
from kg.store.base import GraphStore, Snapshot

log = logging.getLogger(__name__)
SPAWN_TIMEOUT_S = 30.0


class _Worker:
    """One worker process and its two pipes."""

    def __init__(self, memory_mb: int | None, *, network: bool = False) -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        root = Path(__file__).resolve().parents[2]  # so that ``-m kg.sparql.worker`` imports this package
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg.sparql.worker", str(to_child_r), str(from_child_w), str(memory_mb or 0),
             "network" if network else "no-network"],
            pass_fds=(to_child_r, from_child_w), cwd=root, stdin=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._outbox = Connection(to_child_w, readable=False)
        self._inbox = Connection(from_child_r, writable=False)
        self.snapshot: Snapshot | None = None

    def call(self, snapshot: Snapshot, job: QueryJob, *, deadline_s: float) -> QueryAnswer:
        """Send one job; wait at most ``deadline_s``. Raises ``TimeoutError`` or ``EOFError`` (worker gone)."""
        self.send(snapshot, job, deadline_s=deadline_s)
        if not self._inbox.poll(deadline_s):
            raise TimeoutError
        return self.receive()

    async def call_async(self, snapshot: Snapshot, job: QueryJob, *, deadline_s: float) -> QueryAnswer:
        """:meth:`call`, waiting on the event loop for the answer's bytes instead of blocking a thread."""
        self.send(snapshot, job, deadline_s=deadline_s)
        loop = asyncio.get_running_loop()
        readable: asyncio.Future[None] = loop.create_future()
        fd = self._inbox.fileno()

        def arrived() -> None:
            if not readable.done():
                readable.set_result(None)

        loop.add_reader(fd, arrived)
        try:
            await asyncio.wait_for(readable, deadline_s)  # TimeoutError past the deadline
        finally:
            loop.remove_reader(fd)
        return self.receive()

    def send(self, snapshot: Snapshot, job: QueryJob, *, deadline_s: float) -> None:
        self._outbox.send((snapshot, job, deadline_s))

    def receive(self) -> QueryAnswer:
        """The answer to the job sent (which has arrived, or is arriving); raises the query's error."""
        kind, *payload = self._inbox.recv()
        if kind == "ok":
            return payload[0]  # type: ignore[no-any-return]
        name, message, extensions = payload
        cls = getattr(errors, name, errors.BackendUnavailable)
        raise cls(message, **extensions)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self._outbox.close()
        self._inbox.close()


class QueryPool:
    """Runs query jobs in ``size`` worker processes; see the module docstring. Thread-safe."""

    def __init__(self, store: GraphStore, *, size: int, snapshot_root: Path, memory_mb: int | None = None,
                 network: bool = False) -> None:
        if not store.snapshots:
            raise ValueError("worker processes need a store that offers snapshots")
        self.store = store
        self.size = size
        self.memory_mb = memory_mb
        self.network = network
        self.root = snapshot_root
        shutil.rmtree(self.root, ignore_errors=True)  # snapshots of an earlier run
        self.root.mkdir(parents=True)
        self._lock = threading.Lock()
        self._current: Snapshot | None = None
        self._workers: set[_Worker] = set()
        # Last in, first out: the worker that just answered takes the next job; its caches (the
        # store's blocks, the interpreter's pages) are warm, and a small query runs ~15 % faster.
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._closed = False
        for _ in range(size):
            self._add_worker()

    def _add_worker(self) -> None:
        worker = _Worker(self.memory_mb, network=self.network)
        with self._lock:
            if self._closed:
                worker.kill()
                return
            self._workers.add(worker)
        self._idle.put(worker)

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker (timed out or dead) and start its replacement in the background."""
        worker.kill()
        with self._lock:
            self._workers.discard(worker)
            self._collect()
        threading.Thread(target=self._add_worker, name="sparql-worker-spawn", daemon=True).start()

    def _snapshot_for(self, worker: _Worker) -> Snapshot:
        """The snapshot of the store's current version (made if missing), pinned to ``worker``."""
        with self._lock:
            version = self.store.version
            current = self._current
            if current is None or current.version != version:
                current = self._current = self.store.snapshot(self.root / f"v{version}-{uuid.uuid4().hex[:8]}")
            if worker.snapshot != current:
                worker.snapshot = current
                self._collect()  # only when some snapshot may have lost its last holder
            return current

    def _collect(self) -> None:
        """Delete snapshots no worker holds (caller holds the lock)."""
        held = [w.snapshot for w in self._workers] + [self._current]
        keep = {s.path for s in held if s is not None}
        for path in self.root.iterdir():
            if path not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def run(self, job: QueryJob, *, deadline_s: float, wait_s: float | None = None) -> QueryAnswer:
        """Run ``job`` for at most ``deadline_s`` seconds once a worker is free; wait at most ``wait_s`` for one.

        Raises :class:`QueryTimeout` (the worker is killed), :class:`BackendUnavailable` (no
        worker free in time: the query did not run; or the worker died, e.g. at its memory
        cap), or the query's own error. ``wait_s`` defaults to ``deadline_s``.
        """
        patience = deadline_s if wait_s is None else wait_s
        started = time.monotonic()
        while True:
            try:
                worker = self._idle.get(timeout=max(patience - (time.monotonic() - started), 0.001))
            except queue.Empty:
                raise errors.BackendUnavailable(f"all {self.size} query workers stayed busy for {patience:g} s; "
                                                "the query did not run; try again shortly") from None
            if worker.process.poll() is None:
                break
            self._discard(worker)  # died while idle (e.g. killed from outside): replace it, take another
        with self._holding(worker, deadline_s):
            return worker.call(self._snapshot_for(worker), job, deadline_s=deadline_s)

    async def run_now(self, job: QueryJob, *, deadline_s: float) -> QueryAnswer | None:
        """:meth:`run` if a worker is idle now, awaiting its answer on the event loop; None (nothing ran) if not.

        The thread-pool hop of a blocking :meth:`run` costs a small query a fair share of its time;
        a query that would have to wait for a worker takes :meth:`run` on a thread instead.
        """
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return None
            if worker.process.poll() is None:
                break
            self._discard(worker)
        with self._holding(worker, deadline_s):
            return await worker.call_async(self._snapshot_for(worker), job, deadline_s=deadline_s)

    @contextmanager
    def _holding(self, worker: _Worker, deadline_s: float) -> Iterator[None]:
        """Around one job on ``worker``: give it back after, or kill it (timed out, dead, interrupted mid-call)."""
        try:
            yield
        except TimeoutError:
            self._discard(worker)
            raise errors.QueryTimeout(f"the query was stopped at its {deadline_s:g} s deadline") from None
        except (EOFError, OSError):
            log.warning("a SPARQL worker died (exit code %s)", worker.process.poll())
            self._discard(worker)
            raise errors.BackendUnavailable("the query stopped its worker (it may have exceeded the memory cap)") from None
        except errors.PolicyKGError:
            self._idle.put(worker)  # the query failed normally: the worker is fine
            raise
        except BaseException:
            self._discard(worker)  # interrupted mid-call (cancelled too): its pipe may hold a stale answer
            raise
        self._idle.put(worker)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._workers = list(self._workers), set()
        for worker in workers:
            worker.kill()
        shutil.rmtree(self.root, ignore_errors=True)


def _serve(inbox: Connection, outbox: Connection) -> None:
    """The worker loop: one job in, one answer (or error) out, until the pool closes the pipe."""
    from kg.store import open_snapshot

    store: GraphStore | None = None
    opened: Snapshot | None = None
    while True:
        try:
            snapshot, job, deadline_s = inbox.recv()
        except EOFError:
            return
        try:
            if store is None or snapshot != opened:
                if store is not None:
                    store.close()
                    store = None  # should the next open fail, no job may use the closed store
                store, opened = open_snapshot(snapshot), snapshot
            answer = execute(store, job, deadline_s=deadline_s)
            outbox.send(("ok", answer))
        except errors.PolicyKGError as e:
            outbox.send(("error", type(e).__name__, str(e), e.extensions))
        except Exception as e:  # noqa: BLE001 - the worker's top level: report, keep serving
            outbox.send(("error", "BackendUnavailable", f"the query worker failed ({type(e).__name__})", {}))


def main(argv: list[str]) -> None:
    inbox_fd, outbox_fd, memory_mb = int(argv[0]), int(argv[1]), int(argv[2])
    if argv[3:] != ["network"]:
        from kg.sparql.sandbox import deny_network

        if not deny_network():  # the guard stays the only line against SERVICE here
            print("policykg query worker: no seccomp on this platform; outbound sockets stay possible",
                  file=sys.stderr)
    if memory_mb > 0:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    _serve(Connection(inbox_fd, writable=False), Connection(outbox_fd, readable=False))


if __name__ == "__main__":
    main(sys.argv[1:])
