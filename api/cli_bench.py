"""The ``policykg bench`` command: speed and memory side by side (see ``evaluation/bench``).

``api/cli.py`` calls :func:`register` once with its Typer app and a getter of the Settings
its root callback built; nothing here runs at import. The bench serves the store through
the real app in a child process started by :func:`serve_main`, an entry point that is
given its complete Settings as JSON (so it reads no environment).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from kg.settings import Settings

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
SKIPPABLE = ("sparql", "search", "ingest", "ask", "cooperation")


def register(app: typer.Typer, get_settings: Callable[[], Settings]) -> None:
    """Add the ``bench`` command to ``app``."""

    @app.command("bench")
    def bench_command(
        store: Annotated[Optional[Path], typer.Option("--store", help="Store to measure (default: the root "
                                                                         "--store); it is copied, never written")] = None,
        gold: Annotated[Optional[Path], typer.Option("--gold", help="Gold folder whose questions.jsonl drives the "
                                                                    "search latency (none: no search part)")] = None,
        corpus: Annotated[Path, typer.Option("--corpus", help="Folder ingested once per embedder")] = SAMPLE,
        synthetic: Annotated[int, typer.Option("--synthetic", min=0, help="Passages of the synthetic size "
                                                                          "(0: none)")] = 100_000,
        repeats: Annotated[int, typer.Option("--repeats", min=1, help="Timed runs per SPARQL query and engine")] = 20,
        budget: Annotated[float, typer.Option("--budget", min=0, help="Seconds after which an engine stops "
                                                                      "repeating a query")] = 3.0,
        cap: Annotated[float, typer.Option("--cap", min=1, help="Seconds after which rdflib is stopped")] = 300.0,
        skip: Annotated[Optional[list[str]], typer.Option("--skip", help="sparql | search | ingest | ask "
                                                                         "(repeatable)")] = None,
        ingest_embedders: Annotated[Optional[list[str]], typer.Option(
            "--ingest-embedder", help="Embedder whose ingest speed is measured (repeatable; default: every "
                                      "embedder policykg knows, so their passages/s sit side by side)")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON (the tables' numbers)")] = False,
        ann: Annotated[int, typer.Option("--ann", min=0, help="Synthetic vectors for exact vs HNSW vs IVF (recall@10, "
                                                              "p50/p95, memory), e.g. 1000000; 0: none")] = 0,
        hybrid: Annotated[int, typer.Option("--hybrid", min=0, help="Passages (the store's, then synthetic) over which "
                                                                    "the whole hybrid search is timed, HNSW and IVF at "
                                                                    "several widths vs exact (p50/p95, recall@10, "
                                                                    "memory), "
                                                                    "e.g. 1000000; 0: none")] = 0,
    ) -> None:
        """Measure SPARQL (HTTP vs pyoxigraph vs rdflib), search latency (corpus and synthetic size), ingest
        speed per embedder and the service's peak memory, in one run. Asserts nothing."""
        from rich.console import Console

        from evaluation.bench.report import render_rich
        from evaluation.bench.run import BenchPlan, questions_of, run_bench
        from ontology.iri import Iris

        err = Console(stderr=True)
        unknown = sorted(set(skip or ()) - set(SKIPPABLE))
        if unknown:
            raise typer.BadParameter(f"unknown {', '.join(unknown)}; use {' | '.join(SKIPPABLE)}", param_hint="--skip")
        from kg.settings import EMBEDDER_NAMES

        unknown = sorted(set(ingest_embedders or ()) - set(EMBEDDER_NAMES))
        if unknown:
            raise typer.BadParameter(f"unknown {', '.join(unknown)}; use {' | '.join(EMBEDDER_NAMES)}",
                                     param_hint="--ingest-embedder")
        settings = get_settings()
        if store is not None:
            settings = settings.model_copy(update={"store": store})
        if "ingest" not in (skip or ()) and not corpus.is_dir():
            raise typer.BadParameter(f"{corpus} is not a folder", param_hint="--corpus")
        plan = BenchPlan(store=settings.store, questions=questions_of(gold) if gold is not None else (),
                         corpus=corpus, skip=frozenset(skip or ()), repeats=repeats, budget_s=budget, cap_s=cap,
                         synthetic=synthetic, ingest_embedders=tuple(ingest_embedders or EMBEDDER_NAMES))
        with err.status("bench") as status:
            report = run_bench(settings, plan, server_for=server_command(settings),
                               say=lambda text: status.update(f"bench: {text}"))
            from evaluation.bench_ask import ask_questions, bench_ask, render_ask  # /ask p50/p95 (--skip ask)

            ask = None if gold is None or "ask" in plan.skip else bench_ask(
                settings.store, ask_questions(gold), server_for=server_command(settings),
                default_embedders=settings.embedders, say=lambda text: status.update(f"bench: {text}"))
            from evaluation.bench_cooperation import bench_cooperation, render_cooperation  # --skip cooperation

            coop = None if "cooperation" in plan.skip else bench_cooperation(
                settings.store, server_for=server_command(settings), default_embedders=settings.embedders,
                say=lambda text: status.update(f"bench: {text}"))
            from evaluation.bench_scale import scale_part  # /sparql vs Oxigraph server (--skip sparql); --ann

            from evaluation.bench_hybrid_scale import bench_hybrid_scale  # --hybrid
            from evaluation.bench_hybrid_scale import render_markdown as render_hybrid

            hybrid_scale = None if not hybrid else bench_hybrid_scale(
                settings, size=hybrid, questions=plan.questions, say=lambda text: status.update(f"bench: {text}"))
            scale = None if "sparql" in plan.skip and not ann else scale_part(
                settings.store, Iris(settings.base_iri).ontology, ann=ann, server_for=server_command(settings),
                repeats=repeats, default_embedders=settings.embedders, store_url=settings.store_url,
                say=lambda text: status.update(f"bench: {text}"))
        if as_json:
            print(json.dumps(report.as_dict() | ({"ask": ask.as_dict()} if ask else {})
                             | ({"cooperation": coop.as_dict()} if coop else {})
                             | ({"scale": scale[1]} if scale else {})
                             | ({"hybrid_scale": hybrid_scale.as_dict()} if hybrid_scale else {}),
                             ensure_ascii=False, indent=2))
        else:
            # Piped to a file, rich would assume 80 columns; the tables read better wide.
            render_rich(report, Console() if sys.stdout.isatty() else Console(width=200))
            if ask is not None:
                render_ask(ask, Console() if sys.stdout.isatty() else Console(width=200))
            if coop is not None:
                render_cooperation(coop, Console() if sys.stdout.isatty() else Console(width=200))
            if scale is not None:
                print(scale[0])
            if hybrid_scale is not None:
                print(render_hybrid(hybrid_scale))


