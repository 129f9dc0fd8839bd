"""A bare Typer app with one registered command group, for testing a command without the full CLI."""

from __future__ import annotations

from collections.abc import Callable

import typer


def make_app(register: Callable[[typer.Typer, Callable[[], object]], None], settings: object) -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """policykg (test)"""

    register(app, lambda: settings)
    return app
