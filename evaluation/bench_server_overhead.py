"""Our ``/sparql`` against Oxigraph server's own HTTP endpoint: the same data, the same query mix, one run.

Both serve a copy of one store: policykg (the real app, its default settings: queries in worker
processes, admission, the guard) and ``oxigraph serve-read-only`` on the store's RocksDB directory,
whose default graph already is the union (policykg maintains it). Each query of
:data:`evaluation.bench.sparql_mix.QUERIES` is posted the same way to both (SPARQL Protocol POST,
JSON or N-Triples back, read and parsed), alternating per query so that load on the machine hits
both alike. The ratio per query and its geometric mean are the figure; nothing is asserted.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

from evaluation.bench.run import indexed_embedders
from evaluation.bench.served import ServerCommand, free_port, served
from evaluation.bench.sparql_mix import QUERIES, MixQuery
from evaluation.bench.timing import median, ms, percentile, sig


@dataclass(frozen=True)
class OverheadRow:
    query: str
    rows: int | None
    ours_ms: float | None
    server_ms: float | None
    ratio: float | None
    note: str = ""


@dataclass(frozen=True)
class OverheadReport:
    repeats: int
    rows: list[OverheadRow] = field(default_factory=list)
    ours_p95_ms: float | None = None
    server_p95_ms: float | None = None
    baseline: str = "Oxigraph server"  # the endpoint policykg is compared with

    @property
    def ratio_geomean(self) -> float | None:
        present = [r.ratio for r in self.rows if r.ratio]
        return sig(math.exp(sum(math.log(v) for v in present) / len(present))) if present else None

    def as_dict(self) -> dict[str, object]:
        return asdict(self) | {"ratio_geomean": self.ratio_geomean}


def _once(client: httpx.Client, url: str, query: MixQuery, text: str) -> int | str:
    accept = "application/n-triples" if query.form == "graph" else "application/sparql-results+json"
    response = client.post(url, content=text.encode(), headers={"Content-Type": "application/sparql-query",
                                                                 "Accept": accept})
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    if query.form == "graph":
        return sum(1 for line in response.text.splitlines() if line.strip())
    data = json.loads(response.content)
    return int(data["boolean"]) if query.form == "ask" else len(data["results"]["bindings"])


@contextmanager
def oxigraph_read_only(location: Path, program: str = "oxigraph") -> Iterator[str]:
    """``oxigraph serve-read-only`` on ``location`` at a free loopback port; yields its query URL."""
    port = free_port()
    process = subprocess.Popen([program, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url, params={"query": "ASK {}"}, timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("oxigraph serve-read-only did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def compare(ours: str, server: str, ontology: str, *, repeats: int = 20,
            queries: Sequence[MixQuery] = QUERIES, baseline: str = "Oxigraph server") -> OverheadReport:
    """Time every query ``repeats`` times on both endpoints, alternating; medians in ms and their ratio."""
    rows, all_ours, all_server = [], [], []
    with httpx.Client(timeout=120) as client:
        for q in queries:
            text = q.text(ontology)
            times: dict[str, list[float]] = {"ours": [], "server": []}
            sizes: dict[str, int | str] = {}
            for _ in range(repeats + 1):  # the first round warms both up and is not counted
                for name, url in (("ours", ours), ("server", server)):
                    started = time.perf_counter()
                    sizes[name] = _once(client, url, q, text)
                    times[name].append(time.perf_counter() - started)
            ours_t, server_t = times["ours"][1:], times["server"][1:]
            all_ours += ours_t
            all_server += server_t
            errors = [f"{n}: {v}" for n, v in sizes.items() if isinstance(v, str)]
            if not errors and sizes["ours"] != sizes["server"]:
                errors.append(f"sizes differ: {sizes['ours']} vs {sizes['server']}")
            a, b = ms(median(ours_t)), ms(median(server_t))
            rows.append(OverheadRow(q.name, sizes["server"] if isinstance(sizes["server"], int) else None, a, b,
                                    sig(a / b) if b else None, "; ".join(errors)))
    return OverheadReport(repeats, rows, ms(percentile(all_ours, 95)), ms(percentile(all_server, 95)), baseline)


def served_snapshot(app_url: str, store: Path) -> Path:
    """The snapshot policykg's query workers read (made by a first query): the files Oxigraph server is given.

    policykg opens its store for writing, so RocksDB replays its log and compacts first-level files
    into compressed lower levels in the background, and the workers read a checkpoint of that;
    ``serve-read-only`` on the store as ingested would read other files (uncompressed, or a log
    replayed into memory): scans up to 1.4x apart on this corpus, a difference of files, not of
    servers. Given the workers' own checkpoint, both read the same files.
    """
    httpx.post(app_url + "/sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query"},
               timeout=60).raise_for_status()
    snapshots = sorted((store / "snapshots").glob("*"), key=lambda p: p.stat().st_mtime)
    if not snapshots:
        raise RuntimeError("policykg made no snapshot for its query workers")
    return snapshots[-1]


def bench_overhead(store: Path, ontology: str, *, server_for: Callable[[Path, tuple[str, ...]], ServerCommand],
                   repeats: int = 20, program: str = "oxigraph", default_embedders: tuple[str, ...] = ("minilm",),
                   store_url: str | None = None, say: Callable[[str], None] = lambda _: None) -> OverheadReport:
    """Copy ``store``, serve it with policykg and with Oxigraph server, and :func:`compare` them.

    With ``store_url`` (a remote store: ``server_for`` serves policykg on it) the comparison is
    with that server's own query endpoint: what policykg adds in front of the store it uses.
    """
    with tempfile.TemporaryDirectory(prefix="policykg-overhead-") as tmp:
        copy = Path(tmp) / "store"
        say(f"copying {store}")
        shutil.copytree(store, copy, symlinks=True, ignore=shutil.ignore_patterns("snapshots", "dumps"))
        embedders = indexed_embedders(copy) or default_embedders  # served as indexed: nothing to rebuild
        if store_url is not None:
            say(f"serving the remote store {store_url} with policykg")
            with served(server_for(copy, embedders)) as app:
                say("timing the SPARQL mix on policykg and on the store's own endpoint")
                return compare(app.url + "/sparql", store_url, ontology, repeats=repeats,
                               baseline="the remote store's endpoint")
        say("serving the store with policykg and with oxigraph serve-read-only")
        with served(server_for(copy, embedders)) as app:
            server_copy = Path(tmp) / "server"  # its own copy: the workers' snapshot may be collected meanwhile
            shutil.copytree(served_snapshot(app.url, copy), server_copy, symlinks=True)
            with oxigraph_read_only(server_copy, program) as server:
                say("timing the SPARQL mix on both")
                return compare(app.url + "/sparql", server, ontology, repeats=repeats)


def render_markdown(report: OverheadReport) -> str:
    lines = [f"SPARQL mix, {report.repeats} runs per query and endpoint (median ms); ratio = policykg / "
             f"{report.baseline}", "", f"| query | rows | policykg /sparql | {report.baseline} | ratio | note |",
             "|---|---:|---:|---:|---:|---|"]
    lines += [f"| {r.query} | {r.rows} | {r.ours_ms} | {r.server_ms} | {r.ratio} | {r.note} |" for r in report.rows]
    lines.append(f"| **geometric mean** | | p95 {report.ours_p95_ms} | p95 {report.server_p95_ms} | "
                 f"**{report.ratio_geomean}** | |")
    return "\n".join(lines)
