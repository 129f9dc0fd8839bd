"""The ``policykg eval`` command: measured quality against a gold folder (see ``evaluation/``).

``api/cli.py`` calls :func:`register` once with its Typer app and a getter of the Settings
its root callback built; nothing here runs at import. ``evaluation/`` never imports
``ingest`` (its judge must share no code with the extractor), so the parts of ``ingest`` it
measures are handed to it from here: the service's searcher, and :class:`IngestSheetExtractor`.
"""

from __future__ import annotations

import importlib
import json
import os
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

if TYPE_CHECKING:
    from collections.abc import Callable as Fn, Collection, Sequence

    from pyoxigraph import Quad

    from evaluation.fitting import LexiconTable, RuleEntry
    from kg.settings import Settings
    from kg.workspace import Workspace

#: The hooks leave-one-out needs in the extractor, per entry family: ``module:function``, where
#: ``function(ids)`` is a context manager inside which the rule entries ``ids`` (``"TABLE: entry"``,
#: ``"PROGRAM_HEAD_WORDS[es]: Red"``) are switched off. Gazetteer names need no hook
#: (the gazetteer is rebuilt without them).
DISABLE_HOOKS = {"labels": "ingest.sheets.labels:disabled_entries",
                 "instruments": "ingest.instrument_tables:disabled_entries"}


