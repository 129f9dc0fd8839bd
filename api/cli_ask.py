"""The ``policykg ask`` command: the same answer as ``GET /ask``, on the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from kg.settings import Settings


def register(app: typer.Typer, get_settings: Callable[[], Settings]) -> None:
    """Add the ``ask`` command to ``app``."""

    @app.command("ask")
    def ask_command(
        question: Annotated[str, typer.Argument(help="A question in English, Spanish, Portuguese or French")],
        lang: Annotated[Optional[str], typer.Option(help="en | es | pt | fr (detected when absent)")] = None,
        k: Annotated[int, typer.Option("-k", help="Evidence passages", min=1, max=50)] = 10,
        as_json: Annotated[bool, typer.Option("--json", help="The same JSON as GET /ask")] = False,
    ) -> None:
        """Answer a question: linked entities, intent, the SPARQL run, answers and the passages behind them."""
        from rich.console import Console

        from ingest.language import detect_language
        from kg.linking.expansion import open_searcher
        from kg.ask.asker import Asker
        from kg.sparql.execute import InProcessExecutor
        from kg.sparql.run import QueryLimits
        from kg.workspace import Workspace

        settings = get_settings()
        ws = Workspace(settings, read_only=True)
        try:
            asker = Asker(ws, open_searcher(ws), InProcessExecutor(ws.store, network=bool(settings.outbound_allowlist)),
                          detect=detect_language, limits=QueryLimits(settings.query_timeout, max_rows=settings.max_rows),
                          allowlist=settings.outbound_allowlist)
            result = asker.ask(question, lang=lang, k=k)
        finally:
            ws.close()
        if as_json:
            print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
            return
        out = Console()
        out.print(f"[bold]{result.intent.name if result.intent else 'no intent'}[/bold] ({result.language}): "
                  f"{result.intent.why if result.intent else result.reason}")
        for link in result.linked:
            out.print(f"  linked {link['mention']!r} → {link['label']} ({link['type']}, {link['how']}, {link['confidence']})")
        for n, a in enumerate(result.answers, start=1):
            out.print(f"{n:>3}. {a.label} [dim]{a.symbol or a.iso3 or a.iri} · {a.type} · {a.score:g}[/dim]")
        if result.reason:
            out.print(f"[yellow]{result.reason}[/yellow]")
        for e in result.evidence[:3]:
            out.print(f"  [dim]{e.source} §{e.section}[/dim] {e.text[:200]}")
