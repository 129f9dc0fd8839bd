"""The pages in a real browser on the real server (the ingested slice, real models).

Each test records every request its page makes (the ``recorded_page`` fixture fails on one
that leaves the server), runs axe-core and fails on serious or critical violations, and
saves a screenshot under var/test-output/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

from tests.web.browser import screenshot, serious_violations

Page = tuple[Any, Any]


def test_typing_a_query_shows_passages_with_marks_and_entity_chips(server: str, recorded_page: Page) -> None:
    page, _ = recorded_page
    page.goto(server + "/")
    page.fill("#q", "invasion of Kuwait by Iraq")
    page.click("button[name=do][value=search]")
    hits = page.locator("ol.hits > li")
    hits.first.wait_for()
    assert hits.count() >= 3
    assert page.locator("ol.hits mark").count() > 0  # the query's words are marked in the spans
    assert page.locator("ol.hits ul.chips a[href^='/entities/']").count() > 0
    assert "Kuwait" in hits.first.inner_text() or "Iraq" in hits.first.inner_text()
    screenshot(page, "home-results")
    assert serious_violations(page) == []


def test_a_filter_control_narrows_the_results(server: str, recorded_page: Page) -> None:
    page, _ = recorded_page
    page.goto(server + "/?q=programs")
    page.select_option("select[name=type]", "resolution")  # a change re-submits (home.js)
    page.wait_for_url(re.compile(r"type=resolution"))
    page.locator("ol.hits > li").first.wait_for()
    assert all("Resolution" in m for m in page.locator("ol.hits .meta").all_inner_texts())


def test_entity_page_groups_relations_and_following_one_opens_its_page(server: str, recorded_page: Page) -> None:
    page, _ = recorded_page
    page.goto(server + "/entities/state/GTM")
    assert page.locator("h1").inner_text() == "Guatemala"
    section = page.locator("section.relation", has=page.locator("h3", has_text="Beneficiary of"))
    assert section.count() == 1
    summary = section.locator("details.provenance summary").first
    summary.click()  # provenance on demand: the quoted span and its document
    quote = section.locator("details.provenance[open] blockquote").first
    assert quote.is_visible() and quote.locator("a[href^='/entities/document/']").count() == 1
    screenshot(page, "entity-en")
    assert serious_violations(page) == []
    link = section.locator("li > a").first
    name = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/entities/program/"))
    assert page.locator("h1").inner_text() == name
    assert page.locator("section.relation h3", has_text="Beneficiaries").count() == 1


def test_switching_to_spanish_shows_spanish_labels(server: str, recorded_page: Page) -> None:
    page, _ = recorded_page
    page.goto(server + "/entities/state/MEX")
    page.click("nav.langs a[data-lang=es]")
    page.wait_for_url(re.compile(r"lang=es"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == "México"
    assert page.locator("h2", has_text="Enunciados").count() == 1
    assert page.locator("header nav a", has_text="Buscar").count() == 1
    page.click("header .brand a")  # the chosen language follows the reader's links
    assert page.locator(".box button[value=search]").inner_text() == "Buscar"
    page.goto(server + "/entities/state/MEX?lang=es")
    screenshot(page, "entity-es")
    assert serious_violations(page) == []


def test_document_page_marks_mentions_and_the_passage_a_result_points_to(server: str, recorded_page: Page) -> None:
    page, _ = recorded_page
    page.goto(server + "/?q=mine+action+Colombia")
    page.locator("ol.hits > li a.doc").first.click()
    page.wait_for_url(re.compile(r"/entities/document/.+#"))
    assert page.locator(".doctext .passage").count() > 1
    mention = page.locator(".doctext mark.mention a").first
    assert mention.get_attribute("href", timeout=5000).startswith("/entities/")
    assert page.locator(".doctext .passage:target").count() == 1
    screenshot(page, "document")
    assert serious_violations(page) == []


def test_yasgui_runs_a_query_on_this_server_and_shows_the_table(server: str, recorded_page: Page) -> None:
    page, record = recorded_page
    page.goto(server + "/editor")
    page.locator(".yasqe .CodeMirror").wait_for()
    assert "PREFIX pkg:" in page.evaluate("() => window.policykgEditor.getTab().getQuery()")
    page.click("button[data-example='3']")  # OAS member states in Spanish
    table = page.locator(".yasr table tbody tr")
    table.first.wait_for()
    assert table.count() >= 30
    assert "México" in page.locator(".yasr table").inner_text()
    assert any(u.startswith(server + "/sparql") for u in record.urls)
    screenshot(page, "sparql-editor")
    assert serious_violations(page) == []


def test_asking_a_question_shows_answers_their_passages_and_the_sparql(server: str, recorded_page: Page) -> None:
    page, _ = recorded_page
    page.goto(server + "/")
    page.fill("#q", "Which resolutions cite resolution 660?")
    page.click(".box button[value=ask]")
    page.locator("section.answer").wait_for()
    assert page.locator("section.answer .answers a[href^='/entities/']").count() >= 1
    assert page.locator("section.answer ol.hits > li").count() >= 1
    page.click("section.answer details summary")
    assert "SELECT" in page.locator("section.answer pre").inner_text()
    editor = page.locator("section.answer a[href^='/editor?query=']")
    assert editor.count() == 1
    screenshot(page, "home-ask")
    assert serious_violations(page) == []
