"""A loopback listener that records every connection: the witness of "no outbound connection" tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def recording_listener(*, port: int = 0) -> Iterator[tuple[int, list[bytes]]]:
    """Listen on 127.0.0.1 (``port``, or a free one if it cannot be bound); yield the port and what arrived.

    A probe connection checks that the listener records before the test starts.
    """
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        server.bind(("127.0.0.1", port))
    except OSError:
        server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.1)
    arrived: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                arrived.append(conn.recv(4096) or b"(connected)")
            except OSError:
                arrived.append(b"(connected)")
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    with socket.create_connection(server.getsockname(), timeout=2) as probe:
        probe.sendall(b"probe")
    deadline = time.time() + 2
    while not arrived and time.time() < deadline:
        time.sleep(0.02)
    assert arrived == [b"probe"], "the listener does not record"
    arrived.clear()
    try:
        yield server.getsockname()[1], arrived
    finally:
        stop.set()
        thread.join(timeout=2)
        server.close()
