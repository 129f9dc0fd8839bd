"""A law over HTTP: its entity page (HTML and Turtle) and the README's two SPARQL questions, on a real server."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from ingest.read import RawDocument
from tests.conftest import ROOT, TOKEN, running_server
from tests.law_samples import CANADA_EN, CANADA_FR, MEXICO_ES

BASE = "https://policykg.org/"
ELI = "http://data.europa.eu/eli/ontology#"
WORK = BASE + "id/law/can/sc-2011-c-8"


@pytest.fixture(scope="module")
def law_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a store holding two versions of one Canadian act (ingested apart) and a Mexican law."""
    from ingest.pipeline import Ingestor
    from kg.settings import Settings
    from kg.workspace import Workspace

    settings = Settings(store=tmp_path_factory.mktemp("law-store"), api_token=TOKEN, embedders=())
    ws = Workspace(settings)
    ingestor = Ingestor(ws, use_ner=False)
    for name, text in (("harbour_en", CANADA_EN), ("harbour_fr", CANADA_FR), ("materiales", MEXICO_ES)):
        report = ingestor.ingest_documents([RawDocument(name, f"{name}.txt", text, "text/plain",
                                                        hashlib.sha256(text.encode()).hexdigest())])
        assert report.added == [name] and report.documents[0]["type"] == "law"
    ws.close()
    with running_server(settings) as url:
        yield url


def test_the_law_page_shows_the_act_its_versions_and_articles(law_server: str) -> None:
    html = httpx.get(law_server + "/entities/law/can/sc-2011-c-8", headers={"Accept": "text/html"}, timeout=30)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "<h1>Harbour Security Act</h1>" in html.text
    assert "Loi sur la sécurité des ports" in html.text
    assert "/entities/law/can/sc-2011-c-8/fr" in html.text and "/entities/law/can/sc-2011-c-8/art/3.1" not in html.text
    assert "/entities/law/can/sc-2011-c-8/art/3-1" in html.text
    assert "/entities/instrument/chemical-weapons-convention" in html.text

    ttl = httpx.get(law_server + "/entities/law/can/sc-2011-c-8", headers={"Accept": "text/turtle"}, timeout=30)
    assert ttl.status_code == 200
    triples = list(parse(ttl.content, format=RdfFormat.TURTLE))
    work = NamedNode(WORK)

    def objects(predicate: str) -> set[object]:
        return {t.object for t in triples if t.subject == work and t.predicate == NamedNode(ELI + predicate)}

    assert objects("is_realized_by") == {NamedNode(WORK + "/en"), NamedNode(WORK + "/fr")}
    assert objects("jurisdiction") == {NamedNode(BASE + "id/state/CAN")}
    assert NamedNode(WORK + "/art/3") in objects("has_part")


def test_an_article_dereferences(law_server: str) -> None:
    r = httpx.get(law_server + "/id/law/can/sc-2011-c-8/art/3", follow_redirects=True, timeout=30,
                  headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and f"<{WORK}>" in r.text and "is_part_of" in r.text


def readme_queries() -> list[str]:
    text = (Path(ROOT) / "README.md").read_text(encoding="utf-8")
    laws = text[text.index("### Laws"):]
    return re.findall(r"```sparql\n(.*?)```", laws, re.S)[:2]


def select(url: str, query: str) -> list[dict[str, str]]:
    r = httpx.get(url + "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"},
                  timeout=60)
    assert r.status_code == 200, r.text
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


def test_the_readme_queries_answer_with_the_article(law_server: str) -> None:
    cwc, res1540 = readme_queries()
    rows = select(law_server, cwc)
    assert {r["state"] for r in rows} == {BASE + "id/state/CAN"}
    assert {r["law"] for r in rows} == {WORK}
    assert WORK + "/art/3" in {r.get("article") for r in rows}
    rows = select(law_server, res1540)
    assert {(r["estado"], r["ley"]) for r in rows} == {
        (BASE + "id/state/MEX", BASE + "id/law/mex/ley-federal-para-el-control-de-materiales-sensibles")}
    assert {r.get("articulo") for r in rows} == {
        BASE + "id/law/mex/ley-federal-para-el-control-de-materiales-sensibles/art/1"}