def server_command(settings: Settings) -> Callable[[Path, tuple[str, ...]], Callable[[int], Sequence[str]]]:
    """How the bench serves a store: the real app under uvicorn, in a child Python, on a loopback port.

    The child gets ``settings`` with the store replaced, the embedders the store's indexes
    hold (so it serves them without rebuilding), and no API token (the bench writes nothing).
    """
    def for_store(store: Path, embedders: tuple[str, ...]) -> Callable[[int], Sequence[str]]:
        default = settings.default_embedder if settings.default_embedder in embedders else embedders[0]
        payload = settings.model_copy(update={"store": store, "embedders": embedders, "default_embedder": default,
                                              "api_token": None}).model_dump_json()
        return lambda port: [sys.executable, "-c", "from api.cli_bench import serve_main; serve_main()",
                             payload, str(port)]

    return for_store


def serve_main() -> None:
    """Entry point of the bench's service: ``serve_main()`` with argv = [settings JSON, port]."""
    import uvicorn

    from api.app import create_app, uvicorn_options
    from kg.settings import Settings

    payload, port = sys.argv[1], int(sys.argv[2])
    settings = Settings.model_validate_json(payload)
    # The options `policykg serve` gives uvicorn, so that what is measured is what is served.
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning", **uvicorn_options(settings))
