"""The order of the bench's work, in one temporary directory; the store measured is never written.

1. copy the store (the service opens its store for writing, so it gets a copy);
2. the SPARQL mix through pyoxigraph on the copy (read-only), then dump its default graph
   and run the mix through rdflib (child process);
3. serve the copy; the mix through HTTP, the searches, the service's memory;
4. build the synthetic store from the copy, serve it, the searches and memory again;
5. ingest the sample folder once per embedder.
Each step waits for the previous one, so the engines never compete for the cores.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from evaluation.bench.ingest_speed import IngestSpeed, measure_ingest
from evaluation.bench.memory import ProcessMemory
from evaluation.bench.rdflib_engine import EngineRun, RdflibEngine
from evaluation.bench.report import BenchReport
from evaluation.bench.search_latency import LatencyRow, SearchReport, measure_search
from evaluation.bench.served import ServedApp, ServerCommand, served
from evaluation.bench.sparql_mix import (combine, dump_default_graph, open_engine, time_http, time_oxigraph,
                                        time_rdflib)
from evaluation.bench.synthetic import SyntheticSet, build_synthetic_store
from kg.errors import NotFound
from kg.settings import Settings
from ontology.iri import Iris

#: Given a store directory and the embedders its indexes hold, the command that serves it on a port.
ServerFor = Callable[[Path, tuple[str, ...]], ServerCommand]
Say = Callable[[str], None]


@dataclass(frozen=True)
class BenchPlan:
    store: Path
    questions: tuple[str, ...] = ()  # none: no search measurements
    corpus: Path | None = None  # none: no ingest measurements
    skip: frozenset[str] = frozenset()  # of "sparql", "search", "ingest"
    repeats: int = 20
    budget_s: float = 3.0
    cap_s: float = 300.0
    synthetic: int = 100_000  # 0: no synthetic size
    k: int = 10
    ingest_embedders: tuple[str, ...] = ()  # none: the settings' embedders


def indexed_embedders(store: Path) -> tuple[str, ...]:
    """The embedders of the store's current index generation, in its order (empty when there is none)."""
    manifest = store / "index" / "current" / "manifest.json"
    if not manifest.exists():
        return ()
    return tuple(json.loads(manifest.read_text())["embedders"])


