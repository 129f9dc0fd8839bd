"""Resident memory of a process and of its children: the high-water mark (``VmHWM``) and the current RSS.

Read from ``/proc/<pid>/status`` while the processes live, so each peak is the kernel's own
for that one process (not ``getrusage(RUSAGE_CHILDREN)``, which is the largest of all reaped
children). A service may run child processes (SPARQL workers): they are read too, summed.
The sum of their peaks bounds their joint peak from above (the peaks need not coincide).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class ProcessMemory:
    """One reading. ``peak_mb`` is the RSS high-water mark since the process (or each process) started."""

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
    try:
        text = (PROC / str(pid) / "status").read_text()
    except OSError:
        return {}
    out = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.startswith("Vm") and value.strip().endswith("kB"):
            out[key] = int(value.split()[0])
    return out


def descendants(pid: int) -> list[int]:
    """Every live descendant of ``pid`` (children, their children…), from /proc.

    >>> import os, subprocess, sys
    >>> child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    >>> child.pid in descendants(os.getpid())
    True
    >>> child.kill(); _ = child.wait()
    """
    children: dict[int, list[int]] = {}
    for entry in PROC.glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) ": state, ppid, …
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    out, todo = [], list(children.get(pid, ()))
    while todo:
        child = todo.pop()
        out.append(child)
        todo.extend(children.get(child, ()))
    return sorted(out)


def program_of(pid: int) -> str:
    """A short name for what ``pid`` runs: the module of ``python -m X``, else the executable's name."""
    try:
        argv = (PROC / str(pid) / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    args = [a.decode("utf-8", "replace") for a in argv if a]
    if "-m" in args[:-1]:
        return args[args.index("-m") + 1]
    return Path(args[0]).name if args else "?"


def read_memory(pid: int, *, process: str, when: str) -> ProcessMemory | None:
    """The peak and current RSS of ``pid`` in MB (10^6 bytes), or None when it cannot be read."""
    status = status_kb(pid)
    if "VmHWM" not in status or "VmRSS" not in status:
        return None
    return ProcessMemory(process, _mb(status["VmHWM"]), _mb(status["VmRSS"]), when)


def read_tree(pid: int, *, process: str, when: str) -> list[ProcessMemory]:
    """``pid`` alone; then, if it has children, their sum and the total of the tree."""
    main = read_memory(pid, process=process, when=when)
    if main is None:
        return []
    statuses = [(program_of(c), status_kb(c)) for c in descendants(pid)]
    statuses = [(name, s) for name, s in statuses if "VmHWM" in s and "VmRSS" in s]
    if not statuses:
        return [main]
    names = ", ".join(sorted({name for name, _ in statuses}))
    peak = sum(s["VmHWM"] for _, s in statuses)
    rss = sum(s["VmRSS"] for _, s in statuses)
    return [main,
            ProcessMemory(f"{process} · {len(statuses)} child processes ({names})", _mb(peak), _mb(rss), when),
            ProcessMemory(f"{process} · total", round(main.peak_mb + _mb(peak), 1), round(main.rss_mb + _mb(rss), 1),
                          when)]


def _mb(kb: int) -> float:
    return round(kb * 1024 / 1e6, 1)
