"""Gold loading from any folder: absent parts, bad lines, both extraction layouts; and the doctests."""

from __future__ import annotations

import doctest
import importlib
import json
from pathlib import Path

import pytest

from evaluation.gold import load_gold
from kg.errors import BadInput

MODULES = ("evaluation.gold", "evaluation.metrics", "evaluation.names", "evaluation.citations",
           "evaluation.graph_facts", "evaluation.extraction", "evaluation.report", "evaluation.symbols",
           "evaluation.programs", "evaluation.fitting", "evaluation.relayout", "evaluation.sheet_layout", "evaluation.robustness")


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0


def test_missing_files_are_reported_absent(tmp_path: Path) -> None:
    (tmp_path / "questions.jsonl").write_text(json.dumps(
        {"id": "q1", "lang": "es", "question": "¿Qué?", "relevant": ["doc-a"],
         "answers": [{"type": "State", "iso3": "GTM"}]}) + "\n\n")
    gold = load_gold(tmp_path)
    assert gold.absent == ("citations", "programs", "extraction", "laws")
    assert gold.has("questions") and not gold.has("programs")
    (q,) = gold.questions
    assert q.relevant == ("doc-a",) and q.answers[0].iso3 == "GTM" and q.kind == ""


def test_extraction_files_may_hold_one_record_or_a_list(tmp_path: Path) -> None:
    one = {"document": "d1", "entities": [{"id": "state:GTM", "type": "State", "label": "Guatemala"}],
           "relations": [{"s": "program:x", "p": "partner", "o": "org:y"}], "ambiguous": [{"entity": "state:GTM"}]}
    (tmp_path / "extraction-a.json").write_text(json.dumps(one))
    (tmp_path / "extraction-b.json").write_text(json.dumps([{**one, "document": "d2"}, {**one, "document": "d3"}]))
    gold = load_gold(tmp_path)
    assert [e.document for e in gold.extractions] == ["d1", "d2", "d3"]
    assert gold.extractions[0].relations[0].accept == ("partner",)  # no accept list: the relation's own name


def test_bad_lines_name_their_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "citations.jsonl").write_text('{"doc": "a", "cites": []}\n{"doc": "b"\n')
    with pytest.raises(BadInput, match=r"citations\.jsonl:2"):
        load_gold(tmp_path)
    (tmp_path / "citations.jsonl").write_text('{"doc": "a"}\n')
    with pytest.raises(BadInput, match=r"citations\.jsonl:1: missing field 'cites'"):
        load_gold(tmp_path)


def test_an_empty_or_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="no gold files"):
        load_gold(tmp_path)
    with pytest.raises(BadInput, match="does not exist"):
        load_gold(tmp_path / "nowhere")


def test_the_shared_gold_loads_whole() -> None:
    from tests.conftest import shared_or_skip

    gold = load_gold(shared_or_skip("eval"))
    assert gold.absent == ()
    # questions.jsonl (40) and questions-laws.jsonl (6) are read together
    assert len(gold.questions) == 46 and {q.lang for q in gold.questions} == {"en", "es", "pt", "fr"}
    assert len(gold.laws) == 34 and {law.jurisdiction for law in gold.laws} == {"CAN", "BRA", "MEX", "USA"}
    assert len(gold.citations) == 30 and len(gold.programs) == 16 and gold.extractions


def test_more_question_files_are_read_with_the_first(tmp_path: Path) -> None:
    row = {"id": "q1", "lang": "en", "question": "Which act?", "relevant": ["doc-a"]}
    (tmp_path / "questions-laws.jsonl").write_text(json.dumps(row) + "\n")
    gold = load_gold(tmp_path)
    assert [q.id for q in gold.questions] == ["q1"] and gold.has("questions")
    (tmp_path / "questions.jsonl").write_text(json.dumps({**row, "id": "q0"}) + "\n")
    assert [q.id for q in load_gold(tmp_path).questions] == ["q0", "q1"]


def test_law_facts_load_with_their_empty_fields(tmp_path: Path) -> None:
    (tmp_path / "law-facts.jsonl").write_text(json.dumps(
        {"document": "x", "title": "Harbour Act", "jurisdiction": "CAN", "language": "en", "number": None,
         "date": None, "parallel_version_of": "y"}) + "\n")
    (law,) = load_gold(tmp_path).laws
    assert (law.number, law.date, law.parallel_version_of) == (None, None, "y")