def register(app: typer.Typer, get_settings: Callable[[], Settings]) -> None:
    """Add the ``eval`` command to ``app``."""

    @app.command("eval")
    def eval_command(
        gold: Annotated[Path, typer.Option("--gold", help="Folder of gold sets (questions*.jsonl, citations.jsonl, "
                                                          "oas-program-facts.jsonl, extraction-*.json, "
                                                          "law-facts.jsonl)")],
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON (the table's numbers)")] = False,
        report: Annotated[Optional[Path], typer.Option("--report", help="Also write the report as markdown")] = None,
        k: Annotated[int, typer.Option("--k", help="Passages retrieved per question", min=1)] = 50,
        robustness: Annotated[bool, typer.Option(
            "--robustness/--no-robustness",
            help="Also run the extractor on the program sheets: as stored, leave-one-out, re-layout variants")] = True,
        variants: Annotated[int, typer.Option("--variants", help="Re-layout variants per sheet (0: none)",
                                              min=0, max=4)] = 3,
        seed: Annotated[int, typer.Option("--seed", help="Seed of the re-layout variants")] = 0,
        ask: Annotated[bool, typer.Option("--ask/--no-ask", help="Also ask every question (/ask): answer hit@3, "
                                                                 "evidence next to /search, per language")] = True,
        ask_k: Annotated[int, typer.Option("--ask-k", help="Evidence passages per /ask (and /search beside it)",
                                           min=1, max=50)] = 10,
        cooperation: Annotated[bool, typer.Option("--cooperation/--no-cooperation",
                                                  help="Also the time-split check of cooperation suggestions")] = True,
    ) -> None:
        """Measure retrieval (nDCG, recall, MRR per mode and language), citation links, program fields,
        entity/relation extraction and law metadata (per field and language) against gold sets."""
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
                searcher = extractor = None
                if gold_set.has("questions"):
                    from kg.linking.expansion import open_searcher

                    searcher = open_searcher(ws)
                if robustness and gold_set.has("programs"):
                    extractor = IngestSheetExtractor(ws)
                result = run_eval(ws, gold_set, k=k, progress=progress, searcher=searcher, extractor=extractor,
                                  variants=variants, seed=seed)
                ask_report = _evaluate_ask(ws, searcher, gold_set, k=ask_k, progress=progress) \
                    if ask and searcher is not None else None
                from evaluation.cooperation import time_split_of

                coop_report = time_split_of(ws) if cooperation else None
        finally:
            ws.close()
        if as_json:
            body = result.as_dict()
            if ask_report is not None:
                from dataclasses import asdict

                body["ask"] = asdict(ask_report)
            if coop_report is not None:
                body["cooperation_time_split"] = coop_report.as_dict()
            print(json.dumps(body, ensure_ascii=False, indent=2))
        else:
            render_rich(result, Console())
            if ask_report is not None:
                from evaluation.ask import render_markdown as render_ask

                print("\n/ask (answers hit@3; evidence vs /search, same k)\n" + render_ask(ask_report))
            if coop_report is not None:
                from evaluation.cooperation import render_time_split

                print("\ncooperation suggestions, time split (state–theme links of later programs)\n"
                      + render_time_split(coop_report))
        if report is not None:
            _write_atomically(report, render_markdown(result))
            err.print(f"wrote {report}")


def _evaluate_ask(ws: Workspace, searcher: Any, gold: Any, *, k: int, progress: Any) -> Any:
    """``evaluation.ask`` with the service's asker (ingest's language detection and searcher, handed in here)."""
    from evaluation.ask import evaluate_ask
    from ingest.language import detect_language
    from kg.ask.asker import Asker
    from kg.sparql.execute import InProcessExecutor
    from kg.sparql.run import QueryLimits

    settings = ws.settings
    asker = Asker(ws, searcher, InProcessExecutor(ws.store, network=bool(settings.outbound_allowlist)),
                  detect=detect_language, limits=QueryLimits(settings.query_timeout, max_rows=settings.max_rows),
                  allowlist=settings.outbound_allowlist)
    return evaluate_ask(asker, searcher, [q for q in gold.questions], k=k, progress=progress)


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


class IngestSheetExtractor:
    """:class:`evaluation.robustness.SheetExtractor` over ingest's own extractor, as the service runs it.

    Read-only on the workspace; each :meth:`document_quads` call is one in-memory extraction.
    """

    def __init__(self, workspace: Workspace) -> None:
        from ingest.pipeline import Ingestor

        self.ingestor = Ingestor(workspace)
        self.iris = workspace.iris
        self.max_bytes = workspace.settings.max_document_bytes
        self.known_years = self.ingestor.known_years()
        self.hooks: dict[str, Fn[[Sequence[str]], Any]] = {}
        for family, where in DISABLE_HOOKS.items():
            module, _, name = where.partition(":")
            hook = getattr(importlib.import_module(module), name, None)
            if callable(hook):
                self.hooks[family] = hook

    def lexicon(self) -> list[LexiconTable]:
        """Every table of ``ingest.sheets.labels`` and every named instrument's names, as data."""
        import ingest.sheets.labels as labels
        from evaluation.fitting import ACRONYM, PHRASE, REGEX, REGEX_FOLDED, LexiconTable
        from ingest.instrument_tables import named_instruments  # the names of ontology/instruments.ttl

        tables = []
        for name, value in vars(labels).items():
            if not name.isupper() or name == "INFINITIVE_ENDINGS":  # suffixes, not entries
                continue
            if name == "PROGRAM_INTRO":  # one regex over the original text: its alternatives are the entries
                tables.append(LexiconTable(name, REGEX, tuple(labels.regex_alternatives(value))))
                continue
            regex = name.endswith(("_CUES", "_FRIENDS", "_PHRASES", "_OPENERS", "_FAMILIES"))
            match = REGEX_FOLDED if regex else PHRASE
            if isinstance(value, tuple):
                tables.append(LexiconTable(name, match, tuple(str(x) for x in value)))
            elif isinstance(value, dict):
                tables += [LexiconTable(f"{name}[{key}]", match, tuple(entries)) for key, entries in value.items()]
        for ni in named_instruments():
            table = f"NAMED_INSTRUMENTS[{ni.slug}]"
            tables.append(LexiconTable(table, PHRASE, tuple(ni.names), "instruments"))
            if ni.acronyms:
                tables.append(LexiconTable(table, ACRONYM, tuple(ni.acronyms), "instruments"))
        return tables

    def disables(self) -> frozenset[str]:
        return frozenset({"gazetteer", *self.hooks})

    def read(self, path: str) -> str:
        from ingest.read import read_path

        return read_path(Path(path), max_bytes=self.max_bytes).text

    def document_quads(self, source: str, text: str, *, disabled: Collection[RuleEntry] = ()) -> list[Quad]:
        import hashlib

        from ingest.read import RawDocument

        raw = RawDocument(source, f"eval:{source}", text, "text/plain", hashlib.sha256(text.encode()).hexdigest())
        extractor = self._extractor({(e.text, e.iri) for e in disabled if e.family == "gazetteer"})
        with ExitStack() as stack:
            for family, hook in self.hooks.items():
                ids = [e.id for e in disabled if e.family == family]
                if ids:
                    stack.enter_context(hook(ids))
            doc = extractor.extract(raw, known_years=self.known_years)
        return self.ingestor.builder.quads(doc)

    def _extractor(self, off: set[tuple[str, str | None]]) -> Any:
        base = self.ingestor.extractor
        if not off:
            return base
        from ingest.extract import Extractor
        from ingest.gazetteer import Gazetteer

        fewer = Extractor(Gazetteer(e for e in base.gazetteer.entries if (e.text, e.iri) not in off), self.iris,
                          use_ner=self.ingestor.use_ner)
        fewer.mentions = base.mentions  # passage mentions as before (spaCy loads once); program facts use `gazetteer`
        return fewer


