"""The measures, checked against values computed here by hand, and the whole eval on the slice store."""

from __future__ import annotations

import itertools
import json
import math
from types import SimpleNamespace

import pytest

from evaluation.metrics import PRF, collapse_to_documents, micro, paired_test, rank_metrics
from tests.conftest import shared_or_skip


# ranking metrics ---------------------------------------------------------------------------------

def test_ndcg_with_relevant_documents_at_ranks_1_and_3_of_3() -> None:
    s = rank_metrics({"q": ["a", "c"]}, {"q": ["a", "b", "c"]})
    dcg = 1 / math.log2(2) + 1 / math.log2(4)
    ideal = 1 / math.log2(2) + 1 / math.log2(3)
    assert s["ndcg@10"]["q"] == pytest.approx(dcg / ideal)  # 0.9197
    assert s["ndcg@10"]["q"] == pytest.approx(0.919720789)
    assert s["recall@10"]["q"] == 1.0
    assert s["mrr@10"]["q"] == 1.0


def test_a_relevant_document_never_retrieved_counts_in_the_ideal() -> None:
    s = rank_metrics({"q": ["a", "z"]}, {"q": ["x", "y", "a"]})
    assert s["ndcg@10"]["q"] == pytest.approx((1 / math.log2(4)) / (1 + 1 / math.log2(3)))  # 0.3066
    assert s["recall@10"]["q"] == 0.5
    assert s["mrr@10"]["q"] == pytest.approx(1 / 3)


def test_cutoffs_at_10_and_50() -> None:
    ranking = [f"d{i}" for i in range(1, 61)]
    s = rank_metrics({"q": ["d11", "d40", "d55"]}, {"q": ranking})
    assert s["recall@10"]["q"] == 0.0
    assert s["recall@50"]["q"] == pytest.approx(2 / 3)
    assert s["mrr@10"]["q"] == 0.0  # first relevant at rank 11
    assert s["ndcg@10"]["q"] == 0.0


def test_scores_belong_to_their_query_whatever_the_order() -> None:
    s = rank_metrics({"z": ["a"], "a": ["b"]}, {"z": ["a"], "a": ["x", "b"]})
    assert s["ndcg@10"] == pytest.approx({"z": 1.0, "a": 1 / math.log2(3)})
    assert s["mrr@10"] == pytest.approx({"z": 1.0, "a": 0.5})


def test_a_failed_or_empty_query_scores_zero_and_is_kept() -> None:
    s = rank_metrics({"ok": ["a"], "empty": ["b"], "failed": ["c"]}, {"ok": ["a"], "empty": []})
    assert set(s["ndcg@10"]) == {"ok", "empty", "failed"}
    for metric in s:
        assert s[metric]["empty"] == 0.0 and s[metric]["failed"] == 0.0 and s[metric]["ok"] == 1.0


def test_a_query_without_relevant_documents_is_refused() -> None:
    with pytest.raises(ValueError):
        rank_metrics({"q": []}, {"q": ["a"]})


def test_collapse_keeps_each_document_at_its_first_passage() -> None:
    hits = [SimpleNamespace(document=SimpleNamespace(source=s)) for s in ["A", "A", "B", "A", "", "C", "B"]]
    assert collapse_to_documents(hits) == ["A", "B", "C"]
    assert collapse_to_documents([]) == []


# precision / recall / F1 -------------------------------------------------------------------------

def test_prf_by_hand() -> None:
    p = PRF.of(matched_predicted=2, predicted=4, matched_gold=2, gold=3)
    assert p.precision == 0.5
    assert p.recall == pytest.approx(2 / 3)
    assert p.f1 == pytest.approx(4 / 7)  # 2 · ½ · ⅔ / (½ + ⅔)


def test_prf_micro_average_sums_counts_it_does_not_average_ratios() -> None:
    total = micro([PRF.of(1, 1, 1, 1), PRF.of(0, 3, 0, 1)])
    assert total.precision == pytest.approx(1 / 4)  # a macro average would say 1/2
    assert total.recall == pytest.approx(1 / 2)
    assert total.f1 == pytest.approx(1 / 3)


def test_prf_undefined_is_none_and_all_wrong_is_zero() -> None:
    nothing_extracted = PRF.of(0, 0, 0, 2)
    assert nothing_extracted.precision is None and nothing_extracted.recall == 0.0 and nothing_extracted.f1 is None
    assert PRF.of(0, 2, 0, 2).f1 == 0.0


# paired significance test ------------------------------------------------------------------------

