"""Cooperation latency for ``policykg bench``: suggestions, profiles and peers for 10 states, p50/p95.

Through the real service (the store copied and served as the rest of the bench serves it): the
first request is a warm-up reported apart (``cold_ms``: it reads the network of the store
version, unless the ingest that wrote the store already warmed it in the same process), then
``GET /cooperation?state=``, ``GET /states/{iso3}`` and ``GET /states/{iso3}/similar`` for the
ten states with the most programs, each ``repeats`` times. Beside it, in process and without
HTTP: reading the network, building the evidence tables, and one state's suggestions from them
(what a request costs when nothing is cached). Measures; asserts nothing.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

from evaluation.bench.run import ServerFor, indexed_embedders
from evaluation.bench.served import served
from evaluation.bench.timing import median, ms, percentile
from kg.errors import BackendUnavailable

STATES = 10


@dataclass(frozen=True)
class CoopLatencyRow:
    request: str
    requests: int
    p50_ms: float
    p95_ms: float


@dataclass(frozen=True)
class CoopLatency:
    states: tuple[str, ...]
    cold_ms: float
    rows: tuple[CoopLatencyRow, ...]
    in_process_ms: dict[str, float]  # read network, build evidence, one state's suggestions (median)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def busiest_states(store: Path, n: int = STATES) -> tuple[tuple[str, ...], dict[str, float]]:
    """The ``n`` states with the most programs (ties by code), and the in-process timings (ms)."""
    from kg.cooperation import Evidence, suggest_for
    from kg.network import read_network
    from kg.profiles import state_programs
    from kg.settings import Settings
    from kg.workspace import Workspace

    ws = Workspace(Settings(store=store, embedders=()), read_only=True)
    try:
        started = time.perf_counter()
        net = read_network(ws.store, ws.iris)
        read_s = time.perf_counter() - started
    finally:
        ws.close()
    started = time.perf_counter()
    evidence = Evidence(net)
    evidence_s = time.perf_counter() - started
    counts = sorted(((-len(state_programs(net, s)), s) for s in net.states()))
    chosen = tuple(s.rsplit("/", 1)[-1] for c, s in counts[:n] if c < 0)
    per_state = []
    for iso3 in chosen:
        started = time.perf_counter()
        suggest_for(net, evidence, net.iris.state(iso3))
        per_state.append(time.perf_counter() - started)
    timings = {"read network": ms(read_s), "build evidence": ms(evidence_s),
               "one state's suggestions (p50)": ms(median(per_state)) if per_state else 0.0}
    return chosen, timings


def measure(url: str, states: Sequence[str], *, repeats: int = 5) -> tuple[float, tuple[CoopLatencyRow, ...]]:
    """Cold first request, then the three requests per state ``repeats`` times. Raises on a non-200 answer."""
    requests: dict[str, Callable[[str], tuple[str, dict[str, str | int]]]] = {
        "GET /cooperation?state=": lambda s: ("/cooperation", {"state": s, "k": 10}),
        "GET /states/{iso3}": lambda s: (f"/states/{s}", {}),
        "GET /states/{iso3}/similar": lambda s: (f"/states/{s}/similar", {"k": 10})}
    times: dict[str, list[float]] = {name: [] for name in requests}
    with httpx.Client(base_url=url, timeout=None) as client:
        cold = _get(client, "/cooperation", {"state": states[0], "k": 10})
        for _ in range(repeats):
            for state in states:
                for name, make in requests.items():
                    path, params = make(state)
                    times[name].append(_get(client, path, params))
    rows = tuple(CoopLatencyRow(name, len(t), ms(median(t)), ms(percentile(t, 95))) for name, t in times.items())
    return ms(cold), rows


def bench_cooperation(store: Path, *, server_for: ServerFor, default_embedders: tuple[str, ...], repeats: int = 5,
                      say: Callable[[str], None] = lambda _: None) -> CoopLatency:
    """Copy ``store``, serve the copy, measure; the copy is removed after."""
    with tempfile.TemporaryDirectory(prefix="policykg-bench-coop-") as tmp:
        copy = Path(tmp) / "store"
        say(f"cooperation latency: copying {store}")
        shutil.copytree(store, copy, symlinks=True)
        states, in_process = busiest_states(copy)
        if not states:
            raise BackendUnavailable("no state takes part in any program: nothing to measure")
        embedders = indexed_embedders(copy) or default_embedders
        with served(server_for(copy, embedders)) as app:
            say(f"cooperation latency: {len(states)} states")
            cold, rows = measure(app.url, states, repeats=repeats)
    return CoopLatency(states, cold, rows, in_process)


def render_cooperation(latency: CoopLatency, console: Any) -> None:
    """The table of :func:`bench_cooperation`'s figures, on a rich console."""
    from rich.table import Table

    table = Table(title=f"cooperation latency, {len(latency.states)} states ({' '.join(latency.states)}; "
                        f"cold {latency.cold_ms:.0f} ms)")
    for column in ("request", "requests", "p50 ms", "p95 ms"):
        table.add_column(column, justify="left" if column == "request" else "right")
    for r in latency.rows:
        table.add_row(r.request, str(r.requests), f"{r.p50_ms:.1f}", f"{r.p95_ms:.1f}")
    console.print(table)
    console.print("in process, nothing cached (ms): " + ", ".join(f"{k} {v:.1f}" for k, v in latency.in_process_ms.items()))


def _get(client: httpx.Client, path: str, params: dict[str, str | int]) -> float:
    started = time.perf_counter()
    response = client.get(path, params=params)
    response.json()
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise BackendUnavailable(f"GET {path} answered {response.status_code}: {response.text[:300]}")
    return seconds
