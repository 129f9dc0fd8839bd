"""The ``policykg state`` and ``policykg cooperate`` commands: the same JSON as ``GET /states/{iso3}`` and ``GET /cooperation``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from kg.network import Network
    from kg.settings import Settings

LANGS = ("en", "es", "pt", "fr")


def _network(get_settings: Callable[[], Settings]) -> Network:
    from kg.network import read_network
    from kg.workspace import Workspace

    ws = Workspace(get_settings(), read_only=True)
    try:
        return read_network(ws.store, ws.iris)
    finally:
        ws.close()


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise typer.BadParameter(f"use one of {', '.join(LANGS)}", param_hint="--lang")
    return lang


def register(app: typer.Typer, get_settings: Callable[[], Settings]) -> None:
    """Add the ``state`` and ``cooperate`` commands to ``app``."""

    @app.command("state")
    def state_command(
        iso3: Annotated[str, typer.Argument(help="ISO 3166 alpha-3 code, e.g. PRY")],
        lang: Annotated[str, typer.Option(help="Labels' language: en | es | pt | fr")] = "en",
        peers: Annotated[int, typer.Option(help="How many comparable states to list (0: none)", min=0, max=100)] = 5,
        as_json: Annotated[bool, typer.Option("--json", help="The same JSON as GET /states/{iso3}")] = False,
    ) -> None:
        """A state's profile: programs with role, instruments, laws, partners, themes, documents (and its peers)."""
        from rich.console import Console
        from rich.table import Table

        from kg.cooperation_peers import similar_states
        from kg.profiles import state_profile

        net = _network(get_settings)
        profile = state_profile(net, iso3, lang=_lang(lang))
        if as_json:
            print(json.dumps(profile.as_dict(), ensure_ascii=False, indent=2))
            return
        out = Console()
        out.print(f"[bold]{profile.label}[/bold] ({profile.iso3}) — "
                  + ", ".join(f"{n} {name}" for name, n in profile.counts.items()))
        for title, items in (("programs", profile.programs), ("instruments", profile.instruments),
                             ("laws", profile.laws), ("partners", profile.partners), ("themes", profile.themes),
                             ("practices", profile.practices)):
            if not items:
                continue
            table = Table(title, "relation", "facts", "passages", title_justify="left")
            for item in items:
                passages = sorted({p for f in item.evidence for p in f.passages})
                table.add_row(item.label, ", ".join(item.relations), str(len(item.evidence)),
                              " ".join(p.rsplit("/", 1)[-1] for p in passages[:3]) + (" …" if len(passages) > 3 else ""))
            out.print(table)
        if peers:
            found = similar_states(net, iso3, k=peers, lang=lang)
            table = Table("comparable state", "score", "shared", title_justify="left")
            for p in found.results:
                table.add_row(p.label, f"{p.score:.3f}", ", ".join(s.label for s in p.shared[:4]))
            out.print(table)

    @app.command("cooperate")
    def cooperate_command(
        state: Annotated[Optional[str], typer.Argument(help="ISO3 of the state to help (all states when absent)")] = None,
        theme: Annotated[Optional[str], typer.Option(help="A theme's slug or IRI (e.g. cybersecurity)")] = None,
        k: Annotated[int, typer.Option("-k", help="How many suggestions", min=1, max=100)] = 10,
        gives: Annotated[bool, typer.Option("--gives", help="STATE is the helper, not the state helped")] = False,
        lang: Annotated[str, typer.Option(help="Labels' language: en | es | pt | fr")] = "en",
        sparql: Annotated[bool, typer.Option(help="Print each suggestion's SPARQL")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="The same JSON as GET /cooperation")] = False,
    ) -> None:
        """Ranked "A could help B on X" suggestions, each with the graph paths and passages behind it."""
        from rich.console import Console

        from kg.cooperation import cooperation

        net = _network(get_settings)
        found = cooperation(net, state=state, theme=theme, k=k, direction="gives" if gives else "receives",
                            lang=_lang(lang))
        if as_json:
            print(json.dumps(found.as_dict(), ensure_ascii=False, indent=2))
            return
        out = Console()
        if not found.results:
            out.print("no suggestion: nothing in the graph shows a need that another state can meet")
        for n, s in enumerate(found.results, start=1):
            out.print(f"[bold]{n:>2}. {s.text}[/bold] [dim]score {s.score:.3f} (capability {s.capability:.2f}, "
                      f"need {s.need:.2f}, link {s.link:.2f})[/dim]")
            for path in s.paths:
                facts = "; ".join(f"{net.label(f.s, lang)} —{f.p.rsplit('#', 1)[-1]}→ {net.label(f.o, lang)} "
                                  f"[dim]({', '.join(p.rsplit('/', 1)[-1] for p in f.passages[:2])})[/dim]"
                                  for f in path.facts)
                out.print(f"     {path.kind}/{path.route}: {facts or path.note}")
            if sparql:
                out.print(s.sparql, markup=False)
