"""The ``policykg`` command line. Builds one Settings in the root callback and passes it down."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, cast

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from kg.settings import Settings
    from kg.workspace import Workspace

app = typer.Typer(help="policykg: a knowledge graph and semantic search over public-security policy.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
console = Console(stderr=True)


class State:
    # Typer runs the root callback, which sets this, before any command.
    settings: Settings = cast("Settings", None)


@app.callback()
def root(store: Annotated[Optional[Path], typer.Option(help="Store directory (env POLICYKG_STORE)")] = None,
         store_url: Annotated[Optional[str], typer.Option(
             help="SPARQL query endpoint of a remote store (env POLICYKG_STORE_URL)")] = None) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from pydantic import ValidationError

    from kg.settings import Settings

    try:
        given: dict[str, object] = {"store": store, "store_url": store_url}
        State.settings = Settings(**{k: v for k, v in given.items() if v is not None})  # type: ignore[arg-type]
    except ValidationError as e:
        console.print(f"[red]configuration error:[/red] {e}")
        raise typer.Exit(2) from None


def _workspace(read_only: bool = False) -> Workspace:
    from kg.workspace import Workspace

    return Workspace(State.settings, read_only=read_only)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest")],
    skip_bad: Annotated[bool, typer.Option(help="Store the good documents even if some fail")] = False,
    if_empty: Annotated[bool, typer.Option(help="Do nothing when the store already holds documents")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
) -> None:
    """Ingest documents: read, segment, extract, validate, embed, write (all or nothing).

    A file whose text is already stored, or met earlier in the run, under another name is
    reported as a duplicate and not stored again; that alone does not fail the run (exit 0):
    its content is in the store. Exit 1 when files failed (with --skip-bad), 2 on an error.
    """
    from rich.markup import escape

    from api.progress import step_bars
    from ingest.pipeline import Ingestor

    ws = _workspace()
    if if_empty and ws.document_graphs():
        console.print(f"store {State.settings.store} already holds {len(ws.document_graphs())} documents; not ingesting")
        ws.passages()
        return
    started = time.perf_counter()
    with step_bars(console) as progress:
        report = Ingestor(ws).ingest_paths(paths, skip_bad=skip_bad, progress=progress)
    elapsed = time.perf_counter() - started
    if as_json:
        print(json.dumps({**report.as_dict(), "elapsed_s": round(elapsed, 2)}, ensure_ascii=False, indent=2))
    else:
        console.print(f"added {len(report.added)}, replaced {len(report.replaced)}, skipped {len(report.skipped)} "
                      f"unchanged, {len(report.duplicates)} duplicates, failed {len(report.failed)}; "
                      f"{report.passages} passages, {report.quads} quads in {elapsed:.1f} s")
        if report.seconds:
            console.print("time per step: " + ", ".join(f"{k} {v:.1f} s" for k, v in report.seconds.items()))
        for source, reason in report.failed:
            console.print(f"[red]failed[/red] {escape(source)}: {escape(reason)}")
    for duplicate in report.duplicates:  # also with --json: a warning on stderr, the JSON on stdout
        console.print(f"[yellow]duplicate[/yellow] {escape(duplicate.describe())}", soft_wrap=True)
    ws.close()
    if report.failed:
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Question or keywords, in en, es, pt or fr")],
    k: Annotated[int, typer.Option("-k", help="How many passages")] = 10,
    mode: Annotated[str, typer.Option(help="bm25 | dense | hybrid")] = "hybrid",
    embedder: Annotated[Optional[str], typer.Option(help="minilm | use-m3 | e5 | all")] = None,
    state: Annotated[Optional[str], typer.Option(help="Filter: ISO3 code")] = None,
    doc_type: Annotated[Optional[str], typer.Option("--type", help="Filter: document type")] = None,
    year: Annotated[Optional[int], typer.Option(help="Filter: year")] = None,
    lang: Annotated[Optional[str], typer.Option(help="Filter: document language")] = None,
    sparql: Annotated[Optional[str], typer.Option(help="Only passages a SELECT names in its first variable "
                                                       "(documents, passages or entities); a query or @file")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The same JSON as GET /search")] = False,
) -> None:
    """Hybrid search over passages."""
    from kg.linking.expansion import open_searcher
    from kg.search import Filters
    from kg.sparql.execute import InProcessExecutor
    from kg.sparql.first_column import first_column_iris
    from kg.sparql.run import QueryLimits

    ws = _workspace()
    settings = State.settings
    within = None
    if sparql is not None:  # checked, timed and capped as `policykg sparql` does
        text = Path(sparql[1:]).read_text() if sparql.startswith("@") else sparql
        within = first_column_iris(text, executor=InProcessExecutor(ws.store, network=bool(settings.outbound_allowlist)),
                                   limits=QueryLimits(settings.query_timeout, max_rows=settings.max_rows),
                                   allowlist=settings.outbound_allowlist)
    result = open_searcher(ws).search(query, k=k, mode=mode, embedder=embedder, within=within,
                                      filters=Filters(state=state, type=doc_type, year=year, lang=lang))
    if as_json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    table = Table("#", "document", "section", "passage", "entities")
    for h in result.hits:
        table.add_row(str(h.rank), f"{h.document.title}\n[dim]{h.document.source}[/dim]", h.passage.section,
                      h.passage.text[:220], ", ".join(e.label for e in h.entities[:6]))
    Console().print(table)
    console.print(f"{result.mode} in {result.elapsed_ms:.0f} ms")


@app.command()
def sparql(
    query: Annotated[str, typer.Argument(help="A SPARQL query, or @file")],
    fmt: Annotated[str, typer.Option("--format", help="json | xml | csv | tsv, or turtle | ntriples | jsonld")] = "",
    truncate: Annotated[bool, typer.Option(help="Accept an answer cut at POLICYKG_MAX_ROWS (else refused)")] = False,
) -> None:
    """Run a read-only SPARQL query over the union of all graphs (checked and capped as on /sparql)."""
    from kg.linking.expansion import open_searcher
    from kg.formats import rdf_syntax, results_syntax
    from kg.sparql.execute import InProcessExecutor
    from kg.sparql.passage_search import passage_search, prepare
    from kg.sparql.run import Formats, QueryLimits, run_query
    from kg.sparql.search_block import has_search_blocks

    def formats(form: str | None) -> Formats:  # a --format that cannot write this form fails before the query runs
        try:
            if form == "graph":
                return Formats(None, rdf_syntax(fmt or "turtle").name)
            return Formats(results_syntax(fmt or "tsv").name, None)
        except KeyError:
            raise typer.BadParameter(f"{fmt!r} cannot write a {form or 'query'} result", param_hint="--format") from None

    text = Path(query[1:]).read_text() if query.startswith("@") else query
    settings = State.settings
    ws = _workspace(read_only=False)
    search = None
    if has_search_blocks(text):  # opened (indexes, default model) before the deadline runs, as a server has them
        searcher = open_searcher(ws)
        prepare(searcher)
        search = passage_search(searcher)
    answer = run_query(text, executor=InProcessExecutor(ws.store, network=bool(settings.outbound_allowlist)),
                       limits=QueryLimits(settings.query_timeout, max_rows=settings.max_rows, truncate=truncate),
                       allowlist=settings.outbound_allowlist, formats=formats, search=search)
    sys.stdout.buffer.write(answer.body)
    if answer.truncated:  # said on stderr, the rows on stdout stay parseable
        console.print(f"[yellow]results cut at {settings.max_rows} rows (POLICYKG_MAX_ROWS)[/yellow]")


@app.command()
def similar(
    entity: Annotated[str, typer.Argument(help="An entity's IRI, or its path after id/ (program/gelavex)")],
    k: Annotated[int, typer.Option("-k", help="How many")] = 10,
    kind: Annotated[Optional[str], typer.Option("--type", help="program | resolution | law | treaty | instrument | "
                                                               "state | organization (default: its own)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The same JSON as GET /entities/{path}/similar")] = False,
) -> None:
    """The entities most similar to one, by text and graph overlap, with the shared items that explain it."""
    from kg.similar import similar_entities

    ws = _workspace()
    iri = entity if entity.startswith("http") else ws.iris.instance_base + entity
    result = similar_entities(ws, iri, k=k, kind=kind)
    if as_json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    table = Table("score", "text", "graph", result.type, "shared")
    for c in result.results:
        table.add_row(f"{c.score:.3f}", f"{c.text:.3f}", f"{c.graph:.3f}", c.label, ", ".join(s.label for s in c.shared))
    Console().print(table)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="nquads | trig; with --network: graphml | csv | nodes-csv")] = "",
    output: Annotated[Optional[Path], typer.Option("-o", help="File to write (default: stdout)")] = None,
    gzip_: Annotated[bool, typer.Option("--gzip", help="Compress with gzip (as GET /dump.nq.gz)")] = False,
    network: Annotated[bool, typer.Option("--network", help="The state–program–partner–instrument network "
                                                            "(as GET /export/network.graphml) instead of the graphs")] = False,
) -> None:
    """Dump every named graph (documents and reference data) with its name; the default graph is their union."""
    import gzip

    from kg.dump import write_dump

    if network:
        from api.cli_export_network import export_network

        console.print(export_network(State.settings, fmt, output))
        return
    fmt = fmt or "nquads"

    if fmt not in ("nquads", "trig"):
        raise typer.BadParameter("use nquads or trig", param_hint="--format")
    ws = _workspace()  # a running server holds the store: download GET /dump.nq.gz from it instead
    if output:
        write_dump(ws.store, output, fmt=fmt, compress=gzip_)
        console.print(f"wrote {output.stat().st_size} bytes to {output}")
    elif gzip_:
        with gzip.GzipFile(fileobj=sys.stdout.buffer, mode="wb", mtime=0) as out:
            ws.store.dump_to(out, fmt)  # type: ignore[arg-type]
    else:
        ws.store.dump_to(sys.stdout.buffer, fmt)
    ws.close()


@app.command()
def validate() -> None:
    """Validate every stored document graph against the SHACL shapes."""
    from ingest.validate import ShapeValidator

    ws = _workspace()
    validator = ShapeValidator(ws.iris)
    graphs = {g: ws.store.graph_quads(g) for g in ws.document_graphs()}
    violations = validator.validate(graphs)
    for v in violations:
        console.print(f"[red]{v.document}[/red] {v.focus}: {v.message}")
    console.print(f"{len(graphs)} document graphs, {len(violations)} violations")
    if violations:
        raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
) -> None:
    """Serve the HTTP API and the web pages."""
    import uvicorn

    from api.app import create_app, uvicorn_options

    # httptools, with a bound on request heads that still lets over-long URLs reach the app's 414 (see uvicorn_options)
    uvicorn.run(create_app(State.settings), host=host, port=port, log_level="info", **uvicorn_options(State.settings))


from api.cli_eval import register as register_eval  # noqa: E402

register_eval(app, lambda: State.settings)
from api.cli_ask import register as register_ask  # noqa: E402

register_ask(app, lambda: State.settings)
from api.cli_bench import register as register_bench  # noqa: E402

register_bench(app, lambda: State.settings)
from api.cli_cooperation import register as register_cooperation  # noqa: E402

register_cooperation(app, lambda: State.settings)


def main() -> None:
    from kg.errors import PolicyKGError

    try:
        app()
    except PolicyKGError as e:
        console.print(f"[red]{e.title}:[/red] {e}")
        sys.exit(2)
    except Exception as e:  # the CLI's top level: a clear message, not a traceback
        console.print(f"[red]error:[/red] {type(e).__name__}: {e}")
        sys.exit(1)
