"""`policykg eval` through Typer: JSON and table carry the same numbers; the markdown file is written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import typer
from typer.testing import CliRunner

from api.cli_eval import register
from tests.evaluation.cli_app import make_app as make_cli_app
from tests.conftest import SHARED, shared_or_skip


def make_app(settings) -> typer.Typer:  # type: ignore[no-untyped-def]
    return make_cli_app(register, settings)


def test_eval_command_without_questions(settings, ingested, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shared_or_skip("eval")
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("citations.jsonl", "oas-program-facts.jsonl"):  # no questions: no searches, fast
        shutil.copy(SHARED / "eval" / name, gold / name)
    app = make_app(settings)
    runner = CliRunner()

    as_json = runner.invoke(app, ["eval", "--gold", str(gold), "--json", "--variants", "1"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["absent"] == ["questions", "extraction", "laws"]
    assert data["retrieval"] is None and data["extraction"] is None and data["laws"] is None
    assert data["citations"]["documents"] and data["programs"]["sheets"]
    robustness = data["robustness"]  # the program sheets of data/sample are in the slice store
    assert [c["name"] for c in robustness["conditions"]] == ["original", "leave-one-out", "re-layout"]
    assert robustness["sheets"] and robustness["variants_per_sheet"] == 1
    assert next(c for c in robustness["conditions"] if c["name"] == "re-layout")["runs"] == len(robustness["sheets"])
    assert robustness["fitting"]["special"]

    report = tmp_path / "out" / "eval.md"
    as_table = runner.invoke(app, ["eval", "--gold", str(gold), "--report", str(report), "--no-robustness"])
    assert as_table.exit_code == 0, as_table.output
    unsc = data["citations"]["unsc"]
    expected = [f"{unsc[k]:.4f}" if unsc[k] is not None else "–" for k in ("precision", "recall", "f1")]
    assert all(cell in as_table.stdout for cell in expected)
    text = report.read_text()
    assert "## Citations (eli:cites)" in text and "## Program fields" in text
    assert "| Security Council | " + " | ".join(expected) in text


def test_eval_command_refuses_a_k_past_the_limit(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "citations.jsonl").write_text('{"doc": "a", "cites": []}\n')
    result = CliRunner().invoke(make_app(settings), ["eval", "--gold", str(tmp_path), "--k", "100000"])
    assert result.exit_code == 2