def test_constant_improvement_has_the_exact_smallest_p() -> None:
    b = [0.1, 0.3, 0.0, 0.5, 0.2, 0.4, 0.6, 0.7]
    a = [x + 0.25 for x in b]
    t = paired_test(a, b, names=("new", "old"))
    assert t.n == 8 and t.resamples == 0  # 2**8 sign flips enumerated
    assert t.statistic == pytest.approx(0.25)
    assert t.p_value == pytest.approx(2 / 2 ** 8)  # only all-plus and all-minus are as extreme
    assert t.wilcoxon_p is not None and t.wilcoxon_p < 0.05


def test_randomization_p_matches_enumeration_by_hand() -> None:
    diffs = [0.5, -0.1, 0.3, 0.2, 0.4, -0.2]
    observed = abs(sum(diffs) / len(diffs))
    extreme = sum(1 for signs in itertools.product((1, -1), repeat=len(diffs))
                  if abs(sum(s * d for s, d in zip(signs, diffs)) / len(diffs)) >= observed - 1e-12)
    t = paired_test([0.5 + d for d in diffs], [0.5] * len(diffs))
    assert t.p_value == pytest.approx(extreme / 2 ** len(diffs))  # 8/64


def test_no_difference_gives_p_one() -> None:
    assert paired_test([0.2, 0.4], [0.2, 0.4]).p_value == 1.0
    symmetric = paired_test([0.6, 0.4, 0.7, 0.3], [0.5, 0.5, 0.5, 0.5])
    assert symmetric.statistic == pytest.approx(0.0) and symmetric.p_value == pytest.approx(1.0)


# the whole evaluation on the slice store ---------------------------------------------------------

def test_whole_eval_on_the_slice(settings, ingested) -> None:  # type: ignore[no-untyped-def]
    gold_dir = shared_or_skip("eval", "questions.jsonl").parent
    from evaluation.gold import load_gold
    from evaluation.report import num, render_markdown, tables
    from evaluation.suite import run_eval
    from kg.linking.expansion import open_searcher
    from kg.workspace import Workspace

    gold = load_gold(gold_dir)
    ws = Workspace(settings, read_only=True)
    try:
        indexed = list(ws.passages().dense)
        report = run_eval(ws, gold, k=50, searcher=open_searcher(ws))  # the service's searcher
    finally:
        ws.cache.close()

    r = report.retrieval
    assert r is not None and r.k == 50
    default = ws.settings.default_embedder if ws.settings.default_embedder in indexed else indexed[0]
    alternatives = [n for n in [*indexed, "all"] if n != default] if len(indexed) > 1 else []
    modes = {"bm25", "hybrid", *(f"dense:{name}" for name in indexed), *(f"hybrid:{n}" for n in alternatives),
             *(f"rrf:{name}" for name in indexed)}
    assert {m.name for m in r.modes} == modes and len(modes) >= 3
    languages = {"all", *(q.lang for q in gold.questions)}
    assert set(r.languages) == languages == {"all", "en", "es", "pt", "fr"}
    for mode in modes:
        for lang in languages:
            assert r.cell(mode, lang).questions == sum(1 for q in gold.questions if lang in ("all", q.lang))
        assert len([s for s in r.per_question if s.mode == mode]) == len(gold.questions)
    assert not r.failures
    covered = [s for s in r.per_question if s.mode == "hybrid" and s.relevant_in_store == s.relevant]
    assert covered, "some questions have all their relevant documents in the slice"
    assert sum(s.recall50 for s in covered) / len(covered) > 0
    assert r.significance is not None and r.significance.n == len(gold.questions)
    assert 0.0 <= r.significance.p_value <= 1.0

    assert report.citations is not None and report.citations.documents  # S_RES_0005, 0502, 0841, 0873
    assert report.programs is not None and report.programs.sheets
    assert report.extraction is not None and report.extraction.documents
    assert report.absent == ()

    data = json.loads(json.dumps(report.as_dict()))
    hybrid = next(c for c in data["retrieval"]["cells"] if c["mode"] == "hybrid" and c["language"] == "all")
    table = next(t for t in tables(report) if t.title == "Retrieval")
    row = next(row for row in table.rows if row[:2] == ("hybrid", "all"))
    assert row[4:] == tuple(num(hybrid[k]) for k in ("ndcg10", "recall10", "recall50", "mrr10"))
    markdown = render_markdown(report)
    for title in ("## Retrieval", "## Citations", "## Program fields", "## Entities and relations"):
        assert title in markdown
    print("\n" + markdown)
