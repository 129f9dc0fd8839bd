"""The bench report: one frozen structure, its JSON form, and tables made from the same values.

Every number is rounded once, where it is measured (:mod:`.timing`), so :meth:`BenchReport.as_dict`
and the tables print the same values; :func:`cell` writes a float exactly as JSON does.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from evaluation.bench.ingest_speed import STEP_ORDER, IngestSpeed
from evaluation.bench.memory import ProcessMemory
from evaluation.bench.search_latency import SearchReport
from evaluation.bench.sparql_mix import SparqlReport
from evaluation.report import Table

SECTIONS = ("sparql", "search", "ingest", "memory")


@dataclass(frozen=True)
class BenchReport:
    cores: int  # os.cpu_count() of the machine that measured
    load_average: tuple[float, float, float]  # at the start: the machine may be shared
    started_at: str
    store: str
    documents: int
    passages: int
    quads: int
    elapsed_s: float
    sparql: SparqlReport | None
    search: SearchReport | None
    ingest: IngestSpeed | None
    memory: tuple[ProcessMemory, ...]
    skipped: dict[str, str]  # section → why it did not run

    def as_dict(self) -> dict[str, Any]:
        """A JSON-able dict of everything; the same numbers as :func:`tables`."""
        return asdict(self)


def cell(value: object) -> str:
    """A value as the tables print it: floats as JSON writes them, None as an en dash.

    >>> cell(0.0602), cell(1235.0), cell(None), cell(3), cell("x")
    ('0.0602', '1235.0', '–', '3', 'x')
    """
    if value is None:
        return "–"
    return repr(value) if isinstance(value, float) else str(value)


def header(report: BenchReport) -> str:
    la = ", ".join(cell(x) for x in report.load_average)
    return (f"policykg bench · store {report.store}: {report.documents} documents, {report.passages} passages, "
            f"{report.quads} quads · {report.cores} cores (os.cpu_count), load average {la} at start · "
            f"{report.started_at} · {cell(report.elapsed_s)} s")


def tables(report: BenchReport) -> list[Table]:
    """Every table of the report, in reading order."""
    out: list[Table] = []
    if report.sparql is not None:
        out.append(_sparql(report.sparql, report.cores))
    if report.search is not None:
        out.append(_search(report.search, report.cores))
    if report.ingest is not None:
        out += _ingest(report.ingest, report.cores)
    if report.memory:
        out.append(Table("Memory (RSS, MB = 10^6 bytes)", ("process", "when", "RSS MB", "peak RSS MB (VmHWM)"),
                         tuple((m.process, m.when, cell(m.rss_mb), cell(m.peak_mb)) for m in report.memory),
                         ("peak = the kernel's RSS high-water mark of that process since it started "
                          "(/proc/<pid>/status VmHWM); child processes of the service (its SPARQL workers) are "
                          "summed, and a sum of peaks bounds their joint peak from above",)))
    return out


def _sparql(s: SparqlReport, cores: int) -> Table:
    rows = [(r.query, r.shape, cell(r.rows), cell(r.http_ms), cell(r.oxigraph_ms), cell(r.rdflib_ms),
             cell(r.http_ratio), cell(r.rdflib_ratio), "/".join(str(n) for n in r.runs), r.note or "")
            for r in s.rows]
    rows.append(("geometric mean", "", "", "", "", "", cell(s.http_ratio_geomean), cell(s.rdflib_ratio_geomean), "", ""))
    notes = (f"{cores} cores. Every engine answers over the same {s.triples} triples: the store's default graph "
             f"(the union of the named graphs); rdflib parsed its N-Triples dump ({s.rdflib_triples} triples) "
             f"in {cell(s.rdflib_load_s)} s" + (f" and was restarted {s.rdflib_restarts}×" if s.rdflib_restarts else ""),
             "HTTP: POST /sparql to the real service (uvicorn on loopback, separate process), SPARQL JSON or "
             "N-Triples read and parsed; pyoxigraph: Store.query, results iterated; rdflib: Graph.query, results "
             "iterated (separate process)",
             f"median of up to {s.repeats} runs after one warm-up; an engine stops repeating a query after "
             f"{cell(s.budget_s)} s; rdflib is stopped after {cell(s.cap_s)} s. runs = HTTP/pyoxigraph/rdflib; "
             "rows = pyoxigraph's result size (ASK: 1 = true); a note names engines whose size differs")
    return Table("SPARQL mix: median ms per query", ("query", "shape", "rows", "HTTP ms", "pyoxigraph ms", "rdflib ms",
                                                     "HTTP/pyoxigraph", "rdflib/pyoxigraph", "runs", "note"),
                 tuple(rows), notes)


def _search(s: SearchReport, cores: int) -> Table:
    rows = tuple((r.corpus, cell(r.passages), r.mode, r.embedder or "–", r.index, cell(r.questions), cell(r.cold_ms),
                  cell(r.p50_ms), cell(r.p95_ms), cell(r.service_p50_ms)) for r in s.rows)
    notes = [f"{cores} cores. GET /search?k={s.k} on the real service (uvicorn on loopback, separate process), "
             f"{s.questions} questions per mode, timed from request to parsed JSON; cold = the first query of the "
             "mode (not counted: it loads the embedder on first use); service = the elapsed_ms the service reports"]
    if s.synthetic is not None:
        y = s.synthetic
        notes.append(f"synthetic = SYNTHETIC passages: the {y.source_passages} real passages, then copies with ~1/6 "
                     f"of their words dropped and vectors plus noise of norm {cell(y.noise)}, to {y.passages} "
                     f"passages (built in {cell(y.build_s)} s), served by the same service over the same graph")
    notes += list(s.notes)
    return Table("Search latency (ms)", ("corpus", "passages", "mode", "embedder", "index", "n", "cold ms", "p50 ms",
                                         "p95 ms", "service p50 ms"), rows, tuple(notes))


def _ingest(s: IngestSpeed, cores: int) -> list[Table]:
    speed = tuple((r.embedder, cell(r.documents), cell(r.passages), cell(r.seconds), cell(r.documents_per_s),
                   cell(r.passages_per_s), cell(r.floor_s), cell(r.floor_passages_per_s), cell(r.ingest_over_floor),
                   cell(r.embed_over_floor)) for r in s.rows)
    notes = (f"{cores} cores. {s.corpus} ingested into a new temporary store once per embedder (only that "
             "embedder's vectors); a first ingest also loads spaCy and the embedder",
             "floor = encoding the same passages with the loaded embedder, no cache: the physical floor; "
             "ingest÷floor = whole ingest over floor; embed÷floor = the embed step (model load, vector cache) over floor")
    steps = tuple((r.embedder, *(cell(r.steps[k]) for k in STEP_ORDER)) for r in s.rows)
    return [Table("Ingest speed", ("embedder", "documents", "passages", "s", "docs/s", "passages/s", "floor s",
                                   "floor passages/s", "ingest÷floor", "embed÷floor"), speed, notes),
            Table("Ingest time per pipeline step (s)", ("embedder", *STEP_ORDER), steps)]


def render_rich(report: BenchReport, console: Any) -> None:
    """Print the header and every table on a rich Console."""
    from rich.table import Table as RichTable

    console.print(header(report))
    for section, why in report.skipped.items():
        console.print(f"  [dim]{section}: not measured ({why})[/dim]")
    for t in tables(report):
        table = RichTable(title=t.title, title_justify="left")
        for name in t.columns:
            table.add_column(name, overflow="fold")  # a narrow terminal folds a number, never cuts it
        for r in t.rows:
            table.add_row(*r)
        console.print(table)
        for n in t.notes:
            console.print(f"  [dim]{n}[/dim]")
