"""`policykg bench` on a tiny store (3 sample sheets, use-m3 only, 2,000 synthetic passages).

Checks that every section is there with positive numbers, that the tables print exactly the
JSON's numbers, and that the measured store is left untouched. Nothing asserts a time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from api.cli_bench import register, server_command
from tests.evaluation.cli_app import make_app as make_cli_app
from tests.evaluation.tiny_store import tiny_store
from evaluation.bench.report import BenchReport, render_rich, tables
from evaluation.bench.run import BenchPlan, run_bench
from evaluation.bench.sparql_mix import QUERIES

SHEETS = ("cicte-cybersecurity-program.txt", "gelavex.txt", "mispa.txt")
QUESTIONS = ("Which programs help states draft non-proliferation laws?",
             "¿Qué programa apoya la seguridad de los puertos?",
             "cybersecurity incident response teams in the Caribbean")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Settings of a store ingested from three sample sheets with use-m3 only, and the sheets' folder."""
    return tiny_store(tmp_path_factory.mktemp("bench"), SHEETS)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def report(tiny) -> BenchReport:  # type: ignore[no-untyped-def]
    settings, sheets = tiny
    before = snapshot(settings.store)
    plan = BenchPlan(store=settings.store, questions=QUESTIONS, corpus=sheets, repeats=2, budget_s=0.5, cap_s=120,
                     synthetic=2000)
    result = run_bench(settings, plan, server_for=server_command(settings))
    assert snapshot(settings.store) == before, "the bench must not write the store it measures"
    return result


def test_every_section_has_positive_numbers(report: BenchReport) -> None:
    assert report.cores > 0 and report.documents == 3 and report.passages > 0 and not report.skipped

    sparql = report.sparql
    assert sparql is not None and sparql.triples > 0 and sparql.rdflib_triples == sparql.triples
    assert [r.query for r in sparql.rows] == [q.name for q in QUERIES]
    for r in sparql.rows:
        assert not r.note, r  # every engine answered, with the same result size
        assert r.rows is not None and r.rows >= 0
        assert all(v is not None and v > 0 for v in (r.http_ms, r.oxigraph_ms, r.rdflib_ms, r.http_ratio,
                                                     r.rdflib_ratio)), r
        assert all(n >= 1 for n in r.runs)
    assert sparql.http_ratio_geomean and sparql.rdflib_ratio_geomean

    search = report.search
    assert search is not None and search.questions == len(QUESTIONS) and not search.notes
    assert search.synthetic is not None and search.synthetic.passages == 2000
    assert {(r.corpus, r.passages, r.mode, r.embedder) for r in search.rows} == {
        (corpus, n, mode, embedder) for corpus, n in (("corpus", report.passages), ("synthetic", 2000))
        for mode, embedder in (("bm25", None), ("dense", "use-m3"), ("hybrid", "use-m3"))}
    for r in search.rows:
        assert r.questions == len(QUESTIONS) and r.cold_ms > 0 and r.service_p50_ms > 0
        assert 0 < r.p50_ms <= r.p95_ms

    ingest = report.ingest
    assert ingest is not None and [r.embedder for r in ingest.rows] == ["use-m3"]
    (row,) = ingest.rows
    assert row.documents == 3 and row.passages > 0
    assert min(row.seconds, row.documents_per_s, row.passages_per_s, row.floor_s, row.floor_passages_per_s,
               row.ingest_over_floor, row.embed_over_floor) > 0
    assert row.steps["extract"] > 0 and row.steps["embed"] > 0 and set(row.steps) >= {"read", "write", "index"}

    processes = {m.process for m in report.memory}
    assert {"service, corpus", "service, 2000 synthetic passages"} <= processes
    assert any(p.startswith("rdflib") for p in processes)
    assert all(m.peak_mb >= m.rss_mb > 0 for m in report.memory)


def numbers_match(text: str, value: object) -> bool:
    if value is None:
        return text == "–"
    if isinstance(value, (int, float)):
        return float(text) == float(value)
    return text == value


def test_the_tables_print_the_json_numbers(report: BenchReport) -> None:
    data = json.loads(json.dumps(report.as_dict()))
    by_title = {t.title: t for t in tables(report)}
    pairs = [
        (by_title["SPARQL mix: median ms per query"], data["sparql"]["rows"],
         {"rows": "rows", "HTTP ms": "http_ms", "pyoxigraph ms": "oxigraph_ms", "rdflib ms": "rdflib_ms",
          "HTTP/pyoxigraph": "http_ratio", "rdflib/pyoxigraph": "rdflib_ratio"}),
        (by_title["Search latency (ms)"], data["search"]["rows"],
         {"passages": "passages", "n": "questions", "cold ms": "cold_ms", "p50 ms": "p50_ms", "p95 ms": "p95_ms",
          "service p50 ms": "service_p50_ms"}),
        (by_title["Ingest speed"], data["ingest"]["rows"],
         {"documents": "documents", "passages": "passages", "s": "seconds", "docs/s": "documents_per_s",
          "passages/s": "passages_per_s", "floor s": "floor_s", "floor passages/s": "floor_passages_per_s",
          "ingest÷floor": "ingest_over_floor", "embed÷floor": "embed_over_floor"}),
        (by_title["Ingest time per pipeline step (s)"], [r["steps"] for r in data["ingest"]["rows"]],
         {k: k for k in ("read", "extract", "graph", "validate", "embed", "write", "index")}),
        (by_title["Memory (RSS, MB = 10^6 bytes)"], data["memory"],
         {"RSS MB": "rss_mb", "peak RSS MB (VmHWM)": "peak_mb"}),
    ]
    for table, records, columns in pairs:
        assert len(table.rows) >= len(records) > 0
        for row, record in zip(table.rows, records):
            for column, key in columns.items():
                text = row[table.columns.index(column)]
                assert numbers_match(text, record[key]), (table.title, column, text, record[key])
    geomean = by_title["SPARQL mix: median ms per query"].rows[-1]
    assert numbers_match(geomean[6], data["sparql"]["http_ratio_geomean"])
    assert numbers_match(geomean[7], data["sparql"]["rdflib_ratio_geomean"])

    from rich.console import Console

    console = Console(record=True, width=400)
    render_rich(report, console)
    printed = console.export_text()
    for table in by_title.values():
        assert table.title in printed
        assert all(cell in printed for row in table.rows for cell in row)


def make_app(settings) -> typer.Typer:  # type: ignore[no-untyped-def]
    return make_cli_app(register, settings)


def test_bench_command_json(tiny) -> None:  # type: ignore[no-untyped-def]
    settings, _ = tiny
    runner = CliRunner()
    result = runner.invoke(make_app(settings), ["bench", "--json", "--skip", "search", "--skip", "ingest",
                                                "--repeats", "1", "--budget", "0.1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["skipped"] == {"ingest": "--skip", "search": "--skip"}
    assert data["search"] is None and data["ingest"] is None
    assert len(data["sparql"]["rows"]) == len(QUERIES) and data["memory"]
    assert data["cores"] > 0 and data["store"] == str(settings.store)

    refused = runner.invoke(make_app(settings), ["bench", "--skip", "everything"])
    assert refused.exit_code == 2
