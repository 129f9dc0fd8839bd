"""Run every measurement a gold folder allows against one workspace: the ``policykg eval`` work.

Read-only on the store (the indexes are rebuilt only if they do not match it, as for any
search). Cost: one search per question and mode, plus a few SPARQL reads per gold document.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from evaluation.citations import evaluate_citations
from evaluation.extraction import evaluate_extraction
from evaluation.gold import GoldSet
from evaluation.graph_facts import GraphFacts
from evaluation.names import NameResolver
from evaluation.programs import evaluate_programs
from evaluation.report import EvalReport
from evaluation.retrieval import evaluate_retrieval
from ingest.gazetteer import build_gazetteer
from kg.workspace import Workspace

Progress = Callable[[str, int, int], None]


def run_eval(workspace: Workspace, gold: GoldSet, *, k: int = 50, progress: Progress | None = None) -> EvalReport:
    """Measure retrieval, citation links, program fields and entity/relation extraction.

    A gold part that is absent is skipped (its section is None and it is named in ``absent``).
    """
    started = time.perf_counter()
    retrieval = evaluate_retrieval(workspace, gold.questions, k=k, progress=progress) if gold.has("questions") else None
    citations = evaluate_citations(workspace, gold.citations) if gold.has("citations") else None
    programs = extraction = None
    if gold.has("programs") or gold.has("extraction"):
        facts = GraphFacts(workspace)
        if gold.has("programs"):
            resolver = NameResolver(build_gazetteer(workspace.store.raw, workspace.iris), workspace.iris)
            programs = evaluate_programs(facts, resolver, gold.programs)
        if gold.has("extraction"):
            extraction = evaluate_extraction(facts, workspace.iris, gold.extractions)
    return EvalReport(gold.folder, str(workspace.settings.store), gold.absent, retrieval, citations, programs,
                      extraction, round(time.perf_counter() - started, 3))
