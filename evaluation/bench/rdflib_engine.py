"""rdflib's in-memory SPARQL engine, in a child process that holds one Graph.

A child process because rdflib cannot be interrupted: a query past the cap is ended by
ending the process (the next query starts a fresh one and reloads the graph), and because
its memory is then its own. The protocol is one JSON object per line: the child first
reports ``{"triples", "load_s"}``, then answers each ``{"query", "repeats", "budget_s"}``
with ``{"times", "rows"}`` or ``{"error"}``.

Run as ``python -m evaluation.bench.rdflib_engine FILE.nt``.
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluation.bench.memory import ProcessMemory, read_memory
from evaluation.bench.timing import time_repeated
from kg.errors import BackendUnavailable


@dataclass(frozen=True)
class EngineRun:
    """Seconds of the timed runs of one query and its result size; ``error`` when it did not finish."""

    times_s: tuple[float, ...] = ()
    rows: int | None = None
    error: str | None = None


class RdflibEngine:
    """Queries an rdflib Graph loaded from ``ntriples``; restarts its child after a query past the cap."""

    def __init__(self, ntriples: Path, *, load_timeout_s: float = 1800.0) -> None:
        self.ntriples = ntriples
        self.load_timeout_s = load_timeout_s
        self.triples = 0
        self.load_s: list[float] = []  # one per (re)start
        self.peak: ProcessMemory | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    def run(self, query: str, *, repeats: int, budget_s: float, cap_s: float) -> EngineRun:
        """Time ``query`` as :func:`~evaluation.bench.timing.time_repeated` does; give up after ``cap_s``."""
        proc = self._started()
        assert proc.stdin is not None
        proc.stdin.write((json.dumps({"query": query, "repeats": repeats, "budget_s": budget_s}) + "\n").encode())
        proc.stdin.flush()
        answer = self._read(proc, cap_s)
        self._note_memory(proc)
        if answer is None:
            self._stop()
            return EngineRun(error=f"> {cap_s:g} s")
        if "error" in answer:
            return EngineRun(error=str(answer["error"]))
        return EngineRun(tuple(answer["times"]), int(answer["rows"]))

    def close(self) -> None:
        if self._proc is not None:
            self._note_memory(self._proc)
        self._stop()

    def __enter__(self) -> RdflibEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _started(self) -> subprocess.Popen[bytes]:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        proc = subprocess.Popen([sys.executable, "-m", "evaluation.bench.rdflib_engine", str(self.ntriples)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        hello = self._read(proc, self.load_timeout_s)
        if hello is None or "triples" not in hello:
            proc.kill()
            proc.wait()
            raise BackendUnavailable(f"rdflib could not load {self.ntriples}: {hello}")
        self.triples = int(hello["triples"])
        self.load_s.append(float(hello["load_s"]))
        self._proc = proc
        return proc

    def _read(self, proc: subprocess.Popen[bytes], timeout_s: float) -> dict[str, Any] | None:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], timeout_s)
        if not ready:
            return None
        line = proc.stdout.readline()
        if not line:
            return {"error": f"rdflib process exited ({proc.wait()})"}
        return json.loads(line)  # type: ignore[no-any-return]

    def _note_memory(self, proc: subprocess.Popen[bytes]) -> None:
        now = read_memory(proc.pid, process="rdflib in-memory Graph (bench child)", when="after the SPARQL mix")
        if now is not None and (self.peak is None or now.peak_mb > self.peak.peak_mb):
            self.peak = now

    def _stop(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None


def _result_size(result: Any) -> int:
    if result.type == "ASK":
        return int(bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return len(result.graph)
    return sum(1 for _ in result)


def main(argv: list[str]) -> None:
    from rdflib import Graph

    started = time.perf_counter()
    graph = Graph()
    graph.parse(argv[0], format="nt")
    print(json.dumps({"triples": len(graph), "load_s": time.perf_counter() - started}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            times, rows = time_repeated(lambda: _result_size(graph.query(request["query"])),
                                        repeats=request["repeats"], budget_s=request["budget_s"])
            answer: dict[str, Any] = {"times": times, "rows": rows}
        except Exception as e:  # the top level of this process: report any rdflib failure to the parent
            answer = {"error": f"{type(e).__name__}: {e}"[:300]}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
