"""The state page in headless Chromium: profile, peers and suggestions in the DOM, and the network drawn as the API says."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import running_server
from tests.web.browser import screenshot


@pytest.fixture(scope="module")
def coop_server(programs_settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with running_server(programs_settings) as url:
        yield url


@pytest.fixture
def page(browser: Any, coop_server: str) -> Iterator[tuple[Any, list[str]]]:
    context = browser.new_context(locale="es-ES", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.set_default_timeout(30_000)
    yield page, urls
    context.close()
    host = urlsplit(coop_server).netloc
    assert not [u for u in urls if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != host]


@pytest.mark.parametrize("iso3", ["PRY", "GTM"])
def test_state_page_renders_profile_peers_suggestions_and_network(page: tuple[Any, list[str]], coop_server: str,
                                                                  iso3: str) -> None:
    p, urls = page
    response = p.goto(f"{coop_server}/state/{iso3}")
    assert response.status == 200
    profile = httpx.get(f"{coop_server}/states/{iso3}", headers={"Accept-Language": "es"}, timeout=60).json()
    assert p.locator("h1#state-name").get_attribute("data-iso3") == iso3
    assert profile["label"] in p.locator("h1#state-name").inner_text()
    assert p.locator("html").get_attribute("lang") == "es"
    assert p.locator("ul[data-section=programs] > li").count() == len(profile["programs"])
    assert p.locator("ul[data-section=instruments] > li").count() == len(profile["instruments"])
    peers = httpx.get(f"{coop_server}/states/{iso3}/similar?k=8", timeout=60).json()
    assert p.locator("ol.peers > li").count() == len(peers["results"]) > 0
    suggestions = httpx.get(f"{coop_server}/cooperation", params={"state": iso3, "k": 10}, timeout=60).json()
    assert p.locator("ol.suggestions > li").count() == len(suggestions["results"]) > 0
    p.locator("ol.suggestions > li details summary").first.click()
    assert p.locator("ol.suggestions > li details[open] code").count() > 0  # the facts of the paths
    network = httpx.get(f"{coop_server}/states/{iso3}/network?lang=es", timeout=60).json()
    box = p.locator("#network[data-drawn-nodes]")
    box.wait_for(state="attached")
    assert int(box.get_attribute("data-drawn-nodes")) == len(network["nodes"]) > 1
    assert int(box.get_attribute("data-drawn-edges")) == len(network["edges"])
    assert p.evaluate("window.policykgNetwork.nodes().length") == len(network["nodes"])
    assert p.locator("#network canvas").count() > 0  # cytoscape drew on canvases
    assert any(u.endswith("/static/vendor/cytoscape/cytoscape.min.js") for u in urls)
    screenshot(p, f"state-{iso3}")


def test_unknown_state_page_is_404(page: tuple[Any, list[str]], coop_server: str) -> None:
    p, _ = page
    assert p.goto(f"{coop_server}/state/XXX").status == 404
