"""Over plain HTTP: the page language follows ?lang= then Accept-Language; machines still get RDF."""

from __future__ import annotations

import re

import httpx


def test_accept_language_picks_the_page_language(light_server: str) -> None:
    page = httpx.get(light_server + "/entities/state/BRA",
                     headers={"Accept": "text/html", "Accept-Language": "pt-BR,pt;q=0.9,en;q=0.5"}, timeout=30)
    assert page.status_code == 200 and page.headers["content-language"] == "pt"
    assert '<html lang="pt">' in page.text and "<h1>Brasil</h1>" in page.text
    assert "Accept-Language" in page.headers["vary"]


def test_lang_parameter_wins_and_is_kept_in_links(light_server: str) -> None:
    page = httpx.get(light_server + "/entities/state/BRA", params={"lang": "fr"},
                     headers={"Accept": "text/html", "Accept-Language": "es"}, timeout=30)
    assert '<html lang="fr">' in page.text and "<h1>Brésil</h1>" in page.text
    assert "Membre de" in page.text  # a relation heading in French
    internal = [h for h in re.findall(r'href="(/entities/[^"]+)"', page.text) if "/state/BRA" not in h]  # not the switch
    assert internal and all("lang=fr" in href for href in internal)


def test_machines_still_get_rdf_from_the_same_url(light_server: str) -> None:
    turtle = httpx.get(light_server + "/entities/state/BRA", headers={"Accept": "text/turtle"}, timeout=30)
    assert turtle.headers["content-type"].startswith("text/turtle") and "Brasil" in turtle.text


def test_every_page_offers_the_four_languages(light_server: str) -> None:
    for path in ("/", "/editor", "/entities/state/BRA"):
        page = httpx.get(light_server + path, headers={"Accept": "text/html"}, timeout=30)
        assert page.status_code == 200, path
        switch = re.findall(r'data-lang="(\w+)"', page.text)
        assert switch == ["en", "es", "pt", "fr"], path


def test_documents_that_mention_an_entity_are_paged(server: str) -> None:
    first = httpx.get(server + "/entities/state/GTM", headers={"Accept": "text/html"}, timeout=60).text
    second = httpx.get(server + "/entities/state/GTM", params={"page": 2}, headers={"Accept": "text/html"},
                       timeout=60).text
    listed = [re.findall(r'<li><a href="(/entities/document/[^"]+)"', page) for page in (first, second)]
    assert len(listed[0]) == 10 and listed[1] and not set(listed[0]) & set(listed[1])
    assert re.search(r"Page 2 of \d", second) and 'rel="prev"' in second