def run_bench(settings: Settings, plan: BenchPlan, *, server_for: ServerFor, say: Say = lambda _: None) -> BenchReport:
    """Measure everything ``plan`` asks for; see the module docstring for the order."""
    if not (plan.store / "oxigraph").is_dir():
        raise NotFound(f"no store at {plan.store}")
    started, started_at = time.perf_counter(), datetime.now(timezone.utc).isoformat(timespec="seconds")
    one, five, fifteen = os.getloadavg()
    load = (round(one, 2), round(five, 2), round(fifteen, 2))
    skipped = {s: "--skip" for s in sorted(plan.skip)}
    memory: list[ProcessMemory] = []
    ontology = Iris(settings.base_iri).ontology
    with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp:
        work = Path(tmp)
        copy = work / "store"
        say(f"copying {plan.store}")
        shutil.copytree(plan.store, copy, symlinks=True)
        embedders = indexed_embedders(copy) or settings.embedders
        oxigraph: dict[str, EngineRun] = {}
        rdflib: dict[str, EngineRun] = {}
        http: dict[str, EngineRun] = {}
        triples = 0
        engine: RdflibEngine | None = None
        sparql_on = "sparql" not in plan.skip
        if sparql_on:
            say("SPARQL mix: pyoxigraph, then rdflib")
            oxigraph, rdflib, triples, engine = _direct_engines(copy, work, ontology, plan)
        search_on = "search" not in plan.skip and bool(plan.questions)
        if "search" not in plan.skip and not plan.questions:
            skipped["search"] = "no --gold questions"
        rows: list[LatencyRow] = []
        notes: list[str] = []
        say("serving the store")
        with served(server_for(copy, embedders)) as app:
            health = app.health
            _remember(memory, app, "service, corpus", "started (indexes loaded)")
            if sparql_on:
                say("SPARQL mix: HTTP")
                http = time_http(app.url, ontology, repeats=plan.repeats, budget_s=plan.budget_s)
                _remember(memory, app, "service, corpus", "after the SPARQL mix")
            if search_on:
                say(f"search latency: {health['passages']} passages")
                rows += measure_search(app.url, plan.questions, embedders=embedders, k=plan.k, corpus="corpus",
                                       passages=int(health["passages"]), hnsw_threshold=settings.hnsw_threshold)
                _remember(memory, app, "service, corpus", "after the searches")
        synthetic: SyntheticSet | None = None
        if search_on and plan.synthetic > 0:
            say(f"building {plan.synthetic} synthetic passages")
            synthetic = build_synthetic_store(copy, work / "synthetic", size=plan.synthetic,
                                              hnsw_threshold=settings.hnsw_threshold)
            with served(server_for(work / "synthetic", embedders)) as app:
                label = f"service, {synthetic.passages} synthetic passages"
                _remember(memory, app, label, "started (indexes loaded)")
                if int(app.health["passages"]) != synthetic.passages:
                    notes.append(f"the synthetic store was served with {app.health['passages']} passages "
                                 "(its index was rebuilt), so it was not measured")
                else:
                    say(f"search latency: {synthetic.passages} synthetic passages")
                    rows += measure_search(app.url, plan.questions, embedders=embedders, k=plan.k,
                                           corpus="synthetic", passages=synthetic.passages,
                                           hnsw_threshold=settings.hnsw_threshold)
                    _remember(memory, app, label, "after the searches")
            shutil.rmtree(work / "synthetic", ignore_errors=True)
        elif search_on:
            skipped["synthetic"] = "--synthetic 0"
        ingest: IngestSpeed | None = None
        if "ingest" not in plan.skip and plan.corpus is not None:
            say(f"ingest speed: {plan.corpus}")
            ingest = measure_ingest(plan.corpus, settings, embedders=plan.ingest_embedders or settings.embedders,
                                    workdir=work)
        elif "ingest" not in plan.skip:
            skipped["ingest"] = "no corpus folder"
    if engine is not None and engine.peak is not None:
        memory.append(engine.peak)
    sparql = (combine(oxigraph, http, rdflib, triples=triples, engine=engine, repeats=plan.repeats,
                      budget_s=plan.budget_s, cap_s=plan.cap_s) if engine is not None else None)
    search = SearchReport(len(plan.questions), plan.k, tuple(rows), synthetic, tuple(notes)) if search_on else None
    return BenchReport(os.cpu_count() or 0, load, started_at, str(plan.store), int(health["documents"]),
                       int(health["passages"]), int(health["quads"]), round(time.perf_counter() - started, 1),
                       sparql, search, ingest, tuple(memory), skipped)


def _direct_engines(copy: Path, work: Path, ontology: str, plan: BenchPlan) -> tuple[
        dict[str, EngineRun], dict[str, EngineRun], int, RdflibEngine]:
    store = open_engine(copy / "oxigraph")
    try:
        oxigraph = time_oxigraph(store, ontology, repeats=plan.repeats, budget_s=plan.budget_s)
        dump = work / "default-graph.nt"
        triples = dump_default_graph(store, dump)
    finally:
        del store  # closes the engine
    with RdflibEngine(dump) as engine:
        rdflib = time_rdflib(engine, ontology, repeats=plan.repeats, budget_s=plan.budget_s, cap_s=plan.cap_s)
    dump.unlink()
    return oxigraph, rdflib, triples, engine


def _remember(memory: list[ProcessMemory], app: ServedApp, process: str, when: str) -> None:
    memory += app.memory(process=process, when=when)


def questions_of(gold: Path) -> tuple[str, ...]:
    """The question texts of a gold folder's questions.jsonl."""
    from evaluation.gold import load_gold

    return tuple(q.question for q in load_gold(gold).questions)

