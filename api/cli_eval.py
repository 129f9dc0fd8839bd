"""The ``policykg eval`` command: measured quality against a gold folder (see ``evaluation/``).

``api/cli.py`` calls :func:`register` once with its Typer app and a getter of the Settings
its root callback built; nothing here runs at import.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from kg.settings import Settings


def register(app: typer.Typer, get_settings: Callable[[], Settings]) -> None:
    """Add the ``eval`` command to ``app``."""

    @app.command("eval")
    def eval_command(
        gold: Annotated[Path, typer.Option("--gold", help="Folder of gold sets (questions.jsonl, citations.jsonl, "
                                                          "oas-program-facts.jsonl, extraction-*.json)")],
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON (the table's numbers)")] = False,
        report: Annotated[Optional[Path], typer.Option("--report", help="Also write the report as markdown")] = None,
        k: Annotated[int, typer.Option("--k", help="Passages retrieved per question", min=1)] = 50,
    ) -> None:
        """Measure retrieval (nDCG, recall, MRR per mode and language), citation links, program fields
        and entity/relation extraction against gold sets."""
        from rich.console import Console

        from api.progress import step_bars
        from evaluation.gold import load_gold
        from evaluation.report import render_markdown, render_rich
        from evaluation.suite import run_eval
        from kg.errors import NotFound
        from kg.workspace import Workspace

        err = Console(stderr=True)
        gold_set = load_gold(gold)
        settings = get_settings()
        if k > settings.search_k_max:
            raise typer.BadParameter(f"at most {settings.search_k_max} (POLICYKG_SEARCH_K_MAX)", param_hint="--k")
        if not (settings.store / "oxigraph").is_dir():
            raise NotFound(f"no store at {settings.store}; ingest documents first")
        # Read-only: the evaluation changes nothing, and can run beside `policykg serve`.
        ws = Workspace(settings, read_only=True)
        try:
            with step_bars(err) as progress:
                result = run_eval(ws, gold_set, k=k, progress=progress)
        finally:
            ws.close()
        if as_json:
            print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        else:
            render_rich(result, Console())
        if report is not None:
            _write_atomically(report, render_markdown(result))
            err.print(f"wrote {report}")


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
