"""Run every measurement a gold folder allows against one workspace: the ``policykg eval`` work.

Read-only on the store (the indexes are rebuilt only if they do not match it, as for any
search). Cost: one search per question and mode, plus a few SPARQL reads per gold document;
with a sheet extractor, (2 + variants) extractions per program sheet (see
:mod:`evaluation.robustness`). Nothing here imports ``ingest``: the searcher and the sheet
extractor the service uses are passed in by the command line.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from evaluation.citations import evaluate_citations
from evaluation.extraction import evaluate_extraction
from evaluation.gold import GoldSet
from evaluation.graph_facts import GraphFacts
from evaluation.laws import evaluate_laws
from evaluation.names import ReferenceNames, reference_names, sub_organizations
from evaluation.programs import ProgramJudge, evaluate_programs
from evaluation.report import EvalReport
from evaluation.retrieval import PassageSearcher, evaluate_retrieval
from evaluation.robustness import RobustnessReport, SheetExtractor, evaluate_robustness, stored_sources
from kg.workspace import Workspace

Progress = Callable[[str, int, int], None]


def run_eval(workspace: Workspace, gold: GoldSet, *, k: int = 50, progress: Progress | None = None,
             searcher: PassageSearcher | None = None, extractor: SheetExtractor | None = None,
             variants: int = 3, seed: int = 0) -> EvalReport:
    """Measure retrieval, citation links, program fields, entity/relation extraction and law metadata; with an
    ``extractor``, also program sheets under leave-one-out and re-layout (``variants`` per sheet).

    A gold part that is absent is skipped (its section is None and it is named in ``absent``).
    """
    started = time.perf_counter()
    retrieval = (evaluate_retrieval(workspace, gold.questions, k=k, searcher=searcher, progress=progress)
                 if gold.has("questions") else None)
    citations = evaluate_citations(workspace, gold.citations) if gold.has("citations") else None
    programs = extraction = None
    robustness: RobustnessReport | None = None
    if gold.has("programs") or gold.has("extraction"):
        facts = GraphFacts.of(workspace)
        if gold.has("programs"):
            from ontology.reference import reference_quads

            reference = list(reference_quads(workspace.iris))
            names = ReferenceNames(reference_names(reference, workspace.iris), workspace.iris,
                                   parents=sub_organizations(reference))
            programs = evaluate_programs(facts, ProgramJudge(names), gold.programs)
            if extractor is not None:
                from kg.store import scratch_store

                robustness = evaluate_robustness(
                    extractor, gold.programs, sources=stored_sources(workspace.store, workspace.iris.ontology),
                    scratch=scratch_store(), ontology=workspace.iris.ontology, reference=reference, names=names,
                    development=[e.document for e in gold.extractions], variants=variants, seed=seed,
                    stored=programs, progress=progress)
        if gold.has("extraction"):
            extraction = evaluate_extraction(facts, workspace.iris, gold.extractions)
    laws = evaluate_laws(workspace, gold.laws) if gold.has("laws") else None
    return EvalReport(gold.folder, str(workspace.settings.store), gold.absent, retrieval, citations, programs,
                      extraction, round(time.perf_counter() - started, 3), robustness, laws)
