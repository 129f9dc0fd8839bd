"""The W3C harness's server (one for the whole run) and its per-folder pass report."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import TOKEN
from tests.conformance.harness import load_data
from tests.conformance.manifest import EVALUATION_FOLDERS, SYNTAX_FOLDERS, available, load


@pytest.fixture(scope="session")
def w3c(light_server: str) -> Iterator[httpx.Client]:
    """An HTTP client on the light server, with every data file of the listed folders stored."""
    if not available():
        pytest.skip("../shared/conformance is not here")
    with httpx.Client(base_url=light_server, timeout=60) as client:
        load_data(client, load(EVALUATION_FOLDERS + SYNTAX_FOLDERS), TOKEN)
        yield client


_ID = re.compile(r"test_w3c_(evaluation|csv_format|syntax|protocol)\[([^/\]]+/)?")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """Print how many W3C tests pass per folder (expected failures counted apart)."""
    counts: dict[tuple[str, str], Counter[str]] = {}
    for outcome in ("passed", "failed", "xfailed", "xpassed", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            match = _ID.search(getattr(report, "nodeid", ""))
            if match and getattr(report, "when", "call") in ("call", "setup"):
                if outcome == "passed" and report.when != "call":
                    continue
                key = (match.group(1), (match.group(2) or match.group(1) + "/")[:-1])
                counts.setdefault(key, Counter())[outcome] += 1
                if outcome == "passed" and ("match", "by-value") in getattr(report, "user_properties", []):
                    counts[key]["by-value"] += 1
    if not counts:
        return
    terminalreporter.section("W3C SPARQL 1.1 over HTTP: passed / listed per folder")
    totals: dict[str, Counter[str]] = {}
    for (kind, folder), c in sorted(counts.items()):
        listed = sum(v for k, v in c.items() if k != "by-value")
        totals.setdefault(kind, Counter()).update(c)
        extra = f" ({c['by-value']} by value)" if c["by-value"] else ""
        extra += f", {c['xfailed']} expected failure(s)" if c["xfailed"] else ""
        extra += f", {c['failed']} FAILED" if c["failed"] else ""
        extra += f", {c['xpassed']} unexpectedly passing" if c["xpassed"] else ""
        terminalreporter.write_line(f"{kind:10} {folder:20} {c['passed']:4} / {listed:<4}{extra}")
    for kind, c in totals.items():
        listed = sum(v for k, v in c.items() if k != "by-value")
        terminalreporter.write_line(f"{kind:10} {'ALL':20} {c['passed']:4} / {listed:<4} "
                                    f"({100 * c['passed'] / max(listed, 1):.1f} %; {c['by-value']} by value, "
                                    f"{c['xfailed']} expected failures)")
