"""A real headless Chromium (Debian's, driven by Playwright) on the real server; every request recorded.

No browser is downloaded: Playwright drives /usr/bin/chromium (``make test`` installs it). A
machine without it fails these tests with a message saying so; they are never skipped.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("POLICYKG_TEST_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(f"the browser tests need Chromium at {CHROMIUM}: `make test` installs Debian's chromium "
                    "package (or set POLICYKG_TEST_CHROMIUM)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@dataclass
class Recorded:
    """Every URL the page asked for, and those that left the server's host."""

    host: str
    urls: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        return [u for u in self.urls if urlsplit(u).scheme not in ("data", "blob", "about")
                and urlsplit(u).netloc != self.host]


@pytest.fixture
def recorded_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[tuple[Any, Recorded]]:
    """A fresh page in a fresh context; after the test, fails if any request left the server's host."""
    server_url: str = request.getfixturevalue("server")
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    record = Recorded(urlsplit(server_url).netloc)
    page.on("request", lambda r: record.urls.append(r.url))
    page.set_default_timeout(30_000)
    yield page, record
    context.close()
    assert record.urls, "the page made no request at all"
    assert not record.outside(), f"requests left {record.host}: {record.outside()}"
