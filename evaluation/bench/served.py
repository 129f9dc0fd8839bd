"""The real service in a child process on a free loopback port, for the duration of a ``with`` block.

A separate process, so that its memory is its own (see :mod:`.memory`) and a client in the
bench process measures what any HTTP client sees. How to start it is given by the caller
(``api/cli_bench.py`` knows the command), as a function of the port.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import httpx

from evaluation.bench.memory import ProcessMemory, descendants, read_tree
from kg.errors import BackendUnavailable

ServerCommand = Callable[[int], Sequence[str]]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class ServedApp:
    url: str
    pid: int
    health: dict[str, Any]  # GET /health once the service answered

    def memory(self, *, process: str, when: str) -> list[ProcessMemory]:
        """The serving process's memory, then its child processes' (summed) and the total, if it has any."""
        return read_tree(self.pid, process=process, when=when)


@contextmanager
def served(command: ServerCommand, *, start_timeout_s: float = 900.0) -> Iterator[ServedApp]:
    """Start the service, wait until ``/health`` answers 200, yield it, then stop it.

    The wait is long because a service whose indexes do not match its store rebuilds them
    before answering. Raises BackendUnavailable (with the end of the service's log) when the
    process exits or does not answer in time.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(list(command(port)), stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        try:
            health = _wait_healthy(proc, url, start_timeout_s, log)
            yield ServedApp(url, proc.pid, health)
        finally:
            children = descendants(proc.pid)
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            _end(children)


def _wait_healthy(proc: subprocess.Popen[bytes], url: str, timeout_s: float, log: Any) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BackendUnavailable(f"the service exited with code {proc.returncode}: {_tail(log)}")
        try:
            response = httpx.get(url + "/health", timeout=5)
            if response.status_code == 200:
                return response.json()  # type: ignore[no-any-return]
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise BackendUnavailable(f"the service did not answer within {timeout_s:g} s: {_tail(log)}")


def _end(pids: list[int], *, grace_s: float = 10.0) -> None:
    """Kill what the service started and left behind (its workers end with it when it shuts down cleanly)."""
    deadline = time.monotonic() + grace_s
    while pids and time.monotonic() < deadline:
        pids = [p for p in pids if Path(f"/proc/{p}").exists() and not _zombie(p)]
        time.sleep(0.1)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat[stat.rindex(")") + 2] == "Z"


def _tail(log: IO[bytes], size: int = 2000) -> str:
    log.seek(0)
    return log.read().decode("utf-8", "replace")[-size:].strip()
