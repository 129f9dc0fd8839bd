"""The second line against outbound SPARQL: code that evaluates queries cannot open a network socket.

The guard (:mod:`kg.sparql.guard`) refuses ``SERVICE`` and ``LOAD`` from the parsed tokens;
this module makes a miss harmless. On Linux (x86-64 and arm64) a seccomp filter is
installed that makes ``socket(AF_INET | AF_INET6, …)`` fail with ``EACCES``: the engine's
HTTP client (and its DNS lookups) then fail before any packet leaves. A filter binds the
thread that installs it and every thread or process it later starts, and cannot be removed,
so it is installed

- in each SPARQL worker process, at start (:mod:`kg.sparql.worker`), and
- on dedicated threads of this process (:func:`without_network`) that run in-process
  queries and updates, so the serving threads keep their sockets.

Pipes and already-open descriptors keep working, and so do Unix sockets. Where seccomp
is not available (another OS or architecture), :func:`deny_network` returns False and the
guard is the only line; :func:`network_denied` reports which is the case.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import platform
import struct
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_RET_ALLOW, _RET_ERRNO = 0x7FFF0000, 0x00050000
_X32_BIT = 0x40000000
#: machine → (audit architecture, number of the socket system call)
_ARCHES = {"x86_64": (0xC000003E, 41), "amd64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198),
           "arm64": (0xC00000B7, 198)}
_AF_INET, _AF_INET6 = 2, 10

_local = threading.local()


def _filter_program(arch: int, socket_nr: int) -> bytes:
    """The classic-BPF program: on this architecture, socket(AF_INET or AF_INET6) → EACCES; all else allowed."""
    deny = _RET_ERRNO | errno.EACCES
    program = [                          # jumps count from the next instruction
        (_LD_W_ABS, 0, 0, 4),            # 0: seccomp_data.arch
        (_JEQ_K, 0, 6, arch),            # 1: another ABI → 8 allow
        (_LD_W_ABS, 0, 0, 0),            # 2: seccomp_data.nr
        (_JGE_K, 5, 0, _X32_BIT),        # 3: an x32-ABI number → 9 deny
        (_JEQ_K, 0, 3, socket_nr),       # 4: not socket() → 8 allow
        (_LD_W_ABS, 0, 0, 16),           # 5: low word of args[0], the address family
        (_JEQ_K, 2, 0, _AF_INET),        # 6: IPv4 → 9 deny
        (_JEQ_K, 1, 0, _AF_INET6),       # 7: IPv6 → 9 deny, else 8
        (_RET_K, 0, 0, _RET_ALLOW),      # 8
        (_RET_K, 0, 0, deny),            # 9
    ]
    return b"".join(struct.pack("=HBBI", *instruction) for instruction in program)


def deny_network() -> bool:
    """Forbid IPv4/IPv6 sockets to the calling thread and everything it starts later; True if installed.

    Irreversible for that thread. Idempotent: a second call on the same thread does nothing.
    """
    if getattr(_local, "denied", False):
        return True
    arch = _ARCHES.get(platform.machine().lower())
    if not sys.platform.startswith("linux") or arch is None:
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        code = _filter_program(*arch)
        filters = ctypes.create_string_buffer(code, len(code))

        class _Program(ctypes.Structure):
            _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

        program = _Program(len(code) // 8, ctypes.cast(filters, ctypes.c_void_p))
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return False
        if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) != 0:
            log.warning("seccomp refused the network filter (errno %s)", ctypes.get_errno())
            return False
    except (OSError, AttributeError):
        return False
    _local.denied = True
    return True


def network_denied() -> bool:
    """Whether the calling thread runs under :func:`deny_network`'s filter."""
    return bool(getattr(_local, "denied", False))


class _NetworklessThreads:
    """A small thread pool whose threads install the filter first; made on first use."""

    def __init__(self, size: int) -> None:
        self._pool = ThreadPoolExecutor(max_workers=size, thread_name_prefix="sparql-networkless",
                                        initializer=deny_network)

    def run(self, work: Callable[[], T]) -> T:
        return self._pool.submit(_dropping_frames, work).result()


def _dropping_frames(work: Callable[[], T]) -> T:
    """Run ``work``; on failure, free its frames here: engine objects must be dropped on the thread that made them."""
    try:
        return work()
    except BaseException as e:
        e.__traceback__ = e.__context__ = e.__cause__ = None
        raise


_threads: _NetworklessThreads | None = None
_threads_lock = threading.Lock()


def without_network(work: Callable[[], T]) -> T:
    """Run ``work`` on a thread that cannot open IPv4/IPv6 sockets (where seccomp exists) and return its result.

    Its exceptions propagate. The calling thread keeps its network.

    >>> import socket
    >>> def try_connect() -> str:
    ...     try:
    ...         socket.socket(socket.AF_INET).close()
    ...         return "opened"
    ...     except PermissionError:
    ...         return "refused"
    >>> without_network(try_connect) == ("refused" if deny_available() else "opened")
    True
    """
    global _threads
    with _threads_lock:
        if _threads is None:
            _threads = _NetworklessThreads(4)
    return _threads.run(work)


def deny_available() -> bool:
    """Whether this platform can install the filter (Linux on x86-64 or arm64)."""
    return sys.platform.startswith("linux") and platform.machine().lower() in _ARCHES
