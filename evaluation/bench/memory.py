"""Resident memory of a process: the high-water mark (``VmHWM``) and the current RSS (``VmRSS``).

Read from ``/proc/<pid>/status`` while the process lives, so it is the kernel's own peak for
that one process (not ``getrusage(RUSAGE_CHILDREN)``, which is the largest of all reaped children).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProcessMemory:
    """One reading. ``peak_mb`` is the RSS high-water mark since the process started."""

    process: str  # what ran in it
    peak_mb: float
    rss_mb: float
    when: str  # the moment of the reading


def status_kb(pid: int) -> dict[str, int]:
    """The ``Vm*`` lines of ``/proc/<pid>/status`` in kB; empty where /proc is not there.

    >>> import os
    >>> status_kb(os.getpid())["VmHWM"] > 0
    True
    """
    path = Path(f"/proc/{pid}/status")
    try:
        text = path.read_text()
    except OSError:
        return {}
    out = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.startswith("Vm") and value.strip().endswith("kB"):
            out[key] = int(value.split()[0])
    return out


def read_memory(pid: int, *, process: str, when: str) -> ProcessMemory | None:
    """The peak and current RSS of ``pid`` in MB (10^6 bytes), or None when it cannot be read."""
    status = status_kb(pid)
    if "VmHWM" not in status or "VmRSS" not in status:
        return None
    return ProcessMemory(process, round(status["VmHWM"] * 1024 / 1e6, 1), round(status["VmRSS"] * 1024 / 1e6, 1), when)
